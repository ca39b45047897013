import Logging
import NIOCore
import NIOPosix
import SQLiteKit
import Synchronization

/// This process's SQLite connections, each used by one task at a time, taken and given back
/// under a lock on the asking task's own thread. The event loop pool this replaces cost two trips
/// to an event loop for every query, as much processor time as the query itself.
///
/// Connections are opened as they are first needed, up to `limit`. A task that finds them all in
/// use waits its turn, first come first served, for up to `wait`: then it fails rather than
/// hangs, naming what it waited for.
package final class SQLiteConnections: Sendable {
    /// What a waiting task is handed: a connection, or leave to open one (when one failed to open,
    /// its place goes to the next in line).
    private enum Turn: Sendable {
        case connection(SQLiteConnection)
        case open
    }

    private struct Waiting {
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<Turn, any Error>
    }

    private struct State {
        var idle: [SQLiteConnection] = []
        var opened = 0
        var waiting: [Waiting] = []
        var watching = false
        var closed = false
    }

    private let state = Mutex(State())
    private let limit: Int
    private let wait: Duration
    private let open: @Sendable () async throws -> SQLiteConnection

    package init(limit: Int, wait: Duration, open: @escaping @Sendable () async throws -> SQLiteConnection) {
        self.limit = limit
        self.wait = wait
        self.open = open
    }

    /// A connection for the caller alone until it is given back.
    package func take() async throws -> SQLiteConnection {
        let turn: Turn? = try state.withLock { state in
            guard !state.closed else { throw SQLiteConnectionsClosed() }
            if let idle = state.idle.popLast() { return .connection(idle) }
            if state.opened < limit {
                state.opened += 1
                return .open
            }
            return nil
        }
        let granted = if let turn { turn } else { try await waitTurn() }
        switch granted {
        case .connection(let connection): return connection
        case .open:
            do {
                return try await open()
            } catch {
                let next: Waiting? = state.withLock { state in
                    state.opened -= 1
                    guard !state.waiting.isEmpty else { return nil }
                    state.opened += 1
                    return state.waiting.removeFirst()
                }
                next?.continuation.resume(returning: .open)
                throw error
            }
        }
    }

    /// Hands the connection to the longest waiting task, or keeps it for the next. A connection
    /// that was closed in use (its transaction could not be rolled back) is dropped, and its place
    /// goes to the next in line to open a new one: handed on, it would fail every task after.
    package func giveBack(_ connection: SQLiteConnection) {
        let dead = connection.isClosed
        let (next, close): (Waiting?, Bool) = state.withLock { state in
            if state.closed || dead {
                state.opened -= 1
                guard !state.closed, !state.waiting.isEmpty else { return (nil, !dead) }
                state.opened += 1
                return (state.waiting.removeFirst(), false)
            }
            if !state.waiting.isEmpty { return (state.waiting.removeFirst(), false) }
            state.idle.append(connection)
            return (nil, false)
        }
        if close { connection.close().whenComplete { _ in } }
        next?.continuation.resume(returning: dead ? .open : .connection(connection))
    }

    /// Tasks waiting for a connection.
    package var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Closes every connection not in use, and each of the others as it is given back.
    package func close() async {
        let (idle, waiting) = state.withLock { state in
            state.closed = true
            let taken = (state.idle, state.waiting)
            state.opened -= state.idle.count
            state.idle = []
            state.waiting = []
            return taken
        }
        for waiter in waiting { waiter.continuation.resume(throwing: SQLiteConnectionsClosed()) }
        for connection in idle { try? await connection.close() }
    }

    private func waitTurn() async throws -> Turn {
        try await withCheckedThrowingContinuation { continuation in
            // A connection may have come back since the first look.
            let (turn, watch): (Result<Turn, any Error>?, Bool) = state.withLock { state in
                if state.closed { return (.failure(SQLiteConnectionsClosed()), false) }
                if let idle = state.idle.popLast() { return (.success(.connection(idle)), false) }
                state.waiting.append(Waiting(deadline: .now + wait, continuation: continuation))
                let watch = !state.watching
                state.watching = true
                return (nil, watch)
            }
            if let turn { continuation.resume(with: turn) }
            if watch { Task { await watchDeadlines() } }
        }
    }

    /// Fails each task that has waited past its deadline; runs while any task waits, so that
    /// taking and giving back never set a timer of their own.
    private func watchDeadlines() async {
        while true {
            try? await Task.sleep(for: .milliseconds(250))
            let now = ContinuousClock.now
            let (late, done): ([Waiting], Bool) = state.withLock { state in
                let late = state.waiting.filter { $0.deadline <= now }
                state.waiting.removeAll { $0.deadline <= now }
                if state.waiting.isEmpty { state.watching = false }
                return (late, !state.watching)
            }
            for waiter in late { waiter.continuation.resume(throwing: SQLiteConnectionWaitedTooLong(waited: wait)) }
            if done { return }
        }
    }
}

/// Every SQLite connection stayed in use for as long as a task may wait for one.
struct SQLiteConnectionWaitedTooLong: Error, CustomStringConvertible {
    let waited: Duration
    var description: String { "No database connection came free within \(waited.components.seconds) seconds; the server is too busy" }
}

/// The store was closed while a task still wanted a connection.
struct SQLiteConnectionsClosed: Error, CustomStringConvertible {
    var description: String { "The database has been closed" }
}
