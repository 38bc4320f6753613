import Foundation

/// What `fiches new` writes for the editor to replace, and how a value still
/// holding it is recognised: a published fiche must never say "À compléter" or
/// give an example address as the contact to call. (No example phone number:
/// a well-formed one, such as the contract's 065 12 34 56, may be real.)
public enum Placeholder {
    /// Every text to fill in, in any case, with or without accents or hyphens.
    public static let text = "À compléter"
    public static let email = "a-completer@example.org"
    public static let person = "Prénom Nom"
    public static let site = "https://www.example.org"

    /// `text` and `person` as `Slug.make` writes them.
    private static let slugs = [Slug.make(from: text), Slug.make(from: person)]

    /// Whether a value, or a line of the body, still starts with a placeholder
    /// ("À compléter : deux ou trois phrases…", "- a compléter", "[À COMPLÉTER]"),
    /// the way the scaffold writes it. "Un formulaire à compléter" is prose.
    public static func isIn(_ value: some StringProtocol) -> Bool {
        // Most texts have neither "ompl" nor "nom" near their start: nothing to fold.
        let head = Array(value.utf8.prefix(40))
        func has(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard head.count >= count else { return false }
            return (0...(head.count - count)).contains { start in
                (0..<count).allSatisfy { offset in
                    let byte = head[start + offset]
                    return (byte >= 65 && byte <= 90 ? byte + 32 : byte) == word.utf8Start[offset]
                }
            }
        }
        guard has("ompl") || has("nom") else { return false }
        let slug = Slug.make(from: String(value.prefix(30))) + "-"
        return slugs.contains { slug.hasPrefix($0 + "-") }
    }

    /// `texte à compléter « À compléter : deux ou trois… »`, for a message.
    static func described(_ text: String) -> String {
        var excerpt = text.count > 30 ? String(text.prefix(30)) : text
        if excerpt.count < text.count {
            while excerpt.last == " " || excerpt.last == "," { excerpt.removeLast() }
            excerpt += "…"
        }
        return "texte à compléter « \(excerpt) »"
    }

    /// The domains kept for examples (RFC 2606 and 6761): example.org, .com and
    /// .net, and the .example, .invalid, .test and .localhost zones.
    public static func isExampleHost(_ host: String) -> Bool {
        let host = host.lowercased().trimmingSuffix(".")
        let labels = host.split(separator: ".")
        guard let last = labels.last else { return false }
        if ["example", "invalid", "test", "localhost"].contains(last) { return true }
        return labels.count >= 2 && labels[labels.count - 2] == "example" && ["org", "com", "net"].contains(last)
    }

    public static func isExample(_ email: EmailAddress) -> Bool {
        isExampleHost(String(email.address.split(separator: "@").last ?? ""))
    }

    public static func isExample(_ url: WebURL) -> Bool {
        URLComponents(string: url.absoluteString)?.host.map(isExampleHost) ?? false
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
