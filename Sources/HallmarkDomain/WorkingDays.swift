import Foundation

/// Counting days as statutory guidance does. Deadlines in working days (an ASB Case Review's
/// letter) skip Saturdays, Sundays and England and Wales bank holidays; deadlines in months
/// (a Domestic Homicide Review's decision) fall on the same day of a later month, or its last
/// day when the month is shorter.
public enum WorkingDays {
    /// England and Wales bank holidays, from GOV.UK (https://www.gov.uk/bank-holidays.json),
    /// substitute days included. Years outside the table are counted without bank holidays,
    /// and `known(_:)` says so, so that a page can warn.
    public static let bankHolidays: Set<String> = [
        "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
        "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
    ]
    public static let knownYears = 2024...2028

    public static func known(_ day: CalendarDate) -> Bool { knownYears.contains(day.year) }

    /// Monday 1 … Sunday 7 (ISO 8601).
    public static func weekday(_ day: CalendarDate) -> Int {
        // Zeller-free: days since Monday 2024-01-01, a Monday.
        let days = daysBetween(CalendarDate(year: 2024, month: 1, day: 1)!, day)
        return ((days % 7) + 7) % 7 + 1
    }

    public static func isWorkingDay(_ day: CalendarDate) -> Bool {
        weekday(day) <= 5 && !bankHolidays.contains(day.iso)
    }

    /// The working day `n` working days after `start` (the start itself not counted): a letter
    /// due "within 10 working days" of an application received on a Friday is due on the Friday
    /// two weeks later, later still when a bank holiday falls between.
    public static func adding(_ n: Int, to start: CalendarDate) -> CalendarDate {
        var day = start
        var left = n
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// Working days after `start` up to and including `end` (0 when `end` is not after it).
    public static func between(_ start: CalendarDate, _ end: CalendarDate) -> Int {
        var count = 0
        var day = start
        while day < end {
            day = day.adding(days: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }

    /// Calendar days from `a` to `b` (negative when `b` is earlier).
    public static func daysBetween(_ a: CalendarDate, _ b: CalendarDate) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let from = calendar.date(from: DateComponents(year: a.year, month: a.month, day: a.day))!
        let to = calendar.date(from: DateComponents(year: b.year, month: b.month, day: b.day))!
        return calendar.dateComponents([.day], from: from, to: to).day!
    }

    /// The same day `months` later; the month's last day when it has no such day (31 January
    /// plus one month is 28 or 29 February).
    public static func adding(months: Int, to start: CalendarDate) -> CalendarDate {
        let index = start.year * 12 + (start.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        return CalendarDate(year: year, month: month, day: min(start.day, CalendarDate.lastDay(month: month, year: year)))!
    }
}
