import Foundation
import HallmarkDomain
import SQLKit

/// Where a version stands: a draft anyone allowed may replace with another, or approved at a
/// meeting, after which the database refuses any change to it.
public enum VersionStatus: String, Sendable, Codable, Equatable {
    case draft, approved

    /// The states a version may move to from this one.
    public var next: Set<VersionStatus> {
        switch self {
        case .draft: [.approved]
        case .approved: []
        }
    }
}

/// One version of a record (a strategic assessment, a plan, terms of reference, an allocation
/// statement): who saved it and when, and, once approved, at which meeting and by whom recorded.
public struct RecordVersion: Sendable, Equatable, Codable {
    public let id: RecordID<RecordVersion>
    /// What kind of record it is a version of, e.g. "strategic assessment".
    public let kind: String
    public let partnershipID: RecordID<Partnership>
    /// What the version covers, in words: "April 2021 to March 2022".
    public let title: String
    /// A digest of what it holds, so that two copies can be told apart at a glance.
    public let fingerprint: String
    public let status: VersionStatus
    public let createdAt: Int64
    public let createdBy: String
    public let approvedAt: Int64?
    public let approvedBy: String?
    /// The meeting and its date, as recorded: "Partnership Board, 14 March 2026".
    public let approvedAtMeeting: String?

    public var isApproved: Bool { status == .approved }
}

/// Versioned records, for every kind: a version is saved as a draft with its parts (the
/// document, its figures, …), approved once at a meeting, and from then on frozen by the
/// database itself (migration 12's triggers), whatever the code above it does. Every save and
/// approval is in the audit log, under the kind's name.
public struct VersionedRecords: Sendable {
    public let store: Store
    /// The kind of record, as stored and as the audit log names it.
    public let kind: String

    public init(store: Store, kind: String) {
        self.store = store
        self.kind = kind
    }

    /// Saves a draft. `parts` are given the new version's id, since a document's links name it.
    public func saveDraft(
        partnershipID: RecordID<Partnership>, title: String, fingerprint: String, by author: ChangeAuthor,
        parts: @escaping @Sendable (RecordID<RecordVersion>) throws -> [String: String]
    ) async throws -> RecordVersion {
        try await store.transaction { db in try await saveDraft(db, partnershipID: partnershipID, title: title, fingerprint: fingerprint, by: author, parts: parts) }
    }

    /// Saves a draft inside the caller's transaction: as part of a larger change (a merger's).
    public func saveDraft(
        _ db: any SQLDatabase, partnershipID: RecordID<Partnership>, title: String, fingerprint: String, by author: ChangeAuthor,
        parts: @escaping @Sendable (RecordID<RecordVersion>) throws -> [String: String]
    ) async throws -> RecordVersion {
        let id = try await db.raw(
            """
            INSERT INTO record_versions (kind, partnership_id, title, fingerprint, status, created_at, created_by)
            VALUES (\(bind: kind), \(bind: partnershipID), \(bind: title), \(bind: fingerprint), 'draft', \(bind: now()), \(bind: author.label))
            RETURNING id
            """
        ).first()!.column("id", RecordID<RecordVersion>.self)
        for (name, body) in try parts(id).sorted(by: { $0.key < $1.key }) {
            try await db.raw("INSERT INTO record_version_parts (version_id, name, body) VALUES (\(bind: id), \(bind: name), \(bind: body))").run()
        }
        let saved = try await find(id, partnershipID, db)!
        try await AuditLog.record(db, by: author, .create, "\(kind) version", id: id, partnership: partnershipID, after: saved)
        return saved
    }

    /// The partnership's versions of this kind, latest first.
    public func versions(of partnershipID: RecordID<Partnership>) async throws -> [RecordVersion] {
        try await store.withConnection { db in
            try await db.raw(
                "SELECT * FROM record_versions WHERE kind = \(bind: kind) AND partnership_id = \(bind: partnershipID) ORDER BY id DESC"
            ).all().map(Self.version)
        }
    }

    /// The version, if it is of this kind and belongs to the partnership.
    public func version(_ id: RecordID<RecordVersion>, in partnershipID: RecordID<Partnership>) async throws -> RecordVersion? {
        try await store.withConnection { db in try await find(id, partnershipID, db) }
    }

    /// The named parts of a version, if it is of this kind and belongs to the partnership.
    public func parts(_ names: [String], of id: RecordID<RecordVersion>, in partnershipID: RecordID<Partnership>) async throws -> (version: RecordVersion, parts: [String: String])?
    {
        try await store.withConnection { db in
            guard let version = try await find(id, partnershipID, db) else { return nil }
            var parts: [String: String] = [:]
            for row in try await db.raw("SELECT name, body FROM record_version_parts WHERE version_id = \(bind: id) AND name IN (\(binds: names))").all() {
                parts[try row.column("name")] = try row.column("body", String.self)
            }
            return (version, parts)
        }
    }

    /// Records the approval at a meeting. A version is approved once; from then on it is frozen.
    public func approve(_ id: RecordID<RecordVersion>, in partnershipID: RecordID<Partnership>, meeting: String, by author: ChangeAuthor) async throws -> RecordVersion {
        let dialect = store.dialect
        return try await store.transaction { db in
            // Two approvals at once: the second waits, then finds the version approved.
            if dialect == .postgres { try await db.raw("SELECT id FROM record_versions WHERE id = \(bind: id) FOR UPDATE").run() }
            guard let before = try await find(id, partnershipID, db) else { throw StoreError.notFound("\(kind) version \(id)") }
            guard before.status.next.contains(.approved) else {
                throw ValidationFailure(field: "meeting", message: "This version was approved on \(before.approvedAtMeeting ?? "an earlier date") and cannot be changed")
            }
            try await db.raw(
                """
                UPDATE record_versions SET status = 'approved', approved_at = \(bind: now()), approved_by = \(bind: author.label),
                    approved_at_meeting = \(bind: meeting) WHERE id = \(bind: id)
                """
            ).run()
            let after = try await find(id, partnershipID, db)!
            try await AuditLog.record(db, by: author, .update, "\(kind) version", id: id, partnership: partnershipID, before: before, after: after)
            return after
        }
    }

    func find(_ id: RecordID<RecordVersion>, _ partnershipID: RecordID<Partnership>, _ db: any SQLDatabase) async throws -> RecordVersion? {
        try await db.raw(
            "SELECT * FROM record_versions WHERE id = \(bind: id) AND kind = \(bind: kind) AND partnership_id = \(bind: partnershipID)"
        ).first().map(Self.version)
    }

    static func version(_ r: any SQLRow) throws -> RecordVersion {
        RecordVersion(
            id: try r.column("id"), kind: try r.column("kind"), partnershipID: try r.column("partnership_id"), title: try r.column("title"),
            fingerprint: try r.column("fingerprint"), status: VersionStatus(rawValue: try r.column("status")) ?? .draft,
            createdAt: try r.column("created_at"), createdBy: try r.column("created_by"), approvedAt: try r.column("approved_at"),
            approvedBy: try r.column("approved_by"), approvedAtMeeting: try r.column("approved_at_meeting"))
    }
}
