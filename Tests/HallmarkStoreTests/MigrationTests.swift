import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("Empty to latest, then a second run changes nothing", arguments: Backend.allCases)
    func emptyToLatestTwice(backend: Backend) async throws {
        try await withStore(backend, migrate: false) { store in
            let migrator = Migrator(store: store)
            #expect(try await migrator.applied().isEmpty)
            let first = try await migrator.migrate()
            #expect(first == Array(1...Migrator.latestVersion))
            let second = try await migrator.migrate()
            #expect(second.isEmpty)
            #expect(try await migrator.applied() == Array(1...Migrator.latestVersion))
            // The register's tables exist and are usable.
            let count = try await store.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM partnerships").first()!.decode(column: "n", as: Int.self)
            }
            #expect(count == 0)
        }
    }

    /// Two rounds answered before answers were kept as totals: ratings counted by hand, comments
    /// in the order each round shows them (anonymous by text, named by name then text).
    @Test("A self-assessment's answers become totals and sorted comments, and the old rows go", arguments: Backend.allCases)
    func selfAssessmentAnswersBecomeTotals(backend: Backend) async throws {
        try await withStore(backend, migrate: false) { store in
            _ = try await Migrator(store: store).migrate(through: 30)
            try await store.withConnection { db in
                try await db.raw("INSERT INTO partnerships (id, kind, name, created_at) VALUES (1, 'csp', 'Alpha', 0)").run()
                try await db.raw(
                    "INSERT INTO hallmark_rounds (id, partnership_id, title, anonymous, closes_on) VALUES (1, 1, 'Anonymous', 1, '2026-01-01'), (2, 1, 'Named', 0, '2026-01-01')"
                ).run()
                let responses: [(Int, Int, String, String)] = [(907, 1, "", "Zeal"), (15, 1, "", "Agendas"), (402, 1, "", ""), (88, 2, "Yasmin", "Late"), (3, 2, "Ben", "Long")]
                for (id, round, respondent, comment) in responses {
                    try await db.raw(
                        "INSERT INTO hallmark_responses (id, round_id, respondent, comment) VALUES (\(bind: id), \(bind: round), \(bind: respondent), \(bind: comment))"
                    ).run()
                }
                let ratings: [(Int, String, Int)] = [(907, "1.1.a", 4), (15, "1.1.a", 4), (402, "1.1.a", 2), (402, "2.1.a", 5), (88, "1.1.a", 3), (3, "1.1.a", 3)]
                for (response, statement, rating) in ratings {
                    try await db.raw("INSERT INTO hallmark_ratings (response_id, statement, rating) VALUES (\(bind: response), \(bind: statement), \(bind: rating))").run()
                }
            }
            #expect(try await Migrator(store: store).migrate() == [31])
            try await store.withConnection { db in
                let tallies = try await db.raw("SELECT round_id, statement, rating, answers FROM hallmark_tallies ORDER BY round_id, statement, rating").all().map {
                    "\(try $0.decode(column: "round_id", as: Int.self)) \(try $0.decode(column: "statement", as: String.self)) \(try $0.decode(column: "rating", as: Int.self))×\(try $0.decode(column: "answers", as: Int.self))"
                }
                #expect(tallies == ["1 1.1.a 2×1", "1 1.1.a 4×2", "1 2.1.a 5×1", "2 1.1.a 3×2"])
                let comments = try await db.raw("SELECT round_id, place, respondent, comment FROM hallmark_comments ORDER BY round_id, place").all().map {
                    "\(try $0.decode(column: "round_id", as: Int.self)).\(try $0.decode(column: "place", as: Int.self)) \(try $0.decode(column: "respondent", as: String.self)): \(try $0.decode(column: "comment", as: String.self))"
                }
                #expect(comments == ["1.1 : Agendas", "1.2 : Zeal", "2.1 Ben: Long", "2.2 Yasmin: Late"])
                // Who rated anything in each section: three answers rated 1.1 in the first round, one 2.1; two 1.1 in the second.
                let raters = try await db.raw("SELECT round_id, section, raters FROM hallmark_raters ORDER BY round_id, section").all().map {
                    "\(try $0.decode(column: "round_id", as: Int.self)) \(try $0.decode(column: "section", as: String.self)) \(try $0.decode(column: "raters", as: Int.self))"
                }
                #expect(raters == ["1 1.1 3", "1 2.1 1", "2 1.1 2"])
                await #expect(throws: (any Error).self) { try await db.raw("SELECT COUNT(*) AS n FROM hallmark_responses").run() }
                await #expect(throws: (any Error).self) { try await db.raw("SELECT COUNT(*) AS n FROM hallmark_ratings").run() }
            }
        }
    }

    @Test("The audit log refuses updates and deletes", arguments: Backend.allCases)
    func auditLogIsAppendOnly(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await OrganisationRepository(store: store).create(.init(name: "Leicestershire Police", type: .police), by: .system("test"))
            let before = try await AuditLog.entries(in: store)
            #expect(before.count == 1)
            await #expect(throws: (any Error).self) {
                try await store.withConnection { db in try await db.raw("UPDATE audit_log SET actor = 'someone else'").run() }
            }
            await #expect(throws: (any Error).self) {
                try await store.withConnection { db in try await db.raw("DELETE FROM audit_log").run() }
            }
            #expect(try await AuditLog.entries(in: store) == before)
        }
    }
}
