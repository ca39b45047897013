import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// One or more CSPs succeeded by others on a day (a merger, or a demerger): the register's
/// part of it, done inside the caller's transaction so that the whole change lands at once or
/// not at all. The old partnerships stay, marked as ended, with their meetings, plans and
/// figures as history; the new ones cover their districts, so their crime is the old ones' summed.
package enum PartnershipSuccession {
    /// What happens to the members of the old boards.
    package enum Members: String, Codable, Sendable, CaseIterable {
        /// Each current member takes a seat on the new board (chairs become members until the
        /// new board chooses its own); the old seats end the day before.
        case move
        /// The old seats end the day before; the new board is appointed afresh.
        case end

        package var label: String {
            switch self {
            case .move: "Carry the current members over (the new board chooses its own chair)"
            case .end: "End the current memberships; the new board is appointed afresh"
            }
        }
    }

    /// What happens to the groups that report to the old partnerships.
    package enum SubGroups: String, Codable, Sendable, CaseIterable {
        /// They report to the (first) new partnership from the day.
        case move
        /// They stay with the old partnerships, as history.
        case keep

        package var label: String {
            switch self {
            case .move: "They report to the new partnership"
            case .keep: "They stay with the old partnerships, as history"
            }
        }
    }

    /// A partnership to be formed: its name, ONS code and districts.
    package struct Successor: Codable, Sendable, Equatable {
        package var name: String
        package var onsCode: GSSCode
        package var districts: [District]

        package init(name: String, onsCode: GSSCode, districts: [District]) {
            self.name = name
            self.onsCode = onsCode
            self.districts = districts
        }
    }

    /// Forms the successors and ends the sources on `day`. Returns the partnerships formed.
    package static func apply(
        _ db: any SQLDatabase, sources: [Partnership], successors: [Successor], on day: CalendarDate, members: Members, subGroups: SubGroups,
        by author: ChangeAuthor
    ) async throws -> [Partnership] {
        let sourceIDs = sources.map(\.id)
        let list = sourceIDs.map { "\($0.rawValue)" }.joined(separator: ", ")
        let formedFrom = Wording.list(sources.map(\.name))
        var formed: [Partnership] = []
        for successor in successors {
            let draft = PartnershipDraft(
                kind: .communitySafetyPartnership, name: successor.name, onsCode: successor.onsCode, parentID: sources.first?.parentID,
                purpose: "Formed on \(day.long) from \(formedFrom).")
            if try await db.raw("SELECT id FROM partnerships WHERE ons_code = \(bind: successor.onsCode.value)").first() != nil {
                throw ValidationFailure(field: "ons_code", message: "A partnership with the ONS code \(successor.onsCode) is already registered")
            }
            let id = try await db.raw(
                """
                INSERT INTO partnerships (kind, name, ons_code, parent_id, sub_group_type, purpose, created_at)
                VALUES (\(bind: draft.kind.rawValue), \(bind: draft.name), \(bind: successor.onsCode.value), \(bind: draft.parentID), NULL, \(bind: draft.purpose), \(bind: now()))
                RETURNING id
                """
            ).first()!.column("id", RecordID<Partnership>.self)
            let partnership = Partnership(id: id, kind: draft.kind, name: draft.name, onsCode: successor.onsCode, parentID: draft.parentID, purpose: draft.purpose)
            try await AuditLog.record(db, by: author, .create, "partnership", id: id, partnership: id, after: partnership)
            for district in successor.districts {
                try await db.raw("INSERT INTO partnership_districts (partnership_id, code, name) VALUES (\(bind: id), \(bind: district.code.value), \(bind: district.name))").run()
                try await AuditLog.record(db, by: author, .create, "partnership district", id: nil, partnership: id, after: district)
            }
            try await db.raw(
                "INSERT INTO responsible_authorities (partnership_id, organisation_id) SELECT DISTINCT \(bind: id), organisation_id FROM responsible_authorities WHERE partnership_id IN (\(unsafeRaw: list))"
            ).run()
            // Whoever worked on an old partnership works on the new one.
            try await db.raw(
                "INSERT INTO user_partnerships (user_id, partnership_id) SELECT DISTINCT user_id, \(bind: id) FROM user_partnerships WHERE partnership_id IN (\(unsafeRaw: list))"
            ).run()
            formed.append(partnership)
        }

        let lastDay = day.adding(days: -1)
        let seats = try await db.raw(
            "SELECT * FROM memberships WHERE partnership_id IN (\(unsafeRaw: list)) AND start_date <= \(bind: lastDay.iso) AND (end_date IS NULL OR end_date >= \(bind: lastDay.iso)) ORDER BY id"
        ).all().map { try $0.membership() }
        for seat in seats {
            if members == .move {
                for p in formed {
                    let office: Office = seat.office == .chair || seat.office == .viceChair ? .member : seat.office
                    let id = try await db.raw(
                        """
                        INSERT INTO memberships (partnership_id, person_id, organisation_id, nominated_by_id, vote, office, deputy_for_person_id, start_date, end_date)
                        VALUES (\(bind: p.id), \(bind: seat.personID), \(bind: seat.organisationID), \(bind: seat.nominatedByID), \(bind: seat.vote.rawValue),
                                \(bind: office.rawValue), \(bind: seat.deputyForPersonID), \(bind: day.iso), NULL)
                        RETURNING id
                        """
                    ).first()!.column("id", RecordID<Membership>.self)
                    var moved = seat
                    (moved.id, moved.partnershipID, moved.office, moved.startDate, moved.endDate) = (id, p.id, office, day, nil)
                    try await AuditLog.record(db, by: author, .create, "membership", id: id, partnership: p.id, after: moved)
                }
            }
            try await db.raw("UPDATE memberships SET end_date = \(bind: lastDay.iso) WHERE id = \(bind: seat.id)").run()
            var ended = seat
            ended.endDate = lastDay
            try await AuditLog.record(db, by: author, .update, "membership", id: seat.id, partnership: seat.partnershipID, before: seat, after: ended)
        }

        if subGroups == .move, let first = formed.first {
            let groups = try await db.raw(
                "SELECT \(unsafeRaw: PartnershipRepository.columns) FROM partnerships WHERE kind = 'sub_group' AND parent_id IN (\(unsafeRaw: list)) ORDER BY id"
            ).all().map { try $0.partnership() }
            for group in groups {
                try await db.raw("UPDATE partnerships SET parent_id = \(bind: first.id) WHERE id = \(bind: group.id)").run()
                var after = group
                after.parentID = first.id
                try await AuditLog.record(db, by: author, .update, "partnership", id: group.id, partnership: group.id, before: group, after: after)
            }
        }

        let because = "\(sources.count > 1 ? "Merged into" : "Succeeded by") \(Wording.list(formed.map(\.name)))"
        for source in sources {
            try await db.raw("UPDATE partnerships SET ended_on = \(bind: day.iso), ended_because = \(bind: because) WHERE id = \(bind: source.id)").run()
            var after = source
            (after.endedOn, after.endedBecause) = (day, because)
            try await AuditLog.record(db, by: author, .update, "partnership", id: source.id, partnership: source.id, before: source, after: after)
        }
        return formed
    }
}
