import HallmarkDomain
import Testing

@testable import HallmarkFunding

@Suite struct ProjectionTests {
    /// Worked by hand. 2026/27: income £100,000 (recorded), budget £100,000. 2027/28: income
    /// £95,000 (recorded); spending £100,000 × 1.025 = £102,500, less £1,000 saved = £101,500;
    /// deficit £6,500 (before savings £7,500). 2028/29: no streams, so £95,000 × 0.9 = £85,500;
    /// spending £101,500 × 1.025 = £104,037.50 less £2,000 = £102,037.50; deficit £16,537.50.
    /// 2029/30: £85,500 × 0.9 = £76,950; £102,037.50 × 1.025 = £104,588.4375, to the penny
    /// £104,588.44; no savings; deficit £27,638.44.
    @Test func deficitsAfterSavingsWorkedByHand() {
        let a = Projection.Assumptions(
            from: FinancialYear("2026/27")!, years: 4, costGrowth: 250, incomeChange: -1_000, savings: [.pounds(1_000), .pounds(2_000), .zero, .zero])
        let p = Projection.compute(
            a, income: [FinancialYear("2026/27")!: .pounds(100_000), FinancialYear("2027/28")!: .pounds(95_000)], baseSpend: .pounds(100_000))
        #expect(p.years.map(\.year.description) == ["2026/27", "2027/28", "2028/29", "2029/30"])
        #expect(p.years.map(\.income) == [.pounds(100_000), .pounds(95_000), .pounds(85_500), .pounds(76_950)])
        #expect(p.years.map(\.incomeRecorded) == [true, true, false, false])
        #expect(p.years.map(\.spendBeforeSavings) == [.pounds(100_000), .pounds(102_500), Money(pence: 10_403_750), Money(pence: 10_458_844)])
        #expect(p.years.map(\.spend) == [.pounds(100_000), .pounds(101_500), Money(pence: 10_203_750), Money(pence: 10_458_844)])
        #expect(p.years.map(\.surplus) == [.zero, -.pounds(6_500), -Money(pence: 1_653_750), -Money(pence: 2_763_844)])
        #expect(p.years[1].deficitBeforeSavings == -.pounds(7_500))
    }

    /// Halves round away from nothing, in whole pence.
    @Test func growthRoundsToThePenny() {
        #expect(Projection.grown(Money(pence: 1), by: 5_000) == Money(pence: 2))
        #expect(Projection.grown(Money(pence: -1), by: 5_000) == Money(pence: -2))
        #expect(Projection.grown(Money(pence: 3), by: -5_000) == Money(pence: 2))  // 1.5p
        #expect(Projection.grown(Money(pence: 1_000), by: 1) == Money(pence: 1_000))  // 1,000.1p
    }

    @Test func assumptionsAreRangeChecked() throws {
        let year = FinancialYear("2026/27")!
        let defaults = try Projection.assumptions([:], defaultYear: year)
        #expect(defaults.from == year && defaults.years == 4 && defaults.costGrowth == 250 && defaults.incomeChange == 0)
        for bad in [["years": "9"], ["years": "1"], ["cost_growth": "80"], ["income_change": "lots"], ["from": "2026/28"], ["savings_2": "-£5"]] {
            #expect(throws: ValidationFailure.self, "\(bad)") { try Projection.assumptions(bad, defaultYear: year) }
        }
        #expect(try Projection.assumptions(["cost_growth": "2.75"], defaultYear: year).costGrowth == 275)
    }
}
