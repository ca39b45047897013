import SQLKit
import Synchronization

/// How many times the recorded state has changed: one row, moved on by every transaction that
/// records a change in the audit log, just before it commits. Caches of figures and pages are
/// keyed by it, so that each server instance can tell with one indexed read whether what it
/// kept still shows what is stored.
///
/// Why it can be trusted on PostgreSQL as on SQLite: the row is the last thing a transaction
/// locks, so transactions move it on in the order they commit and none can wait on another
/// while holding it (no deadlock). A reader that sees the number N therefore sees every change
/// committed with a number up to N, and whatever it builds from later reads is at least that new.
/// (The audit log's length, which this replaces, was as safe but cost a count of the whole log.)
package enum ChangeCount {
    /// The transaction now running on this task, told when it records a change.
    @TaskLocal static var pending: PendingChange?

    package static func read(_ db: any SQLDatabase) async throws -> Int64 {
        try await db.raw("SELECT n FROM change_count").first()!.decode(column: "n", as: Int64.self)
    }

    /// After an audit entry: inside a transaction the count moves on as it commits; a change
    /// written outside one has already committed, so the count moves on now.
    static func recorded(_ db: any SQLDatabase) async throws {
        if let pending {
            pending.mark()
        } else {
            try await moveOn(db)
        }
    }

    static func moveOn(_ db: any SQLDatabase) async throws {
        try await db.raw("UPDATE change_count SET n = n + 1").run()
    }
}

/// Whether the transaction it belongs to has recorded a change.
final class PendingChange: Sendable {
    private let changed = Mutex(false)

    func mark() { changed.withLock { $0 = true } }
    var hasChanged: Bool { changed.withLock { $0 } }
}
