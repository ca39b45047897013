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
import Hummingbird
import HummingbirdTesting
import Testing

/// The cube as an extract: the figures analysts take into Excel, QGIS and R.
@Suite("Crime counts extract")
struct CrimeExtractTests {
    struct Row: Hashable {
        let area: String, name: String, month: String, type: String, count: Int
    }

    static func rows(_ csv: String) -> [Row] {
        csv.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = CSVRecord.fields(line)
            return Row(area: f[0], name: f[1], month: f[2], type: f[3], count: Int(f[4])!)
        }
    }

    @Test("The extract equals the crime pages' figures, adds up to every row imported, and gives each caller only their areas", arguments: Backend.allCases)
    func matchesThePages(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let author = ChangeAuthor.system("fixture")
            try await site.deps.partnerships.addDistrict(TestSite.blaby, to: site.cspA.id, by: author)
            try await site.deps.partnerships.addDistrict(TestSite.charnwood, to: site.cspB.id, by: author)
            let folder = try PoliceFiles.copy(["leicestershire/2021-04-leicestershire-street.csv", "leicestershire/2021-05-leicestershire-street.csv"])
            defer { try? FileManager.default.removeItem(at: folder) }
            let report = try await CrimeImporter(store: site.deps.store, lookup: site.deps.crimeData.areas).importStreetFiles(at: folder.path, by: author)
            let months = MonthNumber.parse("2021-04")!...MonthNumber.parse("2021-05")!

            let admin = try await client.execute(
                uri: "/api/v1/crime/counts?level=csp&from=2021-04&to=2021-05", method: .get,
                headers: [.authorization: "Bearer \(site.tokens[.administrator]!)"])
            #expect(admin.status == .ok)
            #expect(admin.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(admin.text.hasPrefix("area_code,area_name,month,crime_type,count\n"))
            let all = Self.rows(admin.text)
            // Every row imported is counted once, placed or under "none".
            #expect(all.reduce(0) { $0 + $1.count } == report.accepted)
            #expect(all.contains { $0.area == "none" && $0.name == "No location" })
            #expect(all.contains { $0.type == "Anti-social behaviour" })

            // Blaby's rows are the crime page's counts by month and type.
            let page = try await site.deps.crime.monthlyCounts(.csp, ["E22000164"], months: months)
            let types = CrimeType.allCases.sorted { $0.code < $1.code }.map(\.rawValue)
            let expected = Set(page.map { Row(area: "E22000164", name: "Blaby", month: MonthNumber.text($0.month), type: types[$0.type], count: $0.crimes) })
            #expect(Set(all.filter { $0.area == "E22000164" }) == expected)

            // By LSOA, Blaby's add up to the same, each named.
            let lsoas = Self.rows(try await CrimeExtract.csv(level: .lsoa, months: months, within: ["E07000129"], deps: site.deps.crimeData))
            #expect(lsoas.reduce(0) { $0 + $1.count } == expected.reduce(0) { $0 + $1.count })
            #expect(lsoas.allSatisfy { $0.name.hasPrefix("Blaby ") })

            // Alpha's analyst gets Alpha's district only, and nothing placed nowhere.
            let analyst = try await client.execute(
                uri: "/api/v1/crime/counts?level=district&from=2021-04&to=2021-05", method: .get,
                headers: [.authorization: "Bearer \(site.tokens[.analyst]!)"])
            #expect(Set(Self.rows(analyst.text).map(\.area)) == ["E07000129"])
            // A force's figures only to a reader of every partnership in it.
            let force = try await client.execute(
                uri: "/api/v1/crime/counts?level=force", method: .get,
                headers: [.authorization: "Bearer \(site.tokens[.countyOfficer]!)"])
            #expect(Self.rows(force.text).isEmpty)

            let bad = try await client.execute(
                uri: "/api/v1/crime/counts?level=ward", method: .get,
                headers: [.authorization: "Bearer \(site.tokens[.administrator]!)"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("level must be one of: lsoa, district, csp, force"))
        }
    }
}
