/// French alphabetical order: accents, ligatures and case are folded, so
/// "Écrivain public" sorts among the E; ties fall back to the exact text.
public enum FrenchOrder {
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let (ka, kb) = (Slug.fold(a), Slug.fold(b))
        return ka != kb ? ka < kb : a < b
    }
}

extension Sequence {
    /// The elements sorted in French order of the text `key` gives.
    public func sortedInFrenchOrder(by key: (Element) -> String) -> [Element] {
        map { (Slug.fold(key($0)), key($0), $0) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .map(\.2)
    }
}
