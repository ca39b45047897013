import HallmarkDomain
import HallmarkStore
import SQLKit

/// Events held with residents and the "you said, we did" answers.
package struct EngagementRepository: Sendable {
    package let store: Store

    package init(store: Store) { self.store = store }

    static func event(_ r: any SQLRow) throws -> EngagementEvent {
        EngagementEvent(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), kind: EventKind(rawValue: try r.column("kind")) ?? .other,
            heldOn: CalendarDate(try r.column("held_on"))!, place: try r.column("place"), attendance: try r.column("attendance"), issues: try r.column("issues"))
    }

    static func item(_ r: any SQLRow) throws -> YouSaidWeDid {
        YouSaidWeDid(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), eventID: try r.column("event_id"), said: try r.column("said"), did: try r.column("did"),
            actionID: try r.column("action_id"), published: try r.column("published", Int.self) != 0)
    }

    package func events(of partnershipID: RecordID<Partnership>) async throws -> [EngagementEvent] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM engagement_events WHERE partnership_id = \(bind: partnershipID) ORDER BY held_on DESC, id DESC").all().map(Self.event)
        }
    }

    package func addEvent(
        _ f: (kind: EventKind, heldOn: CalendarDate, place: String, attendance: Int, issues: String), to partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws -> EngagementEvent {
        try await store.transaction { db in
            let added = try Self.event(
                try await db.raw(
                    """
                    INSERT INTO engagement_events (partnership_id, kind, held_on, place, attendance, issues)
                    VALUES (\(bind: partnershipID), \(bind: f.kind.rawValue), \(bind: f.heldOn.iso), \(bind: f.place), \(bind: f.attendance), \(bind: f.issues)) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "engagement event", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    /// Row `id` of `table` if it is the partnership's, locked for the transaction's change if asked.
    private func row<Record>(
        _ table: String, _ id: Int64, of partnershipID: RecordID<Partnership>, locked: Bool, _ db: any SQLDatabase, _ decode: (any SQLRow) throws -> Record
    ) async throws -> Record? {
        try await db.raw(
            "SELECT * FROM \(unsafeRaw: table) WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: locked ? store.rowLock : "")"
        ).first().map(decode)
    }

    package func event(_ id: RecordID<EngagementEvent>, in partnershipID: RecordID<Partnership>) async throws -> EngagementEvent? {
        try await store.withConnection { db in try await row("engagement_events", id.rawValue, of: partnershipID, locked: false, db, Self.event) }
    }

    /// The event, locked for the transaction's change; refused if it is not the partnership's.
    private func lockedEvent(_ id: RecordID<EngagementEvent>, in partnershipID: RecordID<Partnership>, _ db: any SQLDatabase) async throws -> EngagementEvent {
        guard let event = try await row("engagement_events", id.rawValue, of: partnershipID, locked: true, db, Self.event) else {
            throw ValidationFailure(field: "event", message: "That event is no longer recorded: it may have been removed already")
        }
        return event
    }

    package func updateEvent(
        _ id: RecordID<EngagementEvent>, in partnershipID: RecordID<Partnership>,
        to f: (kind: EventKind, heldOn: CalendarDate, place: String, attendance: Int, issues: String), by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            let before = try await lockedEvent(id, in: partnershipID, db)
            try await db.raw(
                """
                UPDATE engagement_events SET kind = \(bind: f.kind.rawValue), held_on = \(bind: f.heldOn.iso), place = \(bind: f.place),
                    attendance = \(bind: f.attendance), issues = \(bind: f.issues)
                WHERE id = \(bind: id)
                """
            ).run()
            let after = EngagementEvent(id: id, partnershipID: partnershipID, kind: f.kind, heldOn: f.heldOn, place: f.place, attendance: f.attendance, issues: f.issues)
            try await AuditLog.record(db, by: author, .update, "engagement event", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// Removes an event recorded by mistake. One that answers name as where they were raised
    /// stays, as part of their record, until they name another or none.
    package func removeEvent(_ id: RecordID<EngagementEvent>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let before = try await lockedEvent(id, in: partnershipID, db)
            let raised = try await Self.answers(namingEvent: id, db)
            guard raised == 0 else {
                throw ValidationFailure(
                    field: "event",
                    message: raised == 1
                        ? "A “you said, we did” answer was raised at this event, so it stays: change the answer to name another event or none first"
                        : "\(raised) “you said, we did” answers were raised at this event, so it stays: change them to name another event or none first")
            }
            try await db.raw("DELETE FROM engagement_events WHERE id = \(bind: id)").run()
            try await AuditLog.record(db, by: author, .delete, "engagement event", id: id, partnership: partnershipID, before: before)
        }
    }

    /// How many "you said, we did" answers name the event as where they were raised: while any
    /// does, it stays.
    package func answers(namingEvent id: RecordID<EngagementEvent>) async throws -> Int {
        try await store.withConnection { db in try await Self.answers(namingEvent: id, db) }
    }

    static func answers(namingEvent id: RecordID<EngagementEvent>, _ db: any SQLDatabase) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM you_said_we_did WHERE event_id = \(bind: id)").first()!.column("n", Int.self)
    }

    package func items(of partnershipID: RecordID<Partnership>) async throws -> [YouSaidWeDid] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM you_said_we_did WHERE partnership_id = \(bind: partnershipID) ORDER BY id DESC").all().map(Self.item)
        }
    }

    package func addItem(
        _ f: (said: String, did: String, eventID: RecordID<EngagementEvent>?, actionID: Int64?, published: Bool), to partnershipID: RecordID<Partnership>,
        by author: ChangeAuthor
    ) async throws -> YouSaidWeDid {
        try await store.transaction { db in
            let added = try Self.item(
                try await db.raw(
                    """
                    INSERT INTO you_said_we_did (partnership_id, event_id, said, did, action_id, published)
                    VALUES (\(bind: partnershipID), \(bind: f.eventID), \(bind: f.said), \(bind: f.did), \(bind: f.actionID), \(bind: f.published ? 1 : 0)) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "you said, we did", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    package func item(_ id: RecordID<YouSaidWeDid>, in partnershipID: RecordID<Partnership>) async throws -> YouSaidWeDid? {
        try await store.withConnection { db in try await row("you_said_we_did", id.rawValue, of: partnershipID, locked: false, db, Self.item) }
    }

    /// The answer, locked for the transaction's change; refused if it is not the partnership's.
    private func lockedItem(_ id: RecordID<YouSaidWeDid>, in partnershipID: RecordID<Partnership>, _ db: any SQLDatabase) async throws -> YouSaidWeDid {
        guard let item = try await row("you_said_we_did", id.rawValue, of: partnershipID, locked: true, db, Self.item) else {
            throw ValidationFailure(field: "item", message: "That “you said, we did” answer is no longer recorded: it may have been removed already")
        }
        return item
    }

    package func updateItem(
        _ id: RecordID<YouSaidWeDid>, in partnershipID: RecordID<Partnership>,
        to f: (said: String, did: String, eventID: RecordID<EngagementEvent>?, actionID: Int64?, published: Bool), by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            let before = try await lockedItem(id, in: partnershipID, db)
            try await db.raw(
                """
                UPDATE you_said_we_did SET said = \(bind: f.said), did = \(bind: f.did), event_id = \(bind: f.eventID), action_id = \(bind: f.actionID),
                    published = \(bind: f.published ? 1 : 0)
                WHERE id = \(bind: id)
                """
            ).run()
            let after = YouSaidWeDid(
                id: id, partnershipID: partnershipID, eventID: f.eventID, said: f.said, did: f.did, actionID: f.actionID, published: f.published)
            try await AuditLog.record(db, by: author, .update, "you said, we did", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// Removes an answer, and with it its place on the public site.
    package func removeItem(_ id: RecordID<YouSaidWeDid>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let before = try await lockedItem(id, in: partnershipID, db)
            try await db.raw("DELETE FROM you_said_we_did WHERE id = \(bind: id)").run()
            try await AuditLog.record(db, by: author, .delete, "you said, we did", id: id, partnership: partnershipID, before: before)
        }
    }

    /// Publishes an item on the public site, or takes it off.
    package func publish(_ id: RecordID<YouSaidWeDid>, _ published: Bool, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let before = try await lockedItem(id, in: partnershipID, db)
            try await db.raw("UPDATE you_said_we_did SET published = \(bind: published ? 1 : 0) WHERE id = \(bind: id)").run()
            var after = before
            after.published = published
            try await AuditLog.record(db, by: author, .update, "you said, we did", id: id, partnership: partnershipID, before: before, after: after)
        }
    }
}
