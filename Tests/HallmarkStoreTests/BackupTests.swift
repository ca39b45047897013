import Foundation
import HallmarkDomain
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import SQLKit
import Testing

@Suite("Backup and restore")
struct BackupTests {
    /// Every row of every table, as text, so two databases can be compared whole.
    func dump(_ store: Store) async throws -> [String] {
        try await store.withConnection { db in
            let tables = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                .all().map { try $0.decode(column: "name", as: String.self) }
            var lines: [String] = []
            for table in tables {
                let rows = try await db.raw("SELECT * FROM \(ident: table) ORDER BY 1").all()
                for row in rows {
                    let values = row.allColumns.map { column in
                        (try? row.decode(column: column, as: String?.self)).flatMap { $0 }
                            ?? (try? row.decode(column: column, as: Int64?.self)).flatMap { $0.map(String.init) } ?? "NULL"
                    }
                    lines.append("\(table): \(values.joined(separator: "|"))")
                }
            }
            return lines
        }
    }

    @Test("Backup then restore gives identical data")
    func roundTrip() async throws {
        let fresh = try await freshLocation(.sqlite)
        guard case .sqlite(let path) = fresh.location else { return }
        let backupPath = path + ".backup"
        let store = try await Store.open(fresh.location)
        let county = try await PartnershipRepository(store: store).create(.init(kind: .countyStrategyGroup, name: "County"), by: .system("test"))
        _ = try await PersonRepository(store: store).create(
            .init(name: "Sam O'Neill", jobTitle: "Chair", email: "sam@example.org"),
            keptBy: county.id, by: .system("test"))
        let original = try await dump(store)
        try await Backup.write(store, to: backupPath)
        // A later change, which the restore must undo.
        _ = try await OrganisationRepository(store: store).create(.init(name: "Later Ltd", type: .other), by: .system("test"))
        await #expect(throws: StoreError.self) { try await Backup.write(store, to: backupPath) }
        await store.close()

        try await Backup.restore(from: backupPath, to: path)
        let restored = try await Store.open(fresh.location)
        let after = try await dump(restored)
        await restored.close()
        try await fresh.cleanUp()
        #expect(!original.isEmpty)
        #expect(after == original)
    }

    @Test("Restoring a file that is not a Hallmark backup is refused and the database is untouched")
    func refusesStrangers() async throws {
        let fresh = try await freshLocation(.sqlite)
        guard case .sqlite(let path) = fresh.location else { return }
        let store = try await Store.open(fresh.location)
        _ = try await OrganisationRepository(store: store).create(.init(name: "Kept", type: .other), by: .system("test"))
        await store.close()
        let stranger = path + ".txt"
        try "not a database".write(toFile: stranger, atomically: true, encoding: .utf8)
        await #expect(throws: StoreError.notAHallmarkBackup(stranger)) { try await Backup.restore(from: stranger, to: path) }
        let reopened = try await Store.open(fresh.location)
        #expect(try await OrganisationRepository(store: reopened).all().map(\.name) == ["Kept"])
        await reopened.close()
        try await fresh.cleanUp()
    }
}

@Suite("Restore and a running server")
struct RestoreLockTests {
    @Test("A restore is refused while a server holds the database, and works once it has stopped")
    func refusedWhileServing() async throws {
        let fresh = try await freshLocation(.sqlite)
        guard case .sqlite(let path) = fresh.location else { return }
        let store = try await Store.open(fresh.location)
        _ = try await PartnershipRepository(store: store).create(.init(kind: .countyStrategyGroup, name: "Before the backup"), by: .system("test"))
        try await Backup.write(store, to: path + ".backup")
        await store.close()

        var serving: ServingLock? = try ServingLock.serve(path)
        await #expect(throws: StoreError.self) { try await Backup.restore(from: path + ".backup", to: path) }
        #expect(!FileManager.default.fileExists(atPath: path + ".before-restore"), "nothing was touched")
        withExtendedLifetime(serving) {}
        serving = nil
        try await Backup.restore(from: path + ".backup", to: path)
        #expect(FileManager.default.fileExists(atPath: path + ".before-restore"))
        for suffix in [".backup", ".before-restore", ".serving"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try await fresh.cleanUp()
    }
}
