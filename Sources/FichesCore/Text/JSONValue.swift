import Foundation

/// A JSON value, written exactly as Foundation's `JSONEncoder` writes it with
/// sorted keys (pretty or compact, slashes escaped or not: a test compares
/// them on every kind of value and character), but directly: the encoder's
/// generic path took a twelfth of a large build. Optional values are left out,
/// as the encoder leaves out a `nil` property.
public enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    /// Written in the order of their keys; `nil` values are left out.
    case object(JSONMembers)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    public struct Format: Sendable {
        public var pretty: Bool
        public var escapingSlashes: Bool

        /// `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`: the open data.
        public static let readable = Format(pretty: true, escapingSlashes: false)
        /// `.sortedKeys`: the JSON-LD of the pages.
        public static let compact = Format(pretty: false, escapingSlashes: true)
        /// `.sortedKeys, .withoutEscapingSlashes`: the search files, the link origins.
        public static let compactWithSlashes = Format(pretty: false, escapingSlashes: false)
    }

    public func encoded(_ format: Format) -> Data {
        var bytes: [UInt8] = []
        write(into: &bytes, format: format, level: 0)
        return Data(bytes)
    }

    /// Appends the value at nesting `level` (for the indentation of a pretty document).
    public func write(into bytes: inout [UInt8], format: Format, level: Int) {
        switch self {
        case .string(let text): Self.write(text, into: &bytes, escapingSlashes: format.escapingSlashes)
        case .int(let number): bytes.append(contentsOf: String(number).utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.newline(&bytes, format, level + 1)
                item.write(into: &bytes, format: format, level: level + 1)
            }
            if format.pretty { Self.close(&bytes, level, empty: items.isEmpty) }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            var present = members.pairs.compactMap { key, value in value.map { (key, $0) } }
            // Members are mostly written in order already: sorted only when they are not.
            if zip(present, present.dropFirst()).contains(where: { $0.0 >= $1.0 }) {
                present.sort { $0.0 < $1.0 }
            }
            for (index, (key, value)) in present.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.newline(&bytes, format, level + 1)
                Self.write(key, into: &bytes, escapingSlashes: format.escapingSlashes)
                bytes.append(contentsOf: format.pretty ? [0x20, 0x3A, 0x20] : [0x3A])
                value.write(into: &bytes, format: format, level: level + 1)
            }
            if format.pretty { Self.close(&bytes, level, empty: present.isEmpty) }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ bytes: inout [UInt8], _ format: Format, _ level: Int) {
        guard format.pretty else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    /// Before a closing bracket: an empty collection is written with an empty line.
    private static func close(_ bytes: inout [UInt8], _ level: Int, empty: Bool) {
        if empty { bytes.append(0x0A) }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A string between quotes: `"` and `\` escaped, control characters as
    /// `\n`, `\t`… or `\u00XX`, `/` as `\/` when asked; the rest as it is, in
    /// runs between the characters to escape.
    public static func write(_ text: String, into bytes: inout [UInt8], escapingSlashes: Bool) {
        var text = text
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var run = 0
            for (index, byte) in utf8.enumerated() {
                let escape: [UInt8]
                switch byte {
                case UInt8(ascii: "\""): escape = [0x5C, 0x22]
                case UInt8(ascii: "\\"): escape = [0x5C, 0x5C]
                case UInt8(ascii: "/") where escapingSlashes: escape = [0x5C, 0x2F]
                case 0x08: escape = [0x5C, UInt8(ascii: "b")]
                case 0x09: escape = [0x5C, UInt8(ascii: "t")]
                case 0x0A: escape = [0x5C, UInt8(ascii: "n")]
                case 0x0C: escape = [0x5C, UInt8(ascii: "f")]
                case 0x0D: escape = [0x5C, UInt8(ascii: "r")]
                case 0..<0x20:
                    escape = [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                bytes.append(contentsOf: escape)
                run = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// The members of a JSON object, written `["clé": valeur]` or made from pairs.
public struct JSONMembers: Sendable, ExpressibleByDictionaryLiteral {
    public var pairs: [(String, JSONValue?)]

    public init(_ pairs: [(String, JSONValue?)]) {
        self.pairs = pairs
    }

    public init(dictionaryLiteral elements: (String, JSONValue?)...) {
        pairs = elements
    }
}
