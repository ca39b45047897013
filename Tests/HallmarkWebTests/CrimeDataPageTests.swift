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

@Suite("Crime data pages")
struct CrimeDataPageTests {
    /// Counts by CSP, month and crime type made by DuckDB with no Hallmark code (see the fixture's README).
    static func reference(csp: String, months: Set<String>) throws -> [String: [String: Int]] {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HallmarkAnalyticsTests/Fixtures/leicestershire-csp-month-type.csv")
        var counts: [String: [String: Int]] = [:]
        for line in try String(contentsOf: fixture, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            guard f[0] == csp, months.contains(f[1]) else { continue }
            counts[f[2], default: [:]][f[1]] = Int(f[3])!
        }
        return counts
    }

    /// Our own CSV export back as rows (its fields hold no doubled quotes).
    static func rows(_ response: TestResponse) -> [[String]] {
        var text = String(buffer: response.body)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(whereSeparator: \.isNewline).map { line in
            var fields = [""], quoted = false
            for character in line {
                switch character {
                case "\"": quoted.toggle()
                case "," where !quoted: fields.append("")
                default: fields[fields.count - 1].append(character)
                }
            }
            return fields
        }
    }

    @Test("Blaby's page, exports and API agree with DuckDB's counts, and the drill-down reaches the street", arguments: Backend.allCases)
    func blaby(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            try await site.deps.partnerships.addDistrict(TestSite.blaby, to: site.cspA.id, by: .system("test"))
            let source = try PoliceFiles.copy(["leicestershire/2021-04-leicestershire-street.csv", "leicestershire/2021-05-leicestershire-street.csv"])
            defer { try? FileManager.default.removeItem(at: source) }
            _ = try await CrimeImporter(store: site.deps.store, lookup: site.deps.crimeData.areas).importStreetFiles(at: source.path, by: .system("test"))

            let expected = try Self.reference(csp: "E22000164", months: ["2021-04", "2021-05"])
            let residents = try AreaLookup.shipped().population(ofDistricts: [TestSite.blaby.code])
            let browser = Browser(client)
            try await browser.signIn(as: .analyst)
            let base = "/partnerships/\(site.cspA.id)/crime"

            // Crimes by type and month, from the CSV export.
            let byType = try await browser.get("\(base)/by-type.csv?from=2021-04&to=2021-05")
            #expect(byType.status == .ok)
            let table = Self.rows(byType)
            #expect(table[0] == ["Crime type", "2021-04", "2021-05", "Total", "Per 1,000 residents"])
            var crimes = 0, asb = 0
            for row in table.dropFirst() {
                let want = expected[row[0]] ?? [:]
                #expect(Int(row[1]) == want["2021-04", default: 0], "\(row[0]) April")
                #expect(Int(row[2]) == want["2021-05", default: 0], "\(row[0]) May")
                let total = Int(row[3])!
                #expect(row[4] == String(format: "%.2f", Double(total) * 1000 / Double(residents)), "\(row[0]) rate")
                if row[0] == "Anti-social behaviour" { asb += total } else { crimes += total }
            }
            #expect(table.count == CrimeType.allCases.count + 1)
            #expect(crimes + asb == expected.values.flatMap(\.values).reduce(0, +))
            #expect(crimes > 1000, "Blaby records over a thousand crimes in two months")

            // By LSOA: every LSOA's counts add up to the same totals.
            let lsoas = Self.rows(try await browser.get("\(base)/lsoas.csv?from=2021-04&to=2021-05")).dropFirst()
            #expect(lsoas.reduce(0) { $0 + Int($1[3])! } == crimes)
            #expect(lsoas.reduce(0) { $0 + Int($1[5])! } == asb)
            #expect(lsoas.allSatisfy { $0[1] == "Blaby" })
            #expect(lsoas.allSatisfy { $0[6].hasPrefix("Blaby ") }, "each LSOA by ONS's name too, like Blaby 001A")

            // Outcomes: counted here straight from the files' lines whose LSOA is Blaby's, the last
            // outcome being the field before Context (a quoted location may hold commas).
            let blabyLSOAs = Set(try AreaLookup.shipped().lsoas(inDistricts: [TestSite.blaby.code]).map(\.code))
            var fromFiles: [String: Int] = [:]
            for file in ["2021-04", "2021-05"] {
                let text = try String(contentsOf: PoliceFiles.folder.appendingPathComponent("leicestershire/\(file)-leicestershire-street.csv"), encoding: .utf8)
                for line in text.split(whereSeparator: \.isNewline).dropFirst() {
                    let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    guard fields.contains(where: blabyLSOAs.contains), !fields[0].isEmpty else { continue }
                    fromFiles[fields[fields.count - 2], default: 0] += 1
                }
            }
            let outcomes = Self.rows(try await browser.get("\(base)/outcomes.csv?from=2021-04&to=2021-05"))
            #expect(outcomes[0] == ["Last outcome", "Crimes", "Share of crimes"])
            #expect(Dictionary(uniqueKeysWithValues: outcomes.dropFirst().map { ($0[0], Int($0[1])!) }) == fromFiles)
            #expect(outcomes.dropFirst().reduce(0) { $0 + Int($1[1])! } == crimes)
            #expect(fromFiles.count > 5, "Blaby's crimes have many different outcomes")

            // The page itself: summary, chart with a text alternative, tables.
            let page = try await browser.get("\(base)?from=2021-04&to=2021-05")
            #expect(page.status == .ok)
            #expect(page.text.contains("April 2021 to May 2021"))
            #expect(page.text.contains("role=\"img\""))
            #expect(page.text.contains("<desc id=\"monthly-desc\">Crimes: "))
            #expect(page.text.contains("Crimes by type and month"))
            #expect(page.text.contains("Crimes by last outcome, most first"))

            // Drill-down: the busiest LSOA's crimes, each at its street-level location.
            let busiest = lsoas.first!
            let drill = try await browser.get("\(base)/lsoas/\(busiest[0])?from=2021-04&to=2021-05")
            #expect(drill.status == .ok)
            #expect(drill.text.contains("On or near"))
            let listed = Self.rows(try await browser.get("\(base)/lsoas/\(busiest[0])/crimes.csv?from=2021-04&to=2021-05")).dropFirst()
            #expect(listed.count == Int(busiest[3])! + Int(busiest[5])!)

            // The same figures from the API.
            let api = try await client.execute(
                uri: "/api/v1/partnerships/\(site.cspA.id)/crime?from=2021-04&to=2021-05", method: .get,
                headers: [.authorization: "Bearer \(site.tokens[.analyst]!)"])
            #expect(api.status == .ok)
            let figures = try JSONSerialization.jsonObject(with: Data(api.body.readableBytesView)) as! [String: Any]
            #expect((figures["crimes_by_month"] as! [Int]).reduce(0, +) == crimes)
            #expect(figures["residents"] as? Int == residents)
        }
    }

    @Test("A period that cannot be read is shown back with the reason", arguments: ["from=2021-13&to=2022-03", "from=2022-03&to=2021-04", "from=2015-01&to=2022-03", "to=March"])
    func badPeriod(query: String) async throws {
        try await withSite(.sqlite, crime: true) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .analyst)
            let page = try await browser.get("/partnerships/\(site.cspA.id)/crime?\(query)")
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("There is a problem"))
            #expect(["month as year and month", "must not be after", "at most 60 months"].contains { page.text.contains($0) })
            let csv = try await browser.get("/partnerships/\(site.cspA.id)/crime/by-type.csv?\(query)")
            #expect(csv.status == .unprocessableContent)
        }
    }

    @Test("Each partnership counts only its own districts' crime")
    func scoped() async throws {
        try await withSite(.sqlite, crime: true) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .countyOfficer)
            let alpha = Self.rows(try await browser.get("/partnerships/\(site.cspA.id)/crime/lsoas.csv?from=2022-03&to=2022-03")).dropFirst()
            let beta = Self.rows(try await browser.get("/partnerships/\(site.cspB.id)/crime/lsoas.csv?from=2022-03&to=2022-03")).dropFirst()
            #expect(alpha.map { [$0[0], $0[3]] } == [[TestSite.alphaLSOA, "1"]])
            #expect(beta.map { [$0[0], $0[3]] } == [[TestSite.betaLSOA, "2"]])
            // The county group has no districts of its own: it counts its CSPs'.
            let county = Self.rows(try await browser.get("/partnerships/\(site.county.id)/crime/lsoas.csv?from=2022-03&to=2022-03")).dropFirst()
            #expect(county.reduce(0) { $0 + Int($1[3])! } == 3)
        }
    }
}
