import Foundation

/// The text of a source file, decoded the way editors' files arrive: a UTF-8 BOM is
/// dropped, CRLF and CR become LF, and decomposed accents (NFD) are composed (NFC).
public enum SourceText {
    /// Why bytes could not be read as UTF-8, and where.
    public struct DecodingError: Error, Equatable, Sendable {
        public var location: SourceLocation
        /// The first offending character read as Windows-1252, when the bytes decode so.
        public var windows1252: String?

        /// The French message for an editor.
        public var message: String {
            var text = "le fichier n'est pas encodé en UTF-8"
            if let windows1252 {
                text += " (il semble encodé en Windows-1252 : « \(windows1252) »)"
            }
            return text + " ; enregistrez-le en UTF-8"
        }
    }

    /// Decodes `data` as UTF-8 and normalises it.
    public static func decode(_ data: Data) -> Result<String, DecodingError> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(decodingError(bytes, at: firstInvalidUTF8Offset(bytes) ?? 0))
        }
        return .success(normalize(text))
    }

    /// Line endings to LF, then NFC.
    public static func normalize(_ text: String) -> String {
        var text = text
        if text.utf8.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return isNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// A quick yes for the text editors type: below U+0300 (Latin, Latin-1 and
    /// Latin Extended) and in general punctuation past its two singletons
    /// (U+2000, U+2001), every character is its own NFC. Anything else goes
    /// through Foundation's normalisation.
    static func isNFC(_ text: String) -> Bool {
        // On the UTF-8 bytes: a lead byte below 0xCC starts a character below U+0300;
        // E2 80 82…E2 81 AF are U+2002…U+206F.
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0xCC || (byte >= 0x80 && byte < 0xC0) {
                    index += 1
                } else if byte == 0xE2, index + 2 < bytes.count,
                    (bytes[index + 1] == 0x80 && bytes[index + 2] >= 0x82)
                        || (bytes[index + 1] == 0x81 && bytes[index + 2] < 0xB0)
                {
                    index += 3
                } else {
                    return false
                }
            }
            return true
        } ?? text.unicodeScalars.allSatisfy { $0.value < 0x300 || ($0.value >= 0x2002 && $0.value < 0x2070) }
    }

    private static func decodingError(_ bytes: [UInt8], at offset: Int) -> DecodingError {
        let lineStart = bytes[..<offset].lastIndex(of: 10).map { $0 + 1 } ?? 0
        let line = bytes[..<offset].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        // The column counts the valid characters before the bad byte on its line.
        let prefix = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
        let column = prefix.unicodeScalars.count + 1
        let cp1252 = String(data: Data(bytes[offset...offset]), encoding: .windowsCP1252)
            .flatMap { String(data: Data(bytes), encoding: .windowsCP1252) != nil ? $0 : nil }
        return DecodingError(location: SourceLocation(line: line, column: column), windows1252: cp1252)
    }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` (White_Space and the
    /// zero-width space at both ends) without Foundation's round trip through
    /// UTF-16: bodies are long.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace || scalar == "\u{200B}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
