import Foundation
import HallmarkDomain
import SQLKit

/// Where a job stands. Queued until an instance claims it; running while its instance beats
/// its heartbeat; then succeeded, failed (its handler threw) or interrupted (its instance
/// stopped beating, so whoever noticed closed it).
public enum JobState: String, Sendable, Codable, Equatable {
    case queued, running, succeeded, failed, interrupted

    /// The states a job may move to from this one: a finished job never moves again.
    public var next: Set<JobState> {
        switch self {
        case .queued: [.running, .interrupted]
        case .running: [.succeeded, .failed, .interrupted]
        case .succeeded, .failed, .interrupted: []
        }
    }

    public var finished: Bool { next.isEmpty }
}

/// One row of the jobs table.
public struct Job: Sendable, Equatable {
    public let id: RecordID<Job>
    public let kind: String
    /// The job's arguments as JSON, for its handler to decode.
    public let arguments: String
    public let state: JobState
    /// What the handler last said of its progress (its own format).
    public let progress: String
    /// The instance that must run it, when only that one holds what it needs.
    public let runsOn: String?
    public let claimedBy: String?
    public let heartbeatAt: Int64
    public let attempts: Int
    public let result: String?
    public let error: String?
    /// Who asked for it: pages show a job to them alone.
    public let userID: Int64?
    public let createdAt: Int64
}

/// The jobs table: long work that any server instance may claim and run, with its progress and
/// heartbeat kept as rows so that every instance can answer for it (see `Migration` 11).
public struct JobQueue: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Adds a job, waiting to be claimed. `runsOn` pins it to one instance.
    public func enqueue(kind: String, arguments: String, runsOn instance: String? = nil, by userID: Int64?) async throws -> RecordID<Job> {
        try await store.withConnection { db in try await Self.enqueue(db, kind: kind, arguments: arguments, runsOn: instance, by: userID) }
    }

    /// Adds a job on a connection of the caller's, so that it joins the caller's transaction.
    static func enqueue(_ db: any SQLDatabase, kind: String, arguments: String, runsOn instance: String? = nil, by userID: Int64?) async throws -> RecordID<Job> {
        let time = now()
        return try await db.raw(
            """
            INSERT INTO jobs (kind, arguments, state, runs_on, heartbeat_at, user_id, created_at)
            VALUES (\(bind: kind), \(bind: arguments), 'queued', \(bind: instance), \(bind: time), \(bind: userID), \(bind: time))
            RETURNING id
            """
        ).first()!.column("id", RecordID<Job>.self)
    }

    /// Takes the oldest waiting job of these kinds that this instance may run, if there is one.
    /// No two instances can take the same job: PostgreSQL locks the chosen row and skips rows
    /// another claim has locked; SQLite runs one writing statement at a time.
    public func claim(kinds: [String], instance: String) async throws -> Job? {
        guard !kinds.isEmpty else { return nil }
        let lock = store.dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        return try await store.withConnection { db in
            // Every idle instance asks several times a second: a look first, so that the
            // writer's lock is taken only when there is a job to claim.
            let waiting = try await db.raw(
                """
                SELECT id FROM jobs WHERE state = 'queued' AND kind IN (\(binds: kinds)) AND (runs_on IS NULL OR runs_on = \(bind: instance)) LIMIT 1
                """
            ).first()
            guard waiting != nil else { return nil }
            let time = now()
            return try await db.raw(
                """
                UPDATE jobs SET state = 'running', claimed_by = \(bind: instance), heartbeat_at = \(bind: time),
                    started_at = \(bind: time), attempts = attempts + 1
                WHERE state = 'queued' AND id = (
                    SELECT id FROM jobs
                    WHERE state = 'queued' AND kind IN (\(binds: kinds)) AND (runs_on IS NULL OR runs_on = \(bind: instance))
                    ORDER BY id LIMIT 1 \(unsafeRaw: lock))
                RETURNING *
                """
            ).first().map(Self.job)
        }
    }

    /// The running job's heartbeat, with its progress if given; also keeps the queued jobs
    /// pinned to this instance alive while they wait their turn. False when the job is no
    /// longer this instance's to run (another instance closed it as lapsed).
    @discardableResult
    public func beat(_ id: RecordID<Job>, instance: String, progress: String? = nil) async throws -> Bool {
        try await store.withConnection { db in
            let time = now()
            try await db.raw(
                "UPDATE jobs SET heartbeat_at = \(bind: time) WHERE state = 'queued' AND runs_on = \(bind: instance)"
            ).run()
            let set = progress.map { SQLQueryString("heartbeat_at = \(bind: time), progress = \(bind: $0)") } ?? "heartbeat_at = \(bind: time)"
            return try await db.raw(
                "UPDATE jobs SET \(set) WHERE id = \(bind: id) AND state = 'running' AND claimed_by = \(bind: instance) RETURNING id"
            ).first() != nil
        }
    }

    /// Records how the job ended. A job already closed by another instance stays as it was.
    public func finish(_ id: RecordID<Job>, instance: String, _ state: JobState, result: String? = nil, error: String? = nil) async throws {
        precondition(JobState.running.next.contains(state), "a job ends succeeded, failed or interrupted")
        try await store.withConnection { db in
            try await db.raw(
                """
                UPDATE jobs SET state = \(bind: state.rawValue), result = \(bind: result), error = \(bind: error), finished_at = \(bind: now())
                WHERE id = \(bind: id) AND state = 'running' AND claimed_by = \(bind: instance)
                """
            ).run()
        }
    }

    /// Marks interrupted every job whose instance has not beaten its heartbeat for `lease`
    /// seconds: a running job, or a queued one pinned to an instance. A job whose instance is
    /// alive is beaten far more often than that, so a live job is never closed. Returns the
    /// jobs closed. Asked often: it looks before it writes.
    @discardableResult
    public func closeLapsed(lease: Int64) async throws -> [Job] {
        let lapsed = now() - lease
        let condition: SQLQueryString = """
            heartbeat_at < \(bind: lapsed) AND (state = 'running' OR (state = 'queued' AND runs_on IS NOT NULL))
            """
        let any = try await store.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM jobs WHERE \(condition)").first()!.column("n", Int.self) > 0
        }
        guard any else { return [] }
        return try await store.withConnection { db in
            try await db.raw(
                """
                UPDATE jobs SET state = 'interrupted', finished_at = \(bind: now()),
                    error = 'The server running it stopped before it finished.'
                WHERE \(condition)
                RETURNING *
                """
            ).all().map(Self.job)
        }
    }

    /// The latest jobs of a kind that failed, newest first.
    public func failed(kind: String, limit: Int = 20) async throws -> [Job] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM jobs WHERE kind = \(bind: kind) AND state = 'failed' ORDER BY id DESC LIMIT \(bind: limit)").all().map(Self.job)
        }
    }

    /// The jobs of a kind still waiting or running, oldest first.
    public func unfinished(kind: String) async throws -> [Job] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM jobs WHERE kind = \(bind: kind) AND state IN ('queued', 'running') ORDER BY id").all().map(Self.job)
        }
    }

    public func find(_ id: RecordID<Job>) async throws -> Job? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM jobs WHERE id = \(bind: id)").first().map(Self.job)
        }
    }

    static func job(_ row: any SQLRow) throws -> Job {
        Job(
            id: try row.column("id"), kind: try row.column("kind"), arguments: try row.column("arguments"),
            state: JobState(rawValue: try row.column("state")) ?? .failed, progress: try row.column("progress"),
            runsOn: try row.column("runs_on"), claimedBy: try row.column("claimed_by"), heartbeatAt: try row.column("heartbeat_at"),
            attempts: try row.column("attempts"), result: try row.column("result"), error: try row.column("error"),
            userID: try row.column("user_id"), createdAt: try row.column("created_at"))
    }
}

/// What runs a job of one kind: it reads the job's arguments, may report progress (stored with
/// the job's heartbeat), and returns what to record as its result. Throwing fails the job.
public typealias JobHandler = @Sendable (_ job: Job, _ report: @escaping @Sendable (String) async throws -> Void) async throws -> String?
