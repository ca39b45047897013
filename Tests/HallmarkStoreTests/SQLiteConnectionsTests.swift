import Foundation
import HallmarkStore
import HallmarkTestSupport
import NIOPosix
import SQLiteKit
import Synchronization
import Testing

@Suite("SQLite's connections")
struct SQLiteConnectionsTests {
    /// Connections to a throwaway file, counted as they open; `failing` opens fail while set.
    final class Opener: Sendable {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-connections-\(UUID().uuidString).sqlite").path
        let threads = NIOThreadPool(numberOfThreads: 2)
        let opened = Mutex(0)
        let failing = Mutex(false)
        /// Openings begun, failed or not.
        let attempts = Mutex(0)

        init() { threads.start() }

        func open() async throws -> SQLiteConnection {
            attempts.withLock { $0 += 1 }
            if failing.withLock({ $0 }) {
                try await Task.sleep(for: .milliseconds(300))
                throw StoreError.notSQLite
            }
            opened.withLock { $0 += 1 }
            return try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, on: MultiThreadedEventLoopGroup.singleton.any())
        }

        func finish() async throws {
            try await threads.shutdownGracefully()
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    final class Order: Sendable {
        let taken = Mutex([Int]())
    }

    @Test("No more than the limit are opened; the rest wait their turn, first come first served, and are handed the connection given back")
    func waitTheirTurn() async throws {
        let opener = Opener()
        let connections = SQLiteConnections(limit: 2, wait: .seconds(30)) { try await opener.open() }
        let first = try await connections.take()
        let second = try await connections.take()
        let order = Order()
        var waiters: [Task<Void, any Error>] = []
        for n in 1...3 {
            waiters.append(
                Task {
                    let connection = try await connections.take()
                    order.taken.withLock { $0.append(n) }
                    _ = try await connection.query("SELECT \(n)")
                    connections.giveBack(connection)
                })
            // Each waiter queues before the next is started, so the order is known.
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(order.taken.withLock { $0 }.isEmpty, "no connection is free, and no third was opened")
        connections.giveBack(first)
        for waiter in waiters { try await waiter.value }
        connections.giveBack(second)
        #expect(order.taken.withLock { $0 } == [1, 2, 3])
        #expect(opener.opened.withLock { $0 } == 2)
        await connections.close()
        try await opener.finish()
    }

    @Test("A task that waits past its time fails with a message that says so, and a failed opening passes its place on")
    func waitsFailAndOpeningsPassOn() async throws {
        let opener = Opener()
        let connections = SQLiteConnections(limit: 1, wait: .milliseconds(300)) { try await opener.open() }
        let held = try await connections.take()
        await #expect {
            _ = try await connections.take()
        } throws: { error in
            "\(error)".contains("No database connection came free")
        }
        connections.giveBack(held)
        #expect(try await connections.take() === held, "the connection given back is used again, not a new one")
        connections.giveBack(held)

        // Closed, nothing more is handed out. A new set whose first opening fails does not use
        // up its limit of one by it.
        await connections.close()
        #expect(await (try? connections.take()) == nil, "closed")
        let fresh = SQLiteConnections(limit: 1, wait: .seconds(30)) { try await opener.open() }
        opener.failing.withLock { $0 = true }
        let before = opener.attempts.withLock { $0 }
        let failed = Task { try await fresh.take() }
        // Waited for rather than slept on: on a busy machine the task may not have begun in a
        // tenth of a second, and the next would then open while openings still fail.
        while opener.attempts.withLock({ $0 }) == before { try await Task.sleep(for: .milliseconds(5)) }
        // While the first opening is under way the limit is reached, so this one waits; when
        // that opening fails, it opens one itself.
        let next = Task { try await fresh.take() }
        try await Task.sleep(for: .milliseconds(50))
        opener.failing.withLock { $0 = false }
        await #expect(throws: StoreError.notSQLite) { _ = try await failed.value }
        let opened = try await next.value
        _ = try await opened.query("SELECT 1")
        fresh.giveBack(opened)
        await fresh.close()
        try await opener.finish()
    }

    @Test("Every connection is set for bulk writing as it opens, not at each transaction: a sync only at checkpoints, a 32 MB page cache")
    func settingsAtOpening() async throws {
        try await withStore(.sqlite) { store in
            // The migrations ran their transactions on the writer; the reader taken inside
            // another is opened for the test and has run none.
            let settings = try await store.withConnection { _ in
                try await store.withConnection { db in
                    (
                        try await db.raw("PRAGMA synchronous").first()!.decode(column: "synchronous", as: Int.self),
                        try await db.raw("PRAGMA cache_size").first()!.decode(column: "cache_size", as: Int.self)
                    )
                }
            }
            #expect(settings.0 == 1, "NORMAL")
            #expect(settings.1 == -32768)
        }
    }

    @Test(
        "Transactions take turns on SQLite's one writer, first come first served, waiting without holding a connection readers need",
        .timeLimit(.minutes(1)))
    func transactionsTakeTurns() async throws {
        try await withStore(.sqlite) { store in
            try await store.withConnection { db in try await db.raw("CREATE TABLE turns (n INTEGER NOT NULL)").run() }
            let (hasBegun, began) = AsyncStream.makeStream(of: Void.self)
            let (released, release) = AsyncStream.makeStream(of: Void.self)
            let holder = Task {
                try await store.transaction { db in
                    try await db.raw("INSERT INTO turns (n) VALUES (0)").run()
                    began.yield()
                    for await _ in released { break }
                }
            }
            for await _ in hasBegun { break }
            // More waiting than there are readers (four a core), each queued before the next starts.
            let waiting = 40
            var waiters: [Task<Void, any Error>] = []
            for n in 1...waiting {
                waiters.append(Task { try await store.transaction { db in try await db.raw("INSERT INTO turns (n) VALUES (\(bind: n))").run() } })
                while store.transactionsWaiting < n { try await Task.sleep(for: .milliseconds(2)) }
            }
            // Every one of them waits, and a reader is still free: it sees nothing uncommitted.
            let seen = try await store.withConnection { db in try await db.raw("SELECT COUNT(*) AS n FROM turns").first()!.decode(column: "n", as: Int.self) }
            #expect(seen == 0)
            release.yield()
            try await holder.value
            for waiter in waiters { try await waiter.value }
            let order = try await store.withConnection { db in
                try await db.raw("SELECT n FROM turns ORDER BY rowid").all().map { try $0.decode(column: "n", as: Int.self) }
            }
            #expect(order == Array(0...waiting))
        }
    }

    // SQLite only: there the writer is one connection of Hallmark's own pool, which must drop a
    // closed one. PostgreSQL's pool drops closed connections itself (and PostgresNIO never answers
    // a query sent on a connection already closed, so the same test would wait for ever).
    @Test("a transaction whose connection closes under it stores nothing, and the next has a connection of its own")
    func closedConnectionIsDropped() async throws {
        try await withStore(.sqlite) { store in
            try await store.withConnection { db in try await db.raw("CREATE TABLE kept (n INTEGER NOT NULL)").run() }
            await #expect(throws: (any Error).self) {
                try await store.bulkTransaction { session in
                    try await session.sql.raw("INSERT INTO kept (n) VALUES (1)").run()
                    await session.close()
                    try await session.sql.raw("INSERT INTO kept (n) VALUES (2)").run()
                }
            }
            // There is one writer: handed on closed, it would fail every save after.
            for n in 3...4 { try await store.transaction { db in try await db.raw("INSERT INTO kept (n) VALUES (\(bind: n))").run() } }
            let kept = try await store.withConnection { db in
                try await db.raw("SELECT n FROM kept ORDER BY n").all().map { try $0.decode(column: "n", as: Int.self) }
            }
            #expect(kept == [3, 4])
        }
    }
}
