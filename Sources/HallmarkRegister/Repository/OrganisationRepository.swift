import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// Organisations are shared by every partnership: one police force sits on many CSPs.
package struct OrganisationRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    package func all() async throws -> [Organisation] {
        try await store.withConnection { db in
            try await db.raw("SELECT id, name, type FROM organisations ORDER BY lower(name), id").all().map { try $0.organisation() }
        }
    }

    package func find(_ id: RecordID<Organisation>) async throws -> Organisation? {
        try await store.withConnection { db in try await Self.find(id, db) }
    }

    package static func find(_ id: RecordID<Organisation>, _ db: any SQLDatabase) async throws -> Organisation? {
        try await db.raw("SELECT id, name, type FROM organisations WHERE id = \(bind: id)").first()?.organisation()
    }

    package func find(named name: String) async throws -> Organisation? {
        try await store.withConnection { db in
            try await db.raw("SELECT id, name, type FROM organisations WHERE name = \(bind: name)").first()?.organisation()
        }
    }

    package func create(_ draft: OrganisationDraft, by author: ChangeAuthor) async throws -> Organisation {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM organisations WHERE lower(name) = lower(\(bind: draft.name))").first() != nil {
                throw ValidationFailure(field: "name", message: "An organisation called \(draft.name) is already registered")
            }
            let id = try await db.raw(
                """
                INSERT INTO organisations (name, type, created_at) VALUES (\(bind: draft.name), \(bind: draft.type.rawValue), \(bind: now()))
                RETURNING id
                """
            ).first()!.column("id", RecordID<Organisation>.self)
            let created = Organisation(id: id, name: draft.name, type: draft.type)
            try await AuditLog.record(db, by: author, .create, "organisation", id: id, partnership: nil, after: created)
            return created
        }
    }

    /// Renames or re-types an organisation; every partnership that lists it sees the change.
    package func update(_ id: RecordID<Organisation>, to draft: OrganisationDraft, by author: ChangeAuthor) async throws -> Organisation {
        try await store.transaction { db in
            guard let before = try await Self.find(id, db) else { throw StoreError.notFound("The organisation") }
            if try await db.raw("SELECT id FROM organisations WHERE lower(name) = lower(\(bind: draft.name)) AND id <> \(bind: id)").first() != nil {
                throw ValidationFailure(field: "name", message: "An organisation called \(draft.name) is already registered")
            }
            try await db.raw("UPDATE organisations SET name = \(bind: draft.name), type = \(bind: draft.type.rawValue) WHERE id = \(bind: id)").run()
            let after = Organisation(id: id, name: draft.name, type: draft.type)
            try await AuditLog.record(db, by: author, .update, "organisation", id: id, partnership: nil, before: before, after: after)
            return after
        }
    }

    /// The partnerships on which the organisation is a responsible authority.
    package func partnerships(of organisationID: RecordID<Organisation>) async throws -> [Partnership] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT p.id, p.kind, p.name, p.ons_code, p.parent_id, p.sub_group_type, p.purpose, p.ended_on, p.ended_because
                FROM responsible_authorities r JOIN partnerships p ON p.id = r.partnership_id
                WHERE r.organisation_id = \(bind: organisationID) ORDER BY lower(p.name), p.id
                """
            ).all().map { try $0.partnership() }
        }
    }
}
