import Foundation
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import SQLKit

/// A saved version of a partnership's strategic assessment: a versioned record whose title is
/// the period it covers, holding the document and every figure exactly as they were, with the
/// settings used and the data's fingerprint.
package typealias AssessmentVersion = RecordVersion

extension RecordVersion {
    /// The twelve months an assessment version covers.
    package var period: String { title }
}

/// Drafts of the assessment and the board's approval (versioned records, frozen once approved),
/// and the analyst's working settings.
package struct AssessmentRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    /// The assessment's versions among the versioned records.
    package var records: VersionedRecords { VersionedRecords(store: store, kind: "strategic assessment") }

    /// The parts a version keeps.
    enum Part {
        static let document = "document.html", settings = "settings.json", figures = "figures.json", tables = "tables.json"
    }

    /// - Parameters:
    ///   - html: the document, given the new version's id (its links name the version).
    ///   - tablesJSON: the document's tables, for their CSV downloads.
    package func saveDraft(
        partnershipID: RecordID<Partnership>, period: String, fingerprint: String, settingsJSON: String, figuresJSON: String,
        tablesJSON: String = "{}", html: @escaping @Sendable (RecordID<RecordVersion>) -> String, by author: ChangeAuthor
    ) async throws -> AssessmentVersion {
        try await records.saveDraft(partnershipID: partnershipID, title: period, fingerprint: fingerprint, by: author) { id in
            [Part.document: html(id), Part.settings: settingsJSON, Part.figures: figuresJSON, Part.tables: tablesJSON]
        }
    }

    package func versions(of partnershipID: RecordID<Partnership>) async throws -> [AssessmentVersion] {
        try await records.versions(of: partnershipID)
    }

    /// The version, if it belongs to the partnership.
    package func version(_ id: RecordID<AssessmentVersion>, in partnershipID: RecordID<Partnership>) async throws -> AssessmentVersion? {
        try await records.version(id, in: partnershipID)
    }

    /// The version and its document, if it belongs to the partnership.
    package func document(_ id: RecordID<AssessmentVersion>, in partnershipID: RecordID<Partnership>) async throws -> (
        version: AssessmentVersion, html: String, figuresJSON: String
    )? {
        guard let found = try await records.parts([Part.document, Part.figures], of: id, in: partnershipID) else { return nil }
        return (found.version, found.parts[Part.document] ?? "", found.parts[Part.figures] ?? "{}")
    }

    /// The version's tables as stored with it (JSON), if it belongs to the partnership.
    package func tables(_ id: RecordID<AssessmentVersion>, in partnershipID: RecordID<Partnership>) async throws -> String? {
        try await records.parts([Part.tables], of: id, in: partnershipID).map { $0.parts[Part.tables] ?? "{}" }
    }

    /// The settings a version was computed with (JSON), if it belongs to the partnership.
    package func settingsJSON(ofVersion id: RecordID<AssessmentVersion>, in partnershipID: RecordID<Partnership>) async throws -> String? {
        try await records.parts([Part.settings], of: id, in: partnershipID)?.parts[Part.settings]
    }

    /// Records the board's approval. A version can be approved once; from then on it is frozen.
    /// The stored document stays exactly as it was saved: whoever shows it adds the approval
    /// from the version's record.
    package func approve(_ id: RecordID<AssessmentVersion>, in partnershipID: RecordID<Partnership>, meeting: String, by author: ChangeAuthor) async throws -> AssessmentVersion {
        try await records.approve(id, in: partnershipID, meeting: meeting, by: author)
    }

    /// The analyst's working settings (weights, themes, adjustments) for the partnership's next
    /// draft, as JSON; nil until someone changes the defaults.
    package func settingsJSON(of partnershipID: RecordID<Partnership>) async throws -> String? {
        try await store.withConnection { db in try await Self.settingsJSON(partnershipID, db) }
    }

    package static func settingsJSON(_ partnershipID: RecordID<Partnership>, _ db: any SQLDatabase) async throws -> String? {
        try await db.raw("SELECT settings_json FROM assessment_settings WHERE partnership_id = \(bind: partnershipID)")
            .first()?.column("settings_json", String.self)
    }

    /// Replaces the working settings; the audit log keeps the settings before and after.
    package func saveSettings(_ json: String, of partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await updateSettings(of: partnershipID, by: author) { _ in json }
    }

    /// Reads the working settings, lets `change` make new ones from them, and stores those, all
    /// in one transaction that holds the partnership's row: two analysts saving at once each
    /// change what the other saved, and neither change is lost. Whatever `change` throws
    /// leaves the settings as they were.
    package func updateSettings(
        of partnershipID: RecordID<Partnership>, by author: ChangeAuthor,
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
}
