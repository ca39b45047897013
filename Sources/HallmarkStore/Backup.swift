import Foundation
import SQLKit

/// Backup and restore of the embedded SQLite database. PostgreSQL deployments use their
/// own tools (pg_dump, pg_restore), which do this better than we could.
public enum Backup {
    /// Writes a consistent copy while the server may still be running (`VACUUM INTO`
    /// reads one snapshot, so a half-finished transaction is never copied).
    public static func write(_ store: Store, to path: String) async throws {
        guard store.dialect == .sqlite else { throw StoreError.notSQLite }
        if FileManager.default.fileExists(atPath: path) {
            throw StoreError.conflict("\(path) already exists; choose a new file name so that no earlier backup is overwritten")
        }
        try await store.withConnection { db in
            try await db.raw("VACUUM INTO \(bind: path)").run()
        }
    }

    /// Replaces the database file at `databasePath` with the backup. Refused while a server
    /// holds the database (see `ServingLock`). The backup is checked first, and the current
    /// database is kept beside it as `.before-restore`.
    public static func restore(from backupPath: String, to databasePath: String) async throws {
        guard FileManager.default.fileExists(atPath: backupPath) else { throw StoreError.notFound(backupPath) }
        let lock = try ServingLock.restore(databasePath)
        defer { withExtendedLifetime(lock) {} }
        let candidate = try Store(.sqlite(path: backupPath))
        do {
            let tables = try await candidate.withConnection { db in
                try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map { try $0.column("name", String.self) }
            }
            await candidate.close()
            guard tables.contains("schema_migrations"), tables.contains("partnerships") else {
                throw StoreError.notAHallmarkBackup(backupPath)
            }
        } catch let error as StoreError {
            await candidate.close()
            throw error
        } catch {
            await candidate.close()
            throw StoreError.notAHallmarkBackup(backupPath)
        }
        let files = FileManager.default
        let keep = databasePath + ".before-restore"
        if files.fileExists(atPath: databasePath) {
            try? files.removeItem(atPath: keep)
            try files.moveItem(atPath: databasePath, toPath: keep)
        }
        for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: databasePath + suffix) }
        try files.copyItem(atPath: backupPath, toPath: databasePath)
    }
}
