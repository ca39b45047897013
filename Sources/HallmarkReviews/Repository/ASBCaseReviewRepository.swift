import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// ASB Case Reviews as stored: the applicant's details and complaints sealed; every change audited
/// without them.
package struct ASBCaseReviewRepository: Sendable {
    package let store: Store
    let sealed: SealedColumns

    package init(store: Store, keys: CaseKeys) {
        self.store = store
        self.sealed = SealedColumns(keys: keys, table: "asb_case_reviews")
    }

    func review(_ r: any SQLRow) throws -> ASBCaseReview {
        func day(_ c: String) throws -> CalendarDate? { try r.column(c, String?.self).flatMap(CalendarDate.init) }
        return ASBCaseReview(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), reference: try r.column("reference"),
            receivedOn: CalendarDate(try r.column("received_on", String.self))!, madeBy: try r.column("made_by"),
            applicantName: try sealed.open(r, "applicant_name"), applicantContact: try sealed.open(r, "applicant_contact"),
            applicantAddress: try sealed.open(r, "applicant_address"),
            complaints: try sealed.open(r, "complaints").map { try JSONDecoder().decode([ASBComplaint].self, from: Data($0.utf8)) },
            onBehalf: try r.column("on_behalf", Int.self) == 1, complaintsCounted: try r.column("complaints_counted"),
            thresholdMet: try r.column("threshold_met", Int?.self).map { $0 == 1 }, decidedOn: try day("decided_on"), letterSentOn: try day("letter_sent_on"),
            meetingOn: try day("meeting_on"), recommendations: try sealed.open(r, "recommendations"),
            recommendationsMade: try r.column("recommendations_made", Int.self) == 1, appealRequestedOn: try day("appeal_requested_on"),
            appealOutcome: try r.column("appeal_outcome"), closedOn: try day("closed_on"), personalDataRemovedOn: try day("personal_data_removed_on"))
    }

    /// What the audit log keeps of a review: its dates and decisions, never what is sealed.
    static func audited(_ r: ASBCaseReview) -> [String: String] {
        [
            "reference": r.reference, "received_on": r.receivedOn.iso, "applicant": SealedColumns.redacted, "complaints_counted": "\(r.complaintsCounted)",
            "threshold_met": r.thresholdMet.map { $0 ? "yes" : "no" } ?? "", "decided_on": r.decidedOn?.iso ?? "", "letter_sent_on": r.letterSentOn?.iso ?? "",
            "meeting_on": r.meetingOn?.iso ?? "", "recommendations_made": r.recommendationsMade ? "yes" : "no",
            "appeal_requested_on": r.appealRequestedOn?.iso ?? "", "appeal_outcome": r.appealOutcome, "closed_on": r.closedOn?.iso ?? "",
        ]
    }

    /// Every review of a partnership, newest first: for the cases a user may see, and for the statistics.
    package func reviews(of partnershipID: RecordID<Partnership>) async throws -> [ASBCaseReview] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM asb_case_reviews WHERE partnership_id = \(bind: partnershipID) ORDER BY received_on DESC, id DESC").all().map(review)
        }
    }

    package func review(_ id: RecordID<ASBCaseReview>, in partnershipID: RecordID<Partnership>) async throws -> ASBCaseReview? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM asb_case_reviews WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(review)
        }
    }

    /// Records an application with its complaints counted against the threshold; `team` (the
    /// staff member who entered it, or the partnership's case leads for one from the public
    /// site) may see it.
    package func apply(
        _ f: (name: String, contact: String, address: String, onBehalf: Bool, complaints: [ASBComplaint]), on day: CalendarDate, madeBy: String,
        settings: CaseSettings, team: [Int64], to partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws -> ASBCaseReview {
        let complaints = String(decoding: try JSONEncoder().encode(f.complaints), as: UTF8.self)
        let counted = ASBThreshold.qualifying(f.complaints, receivedOn: day, months: settings.asbMonths)
        let lock = store.rowLock
        return try await store.transaction { db in
            let reference = "ASB-\(day.year)-\(String(format: "%03d", try await sealed.nextNumber(db, of: partnershipID, lock: lock)))"
            let added = try review(
                try await db.raw(
                    """
                    INSERT INTO asb_case_reviews (partnership_id, reference, received_on, made_by, applicant_name, applicant_contact, applicant_address,
                        complaints, on_behalf, complaints_counted)
                    VALUES (\(bind: partnershipID), \(bind: reference), \(bind: day.iso), \(bind: madeBy), \(bind: sealed.seal(f.name, "applicant_name")),
                        \(bind: sealed.seal(f.contact, "applicant_contact")), \(bind: sealed.seal(f.address, "applicant_address")),
                        \(bind: sealed.seal(complaints, "complaints")), \(bind: f.onBehalf ? 1 : 0), \(bind: counted))
                    RETURNING *
                    """
                ).first()!)
            for user in team { try await CaseworkRepository.join(db, .asbCaseReview, added.id.rawValue, user: user) }
            try await AuditLog.record(db, by: author, .create, "ASB Case Review", id: added.id, partnership: partnershipID, after: Self.audited(added))
            return added
        }
    }

    /// Changes one review in one transaction that holds its row, audited before and after.
    package func change(
        _ id: RecordID<ASBCaseReview>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor,
        _ edit: @escaping @Sendable (inout ASBCaseReview) throws -> Void
    ) async throws -> ASBCaseReview {
        let lock = store.rowLock
        return try await store.transaction { db in
            guard let row = try await db.raw("SELECT * FROM asb_case_reviews WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock)").first()
            else { throw StoreError.notFound("ASB Case Review \(id)") }
            let before = try review(row)
            var after = before
            try edit(&after)
            try await db.raw(
                """
                UPDATE asb_case_reviews SET threshold_met = \(bind: after.thresholdMet.map { $0 ? 1 : 0 }), decided_on = \(bind: after.decidedOn?.iso),
                    letter_sent_on = \(bind: after.letterSentOn?.iso), meeting_on = \(bind: after.meetingOn?.iso),
                    recommendations = \(bind: sealed.seal(after.recommendations, "recommendations")), recommendations_made = \(bind: after.recommendationsMade ? 1 : 0),
                    appeal_requested_on = \(bind: after.appealRequestedOn?.iso), appeal_outcome = \(bind: after.appealOutcome), closed_on = \(bind: after.closedOn?.iso)
                WHERE id = \(bind: id)
                """
            ).run()
            try await AuditLog.record(db, by: author, .update, "ASB Case Review", id: id, partnership: partnershipID, before: Self.audited(before), after: Self.audited(after))
            return after
        }
    }

    /// Removes the personal data of reviews closed more than `months` before `today`: the
    /// dates, decisions and counts stay for the statistics. Returns how many were cleared.
    package func removeExpired(today: CalendarDate, months: (RecordID<Partnership>) async throws -> Int, by author: ChangeAuthor) async throws -> Int {
        try await sealed.removeExpired(store, ended: "closed_on", today: today, months: months, subject: "ASB Case Review personal data removed", by: author)
    }
}
