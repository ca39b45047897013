import Foundation
import HallmarkDomain
import HallmarkStore
import SQLKit

/// What happened at a meeting: attendance, decisions, actions, and the approval of its minutes.
package struct MinutesRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    package func attendance(at meetingID: RecordID<Meeting>) async throws -> [RecordID<Membership>: Attendance] {
        try await attendance(at: [meetingID])[meetingID] ?? [:]
    }

    package func attendance(at meetings: [RecordID<Meeting>]) async throws -> [RecordID<Meeting>: [RecordID<Membership>: Attendance]] {
        guard !meetings.isEmpty else { return [:] }
        return try await store.withConnection { db in
            var out: [RecordID<Meeting>: [RecordID<Membership>: Attendance]] = [:]
            for row in try await db.raw("SELECT * FROM attendance WHERE meeting_id IN (\(binds: meetings))").all() {
                let record = Attendance(membershipID: try row.column("membership_id"), status: try row.choice("status"), deputyName: try row.column("deputy_name"))
                out[try row.column("meeting_id"), default: [:]][record.membershipID] = record
            }
            return out
        }
    }

    /// Replaces the meeting's attendance with this record, all of it or none.
    package func saveAttendance(
        _ records: [Attendance], at meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, today: CalendarDate = .today(), by author: ChangeAuthor
    ) async throws {
        let dialect = store.dialect
        try await store.transaction { db in
            let meeting = try await MeetingRepository.locked(meetingID, in: partnershipID, db, dialect)
            try MeetingRepository.checkOpen(meeting)
            try MeetingRepository.checkTakenPlace(meeting, today: today)
            let before = try await db.raw("SELECT membership_id, status, deputy_name FROM attendance WHERE meeting_id = \(bind: meetingID) ORDER BY membership_id").all()
                .map { Attendance(membershipID: try $0.column("membership_id"), status: try $0.choice("status"), deputyName: try $0.column("deputy_name")) }
            try await db.raw("DELETE FROM attendance WHERE meeting_id = \(bind: meetingID)").run()
            for r in records {
                try await db.raw(
                    """
                    INSERT INTO attendance (meeting_id, membership_id, status, deputy_name)
                    VALUES (\(bind: meetingID), \(bind: r.membershipID), \(bind: r.status.rawValue), \(bind: r.deputyName))
                    """
                ).run()
            }
            try await AuditLog.record(db, by: author, .update, "attendance", id: meetingID, partnership: partnershipID, before: before, after: records)
        }
    }

    package func decisions(at meetingID: RecordID<Meeting>) async throws -> [Decision] {
        try await store.withConnection { db in
            try await db.raw(
                "SELECT d.* FROM decisions d JOIN agenda_items i ON i.id = d.item_id WHERE i.meeting_id = \(bind: meetingID) ORDER BY i.position, d.id"
            ).all().map { try $0.decision() }
        }
    }

    /// Every decision of the partnership's meetings, with its meeting and item.
    package func decisions(of partnershipID: RecordID<Partnership>) async throws -> [(meetingID: RecordID<Meeting>, item: String, exempt: Bool, decision: Decision)] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT d.*, i.meeting_id, i.title AS item_title, i.exempt_reason FROM decisions d JOIN agenda_items i ON i.id = d.item_id
                JOIN meetings m ON m.id = i.meeting_id
                WHERE m.partnership_id = \(bind: partnershipID) ORDER BY m.meeting_date, i.position, d.id
                """
            ).all().map { (try $0.column("meeting_id"), try $0.column("item_title"), try $0.column("exempt_reason", String?.self) != nil, try $0.decision()) }
        }
    }

    /// Every decision of the partnership's meetings made under items open to the public, with the
    /// meeting each was made at: what a report to the scrutiny committee may say.
    package func publicDecisions(of partnershipID: RecordID<Partnership>) async throws -> [(meetingID: RecordID<Meeting>, item: String, decision: Decision)] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT d.*, i.meeting_id, i.title AS item_title FROM decisions d JOIN agenda_items i ON i.id = d.item_id JOIN meetings m ON m.id = i.meeting_id
                WHERE m.partnership_id = \(bind: partnershipID) AND i.exempt_reason IS NULL ORDER BY m.meeting_date, i.position, d.id
                """
            ).all().map { (try $0.column("meeting_id"), try $0.column("item_title"), try $0.decision()) }
        }
    }

    package func addDecision(
        _ draft: DecisionDraft, under itemID: RecordID<AgendaItem>, of meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>,
        today: CalendarDate = .today(), by author: ChangeAuthor
    ) async throws -> Decision {
        let dialect = store.dialect
        return try await store.transaction { db in
            let meeting = try await MeetingRepository.locked(meetingID, in: partnershipID, db, dialect)
            try MeetingRepository.checkOpen(meeting)
            try MeetingRepository.checkTakenPlace(meeting, today: today)
            guard try await MeetingRepository.item(itemID, of: meetingID, db) != nil else { throw StoreError.notFound("Agenda item \(itemID)") }
            let id = try await db.raw(
                """
                INSERT INTO decisions (item_id, text, votes_for, votes_against, abstentions)
                VALUES (\(bind: itemID), \(bind: draft.text), \(bind: draft.votes?.for), \(bind: draft.votes?.against), \(bind: draft.votes?.abstentions))
                RETURNING *
                """
            ).first()!.decision()
            try await AuditLog.record(db, by: author, .create, "decision", id: id.id, partnership: partnershipID, after: id)
            return id
        }
    }

    /// The partnership's actions with their owners and updates, oldest first.
    package func actions(of partnershipID: RecordID<Partnership>) async throws -> [ActionEntry] {
        try await store.withConnection { db in
            let rows = try await db.raw(
                """
                SELECT a.*, p.name AS owner_name, p.email AS owner_email, o.name AS organisation_name, m.title AS meeting_title, m.meeting_date
                FROM actions a JOIN meetings m ON m.id = a.meeting_id
                LEFT JOIN people p ON p.id = a.owner_person_id LEFT JOIN organisations o ON o.id = a.owner_organisation_id
                WHERE a.partnership_id = \(bind: partnershipID) ORDER BY a.id
                """
            ).all()
            var updates: [RecordID<Action>: [ActionUpdate]] = [:]
            for row in try await db.raw(
                "SELECT u.* FROM action_updates u JOIN actions a ON a.id = u.action_id WHERE a.partnership_id = \(bind: partnershipID) ORDER BY u.id"
            ).all() {
                updates[try row.column("action_id"), default: []].append(
                    ActionUpdate(text: try row.column("text"), status: try row.choice("status"), at: try row.column("at"), by: try row.column("by_name")))
            }
            return try rows.map { row in
                let action = try row.action()
                let raised = Meeting.nameOf(title: try row.column("meeting_title"), date: try row.date("meeting_date")!)
                return ActionEntry(
                    action: action, ownerName: try row.column("owner_name"), ownerEmail: try row.column("owner_email"), organisationName: try row.column("organisation_name"),
                    raisedAt: raised, updates: updates[action.id] ?? [])
            }
        }
    }

    package func addAction(
        _ draft: ActionDraft, under itemID: RecordID<AgendaItem>?, of meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>,
        today: CalendarDate = .today(), by author: ChangeAuthor
    ) async throws -> Action {
        let dialect = store.dialect
        return try await store.transaction { db in
            let meeting = try await MeetingRepository.locked(meetingID, in: partnershipID, db, dialect)
            try MeetingRepository.checkOpen(meeting)
            try MeetingRepository.checkTakenPlace(meeting, today: today)
            if draft.dueDate < meeting.date {
                throw ValidationFailure(field: "due_date", message: "The due date must be on or after the day of the meeting, \(meeting.date.long)")
            }
            let action = try await db.raw(
                """
                INSERT INTO actions (partnership_id, meeting_id, item_id, text, owner_person_id, owner_organisation_id, due_date, status)
                VALUES (\(bind: partnershipID), \(bind: meetingID), \(bind: itemID), \(bind: draft.text), \(bind: draft.ownerPersonID),
                        \(bind: draft.ownerOrganisationID), \(bind: draft.dueDate.iso), 'open')
                RETURNING *
                """
            ).first()!.action()
            try await AuditLog.record(db, by: author, .create, "action", id: action.id, partnership: partnershipID, after: action)
            return action
        }
    }

    /// Records progress on an action, and closes it when the update says so, at the meeting given.
    package func update(
        _ id: RecordID<Action>, in partnershipID: RecordID<Partnership>, text: String, status: ActionStatus, at meetingID: RecordID<Meeting>?, by author: ChangeAuthor
    ) async throws -> Action {
        let lock = store.rowLock
        return try await store.transaction { db in
            guard let before = try await db.raw("SELECT * FROM actions WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock)").first()?.action()
            else { throw StoreError.notFound("Action \(id)") }
            if before.status.closed, status.closed {
                throw ValidationFailure(field: "status", message: "This action was closed already (\(before.status.label.lowercased())); reopen it to record more")
            }
            try await db.raw(
                """
                UPDATE actions SET status = \(bind: status.rawValue), closed_at_meeting = \(bind: status.closed ? meetingID : nil) WHERE id = \(bind: id)
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO action_updates (action_id, meeting_id, text, status, at, by_name)
                VALUES (\(bind: id), \(bind: meetingID), \(bind: text), \(bind: status.rawValue), \(bind: now()), \(bind: author.label))
                """
            ).run()
            let after = try await db.raw("SELECT * FROM actions WHERE id = \(bind: id)").first()!.action()
            try await AuditLog.record(db, by: author, .update, "action", id: id, partnership: partnershipID, before: before, after: after)
            return after
        }
    }

    /// Records that `meetingID` approved the minutes of an earlier meeting of the same
    /// partnership; from then on that meeting's record is frozen.
    package func approveMinutes(
        of earlierID: RecordID<Meeting>, at meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws {
        let dialect = store.dialect
        try await store.transaction { db in
            let meeting = try await MeetingRepository.locked(meetingID, in: partnershipID, db, dialect)
            let earlier = try await MeetingRepository.locked(earlierID, in: partnershipID, db, dialect)
            guard meeting.status.counts else {
                throw ValidationFailure(field: "previous", message: "Record \(meeting.name) as held first: minutes are approved at a meeting that took place")
            }
            guard earlier.date < meeting.date, earlier.status.counts else {
                throw ValidationFailure(field: "previous", message: "Only the minutes of an earlier meeting that was held can be approved here")
            }
            try MeetingRepository.checkOpen(earlier)
            try await db.raw("UPDATE meetings SET minutes_approved_at = \(bind: meetingID) WHERE id = \(bind: earlierID)").run()
            let after = try await MeetingRepository.find(earlierID, in: partnershipID, db)!
            try await AuditLog.record(db, by: author, .update, "minutes", id: earlierID, partnership: partnershipID, before: earlier, after: after)
        }
    }
}

extension Meeting {
    static func nameOf(title: String, date: CalendarDate) -> String { "\(title), \(date.long)" }
}
