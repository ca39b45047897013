import HallmarkDomain
import HallmarkStore
import SQLKit

/// Budget lines, each change in one transaction with its audit entry.
package struct BudgetRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    static func line(_ r: any SQLRow) throws -> BudgetLine {
        BudgetLine(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), year: FinancialYear(startYear: try r.column("year_start"))!,
            name: try r.column("name"), budget: Money(pence: try r.column("budget_pence")), committed: Money(pence: try r.column("committed_pence")),
            spent: try (1...4).map { Money(pence: try r.column("spent_q\($0)_pence")) })
    }

    package func lines(of partnershipID: RecordID<Partnership>, in year: FinancialYear) async throws -> [BudgetLine] {
        try await store.withConnection { db in
            try await db.raw(
                "SELECT * FROM budget_lines WHERE partnership_id = \(bind: partnershipID) AND year_start = \(bind: year.startYear) ORDER BY lower(name), id"
            ).all().map(Self.line)
        }
    }

    package func find(_ id: RecordID<BudgetLine>, in partnershipID: RecordID<Partnership>) async throws -> BudgetLine? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM budget_lines WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(Self.line)
        }
    }

    package func add(_ draft: BudgetLineDraft, to partnershipID: RecordID<Partnership>, in year: FinancialYear, by author: ChangeAuthor) async throws -> BudgetLine {
        try await store.transaction { db in
            let taken = try await db.raw(
                "SELECT id FROM budget_lines WHERE partnership_id = \(bind: partnershipID) AND year_start = \(bind: year.startYear) AND name = \(bind: draft.name)"
            ).first()
            if taken != nil { throw ValidationFailure(field: "name", message: "\(year) already has a line called “\(draft.name)”: change that one instead") }
            let line = try await db.raw(
                """
                INSERT INTO budget_lines (partnership_id, year_start, name, budget_pence, committed_pence, spent_q1_pence, spent_q2_pence, spent_q3_pence, spent_q4_pence)
                VALUES (\(bind: partnershipID), \(bind: year.startYear), \(bind: draft.name), \(bind: draft.budget.pence), \(bind: draft.committed.pence),
                        \(bind: draft.spent[0].pence), \(bind: draft.spent[1].pence), \(bind: draft.spent[2].pence), \(bind: draft.spent[3].pence))
                RETURNING *
                """
            ).first()!
            let added = try Self.line(line)
            try await AuditLog.record(db, by: author, .create, "budget line", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    package func update(_ id: RecordID<BudgetLine>, in partnershipID: RecordID<Partnership>, to draft: BudgetLineDraft, by author: ChangeAuthor) async throws -> BudgetLine {
        let dialect = store.dialect
        return try await store.transaction { db in
            let lock = dialect == .postgres ? " FOR UPDATE" : ""
            guard
                let before = try await db.raw("SELECT * FROM budget_lines WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock)").first().map(
                    Self.line)
            else { throw StoreError.notFound("Budget line \(id)") }
            let clash = try await db.raw(
                "SELECT id FROM budget_lines WHERE partnership_id = \(bind: partnershipID) AND year_start = \(bind: before.year.startYear) AND name = \(bind: draft.name) AND id <> \(bind: id)"
            ).first()
            if clash != nil { throw ValidationFailure(field: "name", message: "\(before.year) already has a line called “\(draft.name)”") }
            try await db.raw(
                """
                UPDATE budget_lines SET name = \(bind: draft.name), budget_pence = \(bind: draft.budget.pence), committed_pence = \(bind: draft.committed.pence),
                    spent_q1_pence = \(bind: draft.spent[0].pence), spent_q2_pence = \(bind: draft.spent[1].pence), spent_q3_pence = \(bind: draft.spent[2].pence),
                    spent_q4_pence = \(bind: draft.spent[3].pence)
                WHERE id = \(bind: id)
                """
            ).run()
            let after = try await db.raw("SELECT * FROM budget_lines WHERE id = \(bind: id)").first().map(Self.line)!
            try await AuditLog.record(db, by: author, .update, "budget line", id: id, partnership: partnershipID, before: before, after: after)
            return after
        }
    }
}
