import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import HallmarkTestSupport
import Hummingbird
import HummingbirdTesting
import SQLKit
import Synchronization
import Testing

@Suite("Pages kept as rendered")
struct KeptPagesTests {
    @Test("A signed-in page is kept until anything recorded changes, for its own session only", arguments: Backend.allCases)
    func keptUntilChanged(_ backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let officer = Browser(client)
            try await officer.signIn(as: .countyOfficer)
            let page = "/partnerships/\(site.cspA.id)"
            let first = try await officer.get(page).text
            #expect(first.contains(site.cspA.name))

            // A write behind the application's back (no audit entry, as no route makes) is not
            // seen: the page really is the kept one.
            try await site.deps.store.withConnection { db in
                try await db.raw("UPDATE partnerships SET name = 'Renamed unseen' WHERE id = \(bind: site.cspA.id)").run()
            }
            #expect(try await officer.get(page).text == first)

            // Any recorded change, here to another partnership, shows the page anew.
            try await Self.recordChange(site, by: officer)
            #expect(try await officer.get(page).text.contains("Renamed unseen"))

            // Another session of the same user gets its own page, with its own form token.
            let again = Browser(client)
            try await again.signIn(as: .countyOfficer)
            let theirs = try await again.get(page).text
            #expect(again.csrf != officer.csrf && theirs.contains(again.csrf) && !theirs.contains(officer.csrf))
            // And someone who may not see it does not get it from anyone's keeping.
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.get("/partnerships/\(site.county.id)").status == .notFound)
            // Signed out, the kept page is gone with the session, even to its old cookie.
            let cookie = officer.cookie
            _ = try await officer.post("/sign-out", [:])
            officer.cookie = cookie
            #expect(try await officer.get(page).status != .ok)
        }
    }

    @Test("The crime page and its tables show an import at once", arguments: Backend.allCases)
    func crimeAfterImport(_ backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let page = "/partnerships/\(site.cspA.id)/crime?from=2022-03&to=2022-03"
            let csv = "/partnerships/\(site.cspA.id)/crime/by-type.csv?from=2022-03&to=2022-03"
            let (before, beforeCSV) = (try await analyst.get(page).text, try await analyst.get(csv).text)
            #expect(try await analyst.get(page).text == before)
            try await KeptPagesTests.importOneBurglary(site)
            let (after, afterCSV) = (try await analyst.get(page).text, try await analyst.get(csv).text)
            #expect(after != before && afterCSV != beforeCSV)
            #expect(Self.burglaries(afterCSV) == Self.burglaries(beforeCSV) + 1)
        }
    }

    /// A first view (an address not asked for before) is rendered anew, but from the register
    /// and the figures as read once at this change count; a request that writes reads the
    /// database itself.
    @Test("A first view works from the register and figures kept at the count; a write reads them anew", arguments: Backend.allCases)
    func firstViewsFromKept(_ backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let officer = Browser(client)
            try await officer.signIn(as: .countyOfficer)
            let page = "/partnerships/\(site.cspA.id)"
            let crime = "/partnerships/\(site.cspA.id)/crime/by-type.csv?from=2022-03&to=2022-03"
            _ = try await site.deps.memberships.create(
                .init(personID: site.personA.id, vote: .voting, office: .member, startDate: CalendarDate("2024-04-01")!), in: site.cspA.id, by: .system("test"))
            #expect(try await officer.get(page + "?view=1").text.contains(site.cspA.name))
            let burglaries = Self.burglaries(try await officer.get(crime + "&view=1").text)
            #expect(burglaries > 0)
            // By default the latest twelve months held, which end in March 2022 here.
            let latest = "/partnerships/\(site.cspA.id)/crime/by-type.csv?view="
            #expect(try await officer.get(latest + "1").text.contains("2022-03,Total"))

            // The structure diagram is drawn once a count for each set of partnerships seen: a
            // coordinator, who sees fewer, never gets the county officer's drawing.
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            #expect(Self.diagram(try await officer.get(page + "?view=diagram").text).contains(site.cspB.name))
            let theirs = Self.diagram(try await coordinator.get(page + "?view=1").text)
            #expect(theirs.contains(site.cspA.name) && !theirs.contains(site.cspB.name))

            // Behind the application's back: renamed, its districts gone and ended yesterday.
            try await site.deps.store.withConnection { db in
                try await db.raw(
                    "UPDATE partnerships SET name = 'Renamed unseen', ended_on = \(bind: CalendarDate.today().adding(days: -1).iso), ended_because = 'merged' WHERE id = \(bind: site.cspA.id)"
                ).run()
                try await db.raw("DELETE FROM partnership_districts WHERE partnership_id = \(bind: site.cspA.id)").run()
                try await db.raw("INSERT INTO organisations (name, type, created_at) VALUES ('Authority unseen', 'district_council', 0)").run()
                try await db.raw(
                    "INSERT INTO responsible_authorities (partnership_id, organisation_id) SELECT \(bind: site.cspA.id), id FROM organisations WHERE name = 'Authority unseen'"
                ).run()
                try await db.raw("UPDATE people SET name = 'Member unseen' WHERE id IN (SELECT person_id FROM memberships WHERE partnership_id = \(bind: site.cspA.id))").run()
                try await db.raw(
                    """
                    INSERT INTO crime_force_months (force, month, force_area, import_id, file, checksum, rows_read, accepted, no_location,
                        unknown_lsoa, outside_force, outcomes_json)
                    SELECT force, month + 1, force_area, import_id, file, checksum, 0, 0, 0, 0, 0, '{}' FROM crime_force_months
                    WHERE month = \(bind: MonthNumber.make(year: 2022, month: 3))
                    """
                ).run()
            }
            // New addresses, so no kept page answers: the register and figures kept at the count do.
            let again = try await officer.get(page + "?view=2").text
            #expect(again.contains(site.cspA.name) && !again.contains("Renamed unseen"))
            #expect(!again.contains("Authority unseen") && !again.contains("Member unseen"), "who sits on it is kept at the count too")
            #expect(Self.diagram(again).contains(site.cspA.name))
            #expect(Self.burglaries(try await officer.get(crime + "&view=2").text) == burglaries)
            #expect(try await officer.get(latest + "2").text.contains("2022-03,Total"))

            // A change is refused by what is stored, not by what was kept: the partnership has ended.
            _ = try await officer.get("/partnerships/\(site.cspA.id)/edit")
            #expect(try await officer.post(page, ["name": "Edited", "purpose": ""]).status == .conflict)

            // Once a change is recorded, every view reads the register and works out the figures anew.
            try await Self.recordChange(site, by: officer)
            let anew = try await officer.get(page + "?view=3").text
            #expect(Self.diagram(anew).contains("Renamed unseen") && anew.contains("Authority unseen") && anew.contains("Member unseen"))
            #expect(Self.burglaries(try await officer.get(crime + "&view=3").text) == 0)
            #expect(try await officer.get(latest + "3").text.contains("2022-04,Total"))
        }
    }

    /// The document is written once a count for each way of showing it: a reader who may not
    /// change the settings is never handed the page of one who may, nor the other way round.
    @Test("The assessment's document is kept at the count for each way of showing it", arguments: Backend.allCases)
    func assessmentDocumentPerReader(_ backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            let page = "/partnerships/\(site.cspA.id)/assessment?to=2022-03&view="
            let settings = "href=\"\(Site.assessmentSettings(site.cspA.id))\""
            let drafted = try await analyst.get(page + "1").text
            #expect(drafted.contains(settings) && drafted.contains(site.cspA.name))
            for view in ["1", "2"] {
                let read = try await board.get(page + view).text
                #expect(read.contains(site.cspA.name) && !read.contains(settings))
            }
            #expect(try await analyst.get(page + "2").text == drafted)

            // Behind the application's back the name changes: the document kept at the count
            // stands, and a recorded change writes it anew.
            try await site.deps.store.withConnection { db in
                try await db.raw("UPDATE partnerships SET name = 'Renamed unseen' WHERE id = \(bind: site.cspA.id)").run()
            }
            #expect(try await analyst.get(page + "3").text == drafted)
            let officer = Browser(client)
            try await officer.signIn(as: .countyOfficer)
            try await Self.recordChange(site, by: officer)
            let anew = try await analyst.get(page + "4").text
            #expect(anew.contains("Renamed unseen") && anew.contains(settings))
        }
    }

    /// A change recorded through the application (another partnership's purpose saved), which
    /// moves the change count on; `officer` may edit the register.
    /// A partnership page's structure diagram.
    static func diagram(_ page: String) -> Substring {
        guard let start = page.range(of: "<figure class=\"diagram\">"), let end = page.range(of: "</figure>", range: start.upperBound..<page.endIndex) else { return "" }
        return page[start.lowerBound..<end.upperBound]
    }

    static func recordChange(_ site: TestSite, by officer: Browser) async throws {
        _ = try await officer.get("/partnerships/\(site.cspB.id)/edit")
        #expect(try await officer.post("/partnerships/\(site.cspB.id)", ["name": site.cspB.name, "purpose": "Recorded"]).status == .seeOther)
    }

    static func burglaries(_ csv: String) -> Int {
        csv.split(whereSeparator: \.isNewline).first { $0.hasPrefix("Burglary,") }.flatMap { Int($0.split(separator: ",")[1]) } ?? 0
    }

    /// A second burglary in Alpha's LSOA in March 2022, imported as police.uk's files are.
    static func importOneBurglary(_ site: TestSite) async throws {
        try await importOneBurglary(into: site.deps.store, lookup: site.deps.crimeData.areas)
    }

    static func importOneBurglary(into store: Store, lookup: AreaLookup) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-kept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows =
            ImportSafetyTests.oneRow + "\n" + String(repeating: "e", count: 64)
            + ",2022-03,Leicestershire Police,Leicestershire Police,-1.15,52.6,On or near Test Street,\(TestSite.alphaLSOA),Test,Burglary,Under investigation,"
        try rows.write(to: folder.appendingPathComponent("2022-03-leicestershire-street.csv"), atomically: true, encoding: .utf8)
        _ = try await CrimeImporter(store: store, lookup: lookup)
            .importStreetFiles(at: folder.path, replacing: .init(forceAreas: nil, allowShrinking: true), by: .system("test"))
    }

    /// Counts each time its page is made, so that a kept answer shows as the count not moving.
    @Test("An address longer than any page's own is answered but never kept, and nor is a route not listed")
    func longAddressesNotKept() async throws {
        let made = Mutex(0)
        let router = Router(context: HallmarkContext.self)
        router.add(middleware: SignedInAtOneCount())
        router.add(middleware: KeptPagesMiddleware(routes: [Route("/page")]))
        let page: @Sendable (Request, HallmarkContext) -> String = { _, _ in
            made.withLock { made in
                made += 1
                return "made \(made)"
            }
        }
        router.get("/page", use: page)
        router.get("/other", use: page)
        try await Application(router: router).test(.router) { client async throws in
            func get(_ address: String) async throws -> String {
                try await client.execute(uri: address, method: .get) { String(buffer: $0.body) }
            }
            #expect(try await get("/page") == "made 1")
            #expect(try await get("/page") == "made 1", "kept")
            let long = "/page?x=" + String(repeating: "p", count: KeptPagesMiddleware.longestAddress)
            #expect(try await get(long) == "made 2")
            #expect(try await get(long) == "made 3", "too long to keep")
            #expect(try await get("/other") == "made 4")
            #expect(try await get("/other") == "made 5", "not a kept route")
            #expect(try await get("/page") == "made 1")
        }
    }

    /// Signs every request in as one county officer's session at change count 1.
    struct SignedInAtOneCount: RouterMiddleware {
        func handle(_ request: Request, context: HallmarkContext, next: (Request, HallmarkContext) async throws -> Response) async throws -> Response {
            var context = context
            context.visitor = Visitor(user: User(id: 1, email: "officer@example.org", name: "Officer", role: .countyOfficer, disabled: false), scope: .all)
            context.session = Session(tokenHash: "session", userID: 1, csrfToken: "token", expiresAt: .max)
            context.changes = 1
            return try await next(request, context)
        }
    }

    @Test("Only the newest state's values are kept, within their budget, oldest out first")
    func keptWhileCurrent() {
        let kept = KeptWhileCurrent<String, Int>(budget: 10) { $0 }
        kept.keep(4, for: "a", at: 7)
        kept.keep(4, for: "b", at: 7)
        #expect(kept.value("a", at: 7) == 4 && kept.value("a", at: 6) == nil && kept.value("a", at: 8) == nil)
        kept.keep(4, for: "c", at: 7)
        #expect(kept.value("a", at: 7) == nil && kept.value("b", at: 7) == 4 && kept.value("c", at: 7) == 4, "over budget: the oldest goes")
        kept.keep(11, for: "d", at: 7)
        #expect(kept.value("d", at: 7) == nil && kept.value("b", at: 7) == 4, "a value over the whole budget is not kept")
        kept.keep(1, for: "e", at: 8)
        #expect(kept.value("b", at: 7) == nil && kept.value("e", at: 8) == 1, "a newer state drops the older's values")
        kept.keep(1, for: "f", at: 7)
        #expect(kept.value("f", at: 7) == nil && kept.value("f", at: 8) == nil, "a request that read an older state keeps nothing")

        // Long after the first keys have gone, only the newest are kept still.
        let many = KeptWhileCurrent<Int, Int>(budget: 10)
        for i in 0..<5_000 { many.keep(i, for: i, at: 1) }
        #expect((0..<4_990).allSatisfy { many.value($0, at: 1) == nil } && (4_990..<5_000).allSatisfy { many.value($0, at: 1) == $0 })
    }

    @Test("A value is read once a count and kept; with no count it is read every time and not kept")
    func readOnceACount() async {
        let kept = KeptWhileCurrent<String, Int>(budget: 10)
        var reads = 0
        for _ in 0..<3 {
            #expect(
                await kept.value("a", at: 5) {
                    reads += 1; return reads
                } == 1)
        }
        #expect(
            await kept.value("a", at: nil) {
                reads += 1; return reads
            } == 2)
        #expect(
            await kept.value("a", at: nil) {
                reads += 1; return reads
            } == 3)
        #expect(kept.value("a", at: 5) == 1, "a read with no count does not replace the kept value")
        #expect(
            await kept.value("a", at: 6) {
                reads += 1; return reads
            } == 4, "a newer count reads again")
    }

    @Test("Requests asking for a value while it is read wait for that one read; if it fails, each reads for itself", .timeLimit(.minutes(1)))
    func askersShareOneRead() async throws {
        let kept = KeptWhileCurrent<String, Int>(budget: 10)
        let askers = 20
        let asked = Tally(), reads = Tally()
        // Each read waits until every asker has asked, so without sharing every one would read.
        let answers = await Self.ask(askers, asked: asked) {
            try await kept.value("a", at: 5) { try await Self.slowRead(reads, afterAll: askers, asked: asked) }
        }
        #expect(reads.count == 1 && answers == Array(repeating: .success(1), count: askers))

        let failing = KeptWhileCurrent<String, Int>(budget: 10)
        let asked2 = Tally(), reads2 = Tally(), failed = Tally(), readsAfterFailing = Tally()
        let answers2 = await Self.ask(5, asked: asked2) {
            try await failing.value("a", at: 5) {
                if failed.count > 0 { _ = readsAfterFailing.add() }
                let read = try await Self.slowRead(reads2, afterAll: 5, asked: asked2)
                if read == 1 {
                    _ = failed.add()
                    throw Refused()
                }
                return read
            }
        }
        #expect(answers2.filter { $0 == .failure }.count == 1, "only the read that failed fails")
        #expect(readsAfterFailing.count == 4, "the others waited for the read that failed before reading")
        #expect(reads2.count == 5 && Set(answers2.compactMap(\.value)) == [2, 3, 4, 5], "each waiter read for itself")

        let unkept = KeptWhileCurrent<String, Int>(budget: 10)
        let asked3 = Tally(), reads3 = Tally()
        _ = await Self.ask(5, asked: asked3) {
            try await unkept.value("a", at: nil) { try await Self.slowRead(reads3, afterAll: 5, asked: asked3) }
        }
        #expect(reads3.count == 5, "with no count, each request reads for itself")
    }

    private final class Tally: Sendable {
        private let value = Mutex(0)
        var count: Int { value.withLock { $0 } }
        func add() -> Int {
            value.withLock {
                $0 += 1; return $0
            }
        }
    }

    private struct Refused: Error {}

    private enum Answer: Hashable {
        case success(Int), failure
        var value: Int? { if case .success(let value) = self { value } else { nil } }
    }

    private static func slowRead(_ reads: Tally, afterAll askers: Int, asked: Tally) async throws -> Int {
        let read = reads.add()
        while asked.count < askers { try await Task.sleep(for: .milliseconds(5)) }
        // The last to ask has counted itself but may not yet be waiting.
        try await Task.sleep(for: .milliseconds(100))
        return read
    }

    private static func ask(_ askers: Int, asked: Tally, _ ask: @escaping @Sendable () async throws -> Int) async -> [Answer] {
        await withTaskGroup(of: Answer.self) { group in
            for _ in 0..<askers {
                group.addTask {
                    _ = asked.add()
                    do { return .success(try await ask()) } catch { return .failure }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }
}
