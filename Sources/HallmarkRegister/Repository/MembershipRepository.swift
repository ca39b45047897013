import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// A membership with the names a page or export needs beside it.
package struct MemberEntry: Sendable, Equatable, Codable {
    package let membership: Membership
    package let personName: String
    package let organisationName: String?
    package let nominatedByName: String?
    package let deputyForName: String?
}

package struct MembershipRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    package static let columns = """
        m.id, m.partnership_id, m.person_id, m.organisation_id, m.nominated_by_id, m.vote, m.office,
        m.deputy_for_person_id, m.start_date, m.end_date
        """

    package func find(_ id: RecordID<Membership>) async throws -> Membership? {
        try await store.withConnection { db in try await Self.find(id, db) }
    }

    package static func find(_ id: RecordID<Membership>, _ db: any SQLDatabase) async throws -> Membership? {
        try await db.raw("SELECT \(unsafeRaw: columns) FROM memberships m WHERE m.id = \(bind: id)").first()?.membership()
    }

    /// Every membership of a partnership, past and present, chair first, then by name.
    package func entries(of partnershipID: RecordID<Partnership>) async throws -> [MemberEntry] {
        try await entries(where: "m.partnership_id = ", partnershipID)
    }

    /// Every seat a person holds or held, on any partnership.
    package func entries(forPerson personID: RecordID<Person>) async throws -> [MemberEntry] {
        try await entries(where: "m.person_id = ", personID)
    }

    private func entries<Record>(where clause: String, _ id: RecordID<Record>) async throws -> [MemberEntry] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Self.columns), p.name AS person_name, o.name AS organisation_name,
                       n.name AS nominated_by_name, d.name AS deputy_for_name
                FROM memberships m
                JOIN people p ON p.id = m.person_id
                LEFT JOIN organisations o ON o.id = m.organisation_id
                LEFT JOIN organisations n ON n.id = m.nominated_by_id
                LEFT JOIN people d ON d.id = m.deputy_for_person_id
                WHERE \(unsafeRaw: clause)\(bind: id)
                ORDER BY CASE m.office WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 WHEN 'member' THEN 2 ELSE 3 END,
                         lower(p.name), m.id
                """
            ).all().map { row in
                MemberEntry(
                    membership: try row.membership(), personName: try row.column("person_name"),
                    organisationName: try row.column("organisation_name"), nominatedByName: try row.column("nominated_by_name"),
                    deputyForName: try row.column("deputy_for_name"))
            }
        }
    }

    package func create(_ draft: MembershipDraft, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws -> Membership {
        try await store.transaction { db in
            guard try await PersonRepository.find(draft.personID, db) != nil else {
                throw ValidationFailure(field: "person_id", message: "Select one of the listed people")
            }
            for (field, id) in [("organisation_id", draft.organisationID), ("nominated_by_id", draft.nominatedByID)] {
                if let id, try await OrganisationRepository.find(id, db) == nil {
                    throw ValidationFailure(field: field, message: "Select one of the listed organisations")
                }
            }
            if let deputyFor = draft.deputyForPersonID, try await PersonRepository.find(deputyFor, db) == nil {
                throw ValidationFailure(field: "deputy_for_person_id", message: "Select one of the listed people")
            }
            let id = try await db.raw(
                """
                INSERT INTO memberships (partnership_id, person_id, organisation_id, nominated_by_id, vote, office,
                                         deputy_for_person_id, start_date, end_date)
                VALUES (\(bind: partnershipID), \(bind: draft.personID), \(bind: draft.organisationID), \(bind: draft.nominatedByID),
                        \(bind: draft.vote.rawValue), \(bind: draft.office.rawValue), \(bind: draft.deputyForPersonID),
                        \(bind: draft.startDate.iso), \(bind: draft.endDate?.iso))
                RETURNING id
                """
            ).first()!.column("id", RecordID<Membership>.self)
            let created = Membership(
                id: id, partnershipID: partnershipID, personID: draft.personID, organisationID: draft.organisationID,
                nominatedByID: draft.nominatedByID, vote: draft.vote, office: draft.office,
                deputyForPersonID: draft.deputyForPersonID, startDate: draft.startDate, endDate: draft.endDate)
            try await AuditLog.record(db, by: author, .create, "membership", id: id, partnership: partnershipID, after: created)
            return created
        }
    }

    /// Corrects a membership: its role, vote, who the seat is for, and its dates. The person stays.
    package func update(_ id: RecordID<Membership>, to draft: MembershipDraft, by author: ChangeAuthor) async throws -> Membership {
        try await store.transaction { db in
            guard let before = try await Self.find(id, db) else { throw StoreError.notFound("The membership") }
            for (field, organisation) in [("organisation_id", draft.organisationID), ("nominated_by_id", draft.nominatedByID)] {
                if let organisation, try await OrganisationRepository.find(organisation, db) == nil {
                    throw ValidationFailure(field: field, message: "Select one of the listed organisations")
                }
            }
            if let deputyFor = draft.deputyForPersonID, try await PersonRepository.find(deputyFor, db) == nil {
                throw ValidationFailure(field: "deputy_for_person_id", message: "Select one of the listed people")
            }
            try await db.raw(
                """
                UPDATE memberships SET organisation_id = \(bind: draft.organisationID), nominated_by_id = \(bind: draft.nominatedByID),
                    vote = \(bind: draft.vote.rawValue), office = \(bind: draft.office.rawValue), deputy_for_person_id = \(bind: draft.deputyForPersonID),
                    start_date = \(bind: draft.startDate.iso), end_date = \(bind: draft.endDate?.iso)
                WHERE id = \(bind: id)
                """
            ).run()
            let after = Membership(
                id: id, partnershipID: before.partnershipID, personID: before.personID, organisationID: draft.organisationID,
                nominatedByID: draft.nominatedByID, vote: draft.vote, office: draft.office,
                deputyForPersonID: draft.deputyForPersonID, startDate: draft.startDate, endDate: draft.endDate)
            try await AuditLog.record(db, by: author, .update, "membership", id: id, partnership: before.partnershipID, before: before, after: after)
            return after
        }
    }

    /// Ends a membership on a day; the record stays, shown as past.
    package func end(_ id: RecordID<Membership>, on day: CalendarDate, by author: ChangeAuthor) async throws -> Membership {
        try await store.transaction { db in
            guard let before = try await Self.find(id, db) else { throw StoreError.notFound("The membership") }
            if day < before.startDate {
                throw ValidationFailure(field: "end_date", message: "End date must be the same as or after the start date, \(before.startDate.long)")
            }
            try await db.raw("UPDATE memberships SET end_date = \(bind: day.iso) WHERE id = \(bind: id)").run()
            var after = before
            after.endDate = day
            try await AuditLog.record(db, by: author, .update, "membership", id: id, partnership: before.partnershipID, before: before, after: after)
            return after
        }
    }
}
