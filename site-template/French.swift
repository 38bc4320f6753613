/// Words as a French publisher writes them.
public enum French {
    /// `aucune fiche`, `1 fiche`, `3 fiches`; `none` agrees with the noun (`aucun fichier`).
    public static func count(_ number: Int, _ singular: String, _ plural: String, none: String = "aucune") -> String {
        switch number {
        case 0: return "\(none) \(singular)"
        case 1: return "1 \(singular)"
        default: return "\(number) \(plural)"
        }
    }
}
