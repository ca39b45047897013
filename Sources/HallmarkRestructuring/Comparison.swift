import HallmarkDomain
import HallmarkFunding

/// What the system holds about each district of the area under review, and whose area each
/// responsible authority covers: what every option's figures are computed from.
package struct AreaFacts: Sendable, Equatable {
    package struct DistrictFacts: Sendable, Equatable {
        package var residents: Int
        package var crimes: Int
        /// Recorded crime weighted by the standard harm table, anti-social behaviour apart.
        package var harm: Double
        package var force: String

        package init(residents: Int, crimes: Int, harm: Double, force: String) {
            self.residents = residents
            self.crimes = crimes
            self.harm = harm
            self.force = force
        }
    }

    package var districts: [String: DistrictFacts]
    /// Each responsible authority and the districts of the partnerships that list it today.
    package var authorityAreas: [(organisation: Organisation, districts: Set<String>)]
    /// The twelve months the crime figures cover, in words; nil when no crime is held.
    package var period: String?

    package init(districts: [String: DistrictFacts], authorityAreas: [(organisation: Organisation, districts: Set<String>)], period: String?) {
        self.districts = districts
        self.authorityAreas = authorityAreas
        self.period = period
    }

    package static func == (a: AreaFacts, b: AreaFacts) -> Bool {
        a.districts == b.districts && a.period == b.period && a.authorityAreas.map(\.organisation) == b.authorityAreas.map(\.organisation)
            && a.authorityAreas.map(\.districts) == b.authorityAreas.map(\.districts)
    }
}

/// How a proposed partnership's boundary sits with the police force's and the partners' areas.
package struct Coterminosity: Sendable, Equatable {
    package var forces: [String]
    /// Authorities whose area is exactly the partnership's.
    package var matching: [String]
    /// Authorities whose whole area lies inside the partnership.
    package var inside: [String]
    /// Authorities whose area the partnership lies within.
    package var around: [String]
    /// Authorities whose area the boundary cuts: part in, part out, neither containing the other.
    package var cut: [String]

    package var crossesForces: Bool { forces.count > 1 }

    package static func of(_ districts: Set<String>, _ facts: AreaFacts) -> Coterminosity {
        var c = Coterminosity(
            forces: Set(districts.compactMap { facts.districts[$0]?.force }).sorted(), matching: [], inside: [], around: [], cut: [])
        for (organisation, area) in facts.authorityAreas where !area.isDisjoint(with: districts) {
            if area == districts {
                c.matching.append(organisation.name)
            } else if area.isSubset(of: districts) {
                c.inside.append(organisation.name)
            } else if districts.isSubset(of: area) {
                c.around.append(organisation.name)
            } else {
                c.cut.append(organisation.name)
            }
        }
        return c
    }
}

/// One option's figures, computed from the area's facts and the option's structure.
package struct OptionFigures: Sendable, Equatable {
    package struct PartnershipFigures: Sendable, Equatable {
        package var name: String
        package var districts: [District]
        package var boards: Int
        package var residents: Int
        package var crimes: Int
        package var harm: Double
        package var coterminosity: Coterminosity
        /// Its allocation under the review's formula; nil when the formula could not be applied.
        package var funding: Money?
        /// What today's partnerships covering exactly the same districts get under the same
        /// formula; nil when its districts are not a union of today's partnerships.
        package var fundingToday: Money?

        package var crimesPerThousand: Double? { residents > 0 ? Double(crimes) * 1000 / Double(residents) : nil }
        package var harmPerThousand: Double? { residents > 0 ? harm * 1000 / Double(residents) : nil }
    }

    package var name: String
    package var burden: MeetingBurden
    package var partnerships: [PartnershipFigures]
    package var allocation: Allocation?
    /// Why the formula could not be applied, in words.
    package var fundingProblem: String?
    /// Districts of the area no proposed partnership covers, and those two cover.
    package var uncovered: [District]
    package var doubled: [District]

    package var crossesForces: [String] { partnerships.filter(\.coterminosity.crossesForces).map(\.name) }
}

package enum Comparing {
    /// The figures of each structure, the first being today's: each proposed partnership's
    /// residents, crime and harm summed over its districts, its coterminosity, the meetings, and
    /// its allocation under the needs formula with the review's weights (the funding capability's
    /// own formula, so the figures agree with an allocation made there).
    package static func figures(
        of options: [(name: String, structure: Structure)], area: [District], facts: AreaFacts, formula: ReviewFormula
    ) -> [OptionFigures] {
        let computed = options.map { figure($0.name, $0.structure, area: area, facts: facts, formula: formula) }
        guard let today = computed.first else { return [] }
        // Today's amount for a proposed partnership: the sum over today's partnerships that
        // together cover exactly its districts.
        let todays = today.partnerships.map { (Set($0.districts.map(\.code.value)), $0.funding) }
        return computed.map { option in
            var option = option
            for n in option.partnerships.indices {
                let districts = Set(option.partnerships[n].districts.map(\.code.value))
                let parts = todays.filter { $0.0.isSubset(of: districts) }
                let covered = parts.reduce(into: Set<String>()) { $0.formUnion($1.0) }
                if covered == districts, !districts.isEmpty, parts.allSatisfy({ $0.1 != nil }) {
                    option.partnerships[n].fundingToday = parts.reduce(Money.zero) { $0 + $1.1! }
                }
            }
            return option
        }
    }

    static func figure(_ name: String, _ structure: Structure, area: [District], facts: AreaFacts, formula: ReviewFormula) -> OptionFigures {
        let partnerships = structure.partnerships.map { p -> OptionFigures.PartnershipFigures in
            let codes = Set(p.districts.map(\.code.value))
            let held = codes.compactMap { facts.districts[$0] }
            return .init(
                name: p.name, districts: p.districts, boards: p.boards.count, residents: held.reduce(0) { $0 + $1.residents },
                crimes: held.reduce(0) { $0 + $1.crimes }, harm: held.reduce(0) { $0 + $1.harm }, coterminosity: .of(codes, facts), funding: nil, fundingToday: nil)
        }
        let counts = structure.partnerships.flatMap { $0.districts.map(\.code) }.reduce(into: [GSSCode: Int]()) { $0[$1, default: 0] += 1 }
        var figures = OptionFigures(
            name: name, burden: MeetingBurden(structure.boards), partnerships: partnerships, allocation: nil, fundingProblem: nil,
            uncovered: area.filter { counts[$0.code] == nil }, doubled: area.filter { (counts[$0.code] ?? 0) > 1 })
        // A partnership covering no district is not one: it gets nothing, and the table says so.
        let covering = partnerships.indices.filter { !partnerships[$0].districts.isEmpty }
        do {
            let allocation = try allocate(covering.map { partnerships[$0] }, formula)
            figures.allocation = allocation
            for (line, n) in zip(allocation.lines, covering) { figures.partnerships[n].funding = line.amount }
        } catch {
            figures.fundingProblem = error.description
        }
        return figures
    }

    /// The needs formula with the review's weights: population, recorded crime and harm.
    static func allocate(_ partnerships: [OptionFigures.PartnershipFigures], _ formula: ReviewFormula) throws(AllocationRefused) -> Allocation {
        let recipients = partnerships.map { Recipient(code: $0.districts.map(\.code.value).joined(separator: "+"), name: $0.name) }
        let indicators = [
            NeedIndicator(name: "Population", weight: formula.populationWeight, values: partnerships.map { Double($0.residents) }),
            NeedIndicator(name: "Recorded crime", weight: formula.crimeWeight, values: partnerships.map { Double($0.crimes) }),
            NeedIndicator(name: "Harm-weighted crime", weight: formula.harmWeight, values: partnerships.map(\.harm)),
        ].filter { $0.weight > 0 }
        return try Allocating.needsBased(pot: formula.pot, recipients: recipients, indicators: indicators, floor: formula.floor)
    }
}
