/// French typography for a text the site shows: the spaces that must not break
/// a line, and guillemets nested as « … “ … ” … ». The one place these rules are.
public enum Typography {
    /// U+00A0, before « : » and inside « », between a day and its month.
    public static let space: Character = "\u{A0}"
    /// U+202F, narrower: before « ; ! ? » and between groups of digits.
    public static let narrowSpace: Character = "\u{202F}"

    private static let months: Set<String> = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre",
    ]

    /// `text` with its ordinary spaces made non-breaking where French wants it:
    /// inside « », before : ; ! ?, in numbers of five digits or more written in
    /// groups (« 100 000 »), between a day and its month (« 22 novembre »); and
    /// guillemets inside guillemets made “ ”, with no space inside. Nothing
    /// else changes. On the bytes: it runs on every text of every page.
    public static func french(_ text: String) -> String {
        // Most texts have none of what these rules are about: a space before
        // : ; ! ?, a guillemet, a digit before a space. One look at the bytes.
        guard needsWork(text) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var depth = 0
        var skipSpace = false
        var index = 0
        func at(_ position: Int) -> UInt8? { position >= 0 && position < bytes.count ? bytes[position] : nil }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xC2, at(index + 1) == 0xAB {
                depth += 1
                out += depth > 1 ? [0xE2, 0x80, 0x9C] : [0xC2, 0xAB]
                skipSpace = depth > 1
                index += 2
                continue
            }
            if byte == 0xC2, at(index + 1) == 0xBB {
                if depth > 1 {
                    if out.last == 0x20 {
                        out.removeLast()
                    } else if out.count >= 2, out[out.count - 2] == 0xC2, out.last == 0xA0 {
                        out.removeLast(2)
                    }
                    out += [0xE2, 0x80, 0x9D]
                } else {
                    out += [0xC2, 0xBB]
                }
                depth = max(depth - 1, 0)
                skipSpace = false
                index += 2
                continue
            }
            if byte == 0x20 {
                if !skipSpace { out += space(at: index, in: bytes, depth: depth) }
                skipSpace = false
                index += 1
                continue
            }
            skipSpace = false
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let nbsp: [UInt8] = [0xC2, 0xA0]
    private static let narrow: [UInt8] = [0xE2, 0x80, 0xAF]

    private static func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

    /// What the ordinary space at `index` becomes.
    private static func space(at index: Int, in bytes: [UInt8], depth: Int) -> [UInt8] {
        func at(_ position: Int) -> UInt8? { position >= 0 && position < bytes.count ? bytes[position] : nil }
        // A text may begin or end with the space: the page's next text, or
        // its previous one, is the punctuation (`<strong>x</strong> : y`, `« \(titre) »`).
        if at(index - 2) == 0xC2, at(index - 1) == 0xAB { return nbsp }
        guard let next = at(index + 1) else { return [0x20] }
        if next == 0xC2, at(index + 2) == 0xBB { return depth > 1 ? [0x20] : nbsp }
        if next == UInt8(ascii: ":") { return nbsp }
        if next == UInt8(ascii: ";") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?") { return narrow }
        guard index > 0 else { return [0x20] }
        let previous = bytes[index - 1]
        if isDigit(previous), isDigit(next) {
            // « 100 000 »: three digits after, and the group they end.
            var end = index + 1
            while isDigit(at(end)) { end += 1 }
            if end - index - 1 == 3 { return narrow }
        }
        // « 22 novembre », « 1er mai »: a day of digits (or « 1er ») then a month.
        let ordinal = previous == UInt8(ascii: "r") && at(index - 2) == UInt8(ascii: "e") && isDigit(at(index - 3))
        if isDigit(previous) || ordinal {
            var start = index - (ordinal ? 3 : 1)
            while isDigit(at(start - 1)) { start -= 1 }
            let before = at(start - 1)
            let dayAlone = before == nil || before == 0x20 || before == UInt8(ascii: "(")
            var end = index + 1
            while let byte = at(end), byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) { end += 1 }
            let word = String(decoding: bytes[(index + 1)..<end], as: UTF8.self).lowercased()
            if dayAlone, months.contains(word) { return nbsp }
        }
        return [0x20]
    }

    static func needsWork(_ text: String) -> Bool { needsWork(bytes: text.utf8) }

    /// Whether any pair of bytes is one `french` may change.
    static func needsWork<Bytes: Collection<UInt8>>(bytes: Bytes) -> Bool {
        var (third, second, previous): (UInt8, UInt8, UInt8) = (0, 0, 0)
        for byte in bytes {
            if previous == 0x20, byte == 0x3A || byte == 0x3B || byte == 0x21 || byte == 0x3F { return true }
            if previous == 0xC2, byte == 0xAB || byte == 0xBB { return true }
            if previous >= 0x30, previous <= 0x39, byte == 0x20 { return true }
            // « 1er mai ».
            if byte == 0x20, previous == UInt8(ascii: "r"), second == UInt8(ascii: "e"), third >= 0x30, third <= 0x39 {
                return true
            }
            (third, second, previous) = (second, previous, byte)
        }
        return false
    }

}
