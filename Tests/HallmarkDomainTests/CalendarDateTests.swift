import Foundation
import HallmarkDomain
import Testing

@Suite struct CalendarDateTests {
    /// Every day from 1900 to 2200: written as printf wrote it, read back, and ordered as its
    /// stored text orders, which both databases sort by.
    @Test("Every day's text is as printf wrote it, and days order as their text does")
    func textAndOrder() {
        var days: [CalendarDate] = []
        for year in 1900...2200 {
            for month in 1...12 {
                for day in 1...CalendarDate.lastDay(month: month, year: year) {
                    let date = CalendarDate(year: year, month: month, day: day)!
                    #expect(date.iso == String(format: "%04d-%02d-%02d", year, month, day))
                    #expect(CalendarDate(date.iso) == date)
                    days.append(date)
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let a = days.randomElement(using: &generator)!, b = Bool.random() ? a : days.randomElement(using: &generator)!
            #expect((a < b) == (a.iso < b.iso), "\(a) and \(b)")
        }
        #expect(days == days.sorted())
    }
}
