import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain

/// Which way is better for an indicator.
package enum Polarity: String, Sendable, Codable, CaseIterable {
    case lowerIsBetter = "lower", higherIsBetter = "higher"

    package var label: String { self == .lowerIsBetter ? "Lower is better" : "Higher is better" }
}

/// Red, amber or green against target; grey when there is no value or no target to judge by.
package enum RAG: String, Sendable, Codable {
    case green, amber, red, none

    package var label: String {
        switch self {
        case .green: "Green"
        case .amber: "Amber"
        case .red: "Red"
        case .none: "Not rated"
        }
    }

    /// Significantly better than the year before is green, significantly worse red, no
    /// significant change amber.
    package static func rate(_ trend: TrendTest, polarity: Polarity) -> RAG {
        guard trend.significant else { return .amber }
        return trend.significantRise == (polarity == .higherIsBetter) ? .green : .red
    }

    /// On target is green; short of it by no more than the tolerance (a percentage of the
    /// target) is amber; beyond that, red. The same rule read the other way for polarity.
    package static func rate(_ value: Double?, target: Double?, tolerance: Double, polarity: Polarity) -> RAG {
        guard let value, let target else { return .none }
        let margin = abs(target) * tolerance / 100
        switch polarity {
        case .lowerIsBetter: return value <= target ? .green : value <= target + margin ? .amber : .red
        case .higherIsBetter: return value >= target ? .green : value >= target - margin ? .amber : .red
        }
    }
}

/// How an indicator is rated: against its target, or (for one computed from the crime store)
/// by whether the latest twelve months differ significantly from the twelve before, by the
/// assessment's own trend test.
package enum RatingRule: String, Sendable, Codable, CaseIterable {
    case target, significance

    package var label: String {
        switch self {
        case .target: "Against the target"
        case .significance: "Against the year before, by the assessment’s trend test (computed indicators only)"
        }
    }
}

/// How often an indicator is measured: each value is named by the last month of its period.
package enum Frequency: String, Sendable, Codable, CaseIterable {
    case monthly, quarterly, annual

    package var label: String {
        switch self {
        case .monthly: "Monthly"
        case .quarterly: "Quarterly"
        case .annual: "Yearly (the financial year, to March)"
        }
    }

    /// Months in one period.
    package var months: Int {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .annual: 12
        }
    }

    /// The period's name in the unit of a computed indicator: "a quarter".
    package var each: String {
        switch self {
        case .monthly: "a month"
        case .quarterly: "a quarter"
        case .annual: "a year"
        }
    }

    /// Whether a period ends with this month: any month, a calendar quarter's last, or March.
    package func ends(_ month: Int) -> Bool {
        switch self {
        case .monthly: true
        case .quarterly: MonthNumber.month(month) % 3 == 0
        case .annual: MonthNumber.month(month) == 3
        }
    }

    /// What is wrong with a month that does not end a period.
    package var endRule: String {
        switch self {
        case .monthly: ""
        case .quarterly: "A quarter ends in March, June, September or December"
        case .annual: "A financial year ends in March"
        }
    }

    /// The period a value covers, named as a board paper names it.
    package func period(_ month: Int) -> String {
        switch self {
        case .monthly: MonthNumber.long(month)
        case .quarterly: "quarter to \(MonthNumber.long(month))"
        case .annual: "year to \(MonthNumber.long(month))"
        }
    }

    /// The column heading for the period a value covers.
    package var heading: String {
        switch self {
        case .monthly: "Month"
        case .quarterly: "Quarter ending"
        case .annual: "Year ending"
        }
    }
}

/// A measure of whether a priority is working: computed from the crime store (recorded crime of
/// some police.uk categories per 1,000 residents, each quarter) or entered by its owner.
package struct Indicator: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<Indicator>
    package var partnershipID: RecordID<Partnership>
    package var priorityID: RecordID<PlanPriority>?
    package var name: String
    package var definition: String
    package var unit: String
    package var polarity: Polarity
    /// The police.uk categories it counts; empty for an entered indicator.
    package var crimeTypes: [CrimeType]
    package var baseline: Double?
    package var target: Double?
    /// How far short of target, as a percentage of it, is still amber.
    package var tolerance: Double
    package var rule: RatingRule = .target
    package var owner: String
    package var frequency: Frequency = .quarterly

    package var computed: Bool { !crimeTypes.isEmpty }

    package init(
        id: RecordID<Indicator>, partnershipID: RecordID<Partnership>, priorityID: RecordID<PlanPriority>?, name: String, definition: String, unit: String,
        polarity: Polarity, crimeTypes: [CrimeType], baseline: Double?, target: Double?, tolerance: Double, rule: RatingRule = .target, owner: String,
        frequency: Frequency = .quarterly
    ) {
        self.frequency = frequency
        self.rule = rule
        self.id = id
        self.partnershipID = partnershipID
        self.priorityID = priorityID
        self.name = name
        self.definition = definition
        self.unit = unit
        self.polarity = polarity
        self.crimeTypes = crimeTypes
        self.baseline = baseline
        self.target = target
        self.tolerance = tolerance
        self.owner = owner
    }
}

/// One period's value, the period named by its last month.
package struct IndicatorValue: Sendable, Equatable, Codable {
    package var month: Int
    package var value: Double
    package var source: String
    /// When and by whom an entered value was last entered; nil for a computed one.
    package var enteredAt: Int64? = nil
    package var enteredBy: String = ""

    package init(month: Int, value: Double, source: String, enteredAt: Int64? = nil, enteredBy: String = "") {
        self.month = month
        self.value = value
        self.source = source
        self.enteredAt = enteredAt
        self.enteredBy = enteredBy
    }
}

/// An indicator with its values, latest last, and what they say.
package struct IndicatorReading: Sendable, Equatable {
    package var indicator: Indicator
    package var values: [IndicatorValue]
    /// For a computed indicator with 24 months held: the latest twelve against the twelve before.
    package var trend: TrendTest? = nil

    package init(indicator: Indicator, values: [IndicatorValue], trend: TrendTest? = nil) {
        self.indicator = indicator
        self.values = values
        self.trend = trend
    }

    package var latest: IndicatorValue? { values.last }
    package var previous: IndicatorValue? { values.count > 1 ? values[values.count - 2] : nil }
    package var change: Double? { latest.flatMap { l in previous.map { l.value - $0.value } } }
    /// The value for the same period a year before the latest, when held.
    package var yearBefore: IndicatorValue? { latest.flatMap { l in values.last { $0.month == l.month - 12 } } }
    package var changeOverYear: Double? { latest.flatMap { l in yearBefore.map { l.value - $0.value } } }
    package var rag: RAG {
        switch indicator.rule {
        case .target: return RAG.rate(latest?.value, target: indicator.target, tolerance: indicator.tolerance, polarity: indicator.polarity)
        case .significance: return trend.map { RAG.rate($0, polarity: indicator.polarity) } ?? .none
        }
    }

    /// Rates per 1,000 residents from monthly counts of the chosen categories: one for each
    /// period whose months are all held.
    package static func crimeRates(byMonth counts: [Int], firstMonth: Int, residents: Int, frequency: Frequency = .quarterly) -> [IndicatorValue] {
        let n = frequency.months
        guard residents > 0 else { return [] }
        return counts.indices.dropFirst(n - 1).filter { frequency.ends(firstMonth + $0) }.map { i in
            let count = counts[(i - n + 1)...i].reduce(0, +)
            return IndicatorValue(month: firstMonth + i, value: Double(count) * 1000 / Double(residents), source: "police.uk recorded crime")
        }
    }
}

/// An indicator as the form gives it, checked.
package enum IndicatorForm {
    package static func validate(_ input: [String: String]) throws(ValidationFailure) -> (
        name: String, definition: String, unit: String, polarity: Polarity, crimeTypes: [CrimeType], baseline: Double?, target: Double?, tolerance: Double,
        rule: RatingRule, owner: String, frequency: Frequency
    ) {
        var v = Validator(input)
        let name = v.text("name", label: "indicator’s name", maxLength: 160)
        let definition = v.text("definition", label: "definition", required: false, maxLength: 2000) ?? ""
        let polarity = v.choice("polarity", label: "which way is better", as: Polarity.self)
        let types = (input["crime_types"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var crimeTypes: [CrimeType] = []
        for t in types {
            if let type = CrimeType.allCases.first(where: { $0.rawValue.lowercased() == t.lowercased() }) {
                crimeTypes.append(type)
            } else {
                v.fail("crime_types", "“\(t)” is not a police.uk crime category; they are: " + CrimeType.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        let frequency = (input["frequency"] ?? "").isEmpty ? .quarterly : v.choice("frequency", label: "how often it is measured", as: Frequency.self)
        let unit = crimeTypes.isEmpty ? v.text("unit", label: "unit", maxLength: 60) ?? "" : "crimes per 1,000 residents \((frequency ?? .quarterly).each)"
        func optional(_ field: String, _ label: String) -> Double? {
            (input[field] ?? "").trimmingCharacters(in: .whitespaces).isEmpty ? nil : v.number(field, label: label, in: -1_000_000_000...1_000_000_000)
        }
        let baseline = optional("baseline", "baseline")
        let target = optional("target", "target")
        let tolerance = (input["tolerance"] ?? "").isEmpty ? 5 : v.number("tolerance", label: "amber within, %,", in: 0...100) ?? 5
        let rule = (input["rule"] ?? "").isEmpty ? .target : v.choice("rule", label: "how it is rated", as: RatingRule.self)
        if rule == .significance, crimeTypes.isEmpty {
            v.fail("rule", "Only an indicator computed from police.uk categories can be rated by the trend test")
        }
        if rule == .significance, target != nil { v.fail("target", "An indicator rated by the trend test has no target: leave the target empty") }
        let owner = v.text("owner", label: "owner", maxLength: 120)
        try v.check()
        return (name!, definition, unit, polarity!, crimeTypes, baseline, target, tolerance, rule!, owner!, frequency!)
    }

    /// Why a value cannot be the indicator's for that period, if it cannot: a month that does not
    /// end one, a period that has not ended yet, or a percentage outside 0 to 100.
    package static func problem(
        _ month: Int, _ value: Double, unit: String, frequency: Frequency = .quarterly, today: CalendarDate
    ) -> (field: String, message: String)? {
        let current = today.year * 12 + today.month - 1
        if !frequency.ends(month) { return ("month", frequency.endRule) }
        if month >= current { return ("month", "The \(frequency.period(month)) has not ended yet") }
        if unit.hasPrefix("%"), !(0...100).contains(value) {
            return ("value", "\(unit.prefix(1).uppercased() + unit.dropFirst()) must be from 0 to 100, not \(PlanView.value(value))")
        }
        return nil
    }

    /// One period's value as its owner enters it: the period's last month, the value and where it came from.
    package static func value(
        _ input: [String: String], unit: String = "", frequency: Frequency = .quarterly, today: CalendarDate = .today()
    ) throws(ValidationFailure) -> IndicatorValue {
        // The value too, as a sheet writes it: £1,234.50, or 12.5% for an indicator measured in
        // percentages (as the import takes it: 95% is no count of reports).
        var input = input
        if let typed = input["value"], let read = IndicatorImport.number(typed), !read.percent || unit.hasPrefix("%") { input["value"] = "\(read.value)" }
        var v = Validator(input)
        // The period as a sheet names it too: 2026-09, 2026/27 Q2 or 2026/27.
        let raw = (input["month"] ?? "").trimmingCharacters(in: .whitespaces)
        let month = raw.isEmpty ? nil : IndicatorImport.period(raw)
        if raw.isEmpty {
            v.fail("month", "Enter the period’s last month")
        } else if month == nil {
            v.fail("month", "Enter the period as its last month (like 2026-09), a quarter (like 2026/27 Q2) or a financial year (like 2026/27)")
        }
        if let month, !frequency.ends(month) { v.fail("month", frequency.endRule) }
        let value = v.number("value", label: "value", in: -1_000_000_000...1_000_000_000)
        if let month, let value, v.errors.isEmpty, let problem = problem(month, value, unit: unit, frequency: frequency, today: today) {
            v.fail(problem.field, problem.message)
        }
        let source = v.text("source", label: "source", maxLength: 200)
        try v.check()
        return IndicatorValue(month: month!, value: value!, source: source!)
    }
}
