/// A syntactically valid e-mail address (no network probe).
public struct EmailAddress: Hashable, Sendable {
    public let address: String

    public init?(_ text: String) {
        guard Self.isValid(text) else { return nil }
        address = text
    }

    /// The rules of `isValidByCharacters`, on the bytes of an ASCII address (nearly
    /// all of them): a catalogue has thousands of addresses, and checking each
    /// character against a set of `Character`s was most of reading a contact. A
    /// test compares the two on every character.
    static func isValid(_ text: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return isValidByCharacters(text) }
        let bytes = Array(text.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")),
            bytes[(at + 1)...].firstIndex(of: UInt8(ascii: "@")) == nil
        else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        let dot = UInt8(ascii: ".")
        guard !local.isEmpty, local.count <= 64, local.allSatisfy({ localBytes[Int($0)] }),
            local.first != dot, local.last != dot,
            !zip(local, local.dropFirst()).contains(where: { $0 == dot && $1 == dot })
        else { return false }
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        guard labels.count >= 2, domain.count <= 253, let tld = labels.last, tld.count >= 2, tld.allSatisfy(isLetter)
        else { return false }
        let hyphen = UInt8(ascii: "-")
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.first != hyphen && label.last != hyphen
                && label.allSatisfy { isLetter($0) || (0x30...0x39).contains($0) || $0 == hyphen }
        }
    }

    /// The rules on characters: what `isValid` says of any address.
    static func isValidByCharacters(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && isLocalPart(parts[0]) && isDomain(parts[1])
    }

    private static let localBytes = (0..<128).map { byte in localCharacters.contains(Character(Unicode.Scalar(byte)!)) }

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
