import HallmarkDomain

/// A budget projected over the coming years, as seed 003 §6 sets one out: income from the
/// streams recorded for each year (or, where none are recorded yet, last year's changed by an
/// assumed percentage), spending grown by an assumed percentage, the savings stated for each
/// year taken off (and kept off in later years), and the surplus or deficit that leaves.
/// Percentages are in hundredths of a per cent and every step is in whole pence, rounded half
/// up, so a reader can work each figure with a calculator.
package struct Projection: Sendable, Equatable {
    package struct Assumptions: Sendable, Equatable {
        package var from: FinancialYear
        package var years: Int
        /// Spending's growth a year (pay and prices), in hundredths of a per cent: 250 is 2.5%.
        package var costGrowth: Int
        /// Income's change a year where no streams are recorded, in hundredths of a per cent.
        package var incomeChange: Int
        /// New savings in each year after the first, by year.
        package var savings: [Money]

        package init(from: FinancialYear, years: Int, costGrowth: Int, incomeChange: Int, savings: [Money]) {
            self.from = from
            self.years = years
            self.costGrowth = costGrowth
            self.incomeChange = incomeChange
            self.savings = savings
        }
    }

    package struct Year: Sendable, Equatable {
        package var year: FinancialYear
        package var income: Money
        /// Whether the income is the streams recorded for the year, or assumed.
        package var incomeRecorded: Bool
        package var spendBeforeSavings: Money
        package var savings: Money
        package var spend: Money { spendBeforeSavings - savings }
        /// Income less spending: less than nothing is a deficit.
        package var surplus: Money { income - spend }
        package var deficitBeforeSavings: Money { income - spendBeforeSavings }
    }

    package var assumptions: Assumptions
    package var years: [Year]

    /// `amount` × (1 + hundredths ÷ 10,000), to the nearest penny, halves away from nothing.
    package static func grown(_ amount: Money, by hundredths: Int) -> Money {
        let scaled = amount.pence * Int64(10_000 + hundredths)
        let (q, r) = scaled.quotientAndRemainder(dividingBy: 10_000)
        return Money(pence: q + (abs(r) * 2 >= 10_000 ? (scaled < 0 ? -1 : 1) : 0))
    }

    /// - Parameters:
    ///   - income: the streams recorded for each year, where any are.
    ///   - baseSpend: the first year's budget.
    package static func compute(_ a: Assumptions, income: [FinancialYear: Money], baseSpend: Money) -> Projection {
        var years: [Year] = []
        var year = a.from
        var lastIncome = income[year] ?? .zero
        var lastSpend = baseSpend
        for n in 0..<a.years {
            let recorded = income[year]
            let thisIncome = n == 0 ? lastIncome : (recorded ?? grown(lastIncome, by: a.incomeChange))
            let before = n == 0 ? baseSpend : grown(lastSpend, by: a.costGrowth)
            let saving = n == 0 ? .zero : (n - 1 < a.savings.count ? a.savings[n - 1] : .zero)
            let entry = Year(year: year, income: thisIncome, incomeRecorded: n == 0 || recorded != nil, spendBeforeSavings: before, savings: saving)
            years.append(entry)
            lastIncome = thisIncome
            lastSpend = entry.spend
            year = year.next
        }
        return Projection(assumptions: a, years: years)
    }

    package static let mostYears = 5

    /// The form's assumptions, range-checked: up to five years, growth within ±50%.
    package static func assumptions(_ input: [String: String], defaultYear: FinancialYear) throws(ValidationFailure) -> Assumptions {
        var filled = input
        for (key, value) in ["from": defaultYear.description, "years": "4", "cost_growth": "2.5", "income_change": "0"] where (filled[key] ?? "").isEmpty {
            filled[key] = value
        }
        var v = Validator(filled)
        let from = v.financialYear("from", label: "first year")
        let count = v.whole("years", label: "number of years", in: 2...mostYears)
        let growth = v.number("cost_growth", label: "growth in spending a year (%)", in: -50...50)
        let change = v.number("income_change", label: "change in income a year (%)", in: -50...50)
        var savings: [Money] = []
        for n in 1..<mostYears {
            savings.append(v.money("savings_\(n)", label: "savings in year \(n + 1)", required: false, most: .pounds(100_000_000)) ?? .zero)
        }
        if let count {
            for (n, saving) in savings.enumerated() where n + 2 > count && saving != .zero {
                v.fail("savings_\(n + 1)", "Savings in year \(n + 2) are beyond the \(count) years projected: project more years, or leave it empty")
            }
        }
        try v.check()
        return Assumptions(
            from: from!, years: count!, costGrowth: Int((growth! * 100).rounded()), incomeChange: Int((change! * 100).rounded()), savings: savings)
    }
}
