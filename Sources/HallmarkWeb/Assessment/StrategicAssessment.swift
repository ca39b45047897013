import Crypto
import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkStore

/// A draft strategic assessment for one partnership: what changed, where and how sure we are,
/// computed from the crime store. The same data and settings always give the same figures,
/// the same JSON and the same fingerprint.
public struct StrategicAssessment: Encodable, Sendable {
    public struct TypeFigures: Encodable, Sendable {
        public let crimeType: String
        public let previous: Int
        public let current: Int
        public let perThousandResidents: Double?
        public let forceAreaPerThousand: Double?
        public let trend: TrendTest
    }

    public struct PartnershipRank: Encodable, Sendable {
        public let csp: String
        public let name: String
        public let crimes: Int
        public let perThousandResidents: Double?
    }

    public let partnership: String
    public let onsCode: String?
    public let districts: [String]
    public let residents: Int
    public let period: String
    public let previousPeriod: String
    public let months: [String]
    /// Crimes (not anti-social behaviour) each month over the current and previous periods.
    public let crimesByMonth: [Int]
    public let antiSocialBehaviourByMonth: [Int]
    public let allCrime: TypeFigures
    public let antiSocialBehaviour: TypeFigures
    public let types: [TypeFigures]
    /// The CSPs of the partnership's police force area, highest rate first.
    public let partnershipsInForce: [PartnershipRank]
    public let seasonality: Seasonality
    public let hotspots: HotspotGrid
    public let repeatLocations: RepeatLocations
    let dataQuality: [CrimeFigures.ForceRow]
    public let settings: HotspotGrid.Settings
    /// SHA-256 of every figure above, so that two copies can be told apart at a glance.
    public var fingerprint: String = ""

    static let asb = CrimeType.antiSocialBehaviour.rawValue

    /// - Parameter to: the last month of the current period; the previous period is the 12 before it.
    public static func build(_ partnership: Partnership, to last: Int, deps: Dependencies,
                             settings: HotspotGrid.Settings = HotspotGrid.Settings()) async throws -> StrategicAssessment {
        let current = CrimePeriod(from: last - 11, to: last)
        let both = CrimePeriod(from: last - 23, to: last)
        let figures = try await CrimeFigures.load(partnership, period: both, deps)
        let crime = deps.crime

        // The force area and the other CSPs of the force, for comparison.
        let districtCodes = Set(figures.districts.map(\.code))
        let force = deps.areas.districts.first { districtCodes.contains($0.district.code) }?.forceCode
        var forceTotals: [String: Int] = [:]
        var forceResidents = 0
        var ranks: [PartnershipRank] = []
        if let force {
            let counts = try await crime.monthlyCounts(.forceArea, [force.value], months: current.range)
            for cell in counts { forceTotals[CrimeType.allCases[cell.type].rawValue, default: 0] += cell.crimes }
            forceResidents = try await crime.population(.forceArea, [force.value])
            let asbCode = Int(CrimeType.antiSocialBehaviour.code)
            for csp in deps.geography.partnerships(inForce: force) {
                let n = try await crime.monthlyCounts(.csp, [csp.code.value], months: current.range).filter { $0.type != asbCode }.reduce(0) { $0 + $1.crimes }
                let people = try await crime.population(.csp, [csp.code.value])
                ranks.append(PartnershipRank(csp: csp.code.value, name: csp.name, crimes: n, perThousandResidents: CrimeFigures.rate(n, people)))
            }
            ranks.sort { ($1.perThousandResidents ?? -1, $0.csp) < ($0.perThousandResidents ?? -1, $1.csp) }
        }

        func typeFigures(_ name: String, _ monthly: [Int], forceCount: Int?) -> TypeFigures {
            let earlier = Array(monthly[0..<12]), later = Array(monthly[12..<24])
            let now = later.reduce(0, +)
            return TypeFigures(crimeType: name, previous: earlier.reduce(0, +), current: now,
                               perThousandResidents: CrimeFigures.rate(now, figures.residents),
                               forceAreaPerThousand: forceCount.flatMap { CrimeFigures.rate($0, forceResidents) },
                               trend: TrendTest(earlier: earlier, later: later))
        }
        let types = figures.types.filter { $0.crimeType != asb }.map { t in typeFigures(t.crimeType, t.byMonth, forceCount: forceTotals[t.crimeType] ?? 0) }
        let asbRow = figures.types.first { $0.crimeType == asb }!
        let forceCrimes = forceTotals.filter { $0.key != asb }.values.reduce(0, +)

        // Where: every crime of the current period (not anti-social behaviour) at its snap point.
        var points: [(latitude: Double, longitude: Double)] = []
        var placeIndex: [CrimeLocation: Int] = [:]
        var places: [(name: String, latitude: Double, longitude: Double)] = []
        var atPlaces: [(place: Int, month: Int)] = []
        let asbCode = Int(CrimeType.antiSocialBehaviour.code)
        for lsoa in figures.lsoas.map(\.lsoa).sorted() {
            for c in try await crime.crimes(inLSOA: lsoa, months: current.range) where c.type != asbCode {
                guard let location = c.location else { continue }
                let latitude = Double(location.latitude) / 1e6, longitude = Double(location.longitude) / 1e6
                points.append((latitude, longitude))
                let index = placeIndex[location] ?? {
                    places.append((location.name, latitude, longitude))
                    placeIndex[location] = places.count - 1
                    return places.count - 1
                }()
                atPlaces.append((index, c.month - current.from))
            }
        }

        var assessment = StrategicAssessment(
            partnership: partnership.name, onsCode: partnership.onsCode?.value, districts: figures.districts.map(\.name),
            residents: figures.residents, period: current.label, previousPeriod: CrimePeriod(from: last - 23, to: last - 12).label,
            months: figures.months, crimesByMonth: figures.crimesByMonth, antiSocialBehaviourByMonth: figures.antiSocialBehaviourByMonth,
            allCrime: typeFigures("All crime", figures.crimesByMonth, forceCount: force == nil ? nil : forceCrimes),
            antiSocialBehaviour: typeFigures(asb, asbRow.byMonth, forceCount: forceTotals[asb]),
            types: types.sorted { ($1.current, $0.crimeType) < ($0.current, $1.crimeType) },
            partnershipsInForce: ranks,
            seasonality: Seasonality(counts: figures.crimesByMonth, firstMonth: MonthNumber.month(both.from)),
            hotspots: HotspotGrid(points: points, settings: settings),
            repeatLocations: RepeatLocations(crimes: atPlaces, places: places, months: 12),
            dataQuality: figures.forces, settings: settings)
        assessment.fingerprint = SHA256.hash(data: try assessment.json()).map { String(format: "%02x", $0) }.joined()
        return assessment
    }

    /// The document to print and take to the board.
    public var html: String { AssessmentDocument.render(self) }

    /// Every figure as JSON, keys sorted, so that the same figures always give the same bytes.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }
}
