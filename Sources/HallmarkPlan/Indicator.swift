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

    package var computed: Bool { !crimeTypes.isEmpty }

    package init(
        id: RecordID<Indicator>, partnershipID: RecordID<Partnership>, priorityID: RecordID<PlanPriority>?, name: String, definition: String, unit: String,
        polarity: Polarity, crimeTypes: [CrimeType], baseline: Double?, target: Double?, tolerance: Double, rule: RatingRule = .target, owner: String
    ) {
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

/// One quarter's value: the quarter named by its last month.
package struct IndicatorValue: Sendable, Equatable, Codable {
    package var month: Int
    package var value: Double
    package var source: String

    package init(month: Int, value: Double, source: String) {
        self.month = month
        self.value = value
        self.source = source
    }

    package var quarter: String { "quarter to \(MonthNumber.long(month))" }
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
    package var rag: RAG {
        switch indicator.rule {
        case .target: return RAG.rate(latest?.value, target: indicator.target, tolerance: indicator.tolerance, polarity: indicator.polarity)
        case .significance: return trend.map { RAG.rate($0, polarity: indicator.polarity) } ?? .none
        }
    }

    /// Quarterly rates per 1,000 residents from monthly counts of the chosen categories: each
    /// quarter ending in a month of `months` whose three months are all held.
    package static func crimeRates(byMonth counts: [Int], firstMonth: Int, residents: Int) -> [IndicatorValue] {
        guard residents > 0 else { return [] }
        return counts.indices.dropFirst(2).filter { (firstMonth + $0) % 3 == 2 }.map { i in
            let quarter = counts[i - 2] + counts[i - 1] + counts[i]
            return IndicatorValue(month: firstMonth + i, value: Double(quarter) * 1000 / Double(residents), source: "police.uk recorded crime")
        }
    }
}

/// An indicator as the form gives it, checked.
package enum IndicatorForm {
    package static func validate(_ input: [String: String]) throws(ValidationFailure) -> (
        name: String, definition: String, unit: String, polarity: Polarity, crimeTypes: [CrimeType], baseline: Double?, target: Double?, tolerance: Double,
        rule: RatingRule, owner: String
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
        let unit = crimeTypes.isEmpty ? v.text("unit", label: "unit", maxLength: 60) ?? "" : "crimes per 1,000 residents a quarter"
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
        return (name!, definition, unit, polarity!, crimeTypes, baseline, target, tolerance, rule!, owner!)
    }

    /// Why a value cannot be the indicator's for that quarter, if it cannot: a quarter that has
    /// not ended yet, or a percentage outside 0 to 100.
    package static func problem(_ month: Int, _ value: Double, unit: String, today: CalendarDate) -> (field: String, message: String)? {
        let current = today.year * 12 + today.month - 1
        if month >= current { return ("month", "The quarter to \(MonthNumber.long(month)) has not ended yet") }
        if unit.hasPrefix("%"), !(0...100).contains(value) {
            return ("value", "\(unit.prefix(1).uppercased() + unit.dropFirst()) must be from 0 to 100, not \(PlanView.value(value))")
        }
        return nil
    }

    /// One quarter's value as its owner enters it: the quarter's last month, the value and where it came from.
    package static func value(_ input: [String: String], unit: String = "", today: CalendarDate = .today()) throws(ValidationFailure) -> IndicatorValue {
        var v = Validator(input)
        let month = v.month("month", label: "quarter’s last month")
        if let month, MonthNumber.month(month) % 3 != 0 { v.fail("month", "A quarter ends in March, June, September or December") }
        let value = v.number("value", label: "value", in: -1_000_000_000...1_000_000_000)
        if let month, let value, v.errors.isEmpty, let problem = problem(month, value, unit: unit, today: today) { v.fail(problem.field, problem.message) }
        let source = v.text("source", label: "source", maxLength: 200)
        try v.check()
        return IndicatorValue(month: month!, value: value!, source: source!)
    }
}
