import Foundation
import HallmarkDomain
import Testing

@Suite struct MonthNumberTests {
    /// Written digit by digit, as the C library's formatting wrote it before.
    @Test("A month's name is written as printf wrote it, over every year from 0 to 9999")
    func textAsPrintf() {
        for year in 0...9999 {
            for month in [1, 9, 10, 12] {
                let n = MonthNumber.make(year: year, month: month)
                #expect(MonthNumber.text(n) == String(format: "%04d-%02d", year, month))
            }
        }
        #expect(MonthNumber.text(MonthNumber.make(year: 2024, month: 3)) == "2024-03")
        #expect(MonthNumber.parse(MonthNumber.text(MonthNumber.make(year: 2031, month: 11))) == MonthNumber.make(year: 2031, month: 11))
    }
}
