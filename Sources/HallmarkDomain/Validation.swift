import Foundation

/// A problem with one field of a form or API request, in words a council officer understands.
public struct FieldError: Error, Sendable, Equatable, Codable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Every problem found in one submission, so that the form can show them all at once.
public struct ValidationFailure: Error, Sendable, Equatable {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }
    public init(field: String, message: String) { self.errors = [FieldError(field: field, message: message)] }

    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Reads raw submitted strings field by field, collecting every problem rather than stopping
/// at the first, in the GOV.UK pattern (error summary, then a message beside each field).
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []
    public let input: [String: String]

    public init(_ input: [String: String]) { self.input = input }

    public mutating func fail(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// Free text such as a name. HTML is refused outright rather than stored and escaped,
    /// because names end up in CSV exports and e-mails where escaping is not guaranteed.
    public mutating func text(_ field: String, label: String, required: Bool = true, maxLength: Int = 200) -> String? {
        let value = (input[field] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty {
            if required { fail(field, "Enter the \(label)") }
            return nil
        }
        if value.count > maxLength {
            fail(field, "\(label.capitalisedFirst) must be \(maxLength) characters or fewer")
        } else if value.unicodeScalars.contains(where: { $0 == "<" || $0 == ">" }) {
            // By code point: "<" followed by a combining mark is one character, but still "<" to HTML.
            fail(field, "\(label.capitalisedFirst) must not contain < or >")
        } else if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            fail(field, "\(label.capitalisedFirst) must not contain control characters")
        } else {
            return value
        }
        return nil
    }

    public mutating func email(_ field: String, label: String = "email address") -> String? {
        guard let value = text(field, label: label, maxLength: 254) else { return nil }
        // By code point, and no white space of any kind: a line break in an address is how a
        // header is smuggled into an e-mail.
        let parts = value.unicodeScalars.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !value.unicodeScalars.contains(where: { $0.properties.isWhitespace })
        else {
            fail(field, "Enter an email address in the correct format, like name@example.org")
            return nil
        }
        return value.lowercased()
    }

    public mutating func choice<T: RawRepresentable & CaseIterable>(_ field: String, label: String, as type: T.Type) -> T? where T.RawValue == String {
        let raw = input[field] ?? ""
        if raw.isEmpty {
            fail(field, "Select the \(label)")
            return nil
        }
        guard let value = T(rawValue: raw) else {
            fail(field, "Select one of the listed options for the \(label)")
            return nil
        }
        return value
    }

    public mutating func code(_ field: String, label: String, allowed: Set<GSSCode.Entity>, required: Bool = true, example: String) -> GSSCode? {
        let raw = (input[field] ?? "").trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            if required { fail(field, "Enter the \(label)") }
            return nil
        }
        guard let code = GSSCode(raw, allowed: allowed) else {
            fail(field, "\(label.capitalisedFirst) must be an ONS code like \(example)")
            return nil
        }
        return code
    }

    /// A record chosen from a list, by its numeric id.
    public mutating func id<Record>(_ field: String, label: String, required: Bool = true) -> RecordID<Record>? {
        let raw = (input[field] ?? "").trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            if required { fail(field, "Select the \(label)") }
            return nil
        }
        guard let id = Int64(raw), id > 0 else {
            fail(field, "Select one of the listed options for the \(label)")
            return nil
        }
        return RecordID(id)
    }

    public mutating func date(_ field: String, label: String, required: Bool = true) -> CalendarDate? {
        let raw = (input[field] ?? "").trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            if required { fail(field, "Enter the \(label)") }
            return nil
        }
        // As typed in England: day, month and year with slashes, as well as 2026-04-01.
        let parts = raw.split(separator: "/")
        let british =
            parts.count == 3 && parts[2].count == 4
            ? Int(parts[2]).flatMap { y in Int(parts[1]).flatMap { m in Int(parts[0]).flatMap { CalendarDate(year: y, month: m, day: $0) } } } : nil
        guard let date = british ?? CalendarDate(raw) else {
            // A real date outside the years Hallmark keeps is told those years, not that it is no date.
            let iso = raw.split(separator: "-", omittingEmptySubsequences: false)
            let year = parts.count == 3 ? Int(parts[2]) : iso.count == 3 && iso[0].count == 4 ? Int(iso[0]) : nil
            fail(
                field,
                year.map { !(1900...2200).contains($0) } == true
                    ? "\(label.capitalisedFirst) must be in the years 1900 to 2200" : "\(label.capitalisedFirst) must be a real date, like 2026-04-01 or 1/4/2026")
            return nil
        }
        return date
    }

    /// A month as YYYY-MM, such as the last month of a period: the one reader of a month that
    /// every form, query and command uses, so each says the same thing when it is wrong.
    public mutating func month(_ field: String, label: String, required: Bool = true) -> Int? {
        let raw = (input[field] ?? "").trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            if required { fail(field, "Enter the \(label)") }
            return nil
        }
        guard raw.utf8.count == 7, let month = MonthNumber.parse(raw) else {
            fail(field, "Enter the \(label) as year and month, like 2022-03")
            return nil
        }
        return month
    }

    /// A number within a range, such as a weight. Commas grouping thousands are allowed.
    public mutating func number(_ field: String, label: String, in range: ClosedRange<Double>) -> Double? {
        let raw = (input[field] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if raw.isEmpty {
            fail(field, "Enter the \(label)")
            return nil
        }
        let inRange = "\(label.capitalisedFirst) must be a number from \(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound))"
        guard let value = Double(raw), !value.isNaN else {
            // A range that only keeps out the absurd is not worth reading out to someone who
            // wrote no number at all; a number too big or too small is told it.
            let any = range.lowerBound <= -1_000_000_000 && range.upperBound >= 1_000_000_000
            fail(field, any ? "\(label.capitalisedFirst) must be a number, like 27.5" : inRange)
            return nil
        }
        guard range.contains(value) else {
            fail(field, inRange)
            return nil
        }
        return value
    }

    /// An amount in pounds as people type it (£12,500, 12500.50), from nothing up to `most`;
    /// nil when it is left empty and not required, or wrong.
    public mutating func money(_ field: String, label: String, required: Bool, most: Money = .pounds(1_000_000_000)) -> Money? {
        let raw = (input[field] ?? "").trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            if required { fail(field, "Enter the \(label)") }
            return nil
        }
        guard let money = Money(raw) else {
            // Digits too many for any amount are an amount too large, not one written wrongly.
            let digits = raw.filter { !"£, ".contains($0) }
            let tooLarge = digits.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && Double(digits).map { $0 * 100 > Double(most.pence) } == true
            fail(field, tooLarge ? "The \(label) must be from £0 to \(most)" : "Enter the \(label) in pounds, like £12,500 or 12500.50")
            return nil
        }
        guard money >= .zero, money <= most else {
            fail(field, "The \(label) must be from £0 to \(most)")
            return nil
        }
        return money
    }

    /// A UK financial year as people write it (2026/27, 2026-27, 26/27).
    public mutating func financialYear(_ field: String, label: String = "financial year") -> FinancialYear? {
        let raw = (input[field] ?? "").trimmingCharacters(in: .whitespaces)
        guard let year = FinancialYear(raw) else {
            fail(field, raw.isEmpty ? "Enter the \(label)" : "Enter the \(label) like 2026/27")
            return nil
        }
        return year
    }

    /// A whole number within a range, such as a score from 1 to 5.
    public mutating func whole(_ field: String, label: String, in range: ClosedRange<Int>) -> Int? {
        let raw = (input[field] ?? "").trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            fail(field, "Enter the \(label)")
            return nil
        }
        guard let value = Int(raw), range.contains(value) else {
            fail(field, "\(label.capitalisedFirst) must be a whole number from \(Self.plain(Double(range.lowerBound))) to \(Self.plain(Double(range.upperBound)))")
            return nil
        }
        return value
    }

    /// A bound as a person writes it: 100,000, not 100000.0.
    private static func plain(_ v: Double) -> String {
        guard v == v.rounded(), abs(v) < 1e18 else { return String(v) }
        let digits = String(Int64(abs(v)))
        let grouped = digits.enumerated().map { i, c in (i > 0 && (digits.count - i) % 3 == 0 ? "," : "") + String(c) }.joined()
        return (v < 0 ? "-" : "") + grouped
    }

    public mutating func flag(_ field: String) -> Bool {
        ["on", "true", "yes", "1"].contains(input[field]?.lowercased() ?? "")
    }

    public func check() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

extension String {
    public var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
