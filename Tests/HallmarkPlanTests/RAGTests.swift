import HallmarkAnalytics
import HallmarkDomain
import Testing

@testable import HallmarkPlan

@Suite struct RAGTests {
    /// Target 10 with 5% tolerance: amber up to 10.5 (lower is better) or down to 9.5 (higher is better).
    @Test(arguments: [
        (9.99, RAG.green), (10.0, .green), (10.01, .amber), (10.5, .amber), (10.51, .red),
    ])
    func lowerIsBetter(value: Double, expected: RAG) {
        #expect(RAG.rate(value, target: 10, tolerance: 5, polarity: .lowerIsBetter) == expected)
    }

    @Test(arguments: [
        (10.01, RAG.green), (10.0, .green), (9.99, .amber), (9.5, .amber), (9.49, .red),
    ])
    func higherIsBetter(value: Double, expected: RAG) {
        #expect(RAG.rate(value, target: 10, tolerance: 5, polarity: .higherIsBetter) == expected)
    }

    @Test func withoutAValueOrTargetItIsNotRated() {
        #expect(RAG.rate(nil, target: 10, tolerance: 5, polarity: .lowerIsBetter) == .none)
        #expect(RAG.rate(3, target: nil, tolerance: 5, polarity: .lowerIsBetter) == .none)
        // No tolerance: anything short of target is red.
        #expect(RAG.rate(10.001, target: 10, tolerance: 0, polarity: .lowerIsBetter) == .red)
    }

    /// By hand: months from April (month number 2022×12+3) of 3, 4, 5 | 6, 7, 8 | 9; 20,000
    /// residents. April–June is no calendar quarter (quarters end in March, June, September,
    /// December), so the first whole quarter is July–September... the months given start in
    /// April: April, May, June end June: (3+4+5) × 1000 ÷ 20,000 = 0.6; July–September:
    /// (6+7+8) × 1000 ÷ 20,000 = 1.05; October alone is not a whole quarter.
    @Test func quarterlyRatesFromMonthlyCounts() {
        let april2022 = 2022 * 12 + 3
        let values = IndicatorReading.crimeRates(byMonth: [3, 4, 5, 6, 7, 8, 9], firstMonth: april2022, residents: 20_000)
        #expect(values.map(\.month) == [april2022 + 2, april2022 + 5])
        #expect(values.map(\.value) == [0.6, 1.05])
        // Starting mid-quarter, the partial quarter is left out.
        let may = IndicatorReading.crimeRates(byMonth: [4, 5, 6, 7, 8], firstMonth: april2022 + 1, residents: 20_000)
        #expect(may.map(\.month) == [april2022 + 5])
        #expect(IndicatorReading.crimeRates(byMonth: [1, 2, 3], firstMonth: april2022, residents: 0).isEmpty)
    }

    /// By hand, 20,000 residents: monthly, each month alone (3 → 0.15 per 1,000). Yearly, the
    /// twelve months April 2022 to March 2023 of 1 each: 12 × 1000 ÷ 20,000 = 0.6; the months
    /// before April 2022 start no whole financial year.
    @Test func monthlyAndYearlyRatesFromMonthlyCounts() {
        let april2022 = 2022 * 12 + 3
        let monthly = IndicatorReading.crimeRates(byMonth: [3, 4, 5], firstMonth: april2022, residents: 20_000, frequency: .monthly)
        #expect(monthly.map(\.month) == [april2022, april2022 + 1, april2022 + 2])
        #expect(monthly.map(\.value) == [0.15, 0.2, 0.25])
        let fromJanuary = april2022 - 3
        let yearly = IndicatorReading.crimeRates(byMonth: Array(repeating: 1, count: 18), firstMonth: fromJanuary, residents: 20_000, frequency: .annual)
        #expect(yearly.map { MonthNumber.text($0.month) } == ["2023-03"])
        #expect(yearly.map(\.value) == [0.6])
    }

    @Test func eachFrequencyNamesItsOwnPeriods() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 29)!
        #expect(try IndicatorForm.value(["month": "2026-08", "value": "3", "source": "x"], frequency: .monthly, today: today).month == MonthNumber.parse("2026-08"))
        #expect(throws: ValidationFailure.self) { try IndicatorForm.value(["month": "2026-11", "value": "3", "source": "x"], frequency: .monthly, today: today) }  // not ended
        #expect(throws: ValidationFailure.self) { try IndicatorForm.value(["month": "2025-12", "value": "3", "source": "x"], frequency: .annual, today: today) }
        #expect(try IndicatorForm.value(["month": "2026-03", "value": "3", "source": "x"], frequency: .annual, today: today).value == 3)
        #expect(Frequency.annual.period(MonthNumber.parse("2026-03")!) == "year to March 2026")
        // A financial year in a sheet is its March; a month that ends no year is refused with its row.
        let yearly = try IndicatorImport.read("year,value\n2024/25,40\n2025/26,38\n", defaultSource: "s", frequency: .annual, today: today)
        #expect(yearly.map { MonthNumber.text($0.month) } == ["2025-03", "2026-03"])
        #expect(throws: IndicatorImport.Refused(description: "Row 2, column “year”: A financial year ends in March")) {
            try IndicatorImport.read("year,value\n2025-12,40\n", defaultSource: "s", frequency: .annual, today: today)
        }
        // The same period a year before: September 2025 beside September 2026, when held.
        let i = Indicator(
            id: 1, partnershipID: 1, priorityID: nil, name: "ASB", definition: "", unit: "reports", polarity: .lowerIsBetter, crimeTypes: [], baseline: nil, target: nil,
            tolerance: 5, owner: "x", frequency: .monthly)
        let months = (0..<13).map { MonthNumber.parse("2025-09")! + $0 }
        let r = IndicatorReading(indicator: i, values: months.enumerated().map { IndicatorValue(month: $1, value: Double(100 - $0), source: "s") })
        #expect(r.yearBefore?.month == MonthNumber.parse("2025-09") && r.changeOverYear == -12 && r.change == -1)
        #expect(IndicatorReading(indicator: i, values: Array(r.values.suffix(12))).changeOverYear == nil)
    }

    @Test func changeAndRatingReadTheLatestQuarters() {
        let i = Indicator(
            id: 1, partnershipID: 1, priorityID: nil, name: "Reoffending", definition: "", unit: "%", polarity: .lowerIsBetter, crimeTypes: [], baseline: 30, target: 25,
            tolerance: 10, owner: "IOM lead")
        let r = IndicatorReading(
            indicator: i, values: [IndicatorValue(month: 100, value: 29, source: "a"), IndicatorValue(month: 103, value: 27.25, source: "b")])
        #expect(r.change == -1.75)
        #expect(r.rag == .amber)  // 27.25 is within 10% (2.5) of 25
    }

    @Test func formsNameEachProblem() throws {
        #expect(throws: ValidationFailure.self) { try IndicatorForm.value(["month": "2026-08", "value": "3", "source": "x"]) }  // not a quarter's end
        #expect(throws: ValidationFailure.self) { try IndicatorForm.value(["month": "2026-09", "value": "lots", "source": "x"]) }
        #expect(try IndicatorForm.value(["month": "2026-09", "value": "1,234.5", "source": "IOM report"]).value == 1234.5)
        #expect(throws: ValidationFailure.self) { try IndicatorForm.validate(["name": "X", "polarity": "lower", "crime_types": "Burglary, Joyriding", "owner": "me"]) }
        let computed = try IndicatorForm.validate(["name": "X", "polarity": "lower", "crime_types": "Burglary, Robbery", "owner": "me", "target": "2.5"])
        #expect(computed.crimeTypes.map(\.rawValue) == ["Burglary", "Robbery"] && computed.target == 2.5 && computed.tolerance == 5)
        #expect(throws: ValidationFailure.self) { try PlanForms.priority(["title": "Own"], themes: []) }  // no reason
        #expect(throws: ValidationFailure.self) { try PlanForms.priority(["theme": "Made up"], themes: ["Burglary"]) }
        #expect(try PlanForms.priority(["theme": "Burglary"], themes: ["Burglary"]).title == "Burglary")
        // A quarter not yet over, or a percentage outside 0 to 100, cannot be a value.
        let today = CalendarDate("2026-11-29")!
        #expect(throws: ValidationFailure.self) { try IndicatorForm.value(["month": "2026-12", "value": "3", "source": "x"], today: today) }
        #expect(throws: ValidationFailure.self) { try IndicatorForm.value(["month": "2026-09", "value": "335", "source": "x"], unit: "% of the cohort", today: today) }
        #expect(try IndicatorForm.value(["month": "2026-09", "value": "100", "source": "x"], unit: "% of the cohort", today: today).value == 100)
        #expect(try IndicatorForm.value(["month": "2026-09", "value": "335", "source": "x"], unit: "per 100,000", today: today).value == 335)
        // Categories in any case; a target has no place beside the trend test.
        #expect(try IndicatorForm.validate(["name": "X", "polarity": "lower", "crime_types": "burglary", "owner": "me"]).crimeTypes == [.burglary])
        #expect(throws: ValidationFailure.self) {
            try IndicatorForm.validate(["name": "X", "polarity": "lower", "crime_types": "Burglary", "owner": "me", "rule": "significance", "target": "2"])
        }
    }

    /// A saved assessment's figures, cut down to what the plan reads: each theme's total,
    /// triage, classification and its criteria's scores with their rules.
    @Test func themesAreReadFromSavedFigures() {
        let json = """
            {"priorities":[{"theme":"Violence","total":72.4,"triage":{"final":"High"},"classification":{"final":"Priority"},
            "scores":{"harm":{"computed":4,"final":4,"rule":"2.10× the average incident's harm"},"trend":{"computed":5,"final":5,"rule":"K1: a significant increase"}}},
            {"theme":"Shoplifting","total":40,"triage":{"final":"Low"},"classification":{"final":"Monitor"},"scores":{}}]}
            """
        let themes = PlanService.themes(fromFigures: json)
        #expect(themes.map(\.name) == ["Violence", "Shoplifting"])
        #expect(themes[0].triage == "High")
        #expect(
            themes[0].evidence
                == "Scored 72 of 100 in the assessment’s priority matrix; triage High, priority. Criteria: harm 4 (2.10× the average incident's harm); trend 5 (K1: a significant increase)."
        )
        #expect(PlanService.themes(fromFigures: "not json").isEmpty)
    }
}

@Suite struct IndicatorImportTests {
    @Test func aSpreadsheetsQuartersAreRead() throws {
        let csv = "Quarter,Value,Source\n\n2025/26 Q4,\"1,234.5\",IOM report\n2026-06,12.5,\n2026/27 Q2,£30,Survey\n,,\n"
        let values = try IndicatorImport.read(csv, defaultSource: "file.csv")
        // 2025/26 Q4 is January to March 2026; 2026/27 Q2 is July to September 2026.
        #expect(values.map { MonthNumber.text($0.month) } == ["2026-03", "2026-06", "2026-09"])
        #expect(values.map(\.value) == [1234.5, 12.5, 30])
        #expect(values.map(\.source) == ["IOM report", "file.csv", "Survey"])
        let shares = try IndicatorImport.read("quarter,value\n2026-06,12.5%\n2026-09,80\n", defaultSource: "x", unit: "% of victims satisfied")
        #expect(shares.map(\.value) == [12.5, 80])
    }

    @Test("a percentage is refused by an indicator that counts")
    func aPercentageIsNoCount() {
        do {
            _ = try IndicatorImport.read("quarter,value\n2026-09,95%\n", defaultSource: "x", unit: "reports")
            Issue.record("read 95% as a count of reports")
        } catch {
            #expect(error.description == "Row 2, column “value”: “95%” is a percentage, but this indicator is measured in “reports”: give the value in its unit")
        }
    }

    @Test("values read as their owner wrote them: no trailing noughts")
    func valuesAsWritten() {
        #expect([120, 12.5, 0.25, 1234.567, -3, 0, -0.001, nil].map(PlanView.value) == ["120", "12.5", "0.25", "1234.57", "-3", "0", "0", "–"])
        #expect([2, -27, -1.1, 0.001, nil].map(DashboardView.signed) == ["+2", "−27", "−1.1", "No change", "–"])
    }

    @Test(arguments: [
        ("quarter,value\n2026-09,about 30\n", "Row 2, column “value”: “about 30” is not a number"),
        ("quarter,value\n2026-08,30\n", "Row 2, column “quarter”: A quarter ends in March, June, September or December"),
        ("quarter,value\n2026/27 Q5,30\n", "Row 2, column “quarter”: “2026/27 Q5” is not a period"),
        ("quarter,value\nlast spring,30\n", "Row 2, column “quarter”: “last spring” is not a period"),
        ("quarter,value\n2026-09,30\n2026/27 Q2,31\n", "Row 3: the quarter to September 2026 appears twice"),
        ("period,amount\n2026-09,30\n", "Row 1 must name a “value” column"),
        ("quarter,value\n\n", "The file has no values below its column names"),
        ("quarter,value\n2099-03,30\n", "Row 2, column “quarter”: The quarter to March 2099 has not ended yet"),
        ("", "The file is empty"),
    ])
    func badInputIsNamed(csv: String, message: String) {
        do {
            let values = try IndicatorImport.read(csv, defaultSource: "x")
            Issue.record("read \(values.count) values from a bad file")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}

@Suite struct SignificanceRuleTests {
    /// 120 crimes a year against 360: a significant rise (by the assessment's test); the same
    /// both years: no significant change.
    @Test func ratedByTheTrendTestWhicheverWayIsBetter() {
        let rise = TrendTest(earlier: Array(repeating: 10, count: 12), later: Array(repeating: 30, count: 12))
        let flat = TrendTest(earlier: Array(repeating: 20, count: 12), later: Array(repeating: 20, count: 12))
        #expect(rise.significantRise && !flat.significant)
        #expect(RAG.rate(rise, polarity: .lowerIsBetter) == .red)
        #expect(RAG.rate(rise, polarity: .higherIsBetter) == .green)
        let fall = TrendTest(earlier: Array(repeating: 30, count: 12), later: Array(repeating: 10, count: 12))
        #expect(RAG.rate(fall, polarity: .lowerIsBetter) == .green)
        #expect(RAG.rate(flat, polarity: .lowerIsBetter) == .amber)
        let i = Indicator(
            id: 1, partnershipID: 1, priorityID: nil, name: "Burglary", definition: "", unit: "", polarity: .lowerIsBetter, crimeTypes: [.burglary], baseline: nil, target: 1,
            tolerance: 5, rule: .significance, owner: "")
        // The target is not what rates it: the trend is.
        #expect(IndicatorReading(indicator: i, values: [IndicatorValue(month: 5, value: 0.1, source: "")], trend: rise).rag == .red)
        #expect(IndicatorReading(indicator: i, values: [], trend: nil).rag == .none)
    }

    @Test func onlyAComputedIndicatorIsRatedByTheTest() {
        #expect(throws: ValidationFailure.self) { try IndicatorForm.validate(["name": "X", "polarity": "lower", "owner": "me", "unit": "%", "rule": "significance"]) }
        #expect(
            (try? IndicatorForm.validate(["name": "X", "polarity": "lower", "owner": "me", "crime_types": "Burglary", "rule": "significance"]))?.rule == .significance)
    }
}
