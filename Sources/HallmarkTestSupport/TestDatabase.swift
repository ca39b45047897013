import Foundation
import HallmarkStore
import SQLKit

/// The two real databases every store test runs against.
public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    public var description: String { rawValue }
}

public struct PostgresNotConfigured: Error, CustomStringConvertible {
    public var description: String {
        "HALLMARK_TEST_POSTGRES_URL is not set. Run ./scripts/test, which starts a throwaway PostgreSQL for the tests."
    }
}

/// Gives each test a database of its own, migrated to the latest version, and removes it after:
/// a temporary file for SQLite, a fresh schema for PostgreSQL.
public func withStore<R: Sendable>(_ backend: Backend, migrate: Bool = true, _ body: (Store) async throws -> R) async throws -> R {
    let location = try await freshLocation(backend)
    let store = migrate ? try await Store.open(location.location) : try Store(location.location)
    do {
        let result = try await body(store)
        await store.close()
        try await location.cleanUp()
        return result
    } catch {
        await store.close()
        try? await location.cleanUp()
        throw error
    }
}

public struct FreshLocation: Sendable {
    public let location: StoreLocation
    public let cleanUp: @Sendable () async throws -> Void
}

public func freshLocation(_ backend: Backend) async throws -> FreshLocation {
    switch backend {
    case .sqlite:
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return FreshLocation(location: .sqlite(path: directory.appendingPathComponent("test.sqlite").path)) {
            try? FileManager.default.removeItem(at: directory)
        }
    case .postgres:
        guard let url = ProcessInfo.processInfo.environment["HALLMARK_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw PostgresNotConfigured()
        }
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await onAdmin(url) { db in try await db.raw("CREATE SCHEMA \(ident: schema)").run() }
        return FreshLocation(location: .postgres(url: url, searchPath: [schema])) {
            try await onAdmin(url) { db in try await db.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        }
    }
}

private func onAdmin(_ url: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
    let admin = try Store(.postgres(url: url))
    do {
        try await admin.withConnection(body)
        await admin.close()
    } catch {
        await admin.close()
        throw error
    }
}
