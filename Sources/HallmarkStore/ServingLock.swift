import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Says that a server is using an SQLite database, so that `hallmark restore` does not swap
/// the file from under it (a running server would go on writing to the file set aside, and
/// every save after the restore would be lost). Each server holds a shared lock on a file
/// beside the database for as long as it runs; a restore needs the exclusive one. The kernel
/// drops a lock when its process ends, however it ends, so a killed server leaves none.
public final class ServingLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    package static func path(for databasePath: String) -> String { databasePath + ".serving" }

    /// Taken by a server as it starts. Waits while a restore is under way.
    public static func serve(_ databasePath: String) throws -> ServingLock {
        try take(databasePath, LOCK_SH)
    }

    /// Taken by a restore: refused at once while any server holds the database.
    package static func restore(_ databasePath: String) throws -> ServingLock {
        do {
            return try take(databasePath, LOCK_EX | LOCK_NB)
        } catch StoreError.conflict {
            throw StoreError.conflict("A Hallmark server is using \(databasePath). Stop every server that uses it, then restore; nothing was changed.")
        }
    }

    private static func take(_ databasePath: String, _ operation: Int32) throws -> ServingLock {
        let descriptor = open(path(for: databasePath), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StoreError.conflict("Cannot open \(path(for: databasePath)) to lock the database") }
        guard flock(descriptor, operation) == 0 else {
            close(descriptor)
            throw StoreError.conflict("\(databasePath) is locked")
        }
        return ServingLock(descriptor: descriptor)
    }
}
