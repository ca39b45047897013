import HallmarkDomain
import HallmarkStore
import SQLKit

/// The partnership's funding streams, each change in one transaction with its audit entry.
package struct FundingStreamRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    static func stream(_ r: any SQLRow) throws -> FundingStream {
        FundingStream(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), year: FinancialYear(startYear: try r.column("year_start"))!, name: try r.column("name"),
            source: FundingStream.Source(rawValue: try r.column("source")) ?? .other, funder: try r.column("funder"), amount: Money(pence: try r.column("amount_pence")),
            conditions: try r.column("conditions"), endsOn: (try r.column("ends_on") as String?).flatMap(CalendarDate.init))
    }

    /// The streams of a year, or of every year when none is given.
    package func streams(of partnershipID: RecordID<Partnership>, in year: FinancialYear? = nil) async throws -> [FundingStream] {
        try await store.withConnection { db in
            if let year {
                return try await db.raw(
                    "SELECT * FROM funding_streams WHERE partnership_id = \(bind: partnershipID) AND year_start = \(bind: year.startYear) ORDER BY lower(name), id"
                ).all().map(Self.stream)
            }
            return try await db.raw("SELECT * FROM funding_streams WHERE partnership_id = \(bind: partnershipID) ORDER BY year_start, lower(name), id").all().map(Self.stream)
        }
    }

    package func find(_ id: RecordID<FundingStream>, in partnershipID: RecordID<Partnership>) async throws -> FundingStream? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM funding_streams WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(Self.stream)
        }
    }

    private static func clash(_ db: any SQLDatabase, _ draft: FundingStreamDraft, _ partnershipID: RecordID<Partnership>, other: RecordID<FundingStream>?) async throws {
        let taken = try await db.raw(
            "SELECT id FROM funding_streams WHERE partnership_id = \(bind: partnershipID) AND year_start = \(bind: draft.year.startYear) AND name = \(bind: draft.name) AND id <> \(bind: other ?? RecordID(0))"
        ).first()
        if taken != nil { throw ValidationFailure(field: "name", message: "\(draft.year) already has a stream called “\(draft.name)”") }
    }

    package func add(_ draft: FundingStreamDraft, to partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws -> FundingStream {
        try await store.transaction { db in
            try await Self.clash(db, draft, partnershipID, other: nil)
            let row = try await db.raw(
                """
                INSERT INTO funding_streams (partnership_id, year_start, name, source, funder, amount_pence, conditions, ends_on)
                VALUES (\(bind: partnershipID), \(bind: draft.year.startYear), \(bind: draft.name), \(bind: draft.source.rawValue), \(bind: draft.funder),
                        \(bind: draft.amount.pence), \(bind: draft.conditions), \(bind: draft.endsOn?.iso))
                RETURNING *
                """
            ).first()!
            let added = try Self.stream(row)
            try await AuditLog.record(db, by: author, .create, "funding stream", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    package func update(_ id: RecordID<FundingStream>, in partnershipID: RecordID<Partnership>, to draft: FundingStreamDraft, by author: ChangeAuthor) async throws
        -> FundingStream
    {
        let lock = store.rowLock
        return try await store.transaction { db in
            guard
                let before = try await db.raw("SELECT * FROM funding_streams WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock)").first()
                    .map(Self.stream)
            else { throw StoreError.notFound("Funding stream \(id)") }
            try await Self.clash(db, draft, partnershipID, other: id)
            try await db.raw(
                """
                UPDATE funding_streams SET year_start = \(bind: draft.year.startYear), name = \(bind: draft.name), source = \(bind: draft.source.rawValue),
                    funder = \(bind: draft.funder), amount_pence = \(bind: draft.amount.pence), conditions = \(bind: draft.conditions), ends_on = \(bind: draft.endsOn?.iso)
                WHERE id = \(bind: id)
                """
            ).run()
            let after = try await db.raw("SELECT * FROM funding_streams WHERE id = \(bind: id)").first().map(Self.stream)!
            try await AuditLog.record(db, by: author, .update, "funding stream", id: id, partnership: partnershipID, before: before, after: after)
            return after
        }
    }
}
