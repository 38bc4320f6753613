import Foundation

/// The habits of word processors and keyboards that YAML misreads, found in
/// the lines of a front matter: libyaml then reports a consequence, often on
/// a later line ("« : » inattendu", "clé attendue"), where this says what
/// happened, where, and shows the line corrected.
enum YAMLHabits {
    struct Habit: Equatable {
        enum Kind: Equatable {
            /// A slip YAML misreads wherever it is, always an error: a missing
            /// (or non-breaking) space after `-` or a key's `:`, a word
            /// processor's bullet (`–`, `•`) for a list's `-`.
            case slip
            /// Typographic quotes or an apostrophe inside single quotes: the
            /// cause of a syntax error at or after their line.
            case quotes
            /// A whole value in typographic quotes that YAML reads as text: a warning.
            case quotedValue
        }

        var kind: Kind
        /// 1-based, in the YAML text; the column counts Unicode scalars.
        var line: Int
        var column: Int
        var message: String
        /// What to say when YAML failed at or after this line.
        var cause: String? = nil
    }

    private static let openingQuotes: [Character: Character] = [
        "“": "”", "„": "“", "«": "»", "‘": "’", "‚": "‘", "”": "”", "’": "’", "‹": "›",
    ]

    /// The habits of `yaml`, whose keys are `keys` (a key not among them is
    /// never taken for one, so `https://…` is not "https" without a space).
    /// A first look at each line's bytes sends only the few lines where a habit
    /// may be to `habit(in:)`: this runs on every fiche of every build.
    static func find(in yaml: String, keys: Set<String>) -> [Habit] {
        var habits: [Habit] = []
        let bytes = Array(yaml.utf8)
        /// The indentation of the key whose block scalar (`>-`, `|`) the lines are in.
        var blockIndent: Int?
        var lineStart = 0
        var number = 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            number += 1
            var index = lineStart
            while index < lineEnd, bytes[index] == 32 { index += 1 }
            let indent = index - lineStart
            if let block = blockIndent {
                if index == lineEnd || indent > block { continue }
                blockIndent = nil
            }
            func byte(_ at: Int) -> UInt8? { at < lineEnd ? bytes[at] : nil }
            guard let first = byte(index), first != UInt8(ascii: "#") else { continue }
            // `–`, `—`, `•` (E2 …) where a list's `-` would be.
            var suspect = first == 0xE2
            if first == UInt8(ascii: "-") {
                if byte(index + 1) == 32 {
                    index += 2
                    while byte(index) == 32 { index += 1 }
                } else {
                    suspect = byte(index + 1) != nil
                }
            }
            var keyEnd = index
            while let b = byte(keyEnd), (97...122).contains(b) || b == UInt8(ascii: "-") { keyEnd += 1 }
            if !suspect, keyEnd > index, byte(keyEnd) == UInt8(ascii: ":") {
                var value = keyEnd + 1
                if let next = byte(value), next != 32 {
                    suspect = true
                } else {
                    while byte(value) == 32 { value += 1 }
                    switch byte(value) {
                    case UInt8(ascii: "|"), UInt8(ascii: ">"): blockIndent = indent
                    // Quotes and brackets, checked for their end: `'`, `"`, `[`, and
                    // the first byte of “ ” ‘ ’ „ ‚ ‹ (E2) and of « (C2).
                    case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "["), 0xE2, 0xC2: suspect = true
                    default: break
                    }
                }
            }
            guard suspect else { continue }
            let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
            habits += habit(in: line[...], number: number, keys: keys)
        }
        return habits
    }

    /// `find`, the plain way: every line that is not in a block scalar nor a
    /// comment is looked at by `habit(in:)`. A test compares the two.
    static func findLineByLine(in yaml: String, keys: Set<String>) -> [Habit] {
        var habits: [Habit] = []
        var blockIndent: Int?
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            if let block = blockIndent {
                if rest.isEmpty || indent > block { continue }
                blockIndent = nil
            }
            if rest.isEmpty || rest.hasPrefix("#") { continue }
            let item = rest.hasPrefix("- ") ? rest.dropFirst(2).drop { $0 == " " } : rest
            if let colon = item.firstIndex(of: ":"), item[..<colon].allSatisfy({ $0.isLowercase || $0 == "-" }),
                let indicator = item[item.index(after: colon)...].drop(while: { $0 == " " }).first,
                indicator == "|" || indicator == ">"
            {
                blockIndent = indent
            }
            habits += habit(in: line, number: index + 1, keys: keys)
        }
        return habits
    }

    /// The habits of one line of the front matter, `number`.
    private static func habit(in line: Substring, number: Int, keys: Set<String>) -> [Habit] {
        var habits: [Habit] = []
        let indent = line.prefix { $0 == " " }.count
        var rest = line.dropFirst(indent)
        func column(_ position: Substring.Index) -> Int { line.unicodeScalars[..<position].count + 1 }
        if let bullet = rest.first, "–—•‐‑".contains(bullet) {
            let corrected = String(line.prefix(indent)) + "- " + rest.dropFirst().drop { $0 == " " }
            return [
                Habit(
                    kind: .slip, line: number, column: column(rest.startIndex),
                    message: "« \(bullet) » n'est pas un tiret de liste pour YAML (une puce de traitement de texte) : "
                        + "écrivez « \(corrected.trimmingSpaces) »")
            ]
        }
        if rest.first == "-", let next = rest.dropFirst().first, next.isLetter {
            let corrected = String(line.prefix(indent)) + "- " + rest.dropFirst()
            habits.append(
                Habit(
                    kind: .slip, line: number, column: column(rest.index(after: rest.startIndex)),
                    message: "espace manquante après « - » : écrivez « \(corrected.trimmingSpaces) »"))
            rest = rest.dropFirst()
        } else if rest.hasPrefix("- ") {
            rest = rest.dropFirst(2).drop { $0 == " " }
        }
        guard let colon = rest.firstIndex(of: ":"), keys.contains(String(rest[..<colon])) else { return habits }
        let afterColon = rest.index(after: colon)
        if afterColon < rest.endIndex, rest[afterColon] == "\u{A0}" || rest[afterColon] == "\u{202F}" {
            let key = rest[..<colon]
            let corrected = String(line[..<afterColon]) + " " + line[line.index(after: afterColon)...]
            habits.append(
                Habit(
                    kind: .slip, line: number, column: column(afterColon),
                    message: "espace insécable après « \(key): » : YAML demande une espace ordinaire ; "
                        + "écrivez « \(corrected.trimmingSpaces) »"))
            return habits
        }
        if afterColon < rest.endIndex, rest[afterColon] != " " {
            let key = rest[..<colon]
            let corrected = String(line[..<afterColon]) + " " + line[afterColon...]
            habits.append(
                Habit(
                    kind: .slip, line: number, column: column(afterColon),
                    message: "espace manquante après « \(key): » : écrivez « \(corrected.trimmingSpaces) »"))
            return habits
        }
        let value = rest[afterColon...].drop { $0 == " " }
        if let habit = quotes(value, line: line, number: number, column: column(value.startIndex)) {
            habits.append(habit)
        }
        return habits
    }

    /// Typographic quotes opening `value`, or an apostrophe ending its single quotes too soon.
    private static func quotes(_ value: Substring, line: Substring, number: Int, column: Int) -> Habit? {
        guard let first = value.first else { return nil }
        let prefix = line[..<value.startIndex]
        var text = value
        while text.last == " " { text.removeLast() }
        if let closing = openingQuotes[first] {
            let whole = text.count >= 2 && text.last == closing
            var inner = whole ? text.dropFirst().dropLast() : text.dropFirst()
            inner = inner.drop { $0 == " " || $0 == "\u{A0}" || $0 == "\u{202F}" }
            while inner.last == " " || inner.last == "\u{A0}" || inner.last == "\u{202F}" { inner.removeLast() }
            let corrected = prefix + doubleQuoted(inner)
            let marks = first == "«" ? "« »" : "\(first) \(closing)"
            let cause =
                "guillemets typographiques \(marks) : YAML ne connaît que les guillemets droits \" ; "
                + "écrivez « \(corrected.trimmingSpaces) »"
            guard whole else { return Habit(kind: .quotes, line: number, column: column, message: cause, cause: cause) }
            return Habit(
                kind: .quotedValue, line: number, column: column,
                message: "valeur entre guillemets typographiques \(marks) : ils seront publiés avec le texte ; "
                    + "pour les retirer, écrivez « \(corrected.trimmingSpaces) »", cause: cause)
        }
        if first == "\"" { return doubleQuotes(text, prefix: prefix, number: number, column: column) }
        if first == "[", !text.contains("]") {
            let message =
                "crochet « [ » ouvert et jamais fermé : YAML lit la suite comme la même liste ; "
                + "écrivez « \((prefix + text + "]").trimmingSpaces) »"
            return Habit(kind: .quotes, line: number, column: column, message: message, cause: message)
        }
        guard first == "'" else { return nil }
        // The first lone `'` after the opening one ends the value: what follows must be nothing.
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            if text[index] == "'" {
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == "'" {
                    index = text.index(after: next)
                    continue
                }
                let after = text[next...].drop { $0 == " " }
                guard let following = after.first, following != "#", following != ",", following != "]",
                    following != "}"
                else { return nil }
                let inner = text.last == "'" ? text.dropFirst().dropLast() : text.dropFirst()
                let corrected = prefix + doubleQuoted(inner)
                let message =
                    "apostrophe dans une valeur entre apostrophes : YAML y voit la fin de la valeur ; "
                    + "écrivez « \(corrected.trimmingSpaces) »"
                return Habit(
                    kind: .quotes, line: number, column: column + text.unicodeScalars[..<index].count,
                    message: message, cause: message)
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// A value between straight double quotes that ends too soon: a quote never
    /// closed, or straight quotes inside (`"Un café "pour" tous"`).
    private static func doubleQuotes(_ text: Substring, prefix: Substring, number: Int, column: Int) -> Habit? {
        var index = text.index(after: text.startIndex)
        while index < text.endIndex, text[index] != "\"" {
            // `\"` and `\\` are escapes, not the end.
            if text[index] == "\\" { index = text.index(after: index) }
            if index < text.endIndex { index = text.index(after: index) }
        }
        guard index < text.endIndex else {
            let message =
                "guillemet « \" » ouvert et jamais fermé : YAML lit la suite de l'en-tête comme la même valeur ; "
                + "écrivez « \((prefix + text + "\"").trimmingSpaces) »"
            return Habit(kind: .quotes, line: number, column: column, message: message, cause: message)
        }
        let after = text[text.index(after: index)...].drop { $0 == " " }
        guard let following = after.first, following != "#", following != ",", following != "]", following != "}"
        else { return nil }
        // Straight quotes inside: French ones say the same without ending the value.
        var inner = String(text.dropFirst().dropLast(text.last == "\"" ? 1 : 0))
        var opening = true
        inner = String(
            inner.map { character -> String in
                guard character == "\"" else { return String(character) }
                defer { opening.toggle() }
                return opening ? "« " : " »"
            }.joined())
        let message =
            "guillemets droits à l'intérieur d'une valeur entre guillemets : YAML y voit la fin de la valeur ; "
            + "écrivez « \((prefix + "\"" + inner + "\"").trimmingSpaces) »"
        return Habit(
            kind: .quotes, line: number, column: column + text.unicodeScalars[..<index].count, message: message,
            cause: message)
    }

    /// `text` between straight double quotes, as YAML reads it back.
    static func doubleQuoted(_ text: Substring) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
