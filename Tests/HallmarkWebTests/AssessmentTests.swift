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
import SQLKit
import Synchronization
import Testing

@Suite("Strategic assessment")
struct AssessmentTests {
    static let leicestershireCSPs = ["E22000164", "E22000165", "E22000166", "E22000167", "E22000168", "E22000169", "E22000170", "E22000171", "E22000172"]
    static let leicestershireDistricts: Set<String> = ["E06000016", "E06000017", "E07000129", "E07000130", "E07000131", "E07000132", "E07000133", "E07000134", "E07000135"]

    /// Crimes by type in the given CSPs and months, from DuckDB's counts of the files (no Hallmark code).
    static func reference(_ csps: [String], months: ClosedRange<String>) throws -> [String: Int] {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HallmarkAnalyticsTests/Fixtures/leicestershire-csp-month-type.csv")
        var totals: [String: Int] = [:]
        for line in try String(contentsOf: fixture, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            if csps.contains(f[0]) && months.contains(f[1]) { totals[f[2], default: 0] += Int(f[3])! }
        }
        return totals
    }

    /// Residents straight from ONS's mid-2020 estimates by 2011 LSOA and ONS's LSOA → district
    /// lookup, both in ../shared/data/ons: not the lookup Hallmark ships.
    static func residents(inDistricts districts: Set<String>) throws -> Int {
        let ons = PoliceFiles.folder.deletingLastPathComponent().appendingPathComponent("ons")
        var inArea = Set<String>()
        for line in try String(contentsOf: ons.appendingPathComponent("lookup_lsoa11_ltla21.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst() {
            let f = CSVRecord.fields(line)
            if districts.contains(f[3]) { inArea.insert(f[1]) }
        }
        var people = 0
        for line in try String(contentsOf: ons.appendingPathComponent("population20_lsoa11.csv"), encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst() {
            let f = CSVRecord.fields(line)
            if inArea.contains(f[1]) { people += Int(f[2])! }
        }
        return people
    }

    static func leicestershire(_ store: Store) async throws -> TestSite {
        let site = try await TestSite.build(store)
        try await site.deps.partnerships.addDistrict(TestSite.blaby, to: site.cspA.id, by: .system("test"))
        try await site.deps.partnerships.addDistrict(TestSite.charnwood, to: site.cspB.id, by: .system("test"))
        _ = try await CrimeImporter(store: store, lookup: site.deps.crimeData.areas)
            .importStreetFiles(at: PoliceFiles.folder.appendingPathComponent("leicestershire").path, by: .system("test"))
        return site
    }

    @Test("Blaby's counts, rates and trends equal an independent calculation on the Leicestershire files", arguments: Backend.allCases)
    func blaby(backend: Backend) async throws {
        try await withStore(backend) { store in
            let site = try await Self.leicestershire(store)
            let a = try await StrategicAssessment.build(site.cspA, to: MonthNumber.parse("2022-03")!, deps: site.deps.assessment)

            let current = try Self.reference(["E22000164"], months: "2021-04"..."2022-03")
            let previous = try Self.reference(["E22000164"], months: "2020-04"..."2021-03")
            let people = try Self.residents(inDistricts: ["E07000129"])
            #expect(a.residents == people)
            #expect(a.types.count == 13)
            for t in a.types {
                #expect(t.current == current[t.crimeType, default: 0], "\(t.crimeType) latest 12 months")
                #expect(t.previous == previous[t.crimeType, default: 0], "\(t.crimeType) previous 12 months")
                #expect(t.perThousandResidents == Double(t.current) * 1000 / Double(people))
            }
            let asb = "Anti-social behaviour"
            #expect(a.antiSocialBehaviour.current == current[asb])
            let crimes = current.filter { $0.key != asb }.values.reduce(0, +)
            #expect(a.allCrime.current == crimes)
            #expect(a.allCrime.previous == previous.filter { $0.key != asb }.values.reduce(0, +))

            // The force area: every Leicestershire CSP's crime over every Leicestershire resident.
            let force = try Self.reference(Self.leicestershireCSPs, months: "2021-04"..."2022-03").filter { $0.key != asb }.values.reduce(0, +)
            let forcePeople = try Self.residents(inDistricts: Self.leicestershireDistricts)
            #expect(abs(a.allCrime.forceAreaPerThousand! - Double(force) * 1000 / Double(forcePeople)) < 1e-9)
            // The county strategy group's area: Alpha (Blaby) and Beta (Charnwood) beneath it.
            let county = try Self.reference(["E22000164", "E22000165"], months: "2021-04"..."2022-03")
            let countyPeople = try Self.residents(inDistricts: ["E07000129", "E07000130"])
            #expect(a.countyGroup == "Test County Board")
            #expect(abs(a.allCrime.countyAreaPerThousand! - Double(county.filter { $0.key != asb }.values.reduce(0, +)) * 1000 / Double(countyPeople)) < 1e-9)
            for t in a.types {
                #expect(abs(t.countyAreaPerThousand! - Double(county[t.crimeType, default: 0]) * 1000 / Double(countyPeople)) < 1e-9, "\(t.crimeType) county rate")
            }
            #expect(a.partnershipsInForce.count == 9)
            #expect(a.partnershipsInForce.map(\.perThousandResidents!) == a.partnershipsInForce.map(\.perThousandResidents!).sorted(by: >))
            #expect(a.partnershipsInForce.first { $0.csp == "E22000164" }?.crimes == crimes)

            // Harm-weighted crime: the reference counts times the shipped weights, by hand.
            let weights = HarmWeights.standard
            let harm = current.filter { $0.key != asb }.reduce(0.0) { $0 + Double($1.value) * weights.weight(CrimeType(rawValue: $1.key)!) }
            #expect(abs(a.harmWeightedCrime - harm) < 1e-9)
            #expect(
                abs(a.previousHarmWeightedCrime - previous.filter { $0.key != asb }.reduce(0.0) { $0 + Double($1.value) * weights.weight(CrimeType(rawValue: $1.key)!) }) < 1e-9)
            // Five years of history, as far as the store holds them: the two years of the files.
            #expect(a.history.map(\.crimes) == [crimes, previous.filter { $0.key != asb }.values.reduce(0, +)])
            #expect(a.history.map(\.monthsHeld) == [12, 12])
            // Volume scores from the reference shares of all incidents (crime and anti-social behaviour).
            let incidents = current.values.reduce(0, +)
            for p in a.priorities where p.kind == .crimeType {
                let share = Double(current[p.theme, default: 0]) / Double(incidents)
                let band = share >= 0.2 ? 5 : share >= 0.1 ? 4 : share >= 0.05 ? 3 : share >= 0.01 ? 2 : 1
                #expect(p.score(.volume).computed == band, "\(p.theme)")
            }
            #expect(a.priorities.count == 14 + ThemeEvidence.groups.count)

            // The trend verdict is the statistics' own on the monthly series (checked against statsmodels elsewhere).
            #expect(a.allCrime.trend == TrendTest(earlier: Array(a.crimesByMonth[0..<12]), later: Array(a.crimesByMonth[12...])))
            #expect(a.crimesByMonth.reduce(0, +) == a.allCrime.current + a.allCrime.previous)
            #expect(a.repeatLocations.crimes == a.hotspots.cells.reduce(0) { $0 + $1.crimes } + a.hotspots.outlying)
        }
    }

    @Test("The same data and settings give byte-identical HTML and JSON, on either database")
    func reproducible() async throws {
        let fromSQLite = try await withStore(.sqlite) { store in
            let site = try await Self.leicestershire(store)
            let first = try await StrategicAssessment.build(site.cspA, to: MonthNumber.parse("2022-03")!, deps: site.deps.assessment)
            let second = try await StrategicAssessment.build(site.cspA, to: MonthNumber.parse("2022-03")!, deps: site.deps.assessment)
            #expect(try first.json() == second.json())
            #expect(first.html == second.html)
            // Its hotspot cells are written by hand (see `HotspotGrid.cellsApart`): the bytes are Foundation's.
            #expect(first.hotspots.cellsPlaceholder != nil)
            #expect(try first.json() == JSONText.data(first, .document))
            return (try first.json(), first.html)
        }
        let fromPostgres = try await withStore(.postgres) { store in
            let site = try await Self.leicestershire(store)
            let a = try await StrategicAssessment.build(site.cspA, to: MonthNumber.parse("2022-03")!, deps: site.deps.assessment)
            return (try a.json(), a.html)
        }
        #expect(fromSQLite.0 == fromPostgres.0)
        #expect(fromSQLite.1 == fromPostgres.1)
        #expect(fromSQLite.1.contains("Data fingerprint "))
        // Every setting used is printed: each weight with what it stands for.
        let harm = HarmWeights.standard
        for type in CrimeType.allCases {
            #expect(fromSQLite.1.contains("<li>\(type.rawValue): \(Int(harm.weight(type))) (\(harm.basis[type.rawValue]!)"), "\(type.rawValue)")
        }
    }

    @Test("Every partnership's assessment made at once, two at a time, is each one's made alone, and is written out whole", arguments: Backend.allCases)
    func everyAtOnce(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let site = try await Self.leicestershire(store)
            let last = MonthNumber.parse("2022-03")!
            let made = Mutex([RecordID<Partnership>: (json: Data, html: String)]())
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-every-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await StrategicAssessment.draftEvery([site.cspB, site.cspA], to: last, deps: site.deps.assessment, atOnce: 2) { p, a in
                try await AssessmentFiles.write(a, to: folder.appendingPathComponent("\(p.id)"))
                made.withLock { $0[p.id] = (try! a.json(), a.html) }
            }
            // Written for every running CSP with districts: not for one that has ended.
            #expect(Set(try await site.deps.assessment.partnershipsToAssess().map(\.id)) == [site.cspA.id, site.cspB.id])
            try await store.withConnection { db in
                try await db.raw("UPDATE partnerships SET ended_on = '2026-04-01', ended_because = 'merged' WHERE id = \(bind: site.cspB.id.rawValue)").run()
            }
            #expect(try await site.deps.assessment.partnershipsToAssess(on: CalendarDate("2026-04-01")!).map(\.id) == [site.cspA.id])
            #expect(Set(try await site.deps.assessment.partnershipsToAssess(on: CalendarDate("2026-03-31")!).map(\.id)) == [site.cspA.id, site.cspB.id])
            for p in [site.cspA, site.cspB] {
                let alone = try await StrategicAssessment.build(p, to: last, deps: site.deps.assessment)
                let together = try #require(made.withLock { $0[p.id] })
                #expect(together.json == (try alone.json()), "\(p.name)")
                #expect(together.html == alone.html, "\(p.name)")
                let written = folder.appendingPathComponent("\(p.id)")
                #expect(try Data(contentsOf: written.appendingPathComponent("assessment.json")) == alone.json())
                for table in alone.tableFiles {
                    #expect(try String(contentsOf: written.appendingPathComponent("tables/\(table.name)"), encoding: .utf8) == table.csv)
                }
            }
        }
    }

    @Test("An import made through another server is in this one's figures at once", arguments: Backend.allCases)
    func importThroughAnotherServer(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let site = try await Self.leicestershire(store)
            let march = MonthNumber.parse("2022-03")!
            let crime = site.deps.crimeData.crime
            func burglaries() async throws -> Int {
                try await crime.monthlyCounts(.district, [TestSite.blaby.code.value], months: march...march)
                    .filter { $0.type == Int(CrimeType.burglary.code) }.reduce(0) { $0 + $1.crimes }
            }
            // Read twice, so that this server has its list of blocks, their counts and their crimes in memory.
            for _ in 0..<2 {
                #expect(try await burglaries() > 2)
                #expect(try await crime.crimes(inLSOA: TestSite.alphaLSOA, months: march...march).allSatisfy { $0.location?.name != "On or near Test Street" })
            }
            let other = try await Store.open(store.location)
            do {
                try await KeptPagesTests.importOneBurglary(into: other, lookup: site.deps.crimeData.areas)
                await other.close()
            } catch {
                await other.close()
                throw error
            }
            // The file replaced Leicestershire's March with two burglaries, both in Blaby.
            #expect(try await burglaries() == 2)
            let crimes = try await crime.crimes(inLSOA: TestSite.alphaLSOA, months: march...march)
            #expect(crimes.count == 2 && crimes.allSatisfy { $0.location?.name == "On or near Test Street" })
        }
    }

    @Test("Each LSOA's crimes, found one LSOA at a time, add up to its district's counts", arguments: Backend.allCases)
    func lsoasAddUpToTheirDistrict(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let site = try await Self.leicestershire(store)
            let crime = site.deps.crimeData.crime
            let year = MonthNumber.parse("2021-04")!...MonthNumber.parse("2022-03")!
            // A district's LSOAs are looked for in a block slot by slot; one LSOA, by search in its sorted list.
            let district = try await crime.monthlyCounts(.district, [TestSite.blaby.code.value], months: year).reduce(0) { $0 + $1.crimes }
            var oneByOne = 0
            for place in try await crime.lsoas(.district, [TestSite.blaby.code.value]) {
                oneByOne += try await crime.crimes(inLSOA: place.lsoa, months: year).count
            }
            #expect(district > 5000 && oneByOne == district)
        }
    }
}

@Suite("Assessment versions")
struct AssessmentVersionTests {
    @Test("An analyst saves a draft, the board's approval is recorded, and the version is frozen", arguments: Backend.allCases)
    func approveAndFreeze(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let base = "/partnerships/\(site.cspA.id)/assessment/versions"
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let list = try await analyst.get(base)
            #expect(list.text.contains("value=\"2022-03\""), "the form offers the latest month held")
            let bad = try await analyst.post(base, ["to": "March"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Enter the last month as year and month"))

            // The fixture saved this very draft already: a second copy is refused, naming the first.
            let fixture = try #require(try await AssessmentRepository(store: site.deps.store).versions(of: site.cspA.id).first)
            let twice = try await analyst.post(base, ["to": "2022-03"])
            #expect(twice.status == .unprocessableContent)
            #expect(twice.text.contains("Version \(fixture.id) already holds exactly these figures"))

            // With other settings the figures differ, and the draft is saved.
            try await analyst.get("/partnerships/\(site.cspA.id)/assessment/settings")
            #expect(try await analyst.post("/partnerships/\(site.cspA.id)/assessment/settings/weighting", ["scheme": "equal"]).status == .seeOther)
            let savedResponse = try await analyst.post(base, ["to": "2022-03"])
            #expect(savedResponse.status == .seeOther)
            #expect(try await analyst.get(savedResponse.headers[.location]!).text.contains("The draft was saved as a new version"))

            let versions = try await AssessmentRepository(store: site.deps.store).versions(of: site.cspA.id)
            #expect(versions.count == 2)
            let saved = versions[0]
            #expect(saved.status == .draft && saved.createdBy.contains(TestSite.email(.analyst)))
            // The stored document is exactly what the assessment renders.
            let expected = try await StrategicAssessment.draft(site.cspA, to: MonthNumber.parse("2022-03")!, deps: site.deps.assessment)
            #expect(saved.fingerprint == expected.fingerprint)
            #expect(saved.fingerprint != fixture.fingerprint)
            // It is shown as saved, saying which version it is, so that a printed copy can be matched to it.
            let shownDraft = try await analyst.get("\(base)/\(saved.id)").text
            #expect(shownDraft == AssessmentDocument.shown(expected.html(partnershipID: site.cspA.id, version: saved.id), version: saved))
            #expect(shownDraft.contains("Status: version \(saved.id), saved by Analyst on \(CalendarDate.today().long); a draft, not yet approved by the board."))
            // Its tables download as they were saved, from the version itself.
            let savedTrends = try await analyst.get("\(base)/\(saved.id)/tables/trends.csv")
            #expect(savedTrends.status == .ok)
            #expect(savedTrends.text == (try await analyst.get("/partnerships/\(site.cspA.id)/assessment/tables/trends.csv?to=2022-03")).text)
            #expect(try await analyst.get("\(base)/\(saved.id)/tables/secrets.csv").status == .notFound)
            // An analyst drafts; approving is for the coordinator.
            #expect(try await analyst.get("\(base)/\(saved.id)/approve").status == .forbidden)
            #expect(try await analyst.post("\(base)/\(saved.id)/approve", ["meeting": "Board"]).status == .forbidden)

            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            let listed = try await coordinator.get(base).text
            #expect(
                listed.contains("href=\"\(base)/\(saved.id)/approve\"") && listed.contains("href=\"\(base)/\(fixture.id)/approve\""),
                "every draft can be approved, not only the latest")
            let form = try await coordinator.get("\(base)/\(saved.id)/approve")
            #expect(form.text.contains("is frozen: nobody can change or delete it"))
            let good = ["meeting": "Partnership Board", "meeting_date": "2026-03-14", "confirm": "yes"]
            for (change, message) in [
                (["meeting": ""], "Enter the meeting"),
                (["meeting_date": "\(CalendarDate.today().year + 1)-01-01"], "The date of the meeting must be today or earlier"),
                (["confirm": ""], "Tick the box to confirm that the board approved version \(saved.id)"),
            ] {
                let refused = try await coordinator.post("\(base)/\(saved.id)/approve", good.merging(change) { $1 })
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains(message))
            }
            #expect(try await AssessmentRepository(store: site.deps.store).version(saved.id, in: site.cspA.id)?.isApproved == false)
            let storedBefore = try #require(try await AssessmentRepository(store: site.deps.store).document(saved.id, in: site.cspA.id)).html
            let approvedResponse = try await coordinator.post("\(base)/\(saved.id)/approve", good)
            // The stored document is not rewritten: the approval is shown from the version's record.
            #expect(try await AssessmentRepository(store: site.deps.store).document(saved.id, in: site.cspA.id)?.html == storedBefore)
            #expect(approvedResponse.status == .seeOther)
            let page = try await coordinator.get(approvedResponse.headers[.location]!)
            #expect(page.text.contains("The board’s approval was recorded"))
            #expect(page.text.contains("Approved at Partnership Board, 14 March 2026"))
            let again = try await coordinator.post("\(base)/\(saved.id)/approve", good.merging(["meeting": "Another meeting"]) { $1 })
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains("cannot be changed"))

            // Frozen in the database itself, whatever the code above it does.
            await #expect(throws: (any Error).self) {
                try await site.deps.store.withConnection { db in
                    try await db.raw("UPDATE record_version_parts SET body = 'changed' WHERE version_id = \(bind: saved.id)").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await site.deps.store.withConnection { db in
                    try await db.raw("DELETE FROM record_versions WHERE id = \(bind: saved.id)").run()
                }
            }
            // The approval shows in the document's status line and every printed page's margin,
            // and nothing else differs.
            let approved = try await coordinator.get("\(base)/\(saved.id)").text
            #expect(approved.contains("Status: approved at Partnership Board, 14 March 2026, recorded by"))
            #expect(!approved.contains("Status: draft"))
            // Its screen bar leads back to the versions; the period form and settings are the draft's, not on it.
            #expect(approved.contains("Saved version \(saved.id)") && approved.contains("href=\"\(base)\""))
            #expect(!approved.contains("/assessment/settings"))
            let status = /<p id="status" class="status">[^<]*<\/p>|@top-right \{ content: "[^"]*"; \}/
            #expect(approved.replacing(status, with: "") == expected.html(partnershipID: site.cspA.id, version: saved.id).replacing(status, with: ""))
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 20, offset: 0).filter {
                $0.subject == "strategic assessment version" && $0.subjectID == saved.id.rawValue
            }
            #expect(audit.map(\.action) == [.update, .create])
        }
    }

    @Test("a period ending where no crime is held is refused, in words, not drawn as a document of zeros")
    func monthsOutsideTheData() async throws {
        try await withSite(.sqlite, crime: true) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let base = "/partnerships/\(site.cspA.id)/assessment"
            for month in ["2030-01", "2019-01"] {
                let page = try await analyst.get("\(base)?to=\(month)")
                #expect(page.status == .unprocessableContent)
                #expect(page.text.contains("Crime is held from March 2022 to March 2022: choose a last month in that range"))
            }
            try await analyst.get("\(base)/versions")
            let versionsBefore = try await AssessmentRepository(store: site.deps.store).versions(of: site.cspA.id).count
            let refused = try await analyst.post("\(base)/versions", ["to": "2030-01"])
            #expect(refused.status == .unprocessableContent && refused.text.contains("choose a last month in that range"))
            let words = try await analyst.post("\(base)/versions", ["to": "March 2022"])
            #expect(words.text.contains("Enter the last month as year and month, like 2022-03"))
            #expect(try await AssessmentRepository(store: site.deps.store).versions(of: site.cspA.id).count == versionsBefore)
            #expect(try await analyst.get("\(base)?to=2022-03").status == .ok)
        }
    }
}
