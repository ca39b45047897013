import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Testing

@Suite("Newer ONS geography")
struct GeographyImportTests {
    static let blaby = "E07000129", oadby = "E07000135", merged = "E06000999"

    /// The shipped district lookup as ONS would publish a 2025 one in which Blaby and Oadby and
    /// Wigston have merged into one unitary authority with its own CSP.
    static func districtLookup() throws -> String {
        var text = "LAD25CD,LAD25NM,CSP25CD,CSP25NM,PFA25CD,PFA25NM\n"
        for row in try CSPGeography.shipped().rows {
            let mergedAway = [blaby, oadby].contains(row.district.code.value)
            let cells =
                mergedAway
                ? [merged, "South Leicestershire", "E22000999", "South Leicestershire", row.forceCode.value, row.forceName]
                : [row.district.code.value, row.district.name, row.cspCode.value, row.cspName, row.forceCode.value, row.forceName]
            text += cells.map(CSVRecord.quoted).joined(separator: ",") + "\n"
        }
        return text
    }

    @Test("A merger re-places every crime: LSOAs listed move, the rest follow their district's successor", arguments: Backend.allCases)
    func merger(backend: Backend) async throws {
        try await withStore(backend) { store in
            let lookup = try AreaLookup.shipped()
            let source = try PoliceFiles.copy(["leicestershire/2021-04-leicestershire-street.csv"])
            defer { try? FileManager.default.removeItem(at: source) }
            _ = try await CrimeImporter(store: store, lookup: lookup).importStreetFiles(at: source.path, by: .system("test"))
            let crime = CrimeRepository(store: store)
            let april = MonthNumber.parse("2021-04")!
            let before = try await crime.monthlyCounts(.district, [Self.blaby, Self.oadby], months: april...april).reduce(0) { $0 + $1.crimes }
            let people = lookup.population(ofDistricts: [GSSCode(Self.blaby)!, GSSCode(Self.oadby)!])

            // Only every other LSOA of the two districts is listed; the others must follow.
            let lsoas = lookup.lsoas(inDistricts: [GSSCode(Self.blaby)!, GSSCode(Self.oadby)!]).enumerated().filter { $0.offset % 2 == 0 }
            let lsoaFile = "LSOA21CD,LSOA21NM,LAD25CD\n" + lsoas.map { "\($0.element.code),Somewhere,\(Self.merged)" }.joined(separator: "\n")
            let geography = try ONSLookupFile.districts(csv: try Self.districtLookup())
            let change = try await crime.replaceAreas(
                lsoaDistricts: Dictionary(uniqueKeysWithValues: try ONSLookupFile.lsoaDistricts(csv: lsoaFile).map { ($0.lsoa, $0.district) }),
                districtAreas: geography.areasOfDistricts,
                by: .system("test"))

            #expect(change.successors == [Self.blaby: Self.merged, Self.oadby: Self.merged])
            #expect(change.newLSOAs == 0)
            #expect(try await crime.monthlyCounts(.district, [Self.merged], months: april...april).reduce(0) { $0 + $1.crimes } == before)
            #expect(try await crime.monthlyCounts(.csp, ["E22000999"], months: april...april).reduce(0) { $0 + $1.crimes } == before)
            #expect(try await crime.monthlyCounts(.district, [Self.blaby, Self.oadby], months: april...april).isEmpty)
            #expect(try await crime.population(.district, [Self.merged]) == people)

            // A later crime import keeps the newer lookup.
            _ = try await CrimeImporter(store: store, lookup: lookup).importStreetFiles(at: source.path, by: .system("test"))
            #expect(try await crime.population(.district, [Self.merged]) == people)
        }
    }

    @Test("Lookups that cannot be used are refused, naming the problem, and change nothing")
    func refused() async throws {
        #expect(throws: ONSLookupFile.Refused(description: "The district lookup has no column for the CSP code, CSP name (its header is: LAD25CD,LAD25NM,PFA25CD,PFA25NM)")) {
            try ONSLookupFile.districts(csv: "LAD25CD,LAD25NM,PFA25CD,PFA25NM\nE07000129,Blaby,E23000021,Leicestershire\n")
        }
        #expect(throws: ONSLookupFile.Refused(description: "Line 3 of the LSOA lookup: E0102 is not an LSOA code")) {
            try ONSLookupFile.lsoaDistricts(csv: "lsoa21_code,ltla25_code\nE01025631,E07000129\nE0102,E07000129\n")
        }
        try await withStore(.sqlite) { store in
            let crime = CrimeRepository(store: store)
            let lookup = try AreaLookup.shipped()
            try await crime.placeAreas { CrimeImporter(store: store, lookup: lookup).areas }
            let before = try await crime.population(.district, [Self.blaby])
            let geography = try ONSLookupFile.districts(csv: try Self.districtLookup())
            let areas = Dictionary(geography.rows.map { ($0.district.code.value, (csp: $0.cspCode.value, force: $0.forceCode.value)) }, uniquingKeysWith: { a, _ in a })
            await #expect(throws: CrimeImportRefused("The LSOA lookup names districts the district lookup does not: E06000998. Nothing was changed.")) {
                try await crime.replaceAreas(lsoaDistricts: ["E01025631": "E06000998"], districtAreas: areas, by: .system("test"))
            }
            // Without the LSOA lookup, Blaby's LSOAs have no district to go to: refused as a whole.
            await #expect(throws: CrimeImportRefused.self) {
                try await crime.replaceAreas(lsoaDistricts: [:], districtAreas: areas, by: .system("test"))
            }
            #expect(try await crime.population(.district, [Self.blaby]) == before)
        }
    }
}
