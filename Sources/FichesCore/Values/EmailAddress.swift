/// A syntactically valid e-mail address (no network probe).
public struct EmailAddress: Hashable, Sendable {
    public let address: String

    public init?(_ text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, Self.isLocalPart(parts[0]), Self.isDomain(parts[1]) else { return nil }
        address = text
    }

    private static let localCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.")

    private static func isLocalPart(_ part: Substring) -> Bool {
        !part.isEmpty && part.count <= 64 && part.allSatisfy(localCharacters.contains)
            && !part.hasPrefix(".") && !part.hasSuffix(".") && !part.contains("..")
    }

    private static func isDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.count <= 253, let tld = labels.last,
            tld.count >= 2, tld.allSatisfy(\.isLetter)
        else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }
}
