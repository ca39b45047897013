import Testing

@testable import HallmarkDomain

/// Deadlines in working days must skip bank holidays in years GOV.UK has not yet published.
@Suite("Bank holidays")
struct BankHolidayTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso)! }

    /// GOV.UK's list for 2024 to 2028 (no one-off holidays in those years) is the reference for
    /// the rules, substitute days and all: Boxing Day 2026 on a Saturday, Christmas 2027 on one.
    @Test("The usual rules give GOV.UK's published bank holidays for every year it has published")
    func rulesMatchThePublishedList() {
        for year in WorkingDays.knownYears {
            let published = WorkingDays.published.filter { $0.hasPrefix("\(year)-") }.sorted()
            #expect(WorkingDays.usualBankHolidays(in: year).map(\.iso) == published, "\(year)")
        }
    }

    /// Easter Sundays as almanacs list them (and python-dateutil's `easter()` gives), among them
    /// the latest possible (25 April) and near the earliest (22 March).
    @Test("Easter Sunday falls where the almanacs put it")
    func easter() {
        let known = [
            2000: "2000-04-23", 2019: "2019-04-21", 2029: "2029-04-01", 2030: "2030-04-21", 2031: "2031-04-13", 2032: "2032-03-28",
            2008: "2008-03-23", 2038: "2038-04-25", 2160: "2160-03-23",
        ]
        for (year, sunday) in known { #expect(WorkingDays.easterSunday(year) == Self.day(sunday), "\(year)") }
    }

    /// By hand: from Thursday 20 December 2029, ten working days skip Christmas Day (Tuesday 25),
    /// Boxing Day and New Year's Day 2030, landing on Tuesday 8 January; from Thursday 29 March
    /// 2029, two skip Good Friday (30 March) and Easter Monday (2 April), landing on 4 April.
    @Test("A deadline after GOV.UK's list still skips the year's bank holidays, and the page is told to check it")
    func deadlinesAfterThePublishedYears() {
        #expect(WorkingDays.adding(10, to: Self.day("2029-12-20")) == Self.day("2030-01-08"))
        #expect(WorkingDays.adding(2, to: Self.day("2029-03-29")) == Self.day("2029-04-04"))
        #expect(!WorkingDays.known(Self.day("2029-12-20")) && WorkingDays.known(Self.day("2028-12-20")))
    }
}
