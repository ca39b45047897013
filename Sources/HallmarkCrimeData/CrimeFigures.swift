import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// The months a crime page covers. police.uk publishes a month at a time, so months are the unit.
package struct CrimePeriod: Hashable, Sendable {
    package let from: Int
    package let to: Int

    package init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// Five years, the longest history a strategic assessment looks back over.
    package static let longest = 60

    package var months: [Int] { Array(from...to) }
    package var range: ClosedRange<Int> { from...to }
    package var label: String { "\(MonthNumber.long(from)) to \(MonthNumber.long(to))" }
    package var query: String { "from=\(MonthNumber.text(from))&to=\(MonthNumber.text(to))" }

    /// The period asked for in `from` and `to` (YYYY-MM), or by default the latest 12 months held.
    package static func parse(from: String?, to: String?, latest: Int?) throws -> CrimePeriod {
        var failure = Validator(["from": from ?? "", "to": to ?? ""])
        let end = failure.month("to", label: "last month", required: false) ?? latest ?? MonthNumber.make(year: 2022, month: 3)
        let start = failure.month("from", label: "first month", required: false) ?? end - 11
        if failure.errors.isEmpty && start > end { failure.fail("from", "The first month must not be after the last") }
        if failure.errors.isEmpty && end - start + 1 > longest { failure.fail("from", "Choose at most \(longest) months (five years)") }
        try failure.check()
        return CrimePeriod(from: start, to: end)
    }
}

extension MonthNumber {
    /// "April 2021", as council papers write it.
    package static func long(_ n: Int) -> String { "\(names[month(n) - 1]) \(year(n))" }

    /// "Apr 2021", for table headings and chart labels.
    package static func short(_ n: Int) -> String { "\(names[month(n) - 1].prefix(3)) \(year(n))" }
}

/// The districts whose crime a partnership's figures count: those registered to it; for a
/// county strategy group with none of its own, those of the partnerships beneath it; for a
/// sub-group with none, its parent's.
package enum CrimeArea {
    /// - Parameter changes: the count at which the request may read the register as a server
    ///   keeps it (`HallmarkContext.readsKeptAt`); without one the register is asked now.
    package static func districts(of partnership: Partnership, _ partnerships: PartnershipRepository, at changes: Int64? = nil) async throws -> [District] {
        if let changes {
            let register = try await partnerships.asStored(at: changes)
            return try await districts(of: partnership, Register(own: register.districts(of:), find: register.partnership, children: register.children(of:)))
        }
        return try await districts(of: partnership, Register(own: partnerships.districts(of:), find: partnerships.find, children: partnerships.children(of:)))
    }

    /// Where the register is read from.
    private struct Register {
        let own: (RecordID<Partnership>) async throws -> [District]
        let find: (RecordID<Partnership>) async throws -> Partnership?
        let children: (RecordID<Partnership>) async throws -> [Partnership]
    }

    private static func districts(of partnership: Partnership, _ register: Register) async throws -> [District] {
        let own = try await register.own(partnership.id)
        if !own.isEmpty { return own }
        if partnership.kind == .subGroup, let parentID = partnership.parentID, let parent = try await register.find(parentID) {
            return try await districts(of: parent, register)
        }
        // A district once in a partnership that has since merged into another is counted once.
        var found: [GSSCode: District] = [:]
        for child in try await register.children(partnership.id) where child.kind != .subGroup {
            for district in try await districts(of: child, register) { found[district.code] = district }
        }
        return found.values.sorted { $0.name < $1.name }
    }
}

/// Everything on a partnership's crime data page, also the body of its API answer.
package struct CrimeFigures: Encodable, Sendable {
    package struct TypeRow: Encodable, Sendable {
        package let crimeType: String
        package let byMonth: [Int]
        package let total: Int
        package let perThousandResidents: Double?

        package init(crimeType: String, byMonth: [Int], total: Int, perThousandResidents: Double?) {
            self.crimeType = crimeType
            self.byMonth = byMonth
            self.total = total
            self.perThousandResidents = perThousandResidents
        }
    }

    package struct LSOARow: Encodable, Sendable {
        package let lsoa: String
        package let district: String
        package let residents: Int
        package let crimes: Int
        package let antiSocialBehaviour: Int
        /// Crimes (not anti-social behaviour) per 1,000 residents over the period.
        package let perThousandResidents: Double?

        package init(lsoa: String, district: String, residents: Int, crimes: Int, antiSocialBehaviour: Int, perThousandResidents: Double?) {
            self.lsoa = lsoa
            self.district = district
            self.residents = residents
            self.crimes = crimes
            self.antiSocialBehaviour = antiSocialBehaviour
            self.perThousandResidents = perThousandResidents
        }
    }

    /// What police.uk last recorded for the area's crimes (anti-social behaviour has no outcome).
    package struct OutcomeRow: Encodable, Sendable {
        package let outcome: String
        package let crimes: Int
        package let share: Double

        package init(outcome: String, crimes: Int, share: Double) {
            self.outcome = outcome
            self.crimes = crimes
            self.share = share
        }
    }

    package struct ForceRow: Encodable, Sendable {
        package let force: String
        package let first: String
        package let last: String
        package let monthsHeld: Int
        package let missingMonths: [String]
        package let rowsRead: Int
        package let noLocation: Int
        package let outsideForce: Int

        package init(force: String, first: String, last: String, monthsHeld: Int, missingMonths: [String], rowsRead: Int, noLocation: Int, outsideForce: Int) {
            self.force = force
            self.first = first
            self.last = last
            self.monthsHeld = monthsHeld
            self.missingMonths = missingMonths
            self.rowsRead = rowsRead
            self.noLocation = noLocation
            self.outsideForce = outsideForce
        }
    }

    package let partnership: String
    package let districts: [District]
    package let from: String
    package let to: String
    package let months: [String]
    package let residents: Int
    /// Every crime type but anti-social behaviour, which police.uk records as incidents, not crimes.
    package let crimesByMonth: [Int]
    package let antiSocialBehaviourByMonth: [Int]
    package let types: [TypeRow]
    package let lsoas: [LSOARow]
    package let outcomes: [OutcomeRow]
    package let forces: [ForceRow]

    package init(
        partnership: String, districts: [District], from: String, to: String, months: [String], residents: Int, crimesByMonth: [Int], antiSocialBehaviourByMonth: [Int],
        types: [TypeRow], lsoas: [LSOARow], outcomes: [OutcomeRow], forces: [ForceRow]
    ) {
        self.partnership = partnership
        self.districts = districts
        self.from = from
        self.to = to
        self.months = months
        self.residents = residents
        self.crimesByMonth = crimesByMonth
        self.antiSocialBehaviourByMonth = antiSocialBehaviourByMonth
        self.types = types
        self.lsoas = lsoas
        self.outcomes = outcomes
        self.forces = forces
    }

    package var crimes: Int { crimesByMonth.reduce(0, +) }
    package var antiSocialBehaviour: Int { antiSocialBehaviourByMonth.reduce(0, +) }
    package var hasData: Bool { crimes + antiSocialBehaviour > 0 }

    package static func rate(_ count: Int, _ residents: Int) -> Double? {
        residents > 0 ? Double(count) * 1000 / Double(residents) : nil
    }

    /// What a partnership's figures are worked out from, besides the stored state at a change count.
    package struct Key: Hashable, Sendable {
        let partnership: RecordID<Partnership>
        let period: CrimePeriod
        let withOutcomes: Bool
    }

    /// - Parameters:
    ///   - withOutcomes: whether to count crimes by last outcome, a pass over every crime that
    ///     only the crime page and its API answer show.
    ///   - changes: the count at which the request may read what a server keeps
    ///     (`HallmarkContext.readsKeptAt`): the figures are then worked out once a count.
    package static func load(
        _ partnership: Partnership, period: CrimePeriod, _ deps: CrimeDataService, withOutcomes: Bool = true, at changes: Int64? = nil
    ) async throws -> CrimeFigures {
        let key = Key(partnership: partnership.id, period: period, withOutcomes: withOutcomes)
        return try await deps.keptFigures.value(key, at: changes) {
            let districts = try await CrimeArea.districts(of: partnership, deps.partnerships, at: changes)
            return try await load(partnership.name, districts: districts, period: period, deps, withOutcomes: withOutcomes)
        }
    }

    /// The figures of any set of districts: a partnership's, or one an option proposes.
    package static func load(_ name: String, districts: [District], period: CrimePeriod, _ deps: CrimeDataService, withOutcomes: Bool = true) async throws -> CrimeFigures {
        let codes = districts.map(\.code.value)
        let crime = CrimeRepository(store: deps.store)
        let places = try await crime.lsoas(.district, codes)
        let residents = places.reduce(0) { $0 + $1.population }
        let (monthly, byLSOA) = try await crime.areaCounts(.district, codes, months: period.range)
        let asb = Int(CrimeType.antiSocialBehaviour.code)

        var grid = Array(repeating: Array(repeating: 0, count: period.months.count), count: CrimeType.allCases.count)
        for cell in monthly where cell.type < grid.count { grid[cell.type][cell.month - period.from] += cell.crimes }
        let types = CrimeType.allCases.map { type in
            let row = grid[Int(type.code)]
            let total = row.reduce(0, +)
            return TypeRow(crimeType: type.rawValue, byMonth: row, total: total, perThousandResidents: rate(total, residents))
        }
        let crimesByMonth = period.months.indices.map { i in grid.indices.filter { $0 != asb }.reduce(0) { $0 + grid[$1][i] } }

        var lsoaCrimes: [String: (crimes: Int, asb: Int)] = [:]
        for cell in byLSOA {
            if cell.type == asb { lsoaCrimes[cell.lsoa, default: (0, 0)].asb += cell.crimes } else { lsoaCrimes[cell.lsoa, default: (0, 0)].crimes += cell.crimes }
        }
        let names = Dictionary(districts.map { ($0.code.value, $0.name) }, uniquingKeysWith: { a, _ in a })
        let lsoas = places.compactMap { place -> LSOARow? in
            guard let counted = lsoaCrimes[place.lsoa] else { return nil }
            return LSOARow(
                lsoa: place.lsoa, district: names[place.district] ?? place.district, residents: place.population,
                crimes: counted.crimes, antiSocialBehaviour: counted.asb, perThousandResidents: rate(counted.crimes, place.population))
        }.sorted { ($1.crimes, $0.lsoa) < ($0.crimes, $1.lsoa) }

        var byOutcome: [String: Int] = [:]
        for cell in withOutcomes ? try await crime.outcomeCounts(.district, codes, months: period.range) : [] where cell.type != asb {
            byOutcome[cell.outcome.isEmpty ? "Not given by police.uk" : cell.outcome, default: 0] += cell.crimes
        }
        let outcomed = byOutcome.values.reduce(0, +)
        let outcomes = byOutcome.map { OutcomeRow(outcome: $0.key, crimes: $0.value, share: Double($0.value) / Double(outcomed)) }
            .sorted { ($1.crimes, $0.outcome) < ($0.crimes, $1.outcome) }

        let forceAreas = Set(districts.compactMap { d in deps.areas.districts.first { $0.district.code == d.code }?.forceCode.value })
        let quality = try await crime.forceMonthQuality(inForceAreas: forceAreas)
        let forces = Dictionary(grouping: quality, by: \.force).sorted { $0.key < $1.key }.map { force, rows in
            let held = ForceMonths(force: force, forceArea: rows.first?.forceArea, months: rows.map(\.month).sorted())
            return ForceRow(
                force: force, first: MonthNumber.text(held.months.first!), last: MonthNumber.text(held.months.last!),
                monthsHeld: held.months.count, missingMonths: held.gaps.map(MonthNumber.text),
                rowsRead: rows.reduce(0) { $0 + $1.rowsRead }, noLocation: rows.reduce(0) { $0 + $1.noLocation },
                outsideForce: rows.reduce(0) { $0 + $1.outsideForce })
        }

        return CrimeFigures(
            partnership: name, districts: districts, from: MonthNumber.text(period.from), to: MonthNumber.text(period.to),
            months: period.months.map(MonthNumber.text), residents: residents, crimesByMonth: crimesByMonth,
            antiSocialBehaviourByMonth: grid[asb], types: types, lsoas: lsoas, outcomes: outcomes, forces: forces)
    }
}
