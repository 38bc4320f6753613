import Foundation

/// Slugs: the file names of fiches and the ids of headings.
public enum Slug {
    /// The slug a fiche's file gives it: its name without `.md` (`fiches/sante/alzheimer-cafe.md` → `alzheimer-cafe`).
    public static func ofFile(_ path: some StringProtocol) -> String {
        let name = path.split(separator: "/").last ?? ""
        return String(name.hasSuffix(".md") ? name.dropLast(3) : name)
    }

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
        fold(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `fold`, appended to `folded` as UTF-8: read byte by byte, the two- and
    /// three-byte characters of the tables decoded in place.
    public static func fold(_ text: String, into folded: inout [UInt8]) {
        var text = text
        folded.reserveCapacity(folded.count + text.utf8.count)
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    folded.append(lead >= 65 && lead <= 90 ? lead + 32 : lead)
                    index += 1
                    continue
                }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length where index + offset < bytes.count {
                    value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
                }
                index += length
                if value >= 0x80, value < 0x250 {
                    folded.append(
                        contentsOf: table.bytes[
                            Int(table.starts[Int(value) - 0x80])..<Int(table.starts[Int(value) - 0x80 + 1])])
                } else if value >= 0x2000, value < 0x2070 {
                    let entry = Int(value) - 0x2000 + (0x250 - 0x80)
                    folded.append(contentsOf: table.bytes[Int(table.starts[entry])..<Int(table.starts[entry + 1])])
                } else if let scalar = Unicode.Scalar(value) {
                    folded.append(contentsOf: foldedScalar(scalar).utf8)
                }
            }
        }
    }

    /// The folds of U+0080–U+024F (Latin-1, Latin Extended A and B) then of
    /// U+2000–U+206F (general punctuation: ’, —, …, thin spaces), one after the
    /// other, with where each starts.
    private static let table: (bytes: [UInt8], starts: [Int32]) = {
        var bytes: [UInt8] = []
        var starts: [Int32] = []
        for value in Array(0x80..<0x250) + Array(0x2000..<0x2070) {
            starts.append(Int32(bytes.count))
            bytes += foldedScalar(Unicode.Scalar(value)!).utf8
        }
        starts.append(Int32(bytes.count))
        return (bytes, starts)
    }()

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
