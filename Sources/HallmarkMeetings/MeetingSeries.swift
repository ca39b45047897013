import HallmarkDomain

/// The dates of a series of meetings: the same day of the month, every so many months. A day
/// that a shorter month lacks (the 31st) falls on that month's last day.
package enum MeetingSeries {
    /// At most this many meetings are scheduled at once: five years of monthly meetings.
    package static let most = 60

    package static func dates(from first: CalendarDate, every frequency: Frequency, count: Int) -> [CalendarDate] {
        (0..<min(max(count, 0), most)).compactMap { n in
            let months = first.month - 1 + n * frequency.months
            let year = first.year + months / 12, month = months % 12 + 1
            return CalendarDate(year: year, month: month, day: min(first.day, CalendarDate.lastDay(month: month, year: year)))
        }
    }
}
