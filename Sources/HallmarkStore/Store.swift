import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit
import SQLKit

/// Where the data lives: the embedded SQLite file by default, PostgreSQL for a county or
/// national deployment with several servers.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String, searchPath: [String]? = nil)

    /// `DATABASE_URL` when it is set, otherwise the SQLite file.
    public static func from(databaseURL: String?, sqlitePath: String) -> StoreLocation {
        if let url = databaseURL, !url.isEmpty { return .postgres(url: url) }
        return .sqlite(path: sqlitePath)
    }
}

public enum Dialect: String, Sendable {
    case sqlite, postgres
}

/// The one way into the database. Every query runs on a pooled connection held for the
/// length of one closure, so that a transaction never spans two connections.
public final class Store: Sendable {
    public let dialect: Dialect

    /// What a read-modify-write adds to its SELECT to hold the row until it commits: PostgreSQL
    /// locks the row; SQLite's writer already holds the whole database from the transaction's start.
    public var rowLock: String { dialect == .postgres ? " FOR UPDATE" : "" }
    public let location: StoreLocation
    /// See `HeldBlocks` and `BlockParts`.
    package let heldBlocks = HeldBlocks()
    package let blockParts = BlockParts()
    /// The register as last read, kept while the change count stands (see `RegisterAsStored`).
    package let register = KeptWhileCurrent<Int, RegisterAsStored>(budget: 1)
    /// The first and last months of crime held (-1 for none), which every crime page's and
    /// assessment's default period comes from; an import records itself, so the count moves on with it.
    package let monthsHeld = KeptWhileCurrent<Int, (first: Int, last: Int)>(budget: 1)
    private let pool: Pool
    /// Counted by event loops, of which NIO makes one a core.
    package static let sqliteConnectionsPerCore = 4
    private let logger: Logger

    /// async-kit's pools guard their state with a lock but predate `Sendable`; they are
    /// shared across tasks exactly as their documentation describes.
    ///
    /// SQLite lets one transaction write at a time, so every transaction runs on its one writer
    /// connection, taking turns first come first served, and waits for it without holding a
    /// reader. With transactions on the readers, a burst of saves held every connection, each
    /// asleep in SQLite's wait for its lock (which looks again after pauses growing to a tenth of
    /// a second, and may pass over the longest waiter), and pages queued behind them to read.
    private enum Pool: @unchecked Sendable {
        case sqlite(readers: SQLiteConnections, writer: SQLiteConnections, NIOThreadPool)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    /// Opens the store and brings its schema up to date.
    public static func open(_ location: StoreLocation, logger: Logger = Logger(label: "hallmark.store")) async throws -> Store {
        let store = try Store(location, logger: logger)
        do {
            try await Migrator(store: store).migrate()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Opens without migrating: for `hallmark migrate --status` and for tests of the migrator.
    public init(_ location: StoreLocation, logger: Logger = Logger(label: "hallmark.store")) throws {
        self.location = location
        self.logger = logger
        switch location {
        case .sqlite(let path):
            // Several connections, so that readers (WAL lets them read while one writes) never
            // queue behind a write for the one connection a pool would otherwise hold. SQLite
            // waits for the write lock by sleeping on the thread that asked, so each connection
            // has a thread of its own: with fewer, waiting writers would take every thread and
            // the writer holding the lock could not run its COMMIT.
            let loops = MultiThreadedEventLoopGroup.singleton
            let connections = loops.makeIterator().reduce(0) { count, _ in count + 1 } * Self.sqliteConnectionsPerCore
            // The readers, the writer, and one more.
            let threads = NIOThreadPool(numberOfThreads: connections + 2)
            threads.start()
            let open: @Sendable () async throws -> SQLiteConnection = {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger, on: loops.any())
                do {
                    _ = try await connection.query("PRAGMA foreign_keys = ON")
                    _ = try await connection.query("PRAGMA busy_timeout = \(Self.connectionWait.nanoseconds / 1_000_000)")
                    // In WAL mode NORMAL cannot corrupt the database; it only skips a sync per commit.
                    _ = try await connection.query("PRAGMA synchronous = NORMAL")
                    // A bigger page cache keeps a bulk load's index pages in memory; it fills only as used.
                    _ = try await connection.query("PRAGMA cache_size = -32768")
                } catch {
                    try? await connection.close()
                    throw error
                }
                return connection
            }
            let wait = Duration.nanoseconds(Self.connectionWait.nanoseconds)
            pool = .sqlite(
                readers: SQLiteConnections(limit: connections, wait: wait, open: open),
                writer: SQLiteConnections(limit: 1, wait: wait, open: open), threads)
            dialect = .sqlite
        case .postgres(let url, let searchPath):
            var configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StoreError.badDatabaseURL
            }
            configuration.searchPath = searchPath
            let source = PostgresConnectionSource(sqlConfiguration: configuration)
            pool = .postgres(
                EventLoopGroupConnectionPool(
                    source: source, maxConnectionsPerEventLoop: 4, requestTimeout: Self.connectionWait,
                    on: MultiThreadedEventLoopGroup.singleton))
            dialect = .postgres
        }
    }

    /// How long a request waits for a connection before it fails. A burst of saves to one record
    /// queues behind each one's lock, each holding a connection while it waits; on a busy, slow
    /// machine twenty took longer than the pool's default ten seconds, and the last saves failed
    /// where they should have waited their turn.
    static let connectionWait = TimeAmount.seconds(30)

    public func close() async {
        switch pool {
        case .sqlite(let readers, let writer, let threads):
            await readers.close()
            await writer.close()
            try? await threads.shutdownGracefully()
        case .postgres(let p): try? await p.shutdownAsync()
        }
    }

    /// Leaves no earlier version of the tables' rewritten rows where the database's own files
    /// keep them: SQLite's log, which holds each transaction's pages in order, is copied into
    /// the database and emptied; PostgreSQL's dead versions of the rows are vacuumed away. For
    /// rows whose order of change would say who did what. Best effort: a log that readers still
    /// need is emptied by the next call.
    public func forgetEarlierVersions(of tables: [String]) async throws {
        switch dialect {
        case .sqlite: try await withConnection { db in try await db.raw("PRAGMA wal_checkpoint(TRUNCATE)").run() }
        case .postgres: try await withConnection { db in try await db.raw("VACUUM \(unsafeRaw: tables.joined(separator: ", "))").run() }
        }
    }

    /// Runs `body` on one connection from the pool.
    public func withConnection<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await withSession { session in try await body(session.sql) }
    }

    /// One pooled connection, both as SQL and as the driver's own connection for bulk loading.
    package struct Session: Sendable {
        package let sql: any SQLDatabase
        package let bulk: BulkLoader

        package init(sql: any SQLDatabase, bulk: BulkLoader) {
            self.sql = sql
            self.bulk = bulk
        }

        /// Closes the connection, which the pool then drops rather than hands on.
        package func close() async {
            switch bulk {
            case .sqlite(let connection): try? await connection.close()
            case .postgres(let connection, _): try? await connection.close()
            }
        }
    }

    /// - Parameter writing: for a transaction, which on SQLite waits its turn for the writer.
    package func withSession<R: Sendable>(writing: Bool = false, _ body: (Session) async throws -> R) async throws -> R {
        switch pool {
        case .sqlite(let readers, let writer, _):
            let connections = writing ? writer : readers
            let connection = try await connections.take()
            defer { connections.giveBack(connection) }
            return try await body(Session(sql: connection.sql(), bulk: .sqlite(connection)))
        case .postgres(let p):
            let connection = try await p.requestConnection(logger: logger).get()
            defer { p.releaseConnection(connection, logger: logger) }
            return try await body(Session(sql: connection.sql(), bulk: .postgres(connection, logger)))
        }
    }

    /// Transactions waiting for SQLite's writer; 0 on PostgreSQL.
    package var transactionsWaiting: Int {
        if case .sqlite(_, let writer, _) = pool { writer.waitingCount } else { 0 }
    }

    /// Runs `body` in one transaction: all of it is stored, or none of it. Never start another
    /// inside `body`; pass `body`'s connection on: on SQLite the second would wait for the writer
    /// the first holds, and fail after `connectionWait`.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await bulkTransaction { session in try await body(session.sql) }
    }

    package func bulkTransaction<R: Sendable>(_ body: (Session) async throws -> R) async throws -> R {
        let begin = dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        return try await withSession(writing: true) { session in
            try await session.sql.raw(SQLQueryString(begin)).run()
            do {
                let pending = PendingChange()
                let result = try await ChangeCount.$pending.withValue(pending) { try await body(session) }
                if pending.hasChanged { try await ChangeCount.moveOn(session.sql) }
                try await session.sql.raw("COMMIT").run()
                return result
            } catch {
                do {
                    try await session.sql.raw("ROLLBACK").run()
                } catch {
                    // Still inside the transaction, the connection would hold the write lock and
                    // fail every BEGIN after it: closed, it is dropped from the pool instead.
                    await session.close()
                }
                throw error
            }
        }
    }
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
    case badDatabaseURL
    case notFound(String)
    case duplicate(String)
    case conflict(String)
    case notSQLite
    case notAHallmarkBackup(String)

    public var description: String {
        switch self {
        case .badDatabaseURL: "DATABASE_URL is not a PostgreSQL address like postgres://user:password@host:5432/hallmark"
        case .notFound(let what): "\(what) was not found"
        case .duplicate(let what): what
        case .conflict(let what): what
        case .notSQLite: "Backup and restore work on the embedded SQLite database; for PostgreSQL use pg_dump and pg_restore"
        case .notAHallmarkBackup(let path): "\(path) is not a Hallmark backup: it is not an SQLite database with Hallmark's tables"
        }
    }
}
