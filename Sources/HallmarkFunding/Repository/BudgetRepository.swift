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
            spent: try (1...4).map { Money(pence: try r.column("spent_q\($0)_pence")) }, priority: try r.column("priority"))
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
        try await store.transaction { db in try await Self.insert(db, draft, partnershipID, year, author) }
    }

    package func update(_ id: RecordID<BudgetLine>, in partnershipID: RecordID<Partnership>, to draft: BudgetLineDraft, by author: ChangeAuthor) async throws -> BudgetLine {
        let lock = store.rowLock
        return try await store.transaction { db in
            guard
                let before = try await db.raw("SELECT * FROM budget_lines WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock)").first().map(
                    Self.line)
            else { throw StoreError.notFound("Budget line \(id)") }
            return try await Self.change(db, before, to: draft, author)
        }
    }

    /// A spreadsheet's lines for a year, all or none: a line whose name the year already has is
    /// changed to the file's figures, any other is added; lines not in the file stay as they are.
    package func importLines(_ drafts: [BudgetLineDraft], to partnershipID: RecordID<Partnership>, in year: FinancialYear, by author: ChangeAuthor) async throws -> (
        added: Int, changed: Int
    ) {
        let lock = store.rowLock
        return try await store.transaction { db in
            let held = try await db.raw(
                "SELECT * FROM budget_lines WHERE partnership_id = \(bind: partnershipID) AND year_start = \(bind: year.startYear)\(unsafeRaw: lock)"
            ).all().map(Self.line)
            var added = 0, changed = 0
            for draft in drafts {
                if let before = held.first(where: { $0.name == draft.name }) {
                    if before.budget != draft.budget || before.committed != draft.committed || before.spent != draft.spent || before.priority != draft.priority {
                        _ = try await Self.change(db, before, to: draft, author)
                        changed += 1
                    }
                } else {
                    _ = try await Self.insert(db, draft, partnershipID, year, author)
                    added += 1
                }
            }
            return (added, changed)
        }
    }

    static func insert(_ db: any SQLDatabase, _ draft: BudgetLineDraft, _ partnershipID: RecordID<Partnership>, _ year: FinancialYear, _ author: ChangeAuthor) async throws
        -> BudgetLine
    {
        let taken = try await db.raw(
            "SELECT id FROM budget_lines WHERE partnership_id = \(bind: partnershipID) AND year_start = \(bind: year.startYear) AND name = \(bind: draft.name)"
        ).first()
        if taken != nil { throw ValidationFailure(field: "name", message: "\(year) already has a line called “\(draft.name)”: change that one instead") }
        let line = try await db.raw(
            """
            INSERT INTO budget_lines (partnership_id, year_start, name, budget_pence, committed_pence, spent_q1_pence, spent_q2_pence, spent_q3_pence, spent_q4_pence, priority)
            VALUES (\(bind: partnershipID), \(bind: year.startYear), \(bind: draft.name), \(bind: draft.budget.pence), \(bind: draft.committed.pence),
                    \(bind: draft.spent[0].pence), \(bind: draft.spent[1].pence), \(bind: draft.spent[2].pence), \(bind: draft.spent[3].pence), \(bind: draft.priority))
            RETURNING *
            """
        ).first()!
        let added = try Self.line(line)
        try await AuditLog.record(db, by: author, .create, "budget line", id: added.id, partnership: partnershipID, after: added)
        return added
    }

    static func change(_ db: any SQLDatabase, _ before: BudgetLine, to draft: BudgetLineDraft, _ author: ChangeAuthor) async throws -> BudgetLine {
        let clash = try await db.raw(
            "SELECT id FROM budget_lines WHERE partnership_id = \(bind: before.partnershipID) AND year_start = \(bind: before.year.startYear) AND name = \(bind: draft.name) AND id <> \(bind: before.id)"
        ).first()
        if clash != nil { throw ValidationFailure(field: "name", message: "\(before.year) already has a line called “\(draft.name)”") }
        try await db.raw(
            """
            UPDATE budget_lines SET name = \(bind: draft.name), budget_pence = \(bind: draft.budget.pence), committed_pence = \(bind: draft.committed.pence),
                spent_q1_pence = \(bind: draft.spent[0].pence), spent_q2_pence = \(bind: draft.spent[1].pence), spent_q3_pence = \(bind: draft.spent[2].pence),
                spent_q4_pence = \(bind: draft.spent[3].pence), priority = \(bind: draft.priority)
            WHERE id = \(bind: before.id)
            """
        ).run()
        let after = try await db.raw("SELECT * FROM budget_lines WHERE id = \(bind: before.id)").first().map(Self.line)!
        try await AuditLog.record(db, by: author, .update, "budget line", id: before.id, partnership: before.partnershipID, before: before, after: after)
        return after
    }

    /// Every line of every year, for the projection and the priorities' totals.
    package func allLines(of partnershipID: RecordID<Partnership>) async throws -> [BudgetLine] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM budget_lines WHERE partnership_id = \(bind: partnershipID) ORDER BY year_start, lower(name), id").all().map(Self.line)
        }
    }
}
