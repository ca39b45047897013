import Foundation
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import SQLKit

/// A stored version of a partnership's strategic assessment: the document and every figure
/// exactly as they were, with the settings used and the data's fingerprint.
package struct AssessmentVersion: Sendable, Equatable, Codable {
    package let id: Int64
    package let partnershipID: Int64
    package let period: String
    package let fingerprint: String
    package let status: String
    package let createdAt: Int64
    package let createdBy: String
    package let approvedAt: Int64?
    package let approvedBy: String?
    package let approvedAtMeeting: String?

    package var isApproved: Bool { status == "approved" }
}

/// Drafts of the assessment, and the board's approval, after which the version is frozen:
/// the database refuses any change to it.
package struct AssessmentRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    package static let columns = "id, partnership_id, period, fingerprint, status, created_at, created_by, approved_at, approved_by, approved_at_meeting"

    /// - Parameters:
    ///   - html: the document, given the new version's id (its links name the version).
    ///   - tablesJSON: the document's tables, for their CSV downloads.
    package func saveDraft(
        partnershipID: Int64, period: String, fingerprint: String, settingsJSON: String, figuresJSON: String,
        tablesJSON: String = "{}", html: @escaping @Sendable (Int64) -> String, by author: ChangeAuthor
    ) async throws -> AssessmentVersion {
        try await store.transaction { db in
            let id = try await db.raw(
                """
                INSERT INTO assessment_versions (partnership_id, period, fingerprint, settings_json, figures_json, tables_json, document_html, status, created_at, created_by)
                VALUES (\(bind: partnershipID), \(bind: period), \(bind: fingerprint), \(bind: settingsJSON), \(bind: figuresJSON), \(bind: tablesJSON), '',
                        'draft', \(bind: now()), \(bind: author.label))
                RETURNING id
                """
            ).first()!.column("id", Int64.self)
            try await db.raw("UPDATE assessment_versions SET document_html = \(bind: html(id)) WHERE id = \(bind: id)").run()
            let saved = try await Self.find(id, partnershipID, db)!
            try await AuditLog.record(db, by: author, .create, "assessment version", id: id, partnership: partnershipID, after: saved)
            return saved
        }
    }

    package func versions(of partnershipID: Int64) async throws -> [AssessmentVersion] {
        try await store.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM assessment_versions WHERE partnership_id = \(bind: partnershipID) ORDER BY id DESC")
                .all().map(Self.version)
        }
    }

    /// The version, if it belongs to the partnership.
    package func version(_ id: Int64, in partnershipID: Int64) async throws -> AssessmentVersion? {
        try await store.withConnection { db in try await Self.find(id, partnershipID, db) }
    }

    /// The version and its document, if it belongs to the partnership.
    package func document(_ id: Int64, in partnershipID: Int64) async throws -> (version: AssessmentVersion, html: String, figuresJSON: String)? {
        try await store.withConnection { db in
            guard let version = try await Self.find(id, partnershipID, db),
                let row = try await db.raw("SELECT document_html, figures_json FROM assessment_versions WHERE id = \(bind: id)").first()
            else { return nil }
            return (version, try row.column("document_html"), try row.column("figures_json"))
        }
    }

    /// The version's tables as stored with it (JSON), if it belongs to the partnership.
    package func tables(_ id: Int64, in partnershipID: Int64) async throws -> String? {
        try await store.withConnection { db in
            try await db.raw("SELECT tables_json FROM assessment_versions WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)")
                .first()?.column("tables_json", String.self)
        }
    }

    /// Records the board's approval. A version can be approved once; from then on it is frozen.
    /// The stored document stays exactly as it was saved: whoever shows it adds the approval
    /// from the version's record.
    package func approve(_ id: Int64, in partnershipID: Int64, meeting: String, by author: ChangeAuthor) async throws -> AssessmentVersion {
        let dialect = store.dialect
        return try await store.transaction { db in
            // Two approvals at once: the second waits, then finds the version approved.
            if dialect == .postgres { try await db.raw("SELECT id FROM assessment_versions WHERE id = \(bind: id) FOR UPDATE").run() }
            guard let before = try await Self.find(id, partnershipID, db) else { throw StoreError.notFound("assessment version \(id)") }
            guard !before.isApproved else {
                throw ValidationFailure(field: "meeting", message: "This version was approved on \(before.approvedAtMeeting ?? "an earlier date") and cannot be changed")
            }
            try await db.raw(
                """
                UPDATE assessment_versions SET status = 'approved', approved_at = \(bind: now()), approved_by = \(bind: author.label),
                    approved_at_meeting = \(bind: meeting) WHERE id = \(bind: id)
                """
            ).run()
            let after = try await Self.find(id, partnershipID, db)!
            try await AuditLog.record(db, by: author, .update, "assessment version", id: id, partnership: partnershipID, before: before, after: after)
            return after
        }
    }

    /// The analyst's working settings (weights, themes, adjustments) for the partnership's next
    /// draft, as JSON; nil until someone changes the defaults.
    package func settingsJSON(of partnershipID: Int64) async throws -> String? {
        try await store.withConnection { db in try await Self.settingsJSON(partnershipID, db) }
    }

    package static func settingsJSON(_ partnershipID: Int64, _ db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT settings_json FROM assessment_settings WHERE partnership_id = \(bind: partnershipID)")
            .first()?.column("settings_json", String.self)
    }

    /// Replaces the working settings; the audit log keeps the settings before and after.
    package func saveSettings(_ json: String, of partnershipID: Int64, by author: ChangeAuthor) async throws {
        try await updateSettings(of: partnershipID, by: author) { _ in json }
    }

    /// Reads the working settings, lets `change` make new ones from them, and stores those, all
    /// in one transaction that holds the partnership's row: two analysts saving at once each
    /// change what the other saved, and neither change is lost. Whatever `change` throws
    /// leaves the settings as they were.
    package func updateSettings(
        of partnershipID: Int64, by author: ChangeAuthor,
        _ change: @escaping @Sendable (_ current: String?) throws -> String
    ) async throws {
        let dialect = store.dialect
        try await store.transaction { db in
            // SQLite's BEGIN IMMEDIATE already lets one writer in at a time.
            if dialect == .postgres {
                try await db.raw("SELECT id FROM partnerships WHERE id = \(bind: partnershipID) FOR UPDATE").run()
            }
            let before = try await Self.settingsJSON(partnershipID, db)
            let json = try change(before)
            if before == nil {
                try await db.raw(
                    """
                    INSERT INTO assessment_settings (partnership_id, settings_json, updated_at, updated_by)
                    VALUES (\(bind: partnershipID), \(bind: json), \(bind: now()), \(bind: author.label))
                    """
                ).run()
            } else {
                try await db.raw(
                    """
                    UPDATE assessment_settings SET settings_json = \(bind: json), updated_at = \(bind: now()), updated_by = \(bind: author.label)
                    WHERE partnership_id = \(bind: partnershipID)
                    """
                ).run()
            }
            try await AuditLog.record(
                db, by: author, before == nil ? .create : .update, "assessment settings", id: partnershipID,
                partnership: partnershipID, before: before, after: json)
        }
    }

    package static func find(_ id: Int64, _ partnershipID: Int64, _ db: any SQLDatabase) async throws -> AssessmentVersion? {
        try await db.raw("SELECT \(unsafeRaw: columns) FROM assessment_versions WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)")
            .first().map(version)
    }

    package static func version(_ r: any SQLRow) throws -> AssessmentVersion {
        AssessmentVersion(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), period: try r.column("period"),
            fingerprint: try r.column("fingerprint"), status: try r.column("status"), createdAt: try r.column("created_at"),
            createdBy: try r.column("created_by"), approvedAt: try r.column("approved_at"), approvedBy: try r.column("approved_by"),
            approvedAtMeeting: try r.column("approved_at_meeting"))
    }
}
