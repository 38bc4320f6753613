import Foundation

/// Slugs: the file names of fiches and the ids of headings.
public enum Slug {
    /// Whether `text` matches `^[a-z0-9]+(-[a-z0-9]+)*$`.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else {
            return false
        }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The transliterated slug of `text`: `Alzheimer Café` → `alzheimer-cafe`.
    public static func make(from text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in fold(text).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }

    /// Lower case, without accents, with ligatures spelt out (œ → oe, æ → ae, ß → ss).
    /// Character by character: ASCII directly, the rest from a table made once
    /// by `foldedScalar`, so folding a whole catalogue's text stays cheap.
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                bytes.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
            } else if value < 0x250 {
                bytes.append(contentsOf: latin[Int(value) - 0x80])
            } else if value >= 0x2000, value < 0x2070 {
                bytes.append(contentsOf: punctuation[Int(value) - 0x2000])
            } else {
                bytes.append(contentsOf: foldedScalar(scalar).utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folds of U+0080–U+024F (Latin-1, Latin Extended A and B) and of
    /// U+2000–U+206F (general punctuation: ’, —, …, thin spaces).
    private static let latin = (0x80..<0x250).map { Array(foldedScalar(Unicode.Scalar($0)!).utf8) }
    private static let punctuation = (0x2000..<0x2070).map { Array(foldedScalar(Unicode.Scalar($0)!).utf8) }

    /// One scalar folded: its lower case, decomposed, without its combining marks.
    static func foldedScalar(_ scalar: Unicode.Scalar) -> String {
        var result = String.UnicodeScalarView()
        for scalar in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "œ": result.append(contentsOf: "oe".unicodeScalars)
            case "æ": result.append(contentsOf: "ae".unicodeScalars)
            case "ß": result.append(contentsOf: "ss".unicodeScalars)
            case "’", "‘": result.append("'")
            default:
                if scalar.properties.generalCategory != .nonspacingMark { result.append(scalar) }
            }
        }
        return String(result)
    }
}
