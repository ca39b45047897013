import Crypto
import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// A draft strategic assessment for one partnership: what changed, where and how sure we are,
/// computed from the crime store. The same data and settings always give the same figures,
/// the same JSON and the same fingerprint.
package struct StrategicAssessment: Encodable, Sendable {
    package struct TypeFigures: Encodable, Sendable {
        package let crimeType: String
        package let previous: Int
        package let current: Int
        package let perThousandResidents: Double?
        package let forceAreaPerThousand: Double?
        /// The county strategy group's area: every district of the partnerships beneath it.
        package let countyAreaPerThousand: Double?
        package let trend: TrendTest
    }

    /// Harm-weighted crime of one type in the latest 12 months.
    package struct HarmRow: Encodable, Sendable {
        package let crimeType: String
        package let crimes: Int
        package let weight: Double
        package let harm: Double
        /// Of all harm-weighted crime here.
        package let share: Double
    }

    /// One of up to five 12-month periods ending with the assessed one.
    package struct HistoryYear: Encodable, Sendable {
        package let period: String
        package let monthsHeld: Int
        package let crimes: Int
        package let antiSocialBehaviour: Int
        package let perThousandResidents: Double?
    }

    package struct PartnershipRank: Encodable, Sendable {
        package let csp: String
        package let name: String
        package let crimes: Int
        package let perThousandResidents: Double?
    }

    package let partnership: String
    package let onsCode: String?
    /// The county strategy group the partnership belongs to, when it has one.
    package let countyGroup: String?
    package let districts: [String]
    package let residents: Int
    package let period: String
    package let previousPeriod: String
    package let months: [String]
    /// Crimes (not anti-social behaviour) each month over the current and previous periods.
    package let crimesByMonth: [Int]
    package let antiSocialBehaviourByMonth: [Int]
    package let allCrime: TypeFigures
    package let antiSocialBehaviour: TypeFigures
    package let types: [TypeFigures]
    /// The CSPs of the partnership's police force area, highest rate first.
    package let partnershipsInForce: [PartnershipRank]
    package let seasonality: Seasonality
    package let hotspots: HotspotGrid
    package let repeatLocations: RepeatLocations
    /// Harm-weighted crime by type, most harmful first, with the totals of both periods.
    package let harm: [HarmRow]
    package let harmWeightedCrime: Double
    package let previousHarmWeightedCrime: Double
    /// Candidate priorities, highest score first.
    package let priorities: [Priority]
    /// Up to five years, most recent first, as far as the store holds them.
    package let history: [HistoryYear]
    package let dataQuality: [CrimeFigures.ForceRow]
    /// Whether any month of the two periods is missing from a force's published data.
    package let incompleteMonths: Bool
    package let settings: AssessmentSettings
    /// SHA-256 of every figure above, so that two copies can be told apart at a glance.
    package private(set) var fingerprint: String = ""
    /// The JSON, written once when the figures are computed: they never change after, and the
    /// fingerprint needs it written anyway. (Not itself a figure, so not in `CodingKeys`.)
    private var written: Data?

    private enum CodingKeys: String, CodingKey {
        case partnership, onsCode, countyGroup, districts, residents, period, previousPeriod, months, crimesByMonth, antiSocialBehaviourByMonth
        case allCrime, antiSocialBehaviour, types, partnershipsInForce, seasonality, hotspots, repeatLocations, harm, harmWeightedCrime
        case previousHarmWeightedCrime, priorities, history, dataQuality, incompleteMonths, settings, fingerprint
    }

    package static let asb = CrimeType.antiSocialBehaviour.rawValue
    package static let asbCode = Int(CrimeType.antiSocialBehaviour.code)

    /// The partnership's next draft: the 12 months ending `last`, with its working settings.
    package static func draft(
        _ partnership: Partnership, to last: Int, deps: AssessmentService, forceAreas: ForceAreaCounts? = nil
    ) async throws -> StrategicAssessment {
        try await build(partnership, to: last, deps: deps, settings: WorkingSettings.load(partnership, deps), forceAreas: forceAreas)
    }

    /// Each table of the document as CSV, by file name, for writing beside the document.
    package var tableFiles: [(name: String, csv: String)] {
        AssessmentTable.all(self).map { ("\($0.id).csv", $0.csv.text) }
    }

    /// - Parameter to: the last month of the current period; the previous period is the 12 before it.
    /// - Parameter forceAreas: counts of force areas shared by the drafts of one run (see `draftEvery`).
    package static func build(
        _ partnership: Partnership, to last: Int, deps: AssessmentService,
        settings: AssessmentSettings = AssessmentSettings(), forceAreas: ForceAreaCounts? = nil
    ) async throws -> StrategicAssessment {
        try compute(try await deps.inputs(partnership, to: last, forceAreas: forceAreas), settings: settings)
    }

    /// The assessment from what was loaded and the settings, and nothing else: no store, no
    /// clock, no server. The same inputs and settings always give the same bytes.
    package static func compute(_ inputs: AssessmentInputs, settings: AssessmentSettings) throws -> StrategicAssessment {
        let partnership = inputs.partnership, last = inputs.last, figures = inputs.figures
        let current = CrimePeriod(from: last - 11, to: last)
        let both = CrimePeriod(from: last - 23, to: last)

        // The force area and the other CSPs of the force, for comparison.
        let force = inputs.forceArea
        var forceTotals: [String: Int] = [:]
        var forceResidents = 0
        var ranks: [PartnershipRank] = []
        if let force {
            for (byType, people) in force.counted.values {
                for (type, n) in zip(CrimeType.allCases, byType) where n > 0 { forceTotals[type.rawValue, default: 0] += n }
                forceResidents += people
            }
            for csp in force.partnerships {
                let (byType, people) = force.counted[csp.code.value] ?? ([], 0)
                let n = byType.indices.filter { $0 != asbCode }.reduce(0) { $0 + byType[$1] }
                ranks.append(PartnershipRank(csp: csp.code.value, name: csp.name, crimes: n, perThousandResidents: CrimeFigures.rate(n, people)))
            }
            ranks.sort { ($1.perThousandResidents ?? -1, $0.csp) < ($0.perThousandResidents ?? -1, $1.csp) }
        }

        // The county strategy group above the partnership, if it has one with districts.
        let countyTotals = inputs.county?.totals
        let countyResidents = inputs.county?.residents ?? 0
        let countyGroup = inputs.county?.name
        func typeFigures(_ name: String, _ monthly: [Int], forceCount: Int?, countyCount: Int?) -> TypeFigures {
            let earlier = Array(monthly[0..<12]), later = Array(monthly[12..<24])
            let now = later.reduce(0, +)
            return TypeFigures(
                crimeType: name, previous: earlier.reduce(0, +), current: now,
                perThousandResidents: CrimeFigures.rate(now, figures.residents),
                forceAreaPerThousand: forceCount.flatMap { CrimeFigures.rate($0, forceResidents) },
                countyAreaPerThousand: countyCount.flatMap { CrimeFigures.rate($0, countyResidents) },
                trend: TrendTest(earlier: earlier, later: later))
        }
        let types = figures.types.filter { $0.crimeType != asb }.map { t in
            typeFigures(t.crimeType, t.byMonth, forceCount: forceTotals[t.crimeType] ?? 0, countyCount: countyTotals.map { $0[t.crimeType] ?? 0 })
        }
        let asbRow = figures.types.first { $0.crimeType == asb }!
        let forceCrimes = forceTotals.filter { $0.key != asb }.values.reduce(0, +)
        let countyCrimes = countyTotals.map { $0.filter { $0.key != asb }.values.reduce(0, +) }

        // Where: every crime of the current period (not anti-social behaviour) at its snap point.
        // Places are numbered as the crimes first reach them, which orders repeat locations' ties.
        var points: [(latitude: Double, longitude: Double)] = []
        var placeIndex = [Int](repeating: -1, count: inputs.crimes.places.count)
        var places: [(name: String, latitude: Double, longitude: Double)] = []
        var atPlaces: [(place: Int, month: Int)] = []
        points.reserveCapacity(inputs.crimes.crimes.count)
        atPlaces.reserveCapacity(inputs.crimes.crimes.count)
        for c in inputs.crimes.crimes where c.type != asbCode {
            guard let place = c.place else { continue }
            let location = inputs.crimes.places[place]
            let latitude = Double(location.latitude) / 1e6, longitude = Double(location.longitude) / 1e6
            points.append((latitude, longitude))
            if placeIndex[place] < 0 {
                places.append((location.name, latitude, longitude))
                placeIndex[place] = places.count - 1
            }
            atPlaces.append((placeIndex[place], c.month - current.from))
        }

        let weights = settings.harm
        func harmOf(_ monthly: [Int], _ type: CrimeType) -> (previous: Double, current: Double) {
            (Double(monthly[0..<12].reduce(0, +)) * weights.weight(type), Double(monthly[12..<24].reduce(0, +)) * weights.weight(type))
        }
        let crimeTypes = figures.types.compactMap { t in CrimeType(rawValue: t.crimeType).map { ($0, t.byMonth) } }
        let harmByType = crimeTypes.filter { $0.0 != .antiSocialBehaviour }.map { ($0.0, harmOf($0.1, $0.0), $0.1[12..<24].reduce(0, +)) }
        let harmNow = harmByType.reduce(0) { $0 + $1.1.current }, harmBefore = harmByType.reduce(0) { $0 + $1.1.previous }
        let harmRows = harmByType.map { type, harm, crimes in
            HarmRow(crimeType: type.rawValue, crimes: crimes, weight: weights.weight(type), harm: harm.current, share: harmNow > 0 ? harm.current / harmNow : 0)
        }.sorted { ($1.harm, $0.crimeType) < ($0.harm, $1.crimeType) }

        // Candidate themes: every category, and the groups partnerships take on as one.
        let byType = Dictionary(uniqueKeysWithValues: crimeTypes)
        let periodLabels = Set(figures.months)
        let incomplete = figures.forces.contains { f in
            periodLabels.contains { $0 < f.first || $0 > f.last || f.missingMonths.contains($0) }
        }
        func evidence(_ name: String, _ kind: ThemeEvidence.Kind, _ members: [CrimeType]) -> ThemeEvidence {
            let monthly = (0..<24).map { i in members.reduce(0) { $0 + (byType[$1]?[i] ?? 0) } }
            let current = monthly[12..<24].reduce(0, +)
            let harm = members.reduce(0.0) { $0 + harmOf(byType[$1] ?? Array(repeating: 0, count: 24), $1).current }
            let forceCount = force == nil ? nil : members.reduce(0) { $0 + (forceTotals[$1.rawValue] ?? 0) }
            return ThemeEvidence(
                name: name, kind: kind, members: members.map(\.rawValue), previous: monthly[0..<12].reduce(0, +), current: current,
                trend: TrendTest(earlier: Array(monthly[0..<12]), later: Array(monthly[12..<24])),
                harmPerIncident: current > 0 ? harm / Double(current) : weights.weight(members[0]),
                perThousandResidents: CrimeFigures.rate(current, figures.residents),
                forceAreaPerThousand: forceCount.flatMap { CrimeFigures.rate($0, forceResidents) })
        }
        let themes =
            CrimeType.allCases.map { evidence($0.rawValue, .crimeType, [$0]) }
            + ThemeEvidence.groups.map { evidence($0.name, .group, $0.members) }
        let incidents = themes.filter { $0.kind == .crimeType }.reduce(0) { $0 + $1.current }
        let allHarm = harmNow + Double(asbRow.byMonth[12..<24].reduce(0, +)) * weights.weight(.antiSocialBehaviour)
        let area = AreaEvidence(incidents: incidents, harmPerIncident: incidents > 0 ? allHarm / Double(incidents) : 0, incompleteMonths: incomplete)

        var assessment = StrategicAssessment(
            partnership: partnership.name, onsCode: partnership.onsCode?.value, countyGroup: countyGroup, districts: figures.districts.map(\.name),
            residents: figures.residents, period: current.label, previousPeriod: CrimePeriod(from: last - 23, to: last - 12).label,
            months: figures.months, crimesByMonth: figures.crimesByMonth, antiSocialBehaviourByMonth: figures.antiSocialBehaviourByMonth,
            allCrime: typeFigures("All crime", figures.crimesByMonth, forceCount: force == nil ? nil : forceCrimes, countyCount: countyCrimes),
            antiSocialBehaviour: typeFigures(asb, asbRow.byMonth, forceCount: forceTotals[asb], countyCount: countyTotals.map { $0[asb] ?? 0 }),
            types: types.sorted { ($1.current, $0.crimeType) < ($0.current, $1.crimeType) },
            partnershipsInForce: ranks,
            seasonality: Seasonality(counts: figures.crimesByMonth, firstMonth: MonthNumber.month(both.from)),
            hotspots: HotspotGrid(points: points, settings: settings.hotspots),
            repeatLocations: RepeatLocations(crimes: atPlaces, places: places, months: 12),
            harm: harmRows, harmWeightedCrime: harmNow, previousHarmWeightedCrime: harmBefore,
            priorities: PriorityMatrix.rank(themes, area: area, settings: settings),
            history: history(inputs.history, to: last, residents: figures.residents),
            dataQuality: figures.forces, incompleteMonths: incomplete, settings: settings)
        let unsigned = try assessment.json()
        assessment.fingerprint = Secrets.hex(SHA256.hash(data: unsigned))
        assessment.written = signed(unsigned, assessment.fingerprint)
        return assessment
    }

    /// Crime in each of up to five 12-month periods ending with `last`, leaving out periods the
    /// store holds no month of.
    package static func history(_ counts: [MonthlyCount], to last: Int, residents: Int) -> [HistoryYear] {
        return (0..<CrimePeriod.longest / 12).compactMap { year -> HistoryYear? in
            let end = last - 12 * year, period = (end - 11)...end
            let inPeriod = counts.filter { period.contains($0.month) }
            let held = Set(inPeriod.map(\.month)).count
            guard held > 0 else { return nil }
            let crimes = inPeriod.filter { $0.type != asbCode }.reduce(0) { $0 + $1.crimes }
            return HistoryYear(
                period: CrimePeriod(from: period.lowerBound, to: end).label, monthsHeld: held, crimes: crimes,
                antiSocialBehaviour: inPeriod.filter { $0.type == asbCode }.reduce(0) { $0 + $1.crimes },
                perThousandResidents: CrimeFigures.rate(crimes, residents))
        }
    }

    /// The document to print and take to the board.
    package var html: String { AssessmentDocument.render(self) }

    /// The document with a CSV download under each table.
    package func html(tableLink: (String) -> String?) -> String { AssessmentDocument.render(self, tableLink: tableLink) }

    /// The document as the server shows and stores it: each table's CSV download is the
    /// partnership's table route for the same months.
    /// - Parameter canChangeSettings: whether the reader may change the settings, and so is offered them.
    /// - Parameter canPrintPDF: whether the server can print it to PDF, and so offers a download.
    package func html(partnershipID: RecordID<Partnership>, canChangeSettings: Bool = true, canPrintPDF: Bool = false) -> String {
        let month = months.last.map { "?to=\($0)" } ?? ""
        return AssessmentDocument.render(
            self, tableLink: { Site.assessmentTable(partnershipID, "\($0).csv") + month },
            toolbar: AssessmentDocument.toolbar(self, partnershipID: partnershipID, canChangeSettings: canChangeSettings, canPrintPDF: canPrintPDF))
    }

    /// The document as a saved version stores it: each table's CSV is the version's own, kept
    /// with it, so that the downloads stay as they were when the board approved it.
    package func html(partnershipID: RecordID<Partnership>, version: RecordID<RecordVersion>) -> String {
        AssessmentDocument.render(
            self, tableLink: { Site.assessmentVersionTable(partnershipID, version, "\($0).csv") },
            toolbar: AssessmentDocument.versionToolbar(self, partnershipID: partnershipID, version: version))
    }

    /// Every table of the document, by id, headings first: stored with a version.
    package func tablesJSON() throws -> String {
        let tables = Dictionary(uniqueKeysWithValues: AssessmentTable.all(self).map { ($0.id, [$0.headers] + $0.rows) })
        return try JSONText.string(tables)
    }

    /// Every figure as JSON, keys sorted, so that the same figures always give the same bytes.
    package func json() throws -> Data {
        if let written { return written }
        // The hotspot cells are written apart and put in where their placeholder was written
        // (see `HotspotGrid.cellsApart`); the bytes are those Foundation writes for them.
        guard let placeholder = hotspots.cellsPlaceholder else { return try JSONText.data(self, .document) }
        var data = try JSONText.data(self, .document, userInfo: [HotspotGrid.cellsApart: true])
        guard let found = data.range(of: try JSONText.data(placeholder)) else { return try JSONText.data(self, .document) }
        let lineStart = data[..<found.lowerBound].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.startIndex
        let indentation = String(decoding: data[lineStart..<found.lowerBound], as: UTF8.self)
        data.replaceSubrange(found, with: Data(hotspots.cellsJSON(indentation: indentation).utf8))
        return data
    }

    /// The JSON written without a fingerprint, with it put in. Indented as `.document` writes,
    /// only the top level's keys begin a line with two spaces and a quote, and no string holds
    /// a raw line break, so the line found is the fingerprint's own.
    private static func signed(_ unsigned: Data, _ fingerprint: String) -> Data? {
        let empty = Data("\n  \"fingerprint\" : \"\"".utf8)
        guard let found = unsigned.range(of: empty) else { return nil }
        var signed = unsigned
        signed.replaceSubrange(found, with: Data("\n  \"fingerprint\" : \"\(fingerprint)\"".utf8))
        return signed
    }
}
