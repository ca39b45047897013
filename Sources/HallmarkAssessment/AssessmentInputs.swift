import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkStore

/// Everything one partnership's strategic assessment is computed from, as loaded from the
/// store: with these and its settings, `StrategicAssessment.compute` needs nothing else, so the
/// command line, the benchmarks and the tests can compute an assessment from values they hold.
package struct AssessmentInputs: Sendable {
    /// The other CSPs of the partnership's police force area, for comparison.
    package struct ForceArea: Sendable {
        /// Crimes by type (in `CrimeType` order) and residents, by CSP code, in the current period.
        package let counted: [String: (byType: [Int], people: Int)]
        package let partnerships: [CSPGeography.CSP]

        package init(counted: [String: (byType: [Int], people: Int)], partnerships: [CSPGeography.CSP]) {
            self.counted = counted
            self.partnerships = partnerships
        }
    }

    /// The county strategy group above the partnership: every district of the partnerships beneath it.
    package struct County: Sendable {
        package let name: String
        /// Crimes by type name in the current period.
        package let totals: [String: Int]
        package let residents: Int

        package init(name: String, totals: [String: Int], residents: Int) {
            self.name = name
            self.totals = totals
            self.residents = residents
        }
    }

    package let partnership: Partnership
    /// The last month of the current period; the previous period is the 12 before it.
    package let last: Int
    /// The partnership's crime over both periods (24 months), without outcomes.
    package let figures: CrimeFigures
    package let forceArea: ForceArea?
    package let county: County?
    /// Every crime of the current period in the partnership's LSOAs.
    package let crimes: [StoredCrime]
    /// The partnership's districts' counts over up to five years ending `last`.
    package let history: [MonthlyCount]

    package init(
        partnership: Partnership, last: Int, figures: CrimeFigures, forceArea: ForceArea?, county: County?, crimes: [StoredCrime],
        history: [MonthlyCount]
    ) {
        self.partnership = partnership
        self.last = last
        self.figures = figures
        self.forceArea = forceArea
        self.county = county
        self.crimes = crimes
        self.history = history
    }
}

extension AssessmentService {
    /// What the assessment of `partnership` for the 12 months ending `last` is computed from.
    package func inputs(_ partnership: Partnership, to last: Int) async throws -> AssessmentInputs {
        let current = CrimePeriod(from: last - 11, to: last)
        // The assessment does not show outcomes: the pass that counts them is left out.
        let figures = try await CrimeFigures.load(partnership, period: CrimePeriod(from: last - 23, to: last), crimeData, withOutcomes: false)
        let districtCodes = Set(figures.districts.map(\.code))

        var forceArea: AssessmentInputs.ForceArea? = nil
        if let force = areas.forceArea(ofDistricts: districtCodes) {
            forceArea = .init(
                counted: try await crime.partnershipsInForceArea(force.value, months: current.range),
                partnerships: geography.partnerships(inForce: force))
        }

        var county: AssessmentInputs.County? = nil
        if let parentID = partnership.parentID, let parent = try await partnerships.find(parentID), parent.kind == .countyStrategyGroup {
            let codes = try await CrimeArea.districts(of: parent, partnerships).map(\.code.value)
            if !codes.isEmpty {
                var totals: [String: Int] = [:]
                for cell in try await crime.monthlyCounts(.district, codes, months: current.range) { totals[CrimeType.allCases[cell.type].rawValue, default: 0] += cell.crimes }
                county = .init(name: parent.name, totals: totals, residents: try await crime.population(.district, codes))
            }
        }

        return AssessmentInputs(
            partnership: partnership, last: last, figures: figures, forceArea: forceArea, county: county,
            crimes: try await crime.crimes(inLSOAs: figures.lsoas.map(\.lsoa).sorted(), months: current.range),
            history: try await crime.monthlyCounts(.district, districtCodes.map(\.value).sorted(), months: (last - CrimePeriod.longest + 1)...last))
    }
}
