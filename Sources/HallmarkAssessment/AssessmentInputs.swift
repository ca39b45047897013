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
    /// Every crime of the current period in the partnership's LSOAs, without outcomes.
    package let crimes: PlacedCrimes
    /// The partnership's districts' counts over up to five years ending `last`.
    package let history: [MonthlyCount]

    package init(
        partnership: Partnership, last: Int, figures: CrimeFigures, forceArea: ForceArea?, county: County?, crimes: PlacedCrimes,
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
    /// - Parameter forceAreas: counts of force areas shared by the drafts of one run (see `draftEvery`).
    package func inputs(_ partnership: Partnership, to last: Int, forceAreas: ForceAreaCounts? = nil) async throws -> AssessmentInputs {
        let current = CrimePeriod(from: last - 11, to: last)
        // The assessment does not show outcomes: the pass that counts them is left out.
        let figures = try await CrimeFigures.load(partnership, period: CrimePeriod(from: last - 23, to: last), crimeData, withOutcomes: false)
        let districtCodes = Set(figures.districts.map(\.code))

        var forceArea: AssessmentInputs.ForceArea? = nil
        if let force = areas.forceArea(ofDistricts: districtCodes) {
            let counted =
                if let forceAreas {
                    try await forceAreas.counted(force.value, months: current.range, crime)
                } else {
                    try await crime.partnershipsInForceArea(force.value, months: current.range)
                }
            forceArea = .init(counted: counted, partnerships: geography.partnerships(inForce: force))
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
            crimes: try await crime.placedCrimes(inLSOAs: figures.lsoas.map(\.lsoa).sorted(), months: current.range, withOutcomes: false),
            history: try await crime.monthlyCounts(.district, districtCodes.map(\.value).sorted(), months: (last - CrimePeriod.longest + 1)...last))
    }
}

/// Each force area's counts by CSP, loaded once for all the drafts of one run: every CSP of a
/// force compares itself with the same figures. Kept only for the run, so never stale.
package actor ForceAreaCounts {
    private struct Key: Hashable {
        let force: String
        let months: ClosedRange<Int>
    }

    private var loaded: [Key: Task<[String: (byType: [Int], people: Int)], any Error>] = [:]

    package init() {}

    package func counted(_ force: String, months: ClosedRange<Int>, _ crime: CrimeRepository) async throws -> [String: (byType: [Int], people: Int)] {
        let key = Key(force: force, months: months)
        if let loading = loaded[key] { return try await loading.value }
        let loading = Task { try await crime.partnershipsInForceArea(force, months: months) }
        loaded[key] = loading
        return try await loading.value
    }
}
