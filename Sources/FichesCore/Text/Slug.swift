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
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
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
