import Foundation
import HallmarkDomain
import HallmarkStore
import SQLKit

/// Meetings and their agendas.
package struct MeetingRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    /// The partnership's meetings, earliest first.
    package func meetings(of partnershipID: RecordID<Partnership>) async throws -> [Meeting] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM meetings WHERE partnership_id = \(bind: partnershipID) ORDER BY meeting_date, start_time, id").all().map { try $0.meeting() }
        }
    }

    /// The meeting, if it is the partnership's.
    package func find(_ id: RecordID<Meeting>, in partnershipID: RecordID<Partnership>) async throws -> Meeting? {
        try await store.withConnection { db in try await Self.find(id, in: partnershipID, db) }
    }

    static func find(_ id: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, _ db: any SQLDatabase, lock: Bool = false) async throws -> Meeting? {
        try await db.raw(
            "SELECT * FROM meetings WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock ? " FOR UPDATE" : "")"
        ).first().map { try $0.meeting() }
    }

    /// The meeting, locked for the rest of the transaction on PostgreSQL (SQLite's writer holds
    /// the whole database), so that a read-check-write on it is atomic.
    static func locked(_ id: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, _ db: any SQLDatabase, _ dialect: Dialect) async throws -> Meeting {
        guard let meeting = try await find(id, in: partnershipID, db, lock: dialect == .postgres) else { throw StoreError.notFound("Meeting \(id)") }
        return meeting
    }

    /// Schedules meetings, each with the standing items of the terms of reference in their places.
    package func create(
        _ drafts: [MeetingDraft], in partnershipID: RecordID<Partnership>, standing: [StandingPlacement], by author: ChangeAuthor
    ) async throws -> [Meeting] {
        try await store.transaction { db in
            var made: [Meeting] = []
            for draft in drafts {
                let id = try await db.raw(
                    """
                    INSERT INTO meetings (partnership_id, title, meeting_date, start_time, end_time, venue, online_link, status, published, created_at)
                    VALUES (\(bind: partnershipID), \(bind: draft.title), \(bind: draft.date.iso), \(bind: draft.startTime), \(bind: draft.endTime),
                            \(bind: draft.venue), \(bind: draft.onlineLink), \(bind: draft.status.rawValue), 0, \(bind: now()))
                    RETURNING id
                    """
                ).first()!.column("id", RecordID<Meeting>.self)
                let ordered = standing.filter { $0.placement == .opening } + standing.filter { $0.placement == .closing }
                for (n, s) in ordered.enumerated() {
                    try await db.raw(
                        """
                        INSERT INTO agenda_items (meeting_id, position, title, purpose, duration_minutes, standing, section)
                        VALUES (\(bind: id), \(bind: n + 1), \(bind: s.item.title), \(bind: s.item.purpose.rawValue), 10, \(bind: s.item.rawValue), \(bind: s.placement.rawValue))
                        """
                    ).run()
                }
                let meeting = try await Self.find(id, in: partnershipID, db)!
                try await AuditLog.record(db, by: author, .create, "meeting", id: id, partnership: partnershipID, after: meeting)
                made.append(meeting)
            }
            return made
        }
    }

    package func update(_ id: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, to draft: MeetingDraft, by author: ChangeAuthor) async throws -> Meeting {
        let dialect = store.dialect
        return try await store.transaction { db in
            let before = try await Self.locked(id, in: partnershipID, db, dialect)
            // The date decides whether papers may still change: a frozen record keeps it.
            try Self.checkOpen(before)
            try await db.raw(
                """
                UPDATE meetings SET title = \(bind: draft.title), meeting_date = \(bind: draft.date.iso), start_time = \(bind: draft.startTime),
                    end_time = \(bind: draft.endTime), venue = \(bind: draft.venue), online_link = \(bind: draft.onlineLink), status = \(bind: draft.status.rawValue)
                WHERE id = \(bind: id)
                """
            ).run()
            let after = try await Self.find(id, in: partnershipID, db)!
            try await AuditLog.record(db, by: author, .update, "meeting", id: id, partnership: partnershipID, before: before, after: after)
            return after
        }
    }

    /// Puts the meeting's agenda and public papers on the public site, or takes them off.
    package func setPublished(_ id: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, _ published: Bool, by author: ChangeAuthor) async throws {
        let dialect = store.dialect
        try await store.transaction { db in
            let before = try await Self.locked(id, in: partnershipID, db, dialect)
            try await db.raw("UPDATE meetings SET published = \(bind: published ? 1 : 0) WHERE id = \(bind: id)").run()
            let after = try await Self.find(id, in: partnershipID, db)!
            try await AuditLog.record(db, by: author, .update, "meeting", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// The meeting's agenda, in order.
    package func items(of meetingID: RecordID<Meeting>) async throws -> [AgendaItem] {
        try await store.withConnection { db in try await Self.items(of: meetingID, db) }
    }

    static func items(of meetingID: RecordID<Meeting>, _ db: any SQLDatabase) async throws -> [AgendaItem] {
        try await db.raw("SELECT * FROM agenda_items WHERE meeting_id = \(bind: meetingID) ORDER BY position, id").all().map { try $0.agendaItem() }
    }

    /// The agendas of several meetings at once, by meeting.
    package func items(of meetings: [RecordID<Meeting>]) async throws -> [RecordID<Meeting>: [AgendaItem]] {
        guard !meetings.isEmpty else { return [:] }
        return try await store.withConnection { db in
            let items = try await db.raw("SELECT * FROM agenda_items WHERE meeting_id IN (\(binds: meetings)) ORDER BY position, id").all().map { try $0.agendaItem() }
            return Dictionary(grouping: items, by: \.meetingID)
        }
    }

    /// Adds an item of business after the last item of business, before the closing standing items.
    package func addItem(_ draft: ItemDraft, to meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws -> AgendaItem {
        let dialect = store.dialect
        return try await store.transaction { db in
            let meeting = try await Self.locked(meetingID, in: partnershipID, db, dialect)
            try Self.checkOpen(meeting)
            let rows = try await db.raw("SELECT position, section FROM agenda_items WHERE meeting_id = \(bind: meetingID) ORDER BY position").all()
            let sections = try rows.map { (try $0.column("position", Int.self), try $0.column("section", String.self)) }
            // Before the closing standing items at the foot of the agenda, wherever they now are.
            var place = (sections.last?.0 ?? 0) + 1
            for (position, section) in sections.reversed() {
                guard section == Placement.closing.rawValue else { break }
                place = position
            }
            try await db.raw("UPDATE agenda_items SET position = position + 1 WHERE meeting_id = \(bind: meetingID) AND position >= \(bind: place)").run()
            let id = try await db.raw(
                """
                INSERT INTO agenda_items (meeting_id, position, title, presenter, purpose, duration_minutes, exempt_reason, section)
                VALUES (\(bind: meetingID), \(bind: place), \(bind: draft.title), \(bind: draft.presenter), \(bind: draft.purpose.rawValue),
                        \(bind: draft.durationMinutes), \(bind: draft.exemptReason), 'business')
                RETURNING id
                """
            ).first()!.column("id", RecordID<AgendaItem>.self)
            let item = try await Self.item(id, of: meetingID, db)!
            try await PaperRepository.agendaChanged(meetingID, db)
            try await AuditLog.record(db, by: author, .create, "agenda item", id: id, partnership: partnershipID, after: item)
            return item
        }
    }

    static func item(_ id: RecordID<AgendaItem>, of meetingID: RecordID<Meeting>, _ db: any SQLDatabase) async throws -> AgendaItem? {
        try await db.raw("SELECT * FROM agenda_items WHERE id = \(bind: id) AND meeting_id = \(bind: meetingID)").first().map { try $0.agendaItem() }
    }

    package func item(_ id: RecordID<AgendaItem>, of meetingID: RecordID<Meeting>) async throws -> AgendaItem? {
        try await store.withConnection { db in try await Self.item(id, of: meetingID, db) }
    }

    package func updateItem(
        _ id: RecordID<AgendaItem>, of meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, to draft: ItemDraft, by author: ChangeAuthor
    ) async throws -> AgendaItem {
        let dialect = store.dialect
        return try await store.transaction { db in
            let meeting = try await Self.locked(meetingID, in: partnershipID, db, dialect)
            try Self.checkOpen(meeting)
            guard let before = try await Self.item(id, of: meetingID, db) else { throw StoreError.notFound("Agenda item \(id)") }
            try await db.raw(
                """
                UPDATE agenda_items SET title = \(bind: draft.title), presenter = \(bind: draft.presenter), purpose = \(bind: draft.purpose.rawValue),
                    duration_minutes = \(bind: draft.durationMinutes), exempt_reason = \(bind: draft.exemptReason)
                WHERE id = \(bind: id)
                """
            ).run()
            let after = try await Self.item(id, of: meetingID, db)!
            try await PaperRepository.agendaChanged(meetingID, db)
            try await AuditLog.record(db, by: author, .update, "agenda item", id: id, partnership: partnershipID, before: before, after: after)
            return after
        }
    }

    /// Moves an item to another place (1 is first), the others closing up around it.
    package func move(
        _ id: RecordID<AgendaItem>, of meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, to place: Int, by author: ChangeAuthor
    ) async throws {
        let dialect = store.dialect
        try await store.transaction { db in
            let meeting = try await Self.locked(meetingID, in: partnershipID, db, dialect)
            try Self.checkOpen(meeting)
            var items = try await Self.items(of: meetingID, db)
            guard let from = items.firstIndex(where: { $0.id == id }) else { throw StoreError.notFound("Agenda item \(id)") }
            guard (1...items.count).contains(place) else {
                throw ValidationFailure(field: "position", message: "An item can move to a place from 1 to \(items.count): this agenda has \(items.count) items")
            }
            let moved = items.remove(at: from)
            items.insert(moved, at: place - 1)
            // Every item whose place changes is audited, the moved one among them.
            try await Self.renumber(items, in: partnershipID, by: author, db)
            try await PaperRepository.agendaChanged(meetingID, db)
        }
    }

    /// Takes an item added by mistake off the agenda, the others closing up behind it. An item
    /// with anything recorded under it (papers, a minute, decisions, actions) is part of the
    /// record and stays.
    package func removeItem(_ id: RecordID<AgendaItem>, of meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        let dialect = store.dialect
        try await store.transaction { db in
            let meeting = try await Self.locked(meetingID, in: partnershipID, db, dialect)
            try Self.checkOpen(meeting)
            guard let item = try await Self.item(id, of: meetingID, db) else { throw StoreError.notFound("Agenda item \(id)") }
            var recorded: [String] = []
            for table in ["papers", "decisions", "actions"] {
                let n = try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE item_id = \(bind: id)").first()!.column("n", Int.self)
                if n > 0 { recorded.append(table) }
            }
            if item.minute != nil { recorded.append("a minute") }
            guard recorded.isEmpty else {
                throw ValidationFailure(
                    field: "remove",
                    message:
                        "This item has \(recorded.joined(separator: ", ")) recorded under it, so it stays on the agenda as part of the record; change its title or move it instead")
            }
            try await db.raw("DELETE FROM agenda_items WHERE id = \(bind: id)").run()
            try await Self.renumber(try await Self.items(of: meetingID, db), in: partnershipID, by: author, db)
            try await PaperRepository.agendaChanged(meetingID, db)
            try await AuditLog.record(db, by: author, .delete, "agenda item", id: id, partnership: partnershipID, before: item)
        }
    }

    /// Gives the items, in the order given, the places 1, 2, 3…, writing only those that move.
    /// Each move is audited: a place on the agenda is part of the record.
    private static func renumber(
        _ items: [AgendaItem], in partnershipID: RecordID<Partnership>, by author: ChangeAuthor, _ db: any SQLDatabase
    ) async throws {
        for (n, item) in items.enumerated() where item.position != n + 1 {
            try await db.raw("UPDATE agenda_items SET position = \(bind: n + 1) WHERE id = \(bind: item.id)").run()
            try await AuditLog.record(
                db, by: author, .update, "agenda item", id: item.id, partnership: partnershipID, before: ["position": item.position], after: ["position": n + 1])
        }
    }

    /// Records what was minuted under an item. Frozen once the minutes are approved.
    package func minute(
        _ id: RecordID<AgendaItem>, of meetingID: RecordID<Meeting>, in partnershipID: RecordID<Partnership>, _ text: String?, today: CalendarDate = .today(),
        by author: ChangeAuthor
    ) async throws {
        let dialect = store.dialect
        try await store.transaction { db in
            let meeting = try await Self.locked(meetingID, in: partnershipID, db, dialect)
            try Self.checkOpen(meeting)
            try Self.checkTakenPlace(meeting, today: today)
            guard let before = try await Self.item(id, of: meetingID, db) else { throw StoreError.notFound("Agenda item \(id)") }
            try await db.raw("UPDATE agenda_items SET minute = \(bind: text) WHERE id = \(bind: id)").run()
            try await AuditLog.record(
                db, by: author, .update, "minute", id: id, partnership: partnershipID, before: ["minute": before.minute], after: ["minute": text])
        }
    }

    /// Attendance, minutes, decisions and actions are recorded from the day of the meeting, and
    /// never for a cancelled one.
    static func checkTakenPlace(_ meeting: Meeting, today: CalendarDate) throws {
        if meeting.status == .cancelled {
            throw ValidationFailure(field: "minutes", message: "\(meeting.name) was cancelled, so nothing can be recorded as done at it")
        }
        if today < meeting.date {
            throw ValidationFailure(
                field: "minutes", message: "\(meeting.name) has not taken place yet: attendance, minutes, decisions and actions are recorded from the day of the meeting")
        }
    }

    /// A meeting's record is frozen once a later meeting has approved its minutes.
    static func checkOpen(_ meeting: Meeting) throws {
        if meeting.minutesApproved {
            throw ValidationFailure(field: "minutes", message: "The minutes of \(meeting.name) have been approved, so its record can no longer be changed")
        }
    }
}
