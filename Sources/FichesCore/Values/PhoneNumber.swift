/// A Belgian telephone number, written nationally (`065 12 34 56`) or
/// internationally (`+32 65 12 34 56`).
public struct PhoneNumber: Hashable, Sendable {
    /// The national digits, trunk 0 included: `065123456`.
    public let national: String

    /// Parses the way people write numbers: spaces, dots, slashes, dashes and
    /// parentheses are ignored; `+32`, `0032` and `(0)` are understood.
    public init?(_ text: String) {
        var compact = text.filter { !" .-/\u{A0}\u{202F}".contains($0) }
            .replacingOccurrences(of: "(0)", with: "")
            .filter { $0 != "(" && $0 != ")" }
        if compact.hasPrefix("+32") {
            compact = "0" + compact.dropFirst(3)
        } else if compact.hasPrefix("0032") {
            compact = "0" + compact.dropFirst(4)
        }
        guard compact.hasPrefix("0"), compact.allSatisfy(\.isASCIIDigit) else { return nil }
        // Mobiles are 04[5-9]X XX XX XX (10 digits); fixed lines have 9 digits
        // (zone 04 is Liège's too: length tells them apart).
        let digits = Array(compact)
        let isMobile = digits.count == 10 && digits[1] == "4" && "56789".contains(digits[2])
        let isFixed = digits.count == 9 && digits[1] != "0"
        guard isMobile || isFixed else { return nil }
        national = compact
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
