import Foundation
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import HallmarkStore
import SQLKit

/// Homicide reviews as stored: the victim's name and the circumstances sealed; agencies'
/// reports, the action plan and the costs beside them; every change audited without what is sealed.
package struct HomicideReviewRepository: Sendable {
    package let store: Store
    let sealed: SealedColumns

    package init(store: Store, keys: CaseKeys) {
        self.store = store
        self.sealed = SealedColumns(keys: keys, table: "homicide_reviews")
    }

    func review(_ r: any SQLRow) throws -> HomicideReview {
        func day(_ c: String) throws -> CalendarDate? { try r.column(c, String?.self).flatMap(CalendarDate.init) }
        return HomicideReview(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), kind: HomicideReviewKind(rawValue: try r.column("kind")) ?? .dhr,
            reference: try r.column("reference"), notifiedOn: CalendarDate(try r.column("notified_on", String.self))!,
            victimName: try sealed.open(r, "victim_name"), circumstances: try sealed.open(r, "circumstances"),
            decision: try r.column("decision", String?.self).flatMap(HomicideDecision.init(rawValue:)), decidedOn: try day("decided_on"),
            decisionReason: try r.column("decision_reason"), homeOfficeInformedOn: try day("home_office_informed_on"), chair: try r.column("chair"),
            panel: try r.column("panel"), draftOn: try day("draft_on"), qaSubmittedOn: try day("qa_submitted_on"), qaOutcome: try r.column("qa_outcome"),
            publishedOn: try day("published_on"), personalDataRemovedOn: try day("personal_data_removed_on"))
    }

    static func audited(_ r: HomicideReview) -> [String: String] {
        [
            "kind": r.kind.rawValue, "reference": r.reference, "notified_on": r.notifiedOn.iso, "victim_name": SealedColumns.redacted,
            "circumstances": SealedColumns.redacted, "decision": r.decision?.rawValue ?? "", "decided_on": r.decidedOn?.iso ?? "",
            "decision_reason": r.decisionReason, "home_office_informed_on": r.homeOfficeInformedOn?.iso ?? "", "chair": r.chair, "panel": r.panel,
            "draft_on": r.draftOn?.iso ?? "", "qa_submitted_on": r.qaSubmittedOn?.iso ?? "", "qa_outcome": r.qaOutcome, "published_on": r.publishedOn?.iso ?? "",
        ]
    }

    package func reviews(of partnershipID: RecordID<Partnership>) async throws -> [HomicideReview] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM homicide_reviews WHERE partnership_id = \(bind: partnershipID) ORDER BY notified_on DESC, id DESC").all().map(review)
        }
    }

    package func review(_ id: RecordID<HomicideReview>, in partnershipID: RecordID<Partnership>) async throws -> HomicideReview? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM homicide_reviews WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(review)
        }
    }

    /// A death notified to the partnership; the person who records it joins the review's team.
    package func notify(
        _ f: (kind: HomicideReviewKind, notifiedOn: CalendarDate, victimName: String, circumstances: String), team: [Int64],
        to partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws -> HomicideReview {
        let lock = store.rowLock
        return try await store.transaction { db in
            let reference = "\(f.kind.rawValue.uppercased())-\(f.notifiedOn.year)-\(String(format: "%02d", try await sealed.nextNumber(db, of: partnershipID, lock: lock)))"
            let added = try review(
                try await db.raw(
                    """
                    INSERT INTO homicide_reviews (partnership_id, kind, reference, notified_on, victim_name, circumstances)
                    VALUES (\(bind: partnershipID), \(bind: f.kind.rawValue), \(bind: reference), \(bind: f.notifiedOn.iso),
                        \(bind: sealed.seal(f.victimName, "victim_name")), \(bind: sealed.seal(f.circumstances, "circumstances")))
                    RETURNING *
                    """
                ).first()!)
            for user in team { try await CaseworkRepository.join(db, .homicideReview, added.id.rawValue, user: user) }
            try await AuditLog.record(db, by: author, .create, "homicide review", id: added.id, partnership: partnershipID, after: Self.audited(added))
            return added
        }
    }

    /// Changes one review's dates and decisions in one transaction that holds its row, audited.
    package func change(
        _ id: RecordID<HomicideReview>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor,
        _ edit: @escaping @Sendable (inout HomicideReview) throws -> Void
    ) async throws -> HomicideReview {
        let lock = store.rowLock
        return try await store.transaction { db in
            guard let row = try await db.raw("SELECT * FROM homicide_reviews WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock)").first()
            else { throw StoreError.notFound("Homicide review \(id)") }
            let before = try review(row)
            var after = before
            try edit(&after)
            try await db.raw(
                """
                UPDATE homicide_reviews SET decision = \(bind: after.decision?.rawValue), decided_on = \(bind: after.decidedOn?.iso),
                    decision_reason = \(bind: after.decisionReason), home_office_informed_on = \(bind: after.homeOfficeInformedOn?.iso), chair = \(bind: after.chair),
                    panel = \(bind: after.panel), draft_on = \(bind: after.draftOn?.iso), qa_submitted_on = \(bind: after.qaSubmittedOn?.iso),
                    qa_outcome = \(bind: after.qaOutcome), published_on = \(bind: after.publishedOn?.iso)
                WHERE id = \(bind: id)
                """
            ).run()
            try await AuditLog.record(db, by: author, .update, "homicide review", id: id, partnership: partnershipID, before: Self.audited(before), after: Self.audited(after))
            return after
        }
    }

    package func reports(of id: RecordID<HomicideReview>) async throws -> [AgencyReport] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM homicide_review_reports WHERE review_id = \(bind: id) ORDER BY agency").all().map { r in
                AgencyReport(
                    id: try r.column("id"), reviewID: try r.column("review_id"), agency: try r.column("agency"),
                    requestedOn: CalendarDate(try r.column("requested_on", String.self))!, dueOn: CalendarDate(try r.column("due_on", String.self))!,
                    receivedOn: try r.column("received_on", String?.self).flatMap(CalendarDate.init))
            }
        }
    }

    package func requestReport(
        _ f: (agency: String, requestedOn: CalendarDate, dueOn: CalendarDate), for review: HomicideReview, by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM homicide_review_reports WHERE review_id = \(bind: review.id) AND agency = \(bind: f.agency)").first() != nil {
                throw ValidationFailure(field: "agency", message: "A report has already been asked of \(f.agency)")
            }
            let id = try await db.raw(
                """
                INSERT INTO homicide_review_reports (review_id, agency, requested_on, due_on) VALUES (\(bind: review.id), \(bind: f.agency), \(bind: f.requestedOn.iso), \(bind: f.dueOn.iso))
                RETURNING id
                """
            ).first()!.column("id", Int64.self)
            try await AuditLog.record(
                db, by: author, .create, "agency report", id: id, partnership: review.partnershipID,
                after: ["agency": f.agency, "requested_on": f.requestedOn.iso, "due_on": f.dueOn.iso])
        }
    }

    package func receiveReport(_ reportID: RecordID<AgencyReport>, on day: CalendarDate, of review: HomicideReview, by author: ChangeAuthor) async throws {
        let lock = store.rowLock
        try await store.transaction { db in
            guard
                let requested = try await db.raw(
                    "SELECT requested_on FROM homicide_review_reports WHERE id = \(bind: reportID) AND review_id = \(bind: review.id)\(unsafeRaw: lock)"
                ).first().map({ try $0.column("requested_on", String.self) }).flatMap(CalendarDate.init)
            else { throw ValidationFailure(field: "report_id", message: "Select one of the reports asked for") }
            guard day >= requested else {
                throw ValidationFailure(field: "received_on", message: "The day it was received must be on or after the day it was asked for, \(requested.long)")
            }
            try await db.raw("UPDATE homicide_review_reports SET received_on = \(bind: day.iso) WHERE id = \(bind: reportID)").run()
            try await AuditLog.record(db, by: author, .update, "agency report", id: reportID, partnership: review.partnershipID, after: ["received_on": day.iso])
        }
    }

    package func actions(of id: RecordID<HomicideReview>) async throws -> [ReviewAction] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM homicide_review_actions WHERE review_id = \(bind: id) ORDER BY due_on, id").all().map { r in
                ReviewAction(
                    id: try r.column("id"), reviewID: try r.column("review_id"), action: try r.column("action"), owner: try r.column("owner"),
                    dueOn: CalendarDate(try r.column("due_on", String.self))!, doneOn: try r.column("done_on", String?.self).flatMap(CalendarDate.init))
            }
        }
    }

    package func addAction(_ f: (action: String, owner: String, dueOn: CalendarDate), to review: HomicideReview, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let id = try await db.raw(
                """
                INSERT INTO homicide_review_actions (review_id, action, owner, due_on) VALUES (\(bind: review.id), \(bind: f.action), \(bind: f.owner), \(bind: f.dueOn.iso))
                RETURNING id
                """
            ).first()!.column("id", Int64.self)
            try await AuditLog.record(
                db, by: author, .create, "homicide review action", id: id, partnership: review.partnershipID,
                after: ["action": f.action, "owner": f.owner, "due_on": f.dueOn.iso])
        }
    }

    package func completeAction(_ actionID: RecordID<ReviewAction>, on day: CalendarDate, of review: HomicideReview, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            guard
                try await db.raw(
                    "UPDATE homicide_review_actions SET done_on = \(bind: day.iso) WHERE id = \(bind: actionID) AND review_id = \(bind: review.id) RETURNING id"
                ).first() != nil
            else { throw ValidationFailure(field: "action_id", message: "Select one of the review’s actions") }
            try await AuditLog.record(db, by: author, .update, "homicide review action", id: actionID, partnership: review.partnershipID, after: ["done_on": day.iso])
        }
    }

    /// A cost of the review, drawn from a pooled fund (the partnership's, or its county's, as
    /// `owner` holds it) in the same
    /// transaction as its link to the review: both or neither. Refused when the fund holds too little.
    package func addCost(
        _ f: (description: String, amount: Money, paidOn: CalendarDate, fundID: RecordID<PooledFund>), heldBy owner: RecordID<Partnership>, to review: HomicideReview,
        by author: ChangeAuthor
    ) async throws {
        let lock = store.rowLock
        try await store.transaction { db in
            // The fund's statement is read by everyone who reads the partnership's money, not by
            // the review's team alone: it names the review, never what the cost was for.
            let movement = try await PooledFundRepository.record(
                db, lock: lock, .zero - f.amount, contributor: nil, on: f.paidOn, note: "\(review.reference): a cost of the review", in: f.fundID, of: owner,
                by: author)
            try await db.raw(
                "INSERT INTO homicide_review_costs (review_id, movement_id, description) VALUES (\(bind: review.id), \(bind: movement.id), \(bind: f.description))"
            ).run()
        }
    }

    package func costs(of id: RecordID<HomicideReview>) async throws -> [ReviewCost] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT c.id, c.description, m.amount_pence, m.moved_on, f.name FROM homicide_review_costs c
                JOIN pool_movements m ON m.id = c.movement_id JOIN pooled_funds f ON f.id = m.fund_id
                WHERE c.review_id = \(bind: id) ORDER BY m.moved_on, c.id
                """
            ).all().map { r in
                ReviewCost(
                    id: try r.column("id"), description: try r.column("description"), amount: Money(pence: -(try r.column("amount_pence", Int64.self))),
                    paidOn: CalendarDate(try r.column("moved_on", String.self))!, fund: try r.column("name"))
            }
        }
    }

    /// Removes the victim's name and the circumstances of reviews published more than `months`
    /// before `today` (or decided not to be held, counted from the decision).
    package func removeExpired(today: CalendarDate, months: (RecordID<Partnership>) async throws -> Int, by author: ChangeAuthor) async throws -> Int {
        try await sealed.removeExpired(
            store, ended: "COALESCE(published_on, CASE WHEN decision = 'not_commission' THEN decided_on END)", today: today, months: months,
            subject: "homicide review personal data removed", by: author)
    }
}
