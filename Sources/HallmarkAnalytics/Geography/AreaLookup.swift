import Foundation
import HallmarkDomain

/// Where each LSOA lies: its December 2024 district, that district's CSP and police force area,
/// and its population (ONS mid-2020). 2011 and 2021 LSOA codes both resolve, and districts
/// abolished in 2023 resolve to their successors (see `scripts/make-geography`).
public struct AreaLookup: Sendable {
    public let districts: [CSPGeography.Row]
    /// District position in `districts` for each LSOA index, or -1 when unknown.
    private let districtOfLSOA: [Int16]
    private let populationOfLSOA: [Int32]
    private let apportioned: [Bool]
    private let districtIndex: [GSSCode: Int]

    /// Each district is placed in one CSP, as `CSPGeography.counted` says.
    public init(districts geography: CSPGeography, lsoaCSV: String) throws {
        districts = geography.counted
        var byCode: [GSSCode: Int] = [:]
        for (i, row) in districts.enumerated() { byCode[row.district.code] = i }
        districtIndex = byCode
        var district = [Int16](repeating: -1, count: LSOA.capacity)
        var population = [Int32](repeating: 0, count: LSOA.capacity)
        var apportioned = [Bool](repeating: false, count: LSOA.capacity)
        for (index, line) in lsoaCSV.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 4, let lsoa = LSOA(String(fields[0])), let code = GSSCode(String(fields[1])),
                let d = byCode[code], let people = Int32(fields[2]), fields[3] == "2011" || fields[3] == "2021"
            else {
                throw CSPGeography.Malformed(line: index + 1, reason: "expected an LSOA code, a district code in the CSP lookup, a population and a vintage")
            }
            apportioned[Int(lsoa.index)] = fields[3] == "2021"
            district[Int(lsoa.index)] = Int16(d)
            population[Int(lsoa.index)] = people
        }
        districtOfLSOA = district
        populationOfLSOA = population
        self.apportioned = apportioned
    }

    /// The lookup shipped with Hallmark.
    public static func shipped() throws -> AreaLookup {
        let url = Bundle.module.url(forResource: "lsoa-district-2024", withExtension: "csv", subdirectory: "Resources")!
        return try AreaLookup(districts: try CSPGeography.shipped(), lsoaCSV: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    public func district(of lsoa: LSOA) -> CSPGeography.Row? {
        let d = districtOfLSOA[Int(lsoa.index)]
        return d < 0 ? nil : districts[Int(d)]
    }

    /// The police force area of a partnership's districts: the first of `codes`, in the lookup's
    /// order, that the lookup knows; nil if it knows none.
    public func forceArea(ofDistricts codes: Set<GSSCode>) -> GSSCode? {
        districts.first { codes.contains($0.district.code) }?.forceCode
    }

    /// A small number for the district of an LSOA, for fast grouping; nil when unknown.
    public func districtNumber(of lsoa: LSOA) -> Int? {
        let d = districtOfLSOA[Int(lsoa.index)]
        return d < 0 ? nil : Int(d)
    }

    public func population(of lsoa: LSOA) -> Int { Int(populationOfLSOA[Int(lsoa.index)]) }

    /// Every known LSOA in the districts given.
    public func lsoas(inDistricts codes: Set<GSSCode>) -> [LSOA] {
        let wanted = Set(codes.compactMap { districtIndex[$0] }.map(Int16.init))
        return districtOfLSOA.indices.compactMap { i in
            wanted.contains(districtOfLSOA[i]) ? LSOA(index: Int32(i)) : nil
        }
    }

    /// Residents of the districts given: the sum of their 2011 LSOAs' populations, so that
    /// nobody is counted twice through a 2021 code that carries an apportioned copy.
    public func population(ofDistricts codes: Set<GSSCode>) -> Int {
        let wanted = Set(codes.compactMap { districtIndex[$0] }.map(Int16.init))
        var total = 0
        for i in districtOfLSOA.indices where !apportioned[i] && wanted.contains(districtOfLSOA[i]) {
            total += Int(populationOfLSOA[i])
        }
        return total
    }

    /// Every LSOA in the lookup with where it lies.
    public var allLSOAs: [(lsoa: LSOA, area: CSPGeography.Row, population: Int, apportioned: Bool)] {
        districtOfLSOA.indices.compactMap { i in
            guard districtOfLSOA[i] >= 0, let lsoa = LSOA(index: Int32(i)) else { return nil }
            return (lsoa, districts[Int(districtOfLSOA[i])], Int(populationOfLSOA[i]), apportioned[i])
        }
    }

    /// True for a 2021 LSOA whose population is apportioned from the 2011 LSOAs it came from.
    public func populationIsApportioned(_ lsoa: LSOA) -> Bool { apportioned[Int(lsoa.index)] }
}
