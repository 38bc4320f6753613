/// A Belgian telephone number, written nationally (`065 12 34 56`) or
/// internationally (`+32 65 12 34 56`).
public struct PhoneNumber: Hashable, Sendable {
    /// The national digits, trunk 0 included: `065123456`.
    public let national: String

    /// Parses the way people write numbers: spaces, dots, slashes, dashes and
    /// parentheses are ignored; `+32`, `0032` and `(0)` are understood.
    public init?(_ text: String) {
        // On bytes: spaces (no-break ones too), dots, slashes and dashes left out,
        // then `(0)`, then the other parentheses; any other character but ASCII refuses it.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", ".", "-", "/", "\u{A0}", "\u{202F}": continue
            default:
                guard scalar.isASCII else { return nil }
                bytes.append(UInt8(scalar.value))
            }
        }
        var compact: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "0"),
                bytes[index + 2] == UInt8(ascii: ")")
            {
                index += 3
                continue
            }
            if bytes[index] != UInt8(ascii: "("), bytes[index] != UInt8(ascii: ")") { compact.append(bytes[index]) }
            index += 1
        }
        if compact.starts(with: Array("+32".utf8)) {
            compact = [UInt8(ascii: "0")] + compact.dropFirst(3)
        } else if compact.starts(with: Array("0032".utf8)) {
            compact = [UInt8(ascii: "0")] + compact.dropFirst(4)
        }
        guard compact.first == UInt8(ascii: "0"), compact.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        // Mobiles are 04[5-9]X XX XX XX (10 digits); fixed lines have 9 digits
        // (zone 04 is Liège's too: length tells them apart).
        let isMobile = compact.count == 10 && compact[1] == UInt8(ascii: "4") && (0x35...0x39).contains(compact[2])
        let isFixed = compact.count == 9 && compact[1] != UInt8(ascii: "0")
        guard isMobile || isFixed else { return nil }
        national = String(decoding: compact, as: UTF8.self)
    }

    /// E.164, as in a `tel:` link: `+3265123456`.
    public var e164: String { "+32" + national.dropFirst() }

    /// The Belgian grouping: `065 12 34 56`, `02 123 45 67`, `0470 12 34 56`, `0800 12 345`.
    public var display: String {
        let digits = Array(national)
        let sizes: [Int]
        if digits.count == 10 {
            sizes = [4, 2, 2, 2]
        } else if national.hasPrefix("0800") || national.hasPrefix("090") {
            sizes = [4, 2, 3]
        } else if "2349".contains(digits[1]) {
            sizes = [2, 3, 2, 2]
        } else {
            sizes = [3, 2, 2, 2]
        }
        var groups: [String] = []
        var start = 0
        for size in sizes {
            groups.append(String(digits[start..<start + size]))
            start += size
        }
        return groups.joined(separator: " ")
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
