import Foundation
import HallmarkDomain
import SQLKit

/// Who made a change: a signed-in user, or the system itself (the demo loader, the CLI).
public struct ChangeAuthor: Sendable, Equatable {
    public let userID: Int64?
    public let label: String

    public init(userID: Int64?, label: String) {
        self.userID = userID
        self.label = label
    }

    public static func system(_ what: String) -> ChangeAuthor { ChangeAuthor(userID: nil, label: what) }
}

public enum AuditAction: String, Sendable, Codable {
    case create, update, delete
}

public struct AuditEntry: Sendable, Equatable, Codable {
    public let id: Int64
    public let at: Date
    public let userID: Int64?
    public let actor: String
    public let action: AuditAction
    public let subject: String
    public let subjectID: Int64?
    public let partnershipID: Int64?
    public let before: String?
    public let after: String?
}

/// The append-only record of every change: who, when, what, and the record before and after.
/// Written in the same transaction as the change it describes, so neither exists without the other.
public enum AuditLog {
    package static func record(
        _ db: any SQLDatabase, by author: ChangeAuthor, _ action: AuditAction, _ subject: String,
        id: (any RowNumber)?, partnership: (any RowNumber)?, before: (any Encodable)? = nil, after: (any Encodable)? = nil
    ) async throws {
        try await db.raw(
            """
            INSERT INTO audit_log (at, user_id, actor, action, subject, subject_id, partnership_id, before_json, after_json)
            VALUES (\(bind: Int64(Date().timeIntervalSince1970)), \(bind: author.userID), \(bind: author.label),
                    \(bind: action.rawValue), \(bind: subject), \(bind: id?.rowNumber), \(bind: partnership?.rowNumber),
                    \(bind: try before.map(json)), \(bind: try after.map(json)))
            """
        ).run()
        try await ChangeCount.recorded(db)
    }

    package static func json(_ value: any Encodable) throws -> String {
        return try JSONText.string(value)
    }

    /// How many changes have been committed (see `ChangeCount`): a cache keyed by it is never
    /// stale, on any server instance.
    public static func version(in store: Store) async throws -> Int64 {
        try await store.withConnection { db in try await ChangeCount.read(db) }
    }

    /// Newest first.
    public static func entries(in store: Store, limit: Int = 200, offset: Int = 0) async throws -> [AuditEntry] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT id, at, user_id, actor, action, subject, subject_id, partnership_id, before_json, after_json
                FROM audit_log ORDER BY id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
                """
            ).all().map { row in
                AuditEntry(
                    id: try row.decode(column: "id", as: Int64.self),
                    at: Date(timeIntervalSince1970: Double(try row.decode(column: "at", as: Int64.self))),
                    userID: try row.decode(column: "user_id", as: Int64?.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    action: AuditAction(rawValue: try row.decode(column: "action", as: String.self)) ?? .update,
                    subject: try row.decode(column: "subject", as: String.self),
                    subjectID: try row.decode(column: "subject_id", as: Int64?.self),
                    partnershipID: try row.decode(column: "partnership_id", as: Int64?.self),
                    before: try row.decode(column: "before_json", as: String?.self),
                    after: try row.decode(column: "after_json", as: String?.self))
            }
        }
    }
}
