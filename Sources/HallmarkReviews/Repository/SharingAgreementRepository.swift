import Foundation
import HallmarkDomain
import HallmarkStore
import SQLKit

/// The information-sharing register: every agreement between partners, audited.
package struct SharingAgreementRepository: Sendable {
    package let store: Store

    static func agreement(_ r: any SQLRow) throws -> SharingAgreement {
        SharingAgreement(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), title: try r.column("title"),
            parties: try r.column("parties", String.self).split(separator: "\n").map(String.init), purpose: try r.column("purpose"),
            lawfulBasis: LawfulBasis(rawValue: try r.column("lawful_basis")) ?? .publicTask, specialCondition: try r.column("special_condition"),
            dataItems: try r.column("data_items"), retention: try r.column("retention"), signedOn: CalendarDate(try r.column("signed_on", String.self))!,
            reviewOn: CalendarDate(try r.column("review_on", String.self))!, signatories: try r.column("signatories", String.self).split(separator: "\n").map(String.init))
    }

    package func agreements(of partnershipID: RecordID<Partnership>) async throws -> [SharingAgreement] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM sharing_agreements WHERE partnership_id = \(bind: partnershipID) ORDER BY review_on, title").all().map(Self.agreement)
        }
    }

    /// Every partnership's agreements due for review within the reminder's days, for the daily job.
    package func dueForReview(today: CalendarDate) async throws -> [SharingAgreement] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM sharing_agreements WHERE review_on <= \(bind: today.adding(days: SharingAgreement.reminderDays).iso) ORDER BY id")
                .all().map(Self.agreement)
        }
    }

    package func add(
        _ f: (
            title: String, parties: [String], purpose: String, basis: LawfulBasis, special: String, items: String, retention: String, signed: CalendarDate,
            review: CalendarDate, signatories: [String]
        ), to partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws -> SharingAgreement {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM sharing_agreements WHERE partnership_id = \(bind: partnershipID) AND title = \(bind: f.title)").first() != nil {
                throw ValidationFailure(field: "title", message: "There is already an agreement called “\(f.title)”")
            }
            let added = try Self.agreement(
                try await db.raw(
                    """
                    INSERT INTO sharing_agreements (partnership_id, title, parties, purpose, lawful_basis, special_condition, data_items, retention, signed_on, review_on, signatories)
                    VALUES (\(bind: partnershipID), \(bind: f.title), \(bind: f.parties.joined(separator: "\n")), \(bind: f.purpose), \(bind: f.basis.rawValue),
                        \(bind: f.special), \(bind: f.items), \(bind: f.retention), \(bind: f.signed.iso), \(bind: f.review.iso), \(bind: f.signatories.joined(separator: "\n")))
                    RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "information-sharing agreement", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    /// Records a review: the agreement stands, with its next review date.
    package func reviewed(_ id: RecordID<SharingAgreement>, next: CalendarDate, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            guard
                let before = try await db.raw("SELECT * FROM sharing_agreements WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(Self.agreement)
            else { throw StoreError.notFound("Agreement \(id)") }
            if next <= before.reviewOn { throw ValidationFailure(field: "review_on", message: "The next review falls after the last one (\(before.reviewOn.long))") }
            try await db.raw("UPDATE sharing_agreements SET review_on = \(bind: next.iso) WHERE id = \(bind: id)").run()
            var after = before
            after.reviewOn = next
            try await AuditLog.record(db, by: author, .update, "information-sharing agreement", id: id, partnership: partnershipID, before: before, after: after)
        }
    }
}
