import HallmarkDomain
import HallmarkStore
import SQLKit

/// Pooled funds, their partners and the ledger of money in and out. A draw-down is checked
/// against the balance inside the transaction that records it, with the fund's row locked, so
/// two at once can never take the fund below nothing.
package struct PooledFundRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    static func fund(_ r: any SQLRow) throws -> PooledFund {
        PooledFund(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), year: FinancialYear(startYear: try r.column("year_start"))!, name: try r.column("name"),
            purpose: try r.column("purpose"), target: Money(pence: try r.column("target_pence")))
    }

    static func contributor(_ r: any SQLRow) throws -> PoolContributor {
        PoolContributor(id: try r.column("id"), fundID: try r.column("fund_id"), name: try r.column("name"), shareParts: try r.column("share_parts"))
    }

    static func movement(_ r: any SQLRow) throws -> PoolMovement {
        PoolMovement(
            id: try r.column("id"), fundID: try r.column("fund_id"), contributorID: try r.column("contributor_id"), on: CalendarDate(try r.column("moved_on"))!,
            amount: Money(pence: try r.column("amount_pence")), note: try r.column("note"))
    }

    package func funds(of partnershipID: RecordID<Partnership>) async throws -> [PooledFund] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM pooled_funds WHERE partnership_id = \(bind: partnershipID) ORDER BY year_start DESC, lower(name), id").all().map(Self.fund)
        }
    }

    /// Where each of the partnership's funds stands, latest year first.
    package func statements(of partnershipID: RecordID<Partnership>) async throws -> [PoolStatement] {
        try await store.withConnection { db in
            var statements: [PoolStatement] = []
            for fund in try await db.raw("SELECT id FROM pooled_funds WHERE partnership_id = \(bind: partnershipID) ORDER BY year_start DESC, lower(name), id").all() {
                if let s = try await Self.statement(db, try fund.column("id"), partnershipID) { statements.append(s) }
            }
            return statements
        }
    }

    package func statement(_ id: RecordID<PooledFund>, in partnershipID: RecordID<Partnership>) async throws -> PoolStatement? {
        try await store.withConnection { db in try await Self.statement(db, id, partnershipID) }
    }

    static func statement(_ db: any SQLDatabase, _ id: RecordID<PooledFund>, _ partnershipID: RecordID<Partnership>, lock: String = "") async throws -> PoolStatement? {
        guard let fund = try await db.raw("SELECT * FROM pooled_funds WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock)").first().map(Self.fund)
        else { return nil }
        let contributors = try await db.raw("SELECT * FROM pool_contributors WHERE fund_id = \(bind: id) ORDER BY id").all().map(Self.contributor)
        let movements = try await db.raw("SELECT * FROM pool_movements WHERE fund_id = \(bind: id) ORDER BY moved_on, id").all().map(Self.movement)
        return PoolStatement(fund, contributors: contributors, movements: movements)
    }

    package func add(_ form: PoolForms.Fund, to partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws -> PooledFund {
        try await store.transaction { db in
            let taken = try await db.raw(
                "SELECT id FROM pooled_funds WHERE partnership_id = \(bind: partnershipID) AND year_start = \(bind: form.year.startYear) AND name = \(bind: form.name)"
            ).first()
            if taken != nil { throw ValidationFailure(field: "name", message: "\(form.year) already has a fund called “\(form.name)”") }
            let fund = try Self.fund(
                try await db.raw(
                    """
                    INSERT INTO pooled_funds (partnership_id, year_start, name, purpose, target_pence)
                    VALUES (\(bind: partnershipID), \(bind: form.year.startYear), \(bind: form.name), \(bind: form.purpose), \(bind: form.target.pence)) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "pooled fund", id: fund.id, partnership: partnershipID, after: fund)
            return fund
        }
    }

    package func addContributor(_ name: String, parts: Int, to fundID: RecordID<PooledFund>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws
        -> PoolContributor
    {
        try await store.transaction { db in
            guard try await db.raw("SELECT id FROM pooled_funds WHERE id = \(bind: fundID) AND partnership_id = \(bind: partnershipID)").first() != nil else {
                throw StoreError.notFound("Pooled fund \(fundID)")
            }
            if try await db.raw("SELECT id FROM pool_contributors WHERE fund_id = \(bind: fundID) AND name = \(bind: name)").first() != nil {
                throw ValidationFailure(field: "contributor", message: "\(name) already pays into this fund")
            }
            let added = try Self.contributor(
                try await db.raw("INSERT INTO pool_contributors (fund_id, name, share_parts) VALUES (\(bind: fundID), \(bind: name), \(bind: parts)) RETURNING *").first()!)
            try await AuditLog.record(db, by: author, .create, "pool contributor", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    /// Records a payment in or a draw-down out; a draw-down larger than the balance is refused.
    package func record(
        _ amount: Money, contributor: RecordID<PoolContributor>?, on: CalendarDate, note: String, in fundID: RecordID<PooledFund>, of partnershipID: RecordID<Partnership>,
        by author: ChangeAuthor
    ) async throws -> PoolMovement {
        let lock = store.rowLock
        return try await store.transaction { db in
            try await Self.record(db, lock: lock, amount, contributor: contributor, on: on, note: note, in: fundID, of: partnershipID, by: author)
        }
    }

    /// The same inside a transaction another capability holds (a review's cost and its link to
    /// the review: both or neither). The fund's row is held until that transaction ends.
    package static func record(
        _ db: any SQLDatabase, lock: String, _ amount: Money, contributor: RecordID<PoolContributor>?, on: CalendarDate, note: String,
        in fundID: RecordID<PooledFund>, of partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws -> PoolMovement {
        guard let statement = try await Self.statement(db, fundID, partnershipID, lock: lock) else { throw StoreError.notFound("Pooled fund \(fundID)") }
        if let contributor {
            guard let line = statement.lines.first(where: { $0.contributor.id == contributor }) else {
                throw ValidationFailure(field: "contributor_id", message: "Select one of the fund’s partners")
            }
            if amount > line.owed {
                throw ValidationFailure(
                    field: "amount", message: "\(line.contributor.name) owes \(max(line.owed, .zero)) of its share; a payment of \(amount) is more than that")
            }
        }
        if amount < .zero, statement.balance + amount < .zero {
            throw ValidationFailure(field: "amount", message: "The fund holds \(statement.balance); it cannot pay out \(-amount)")
        }
        let moved = try Self.movement(
            try await db.raw(
                """
                INSERT INTO pool_movements (fund_id, contributor_id, moved_on, amount_pence, note)
                VALUES (\(bind: fundID), \(bind: contributor), \(bind: on.iso), \(bind: amount.pence), \(bind: note)) RETURNING *
                """
            ).first()!)
        try await AuditLog.record(db, by: author, .create, moved.isDrawDown ? "pool draw-down" : "pool payment", id: moved.id, partnership: partnershipID, after: moved)
        return moved
    }
}
