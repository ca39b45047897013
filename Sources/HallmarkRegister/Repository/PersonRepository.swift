import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

package struct PersonRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    package static let columns = "id, name, job_title, email, partnership_id"

    package func find(_ id: RecordID<Person>) async throws -> Person? {
        try await store.withConnection { db in try await Self.find(id, db) }
    }

    package static func find(_ id: RecordID<Person>, _ db: any SQLDatabase) async throws -> Person? {
        try await db.raw("SELECT \(unsafeRaw: columns) FROM people WHERE id = \(bind: id)").first()?.person()
    }

    /// People kept by these partnerships or sitting on them: the people a user of those
    /// partnerships can see and choose from.
    package func all(in partnerships: Set<RecordID<Partnership>>) async throws -> [Person] {
        guard !partnerships.isEmpty else { return [] }
        let ids = Array(partnerships)
        return try await store.withConnection { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.columns) FROM people
                WHERE partnership_id IN \(SQLBind.group(ids))
                   OR id IN (SELECT person_id FROM memberships WHERE partnership_id IN \(SQLBind.group(ids)))
                ORDER BY lower(name), id
                """
            ).all().map { try $0.person() }
        }
    }

    /// The partnerships whose records mention this person: the one that keeps them and every
    /// one they sit on. A user may see the person if they may see any of these.
    package func partnershipsMentioning(_ personID: RecordID<Person>) async throws -> Set<RecordID<Partnership>> {
        try await store.withConnection { db in
            let rows = try await db.raw(
                """
                SELECT partnership_id FROM people WHERE id = \(bind: personID)
                UNION SELECT partnership_id FROM memberships WHERE person_id = \(bind: personID)
                """
            ).all()
            return Set(try rows.map { try $0.column("partnership_id", RecordID<Partnership>.self) })
        }
    }

    /// Corrects a person's name, job title or e-mail address.
    package func update(_ id: RecordID<Person>, to draft: PersonDraft, by author: ChangeAuthor) async throws -> Person {
        try await store.transaction { db in
            guard let before = try await Self.find(id, db) else { throw StoreError.notFound("The person") }
            try await db.raw(
                """
                UPDATE people SET name = \(bind: draft.name), job_title = \(bind: draft.jobTitle), email = \(bind: draft.email) WHERE id = \(bind: id)
                """
            ).run()
            let after = Person(id: id, name: draft.name, jobTitle: draft.jobTitle, email: draft.email, partnershipID: before.partnershipID)
            try await AuditLog.record(db, by: author, .update, "person", id: id, partnership: before.partnershipID, before: before, after: after)
            return after
        }
    }

    package func create(_ draft: PersonDraft, keptBy partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws -> Person {
        try await store.transaction { db in
            guard try await PartnershipRepository.find(partnershipID, db) != nil else {
                throw StoreError.notFound("The partnership")
            }
            let id = try await db.raw(
                """
                INSERT INTO people (partnership_id, name, job_title, email, created_at)
                VALUES (\(bind: partnershipID), \(bind: draft.name), \(bind: draft.jobTitle), \(bind: draft.email), \(bind: now()))
                RETURNING id
                """
            ).first()!.column("id", RecordID<Person>.self)
            let created = Person(id: id, name: draft.name, jobTitle: draft.jobTitle, email: draft.email, partnershipID: partnershipID)
            try await AuditLog.record(db, by: author, .create, "person", id: id, partnership: partnershipID, after: created)
            return created
        }
    }
}
