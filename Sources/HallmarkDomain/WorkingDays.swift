import Foundation

/// Counting days as statutory guidance does. Deadlines in working days (an ASB Case Review's
/// letter) skip Saturdays, Sundays and England and Wales bank holidays; deadlines in months
/// (a Domestic Homicide Review's decision) fall on the same day of a later month, or its last
/// day when the month is shorter.
public enum WorkingDays {
    /// England and Wales bank holidays, from GOV.UK (https://www.gov.uk/bank-holidays.json),
    /// substitute days included. Other years from 2000 to 2100 have the eight that the usual rules
    /// set (`usualBankHolidays`); a one-off holiday (a coronation's) is not known for them, and
    /// `known(_:)` says so, so that a page can warn.
    public static let bankHolidays: Set<String> = published.union(
        (2000...2100).filter { !knownYears.contains($0) }.flatMap { usualBankHolidays(in: $0).map(\.iso) })

    static let published: Set<String> = [
        "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
        "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26",
    ]
    public static let knownYears = 2024...2028

    public static func known(_ day: CalendarDate) -> Bool { knownYears.contains(day.year) }

    /// The eight bank holidays the usual rules set in England and Wales: New Year's Day, Good
    /// Friday, Easter Monday, the first and last Mondays of May, the last Monday of August,
    /// Christmas Day and Boxing Day, each falling on a Saturday or Sunday moved to the next
    /// weekday not already a holiday.
    public static func usualBankHolidays(in year: Int) -> [CalendarDate] {
        func date(_ month: Int, _ day: Int) -> CalendarDate { CalendarDate(year: year, month: month, day: day)! }
        func firstMonday(of month: Int) -> CalendarDate {
            date(month, 1 + (8 - weekday(date(month, 1))) % 7)
        }
        func lastMonday(of month: Int) -> CalendarDate {
            let last = CalendarDate.lastDay(month: month, year: year)
            return date(month, last - (weekday(date(month, last)) - 1))
        }
        let easter = easterSunday(year)
        var days = [easter.adding(days: -2), easter.adding(days: 1), firstMonday(of: 5), lastMonday(of: 5), lastMonday(of: 8)]
        // New Year's Day, Christmas and Boxing Day in turn, each to the first weekday free.
        var fixed: [CalendarDate] = []
        for day in [date(1, 1), date(12, 25), date(12, 26)] {
            var observed = day
            while weekday(observed) > 5 || fixed.contains(observed) { observed = observed.adding(days: 1) }
            fixed.append(observed)
        }
        days += fixed
        return days.sorted()
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous algorithm of 1876, as in the
    /// Book of Common Prayer's tables).
    static func easterSunday(_ year: Int) -> CalendarDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }

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
