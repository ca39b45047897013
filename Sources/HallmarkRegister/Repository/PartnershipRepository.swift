import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// Partnerships, the districts they cover and their responsible authorities.
package struct PartnershipRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    package static let columns = "id, kind, name, ons_code, parent_id, sub_group_type, purpose, ended_on, ended_because"

    package func all() async throws -> [Partnership] {
        try await store.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM partnerships ORDER BY lower(name), id")
                .all().map { try $0.partnership() }
        }
    }

    /// The partnerships and their districts as stored at `changes`, read once a count by each
    /// server (see `RegisterAsStored`); without a count, read now and not kept.
    package func asStored(at changes: Int64?) async throws -> RegisterAsStored {
        try await store.register.value(0, at: changes) {
            try await store.withConnection { db in
                let partnerships = try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM partnerships ORDER BY lower(name), id")
                    .all().map { try $0.partnership() }
                let districts = try await db.raw("SELECT partnership_id, code, name FROM partnership_districts ORDER BY lower(name)")
                    .all().compactMap { row in try Self.district(row).map { (try row.column("partnership_id", RecordID<Partnership>.self), $0) } }
                return RegisterAsStored(partnerships: partnerships, districts: districts)
            }
        }
    }

    package func find(_ id: RecordID<Partnership>) async throws -> Partnership? {
        try await store.withConnection { db in try await Self.find(id, db) }
    }

    package static func find(_ id: RecordID<Partnership>, _ db: any SQLDatabase) async throws -> Partnership? {
        try await db.raw("SELECT \(unsafeRaw: columns) FROM partnerships WHERE id = \(bind: id)").first()?.partnership()
    }

    package func find(onsCode: GSSCode) async throws -> Partnership? {
        try await store.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM partnerships WHERE ons_code = \(bind: onsCode.value)")
                .first()?.partnership()
        }
    }

    /// Every partnership's id and parent, for working out who may see what.
    package func tree() async throws -> [(id: RecordID<Partnership>, parentID: RecordID<Partnership>?)] {
        try await store.withConnection { db in
            try await db.raw("SELECT id, parent_id FROM partnerships").all().map {
                (id: try $0.column("id", RecordID<Partnership>.self), parentID: try $0.column("parent_id", RecordID<Partnership>?.self))
            }
        }
    }

    @discardableResult
    package func create(_ draft: PartnershipDraft, by author: ChangeAuthor) async throws -> Partnership {
        try await store.transaction { db in
            try await Self.checkPlacement(draft, db)
            if let code = draft.onsCode,
                try await db.raw("SELECT id FROM partnerships WHERE ons_code = \(bind: code.value)").first() != nil
            {
                throw ValidationFailure(field: "ons_code", message: "A partnership with the ONS code \(code) is already registered")
            }
            let id = try await db.raw(
                """
                INSERT INTO partnerships (kind, name, ons_code, parent_id, sub_group_type, purpose, created_at)
                VALUES (\(bind: draft.kind.rawValue), \(bind: draft.name), \(bind: draft.onsCode?.value), \(bind: draft.parentID),
                        \(bind: draft.subGroupType?.rawValue), \(bind: draft.purpose), \(bind: now()))
                RETURNING id
                """
            ).first()!.column("id", RecordID<Partnership>.self)
            let created = Partnership(
                id: id, kind: draft.kind, name: draft.name, onsCode: draft.onsCode, parentID: draft.parentID,
                subGroupType: draft.subGroupType, purpose: draft.purpose)
            try await AuditLog.record(db, by: author, .create, "partnership", id: id, partnership: id, after: created)
            return created
        }
    }

    /// The structure only makes sense one way up: CSPs sit under a county strategy group,
    /// sub-groups under a CSP, a county group or another sub-group.
    package static func checkPlacement(_ draft: PartnershipDraft, _ db: any SQLDatabase) async throws {
        guard let parentID = draft.parentID else { return }
        guard let parent = try await find(parentID, db) else {
            throw ValidationFailure(field: "parent_id", message: "Select one of the listed partnerships")
        }
        if draft.kind == .communitySafetyPartnership, parent.kind != .countyStrategyGroup {
            throw ValidationFailure(field: "parent_id", message: "A Community Safety Partnership can only sit under a county strategy group")
        }
    }

    package func districts(of partnershipID: RecordID<Partnership>) async throws -> [District] {
        try await store.withConnection { db in
            try await db.raw("SELECT code, name FROM partnership_districts WHERE partnership_id = \(bind: partnershipID) ORDER BY lower(name)")
                .all().compactMap(Self.district)
        }
    }

    /// A row of `partnership_districts`; one whose code is not a GSS code is passed over.
    private static func district(_ row: any SQLRow) throws -> District? {
        GSSCode(try row.column("code", String.self)).map { District(code: $0, name: (try? row.column("name")) ?? "") }
    }

    package func addDistrict(_ district: District, to partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let existing = try await db.raw(
                """
                SELECT 1 AS one FROM partnership_districts WHERE partnership_id = \(bind: partnershipID) AND code = \(bind: district.code.value)
                """
            ).first()
            if existing != nil {
                throw ValidationFailure(field: "code", message: "This partnership already covers \(district.code)")
            }
            try await db.raw(
                """
                INSERT INTO partnership_districts (partnership_id, code, name)
                VALUES (\(bind: partnershipID), \(bind: district.code.value), \(bind: district.name))
                """
            ).run()
            try await AuditLog.record(db, by: author, .create, "partnership district", id: nil, partnership: partnershipID, after: district)
        }
    }

    package func authorities(of partnershipID: RecordID<Partnership>) async throws -> [Organisation] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT o.id, o.name, o.type FROM responsible_authorities r JOIN organisations o ON o.id = r.organisation_id
                WHERE r.partnership_id = \(bind: partnershipID) ORDER BY lower(o.name), o.id
                """
            ).all().map { try $0.organisation() }
        }
    }

    package func addAuthority(_ organisationID: RecordID<Organisation>, to partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            guard let organisation = try await OrganisationRepository.find(organisationID, db) else {
                throw ValidationFailure(field: "organisation_id", message: "Select one of the listed organisations")
            }
            let existing = try await db.raw(
                """
                SELECT 1 AS one FROM responsible_authorities WHERE partnership_id = \(bind: partnershipID) AND organisation_id = \(bind: organisationID)
                """
            ).first()
            if existing != nil {
                throw ValidationFailure(field: "organisation_id", message: "\(organisation.name) is already listed for this partnership")
            }
            try await db.raw(
                """
                INSERT INTO responsible_authorities (partnership_id, organisation_id) VALUES (\(bind: partnershipID), \(bind: organisationID))
                """
            ).run()
            try await AuditLog.record(db, by: author, .create, "responsible authority", id: organisationID, partnership: partnershipID, after: organisation)
        }
    }

    /// Takes an organisation off a partnership's list. Memberships that name it keep it: they
    /// are the record of who sat for whom.
    package func removeAuthority(_ organisationID: RecordID<Organisation>, from partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let listed = try await db.raw(
                """
                SELECT 1 AS one FROM responsible_authorities WHERE partnership_id = \(bind: partnershipID) AND organisation_id = \(bind: organisationID)
                """
            ).first()
            guard listed != nil, let organisation = try await OrganisationRepository.find(organisationID, db) else {
                throw ValidationFailure(field: "organisation", message: "That organisation is not listed for this partnership, so there was nothing to remove")
            }
            try await db.raw(
                """
                DELETE FROM responsible_authorities WHERE partnership_id = \(bind: partnershipID) AND organisation_id = \(bind: organisationID)
                """
            ).run()
            try await AuditLog.record(db, by: author, .delete, "responsible authority", id: organisationID, partnership: partnershipID, before: organisation)
        }
    }

    /// Changes a partnership's name and purpose; its kind, code and place in the structure stay.
    package func update(_ id: RecordID<Partnership>, name: String, purpose: String?, by author: ChangeAuthor) async throws -> Partnership {
        try await store.transaction { db in
            guard let before = try await Self.find(id, db) else { throw StoreError.notFound("The partnership") }
            try await db.raw("UPDATE partnerships SET name = \(bind: name), purpose = \(bind: purpose) WHERE id = \(bind: id)").run()
            var after = before
            after.name = name
            after.purpose = purpose
            try await AuditLog.record(db, by: author, .update, "partnership", id: id, partnership: id, before: before, after: after)
            return after
        }
    }

    package func children(of partnershipID: RecordID<Partnership>) async throws -> [Partnership] {
        try await store.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM partnerships WHERE parent_id = \(bind: partnershipID) ORDER BY lower(name), id")
                .all().map { try $0.partnership() }
        }
    }
}
