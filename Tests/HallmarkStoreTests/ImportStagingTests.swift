import Foundation
import HallmarkDomain
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import SQLKit
import Testing

/// An import stages each force-month in a short transaction of its own, so the rest of the
/// server goes on while it runs, and makes them live together at the end.
@Suite("Imports staged beside live data")
struct ImportStagingTests {
    /// A force-month with no crimes in it, but the counts given: enough for the import's bookkeeping.
    func load(_ force: String, _ month: Int, accepted: Int = 10) -> CrimeFileLoad {
        CrimeFileLoad(
            force: force, month: month, forceArea: "E23000021", file: "\(MonthNumber.text(month))-\(force)-street.csv",
            checksum: "0", rowsRead: accepted, accepted: accepted, rejected: 0, noLocation: 0, unknownLSOA: 0, outsideForce: 0,
            outcomes: [], block: CrimeBlock(lsoas: [], records: [], locations: []).stored)
    }

    /// Starts an import of two force-months that stops after staging the first until `go` is sent.
    func pausedImport(
        _ repository: CrimeRepository, first: CrimeFileLoad, second: CrimeFileLoad,
        staged: Signal, go: Signal
    ) -> Task<(id: Int64, replaced: [String]), any Error> {
        Task {
            try await repository.importStreaming(
                source: "test", by: .system("test"),
                produce: { write in
                    try await write(first)
                    staged.send()
                    await go.wait()
                    try await write(second)
                }, finish: { _, _ in "{}" })
        }
    }

    func count(_ table: String, _ store: Store) async throws -> Int {
        try await store.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test("While an import is part-way, others save and read, and see none of it until it ends", arguments: Backend.allCases)
    func othersServed(backend: Backend) async throws {
        try await withStore(backend) { store in
            let repository = CrimeRepository(store: store)
            let staged = Signal(), go = Signal()
            let running = pausedImport(repository, first: load("test-force", 300), second: load("test-force", 301), staged: staged, go: go)
            await staged.wait()
            // A save and reads by other users, on other connections, while the import holds its place.
            let organisation = try await OrganisationRepository(store: store).create(.init(name: "Saved during an import", type: .other), by: .system("other user"))
            #expect(try await OrganisationRepository(store: store).find(organisation.id) != nil)
            #expect(try await repository.monthsAvailable().isEmpty, "a staged month is not shown")
            #expect(try await repository.latestMonth() == nil)
            #expect(try await repository.closeInterruptedImports() == 0, "a live import is left alone")
            go.send()
            let result = try await running.value
            #expect(try await repository.monthsAvailable().map(\.months) == [[300, 301]])
            #expect(try await repository.importSummary(result.id)?.status == .complete)
        }
    }

    @Test("An import whose process died is closed by whoever notices, and what it staged is removed", arguments: Backend.allCases)
    func lapsedLease(backend: Backend) async throws {
        try await withStore(backend) { store in
            let repository = CrimeRepository(store: store)
            let staged = Signal(), go = Signal()
            let running = pausedImport(repository, first: load("test-force", 300), second: load("test-force", 301), staged: staged, go: go)
            await staged.wait()
            #expect(try await count("crime_force_months", store) == 1)
            // As if its process had been killed long ago: no heartbeat since.
            try await store.withConnection { db in try await db.raw("UPDATE crime_imports SET heartbeat_at = 0").run() }
            #expect(try await repository.closeInterruptedImports() == 1)
            #expect(try await count("crime_force_months", store) == 0)
            #expect(try await count("crime_blocks", store) == 0)
            let record = try #require(try await repository.imports().first)
            #expect(record.status == .interrupted)
            // Should it wake after all, it stores nothing.
            go.send()
            await #expect(throws: CrimeImportRefused.self) { _ = try await running.value }
            #expect(try await repository.monthsAvailable().isEmpty)
            #expect(try await count("crime_force_months", store) == 0)
            #expect(try await repository.importSummary(record.id)?.status == .interrupted)
        }
    }

    @Test("A replacement the importer refuses stores nothing and leaves the month held", arguments: Backend.allCases)
    func refusedReplacement(backend: Backend) async throws {
        try await withStore(backend) { store in
            let repository = CrimeRepository(store: store)
            _ = try await repository.importStreaming(
                source: "first", by: .system("test"),
                produce: { write in
                    try await write(load("test-force", 300, accepted: 500))
                }, finish: { _, _ in "{}" })
            let recorder = Recorder()
            await #expect(throws: CrimeImportRefused.self) {
                _ = try await repository.importStreaming(
                    source: "second", by: .system("test"),
                    replacing: { replacement in
                        recorder.add(replacement)
                        throw CrimeImportRefused("not yours")
                    },
                    produce: { write in
                        try await write(load("test-force", 301, accepted: 7))
                        try await write(load("test-force", 300, accepted: 1))
                    }, finish: { _, _ in "{}" })
            }
            #expect(
                recorder.all == [
                    CrimeMonthReplacement(
                        force: "test-force", forceArea: "E23000021", month: 300,
                        file: "\(MonthNumber.text(300))-test-force-street.csv", heldCrimes: 500, newCrimes: 1)
                ])
            #expect(try await repository.monthsAvailable().map(\.months) == [[300]])
            #expect(try await count("crime_force_months", store) == 1, "the month staged before the refusal is gone too")
            #expect(try await repository.imports().first?.message == "not yours")
        }
    }

    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [CrimeMonthReplacement] = []
        func add(_ item: CrimeMonthReplacement) { lock.withLock { items.append(item) } }
        var all: [CrimeMonthReplacement] { lock.withLock { items } }
    }
}
