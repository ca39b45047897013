import Foundation
import HallmarkDomain
import HallmarkStore
import SQLKit

/// Reviews of arrangements, their options and stakeholders' positions; every change audited.
package struct ReviewRepository: Sendable {
    package let store: Store

    static func review(_ r: any SQLRow) throws -> ArrangementReview {
        ArrangementReview(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), title: try r.column("title"), openedOn: try r.date("opened_on")!,
            formula: try JSONDecoder().decode(ReviewFormula.self, from: Data(try r.column("formula", String.self).utf8)),
            recommendedOptionID: try r.column("recommended_option_id"), recommendation: try r.column("recommendation"))
    }

    static func option(_ r: any SQLRow) throws -> ArrangementOption {
        ArrangementOption(
            id: try r.column("id"), reviewID: try r.column("review_id"), name: try r.column("name"), summary: try r.column("summary"),
            structure: try JSONDecoder().decode(Structure.self, from: Data(try r.column("structure", String.self).utf8)), strengths: try r.column("strengths"),
            weaknesses: try r.column("weaknesses"), risks: try r.column("risks"))
    }

    static func position(_ r: any SQLRow) throws -> StakeholderPosition {
        StakeholderPosition(
            id: try r.column("id"), reviewID: try r.column("review_id"), stakeholder: try r.column("stakeholder"), optionID: try r.column("option_id"),
            position: try r.column("position"), source: try r.column("source"), statedOn: try r.date("stated_on")!)
    }

    package func reviews(of partnershipID: RecordID<Partnership>) async throws -> [ArrangementReview] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM arrangement_reviews WHERE partnership_id = \(bind: partnershipID) ORDER BY opened_on DESC, id DESC").all().map(Self.review)
        }
    }

    package func review(_ id: RecordID<ArrangementReview>, in partnershipID: RecordID<Partnership>) async throws -> ArrangementReview? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM arrangement_reviews WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(Self.review)
        }
    }

    package func options(of reviewID: RecordID<ArrangementReview>) async throws -> [ArrangementOption] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM arrangement_options WHERE review_id = \(bind: reviewID) ORDER BY id").all().map(Self.option)
        }
    }

    package func positions(of reviewID: RecordID<ArrangementReview>) async throws -> [StakeholderPosition] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM stakeholder_positions WHERE review_id = \(bind: reviewID) ORDER BY stated_on, id").all().map(Self.position)
        }
    }

    package func open(_ title: String, formula: ReviewFormula, in partnershipID: RecordID<Partnership>, on day: CalendarDate, by author: ChangeAuthor) async throws
        -> ArrangementReview
    {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM arrangement_reviews WHERE partnership_id = \(bind: partnershipID) AND lower(title) = lower(\(bind: title))").first() != nil {
                throw ValidationFailure(field: "title", message: "There is already a review called “\(title)”")
            }
            let added = try Self.review(
                try await db.raw(
                    """
                    INSERT INTO arrangement_reviews (partnership_id, title, opened_on, formula)
                    VALUES (\(bind: partnershipID), \(bind: title), \(bind: day.iso), \(bind: try JSONText.string(formula))) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "review of arrangements", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    /// Changes a review under its row lock: the formula, or the recommendation.
    package func change(
        _ id: RecordID<ArrangementReview>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor,
        _ edit: @escaping @Sendable (inout ArrangementReview) throws -> Void
    ) async throws {
        try await store.transaction { [store] db in
            guard
                let before = try await db.raw("SELECT * FROM arrangement_reviews WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: store.rowLock)")
                    .first().map(Self.review)
            else { throw StoreError.notFound("Review \(id)") }
            var after = before
            try edit(&after)
            if let chosen = after.recommendedOptionID,
                try await db.raw("SELECT id FROM arrangement_options WHERE id = \(bind: chosen) AND review_id = \(bind: id)").first() == nil
            {
                throw ValidationFailure(field: "option", message: "Choose one of this review’s options")
            }
            try await db.raw(
                """
                UPDATE arrangement_reviews SET formula = \(bind: try JSONText.string(after.formula)), recommended_option_id = \(bind: after.recommendedOptionID),
                    recommendation = \(bind: after.recommendation) WHERE id = \(bind: id)
                """
            ).run()
            try await AuditLog.record(db, by: author, .update, "review of arrangements", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    package func addOption(
        _ name: String, summary: String, structure: Structure, to review: ArrangementReview, by author: ChangeAuthor
    ) async throws -> ArrangementOption {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM arrangement_options WHERE review_id = \(bind: review.id) AND lower(name) = lower(\(bind: name))").first() != nil {
                throw ValidationFailure(field: "name", message: "This review already has an option called “\(name)”")
            }
            let added = try Self.option(
                try await db.raw(
                    """
                    INSERT INTO arrangement_options (review_id, name, summary, structure)
                    VALUES (\(bind: review.id), \(bind: name), \(bind: summary), \(bind: try JSONText.string(structure))) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "option", id: added.id, partnership: review.partnershipID, after: added)
            return added
        }
    }

    /// Changes an option under its row lock, so two people editing its structure at once both
    /// keep their changes or one is told; the name stays unique within the review.
    package func changeOption(
        _ id: RecordID<ArrangementOption>, of review: ArrangementReview, by author: ChangeAuthor,
        _ edit: @escaping @Sendable (inout ArrangementOption) throws -> Void
    ) async throws {
        try await store.transaction { [store] db in
            guard
                let before = try await db.raw("SELECT * FROM arrangement_options WHERE id = \(bind: id) AND review_id = \(bind: review.id)\(unsafeRaw: store.rowLock)")
                    .first().map(Self.option)
            else { throw StoreError.notFound("Option \(id)") }
            var after = before
            try edit(&after)
            if after.name != before.name,
                try await db.raw("SELECT id FROM arrangement_options WHERE review_id = \(bind: review.id) AND lower(name) = lower(\(bind: after.name)) AND id <> \(bind: id)")
                    .first() != nil
            {
                throw ValidationFailure(field: "name", message: "This review already has an option called “\(after.name)”")
            }
            try await db.raw(
                """
                UPDATE arrangement_options SET name = \(bind: after.name), summary = \(bind: after.summary), structure = \(bind: try JSONText.string(after.structure)),
                    strengths = \(bind: after.strengths), weaknesses = \(bind: after.weaknesses), risks = \(bind: after.risks) WHERE id = \(bind: id)
                """
            ).run()
            try await AuditLog.record(db, by: author, .update, "option", id: id, partnership: review.partnershipID, before: before, after: after)
        }
    }

    package func addPosition(
        _ f: (stakeholder: String, optionID: RecordID<ArrangementOption>?, position: String, source: String, statedOn: CalendarDate),
        to review: ArrangementReview, by author: ChangeAuthor
    ) async throws -> StakeholderPosition {
        try await store.transaction { db in
            if let option = f.optionID, try await db.raw("SELECT id FROM arrangement_options WHERE id = \(bind: option) AND review_id = \(bind: review.id)").first() == nil {
                throw ValidationFailure(field: "favours", message: "Choose one of this review’s options, or none")
            }
            let added = try Self.position(
                try await db.raw(
                    """
                    INSERT INTO stakeholder_positions (review_id, stakeholder, option_id, position, source, stated_on)
                    VALUES (\(bind: review.id), \(bind: f.stakeholder), \(bind: f.optionID), \(bind: f.position), \(bind: f.source), \(bind: f.statedOn.iso)) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "stakeholder position", id: added.id, partnership: review.partnershipID, after: added)
            return added
        }
    }
}
