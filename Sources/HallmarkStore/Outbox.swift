import Foundation
import HallmarkDomain
import SQLKit

/// One e-mail the server composed: to whom, what it says, and what became of it.
public struct OutboxMessage: Sendable, Equatable, Codable, Identifiable {
    public let id: RecordID<OutboxMessage>
    /// What sent it, such as the reminders' digest.
    public let kind: String
    public let userID: Int64?
    public let toAddress: String
    public let toName: String
    public let subject: String
    public let body: String
    public let createdAt: Int64
    /// When a mail server accepted it; nil until one has.
    public let sentAt: Int64?
    public let attempts: Int
    /// What happened at the last attempt, in words: why it was not sent, when it was not.
    public let outcome: String

    public var sent: Bool { sentAt != nil }
}

/// A message to be composed into the outbox.
public struct Letter: Sendable, Equatable {
    public var userID: Int64?
    public var toAddress: String
    public var toName: String
    public var subject: String
    public var body: String

    public init(userID: Int64?, toAddress: String, toName: String, subject: String, body: String) {
        self.userID = userID
        self.toAddress = toAddress
        self.toName = toName
        self.subject = subject
        self.body = body
    }
}

/// The outbox table: every e-mail the server composes is kept here first, then sent when a mail
/// server is configured and accepts it. A message never sent stays, with the reason, for an
/// administrator to read and send again: nothing is dropped.
public struct Outbox: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    static func message(_ r: any SQLRow) throws -> OutboxMessage {
        OutboxMessage(
            id: try r.column("id"), kind: try r.column("kind"), userID: try r.column("user_id"), toAddress: try r.column("to_address"), toName: try r.column("to_name"),
            subject: try r.column("subject"), body: try r.column("body"), createdAt: try r.column("created_at"), sentAt: try r.column("sent_at"),
            attempts: try r.column("attempts"), outcome: try r.column("outcome"))
    }

    /// Keeps the letters, all or none.
    @discardableResult
    public func add(_ letters: [Letter], kind: String) async throws -> [OutboxMessage] {
        try await store.transaction { db in
            var added: [OutboxMessage] = []
            for l in letters {
                added.append(
                    try Self.message(
                        try await db.raw(
                            """
                            INSERT INTO outbox (kind, user_id, to_address, to_name, subject, body, created_at)
                            VALUES (\(bind: kind), \(bind: l.userID), \(bind: l.toAddress), \(bind: l.toName), \(bind: l.subject), \(bind: l.body), \(bind: now()))
                            RETURNING *
                            """
                        ).first()!))
            }
            return added
        }
    }

    /// The messages not yet accepted by a mail server, oldest first.
    public func unsent(limit: Int = 500) async throws -> [OutboxMessage] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT \(bind: limit)").all().map(Self.message)
        }
    }

    /// The latest messages, newest first.
    public func recent(limit: Int = 100) async throws -> [OutboxMessage] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM outbox ORDER BY id DESC LIMIT \(bind: limit)").all().map(Self.message)
        }
    }

    public func find(_ id: RecordID<OutboxMessage>) async throws -> OutboxMessage? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM outbox WHERE id = \(bind: id)").first().map(Self.message)
        }
    }

    /// Records an attempt: accepted (sent now) or not, with what happened in words. A message
    /// already sent is left as it was, so that two deliveries at once cannot send it twice over.
    public func attempted(_ id: RecordID<OutboxMessage>, sent: Bool, outcome: String) async throws {
        try await store.withConnection { db in
            try await db.raw(
                """
                UPDATE outbox SET attempts = attempts + 1, outcome = \(bind: outcome), sent_at = \(bind: sent ? now() : nil)
                WHERE id = \(bind: id) AND sent_at IS NULL
                """
            ).run()
        }
    }

    /// Those who were sent (or are waiting for) a message of this kind since a time: the digest
    /// composed again within the week skips them.
    public func recipients(of kind: String, since: Int64) async throws -> Set<Int64> {
        try await store.withConnection { db in
            Set(
                try await db.raw("SELECT DISTINCT user_id FROM outbox WHERE kind = \(bind: kind) AND created_at >= \(bind: since) AND user_id IS NOT NULL").all()
                    .map { try $0.column("user_id", Int64.self) })
        }
    }

    public func counts() async throws -> (sent: Int, unsent: Int) {
        try await store.withConnection { db in
            let row = try await db.raw(
                "SELECT COUNT(sent_at) AS sent, COUNT(*) - COUNT(sent_at) AS unsent FROM outbox"
            ).first()!
            return (try row.column("sent", Int.self), try row.column("unsent", Int.self))
        }
    }
}

/// Scheduled work, such as the weekly digest, started once per period however many servers
/// share the database: the first to record the period's run starts it; the others find it taken.
public struct ScheduledRuns: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Records the period's run and queues its job, both or neither; false (and nothing queued)
    /// when the period's run was already recorded.
    public func start(kind: String, period: String, arguments: String = "{}") async throws -> Bool {
        try await store.transaction { db in
            guard
                try await db.raw(
                    "INSERT INTO scheduled_runs (kind, period, created_at) VALUES (\(bind: kind), \(bind: period), \(bind: now())) ON CONFLICT (kind, period) DO NOTHING RETURNING kind"
                ).first() != nil
            else { return false }
            _ = try await JobQueue.enqueue(db, kind: kind, arguments: arguments, by: nil)
            return true
        }
    }
}
