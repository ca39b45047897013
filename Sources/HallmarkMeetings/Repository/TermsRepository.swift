import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// Terms of reference as versioned records (saved as drafts, approved at a meeting, then
/// frozen), and the responsible authorities' signatures on each version.
package struct TermsRepository: Sendable {
    package let store: Store
    package static let kind = "terms of reference"
    package init(store: Store) { self.store = store }

    package var records: VersionedRecords { VersionedRecords(store: store, kind: Self.kind) }

    package func versions(of partnershipID: RecordID<Partnership>) async throws -> [RecordVersion] {
        try await records.versions(of: partnershipID)
    }

    package func terms(_ id: RecordID<RecordVersion>, in partnershipID: RecordID<Partnership>) async throws -> (RecordVersion, TermsOfReference)? {
        guard let found = try await records.parts(["terms.json"], of: id, in: partnershipID), let json = found.parts["terms.json"] else { return nil }
        return (found.version, try JSONDecoder().decode(TermsOfReference.self, from: Data(json.utf8)))
    }

    /// The terms in force: the latest approved version (on `day`, the latest approved by the end
    /// of that day, so that a meeting is judged by the terms it met under; before any, the first
    /// approved); else the latest draft; else the starting terms.
    package func inForce(for partnershipID: RecordID<Partnership>, on day: CalendarDate? = nil) async throws -> (version: RecordVersion?, terms: TermsOfReference) {
        let all = try await versions(of: partnershipID)
        let approved = all.filter(\.isApproved)
        var chosen = approved.first ?? all.first
        if let day {
            let end = Self.start(of: day.adding(days: 1))
            chosen = approved.first { ($0.approvedAt ?? 0) < end } ?? approved.last ?? all.first
        }
        guard let chosen, let found = try await terms(chosen.id, in: partnershipID) else { return (nil, .starting) }
        return found
    }

    /// Midnight at the start of a day in London, as seconds since 1970.
    static func start(of day: CalendarDate) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return Int64(calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!.timeIntervalSince1970)
    }

    package func saveDraft(_ terms: TermsOfReference, for partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws -> RecordVersion {
        try await store.transaction { [self] db in try await saveDraft(terms, for: partnershipID, by: author, in: db) }
    }

    /// Saves a draft inside the caller's transaction (a merger carrying its terms to the new partnership).
    package func saveDraft(_ terms: TermsOfReference, for partnershipID: RecordID<Partnership>, by author: ChangeAuthor, in db: any SQLDatabase) async throws -> RecordVersion {
        let json = try JSONText.string(terms, .stored)
        let fingerprint = String(Secrets.sha256(Data(json.utf8)).prefix(12))
        return try await records.saveDraft(
            db, partnershipID: partnershipID, title: "Terms of reference, saved \(Format.timestamp(Date()))", fingerprint: fingerprint, by: author
        ) { _ in ["terms.json": json] }
    }

    package func signOffs(of versionID: RecordID<RecordVersion>) async throws -> [SignOff] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT s.*, o.name AS organisation_name FROM sign_offs s JOIN organisations o ON o.id = s.organisation_id
                WHERE s.version_id = \(bind: versionID) ORDER BY s.signed_on, s.id
                """
            ).all().map { row in
                SignOff(
                    id: try row.column("id"), versionID: try row.column("version_id"), organisationID: try row.column("organisation_id"),
                    organisationName: try row.column("organisation_name"), signedBy: try row.column("signed_by"), signedOn: try row.date("signed_on")!)
            }
        }
    }

    /// Records an authority's signature on an approved version; each signs a version once.
    package func signOff(
        _ versionID: RecordID<RecordVersion>, in partnershipID: RecordID<Partnership>, organisation: RecordID<Organisation>, signedBy: String, on day: CalendarDate,
        by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            let taken = try await db.raw(
                "SELECT id FROM sign_offs WHERE version_id = \(bind: versionID) AND organisation_id = \(bind: organisation)"
            ).first()
            if taken != nil { throw ValidationFailure(field: "organisation_id", message: "That organisation has signed this version already") }
            let id = try await db.raw(
                """
                INSERT INTO sign_offs (partnership_id, version_id, organisation_id, signed_by, signed_on, recorded_at, recorded_by)
                VALUES (\(bind: partnershipID), \(bind: versionID), \(bind: organisation), \(bind: signedBy), \(bind: day.iso),
                        \(bind: now()), \(bind: author.label))
                RETURNING id
                """
            ).first()!.column("id", Int64.self)
            try await AuditLog.record(
                db, by: author, .create, "sign-off", id: id, partnership: partnershipID,
                after: ["version": "\(versionID)", "organisation": "\(organisation)", "signed_by": signedBy, "signed_on": day.iso])
        }
    }
}
