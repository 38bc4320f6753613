/// French alphabetical order: accents, ligatures and case are folded, so
/// "Écrivain public" sorts among the E; ties fall back to the exact text.
public enum FrenchOrder {
    /// What a text sorts by first: its fold (`Écrivain` → `ecrivain`).
    public static func key(_ text: String) -> String { Slug.fold(text) }
}
