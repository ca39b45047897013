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

    /// Publishes an item on the public site, or takes it off.
    package func publish(_ id: RecordID<YouSaidWeDid>, _ published: Bool, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            guard
                let before = try await db.raw(
                    "SELECT * FROM you_said_we_did WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: store.rowLock)"
                ).first().map(Self.item)
            else { throw ValidationFailure(field: "item", message: "That item is not this partnership’s") }
            try await db.raw("UPDATE you_said_we_did SET published = \(bind: published ? 1 : 0) WHERE id = \(bind: id)").run()
            var after = before
            after.published = published
            try await AuditLog.record(db, by: author, .update, "you said, we did", id: id, partnership: partnershipID, before: before, after: after)
        }
    }
}
