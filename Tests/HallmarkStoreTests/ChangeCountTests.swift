import HallmarkStore
import HallmarkTestSupport
import SQLKit
import Testing

@Suite("The change count")
struct ChangeCountTests {
    struct Failed: Error {}

    static func record(_ db: any SQLDatabase, _ what: String) async throws {
        try await AuditLog.record(db, by: .system("test"), .update, what, id: nil, partnership: nil)
    }

    static func audited(_ store: Store) async throws -> Int {
        try await store.withConnection { db in try await db.raw("SELECT COUNT(*) AS n FROM audit_log").first()!.decode(column: "n", as: Int.self) }
    }

    @Test("moves on once for each committed transaction that records a change, never for one rolled back, and reads alike from every instance", arguments: Backend.allCases)
    func count(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let start = try await AuditLog.version(in: store)
            #expect(start == Int64(try await Self.audited(store)), "begins at the audit log's length")

            try await store.transaction { db in
                try await Self.record(db, "first")
                try await Self.record(db, "second")
            }
            #expect(try await AuditLog.version(in: store) == start + 1, "one transaction, one step, however many entries")

            await #expect(throws: Failed.self) {
                try await store.transaction { db in
                    try await Self.record(db, "undone")
                    throw Failed()
                }
            }
            #expect(try await AuditLog.version(in: store) == start + 1, "a rolled-back change does not count")
            #expect(try await Self.audited(store) == 2)

            try await store.transaction { db in _ = try await db.raw("SELECT 1 AS one").first() }
            #expect(try await AuditLog.version(in: store) == start + 1, "a transaction that records nothing does not count")

            try await store.withConnection { db in try await Self.record(db, "alone") }
            #expect(try await AuditLog.version(in: store) == start + 2, "a change outside a transaction counts at once")

            // A second server on the same database reads the same number, and its changes move
            // the first's on.
            let other = try await Store.open(store.location)
            #expect(try await AuditLog.version(in: other) == start + 2)
            try await other.transaction { db in try await Self.record(db, "elsewhere") }
            await other.close()
            #expect(try await AuditLog.version(in: store) == start + 3)
        }
    }

    @Test("transactions committing at once each move it on", arguments: Backend.allCases)
    func concurrent(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let start = try await AuditLog.version(in: store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<20 {
                    group.addTask { try await store.transaction { db in try await Self.record(db, "change \(i)") } }
                }
                try await group.waitForAll()
            }
            #expect(try await AuditLog.version(in: store) == start + 20)
        }
    }
}
