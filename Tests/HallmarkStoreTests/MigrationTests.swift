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
