import Foundation

/// An amount of money in whole pence: stored, summed and compared as an integer, never as a
/// floating-point number, so that a column of figures adds up to the penny.
public struct Money: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic, CustomStringConvertible {
    public let pence: Int64

    public init(pence: Int64) { self.pence = pence }

    public static func pounds(_ pounds: Int64) -> Money { Money(pence: pounds * 100) }

    public static let zero = Money(pence: 0)
    public static func + (a: Money, b: Money) -> Money { Money(pence: a.pence + b.pence) }
    public static func - (a: Money, b: Money) -> Money { Money(pence: a.pence - b.pence) }
    public static prefix func - (a: Money) -> Money { Money(pence: -a.pence) }
    public static func < (a: Money, b: Money) -> Bool { a.pence < b.pence }

    public init(from decoder: any Decoder) throws { pence = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(pence)
    }

    /// As a statement prints it: £1,234.56; a whole number of pounds as £1,234; less than nothing as −£5.00.
    public var description: String {
        let sign = pence < 0 ? "−" : ""
        let whole = pence.magnitude / 100, part = pence.magnitude % 100
        return sign + "£" + Self.grouped(whole) + (part == 0 ? "" : String(format: ".%02d", part))
    }

    /// Always with pence: £1,234.00, for tables where the pence line up.
    public var exact: String {
        let sign = pence < 0 ? "−" : ""
        return sign + "£" + Self.grouped(pence.magnitude / 100) + String(format: ".%02d", pence.magnitude % 100)
    }

    /// As a spreadsheet reads it, for CSV: 1234.56 or -5.00, no pound sign or separators.
    public var plain: String {
        (pence < 0 ? "-" : "") + "\(pence.magnitude / 100)" + String(format: ".%02d", pence.magnitude % 100)
    }

    /// In a summary: £1.2m, £544k, £950.
    public var short: String {
        let sign = pence < 0 ? "−" : ""
        let pounds = Double(pence.magnitude) / 100
        if pounds >= 999_500 { return sign + "£" + String(format: "%.1fm", pounds / 1_000_000) }
        if pounds >= 10_000 { return sign + "£" + String(format: "%.0fk", pounds / 1000) }
        return sign + "£" + Self.grouped(UInt64(pounds.rounded()))
    }

    static func grouped(_ n: UInt64) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// Reads an amount as people type it or a spreadsheet exports it: "£1,234.56", "1234.5",
    /// "1,234", "-£5", "(5.00)" for a negative; nil for anything else, including more than two
    /// places of pence or a comma in the wrong place.
    public init?(_ text: String) {
        var s = text.trimmingCharacters(in: .whitespaces)
        var negative = false
        if s.hasPrefix("("), s.hasSuffix(")") {
            negative = true
            s = String(s.dropFirst().dropLast())
        }
        if s.hasPrefix("-") || s.hasPrefix("−") {
            negative.toggle()
            s = String(s.dropFirst())
        }
        if s.hasPrefix("£") { s = String(s.dropFirst()) }
        guard !s.isEmpty else { return nil }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
        // Thousands separators only where they belong: 1,234,567.
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            groups.count == 1 || (groups.first!.count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 })
        else { return nil }
        var pence: Int64 = 0
        for digit in groups.joined() {
            guard let d = digit.wholeNumberValue, pence < Int64.max / 1000 else { return nil }
            pence = pence * 10 + Int64(d)
        }
        pence *= 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            pence += Int64(fraction)! * (fraction.count == 1 ? 10 : 1)
        }
        self.pence = negative ? -pence : pence
    }
}

/// A UK financial year, 1 April to 31 March, named as councils name it: 2012/13.
public struct FinancialYear: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The calendar year it starts in.
    public let startYear: Int

    public init?(startYear: Int) {
        guard (1990...2100).contains(startYear) else { return nil }
        self.startYear = startYear
    }

    /// "2012/13", "2012-13" or "12/13"; also "2099/00" across a century.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "–" })
        guard parts.count == 2, parts[1].count == 2, let end = Int(parts[1]), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let start: Int
        switch parts[0].count {
        case 4: start = Int(parts[0])!
        case 2: start = 2000 + Int(parts[0])!
        default: return nil
        }
        guard (start + 1) % 100 == end else { return nil }
        self.init(startYear: start)
    }

    /// The year a day falls in.
    public init(containing day: CalendarDate) {
        startYear = day.month >= 4 ? day.year : day.year - 1
    }

    public var first: CalendarDate { CalendarDate(year: startYear, month: 4, day: 1)! }
    public var last: CalendarDate { CalendarDate(year: startYear + 1, month: 3, day: 31)! }
    public var description: String { "\(startYear)/" + String(format: "%02d", (startYear + 1) % 100) }
    public var next: FinancialYear { FinancialYear(startYear: startYear + 1) ?? self }
    public var previous: FinancialYear { FinancialYear(startYear: startYear - 1) ?? self }

    public static func < (a: FinancialYear, b: FinancialYear) -> Bool { a.startYear < b.startYear }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let year = FinancialYear(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(raw) is not a financial year like 2012/13"))
        }
        self = year
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
