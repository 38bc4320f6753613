/// Markup. Escaping is decided by type: a `String` interpolated into an `HTML`
/// literal is escaped (`&`, `<`, `>`, `"`, `'`), an `HTML` value goes in as it
/// is, and the literal's own text is the template's markup.
///
/// ```swift
/// let card: HTML = """
///     <h3><a href="\(link(.fiche(slug: fiche.slug)))">\(fiche.titre)</a></h3>
///     \(if: fiche.statut == .brouillon, "<strong class=\"brouillon\">Brouillon</strong>")
///     """
/// ```
public struct HTML: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup.
    public private(set) var text: String

    public init(stringLiteral value: String) {
        var interpolation = Interpolation(literalCapacity: value.utf8.count, interpolationCount: 0)
        interpolation.appendLiteral(value)
        text = interpolation.text
    }

    public init(stringInterpolation: Interpolation) {
        text = stringInterpolation.text
    }

    /// Markup made by a trusted producer: cmark-gfm in safe mode, a JSON
    /// document with no `<` (`StructuredData`).
    public init(trusted text: String) {
        self.text = text
    }

    public var description: String { text }

    public static let empty = HTML(trusted: "")

    /// What an `HTML` literal's interpolations accept.
    public struct Interpolation: StringInterpolationProtocol {
        var text: String
        /// Whether this literal's markup so far is inside a tag (`<a href="…`), a
        /// script or a style: what is written there is not text a reader sees,
        /// and gets no French typography; nor does the text of a text area or a
        /// `<pre>`, which is an editor's, given back as it is.
        private var inTag = false
        private var inRawText = false

        public init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        /// The template's own markup; its text between tags with French typography.
        /// Scanned as bytes: `<` and `>` are never inside a multi-byte character.
        public mutating func appendLiteral(_ literal: String) {
            let utf8 = literal.utf8
            var runStart = utf8.startIndex
            var index = runStart
            func appendRun(upTo end: String.Index, text run: Bool) {
                let bytes = utf8[runStart..<end]
                if run, !inRawText, Typography.needsWork(bytes: bytes) {
                    text += Typography.french(String(Substring(bytes)))
                } else {
                    text += Substring(bytes)
                }
            }
            while index < utf8.endIndex {
                let byte = utf8[index]
                if !inTag, byte == UInt8(ascii: "<") {
                    appendRun(upTo: index, text: true)
                    inTag = true
                    let rest = utf8[index...]
                    inRawText =
                        rest.starts(with: "<script".utf8) || rest.starts(with: "<style".utf8)
                        || rest.starts(with: "<textarea".utf8) || rest.starts(with: "<pre".utf8)
                        || (inRawText && !rest.starts(with: "</".utf8))
                    runStart = index
                } else if inTag, byte == UInt8(ascii: ">") {
                    let next = utf8.index(after: index)
                    appendRun(upTo: next, text: false)
                    inTag = false
                    runStart = next
                }
                index = utf8.index(after: index)
            }
            appendRun(upTo: utf8.endIndex, text: !inTag)
        }

        /// Text: escaped, and between tags with French typography.
        public mutating func appendInterpolation(_ value: String) {
            HTML.escape(
                inTag || inRawText || !Typography.needsWork(value) ? value : Typography.french(value), into: &text)
        }

        /// Markup: as it is.
        public mutating func appendInterpolation(_ html: HTML) {
            text += html.text
        }

        /// Pieces of markup, one after the other.
        public mutating func appendInterpolation(_ pieces: [HTML]) {
            for piece in pieces { text += piece.text }
        }

        public mutating func appendInterpolation(_ number: Int) {
            text += String(number)
        }

        /// `html` when `condition` holds, nothing otherwise.
        public mutating func appendInterpolation(if condition: Bool, _ html: @autoclosure () -> HTML) {
            if condition { text += html().text }
        }

        /// `html` made from `value` when there is one, nothing otherwise.
        public mutating func appendInterpolation<Value>(_ value: Value?, _ html: (Value) -> HTML) {
            if let value { text += html(value).text }
        }
    }

    /// Appends `value` to `text` with the five characters of HTML escaped, the
    /// way Mustache did (`'` as `&#39;`). Text without any of them, nearly all
    /// of it, is appended in one go.
    public static func escape(_ value: String, into text: inout String) {
        guard value.utf8.contains(where: needsEscaping) else {
            text += value
            return
        }
        var value = value
        value.withUTF8 { bytes in
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case 0x26: escaped += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
                case 0x3C: escaped += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
                case 0x3E: escaped += [0x26, 0x67, 0x74, 0x3B]  // &gt;
                case 0x22: escaped += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
                case 0x27: escaped += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
                default: escaped.append(byte)
                }
            }
            text += String(decoding: escaped, as: UTF8.self)
        }
    }

    @inline(__always)
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}
