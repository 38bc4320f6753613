import Foundation

/// A calendar day written `YYYY-MM-DD`.
public struct ISODate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month),
            (1...Self.days(inMonth: month, of: year)).contains(day)
        else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A year-month-day date with the zeros left out (`2024-3-5`): its intent is
    /// unambiguous, so it is read, with a warning.
    public static func unpadded(_ text: String) -> ISODate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        return ISODate(year: y, month: m, day: d)
    }

    /// The ISO form of a date written another common way (`12/03/2024`, `12.03.2024`,
    /// `2024-3-5`), for the error message's suggestion.
    public static func suggestion(for text: String) -> ISODate? {
        let parts = text.split(whereSeparator: { "/.-".contains($0) }).map { Int($0) }
        guard parts.count == 3, let a = parts[0], let b = parts[1], let c = parts[2] else { return nil }
        return a > 31 ? ISODate(year: a, month: b, day: c) : ISODate(year: c, month: b, day: a)
    }

    /// Today in UTC. Only validation uses it (a `mise-a-jour` in the future is
    /// an error); no page shows it, so builds stay reproducible.
    /// Today in UTC, or the day of `SOURCE_DATE_EPOCH` (seconds since 1970) when it is set,
    /// so that a build can be replayed as of a given day (reproducible builds).
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> ISODate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let now = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)) ?? Date()
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return ISODate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// `2024-03-12`.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// `12 mars 2024`.
    public var french: String {
        let months = [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ]
        return "\(day == 1 ? "1er" : String(day)) \(months[month - 1]) \(year)"
    }

    /// This date moved by a number of months (the day clamped to the month's length).
    public func adding(months: Int) -> ISODate {
        let index = year * 12 + (month - 1) + months
        let (y, m) = (index / 12, index % 12 + 1)
        return ISODate(year: y, month: m, day: min(day, Self.days(inMonth: m, of: y)))!
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension ISODate {
    /// Whole months from `self` to `later` (0 when `later` is not a month after).
    public func months(until later: ISODate) -> Int {
        let months = (later.year - year) * 12 + (later.month - month) - (later.day < day ? 1 : 0)
        return max(0, months)
    }
}
