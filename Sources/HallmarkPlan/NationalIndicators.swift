import HallmarkAnalytics
import HallmarkDomain

/// The national indicators seed 003 reports against, as templates for a new indicator: each
/// with its definition, unit and which way is better. None can be computed from police.uk's
/// open data as defined (NI 20 counts assault with injury, which police.uk folds into violence
/// and sexual offences), so each is entered by its owner.
package enum NationalIndicators {
    package struct Template: Sendable, Equatable {
        package var code: String
        package var name: String
        package var unit: String
        package var polarity: Polarity
    }

    package static let all: [Template] = [
        Template(code: "NI 1", name: "People who believe people from different backgrounds get on well together", unit: "% of residents surveyed", polarity: .higherIsBetter),
        Template(code: "NI 2", name: "People who feel that they belong in their neighbourhood", unit: "% of residents surveyed", polarity: .higherIsBetter),
        Template(code: "NI 4", name: "People who feel that they can influence decisions in their locality", unit: "% of residents surveyed", polarity: .higherIsBetter),
        Template(code: "NI 17", name: "Perceptions of anti-social behaviour", unit: "% of residents perceiving a high level", polarity: .lowerIsBetter),
        Template(code: "NI 18", name: "Adult re-offending rates for those under probation supervision", unit: "% of the cohort", polarity: .lowerIsBetter),
        Template(code: "NI 20", name: "Assault with injury crime rate", unit: "crimes per 1,000 residents", polarity: .lowerIsBetter),
        Template(code: "NI 32", name: "Repeat incidents of domestic violence", unit: "% of MARAC cases", polarity: .lowerIsBetter),
        Template(code: "NI 35", name: "Building resilience to violent extremism", unit: "score from 1 to 5", polarity: .higherIsBetter),
        Template(code: "NI 49", name: "Number of primary fires and related fatalities and non-fatal casualties", unit: "per 100,000 residents", polarity: .lowerIsBetter),
        Template(code: "NI 111", name: "First time entrants to the youth justice system aged 10–17", unit: "per 100,000 residents aged 10–17", polarity: .lowerIsBetter),
    ]

    /// The add-indicator form filled in from a template.
    package static func input(_ code: String) -> [String: String]? {
        guard let t = all.first(where: { $0.code == code }) else { return nil }
        return [
            "name": "\(t.code): \(t.name)", "definition": "National indicator \(t.code), as councils reported it to government until 2011.", "unit": t.unit,
            "polarity": t.polarity.rawValue, "tolerance": "5",
        ]
    }
}
