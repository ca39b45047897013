import HallmarkDomain
import HallmarkStore
import SQLKit

/// Strategies and milestones, and changes to what the plan already holds. Nothing that another
/// record points at is ever deleted: a priority or an action is withdrawn instead (a priority
/// only once nothing under it is under way), and a renamed priority takes the budget lines that
/// name it along, so that no link breaks silently.
extension PlanRepository {
    static func strategy(_ r: any SQLRow) throws -> PlanStrategy {
        PlanStrategy(id: try r.column("id"), priorityID: try r.column("priority_id"), title: try r.column("title"), description: try r.column("description"))
    }

    static func milestone(_ r: any SQLRow) throws -> PlanMilestone {
        let done: String? = try r.column("done_on")
        return PlanMilestone(
            id: try r.column("id"), actionID: try r.column("action_id"), title: try r.column("title"), dueOn: CalendarDate(try r.column("due_on"))!,
            doneOn: done.flatMap(CalendarDate.init))
    }

    // MARK: Strategies

    package func strategies(of partnershipID: RecordID<Partnership>) async throws -> [PlanStrategy] {
        try await store.withConnection { db in
            try await db.raw(
                "SELECT s.* FROM plan_strategies s JOIN plan_priorities p ON p.id = s.priority_id WHERE p.partnership_id = \(bind: partnershipID) ORDER BY s.id"
            ).all().map(Self.strategy)
        }
    }

    package func addStrategy(_ f: (title: String, description: String), to priority: PlanPriority, by author: ChangeAuthor) async throws -> PlanStrategy {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM plan_strategies WHERE priority_id = \(bind: priority.id) AND title = \(bind: f.title)").first() != nil {
                throw ValidationFailure(field: "strategy_title", message: "This priority already has a strategy called “\(f.title)”")
            }
            let added = try Self.strategy(
                try await db.raw(
                    "INSERT INTO plan_strategies (priority_id, title, description) VALUES (\(bind: priority.id), \(bind: f.title), \(bind: f.description)) RETURNING *"
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "plan strategy", id: added.id, partnership: priority.partnershipID, after: added)
            return added
        }
    }

    // MARK: Milestones

    package func milestones(of partnershipID: RecordID<Partnership>) async throws -> [PlanMilestone] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT m.* FROM plan_milestones m JOIN plan_actions a ON a.id = m.action_id JOIN plan_priorities p ON p.id = a.priority_id
                WHERE p.partnership_id = \(bind: partnershipID) ORDER BY m.due_on, m.id
                """
            ).all().map(Self.milestone)
        }
    }

    package func addMilestone(
        _ f: (title: String, dueOn: CalendarDate), to action: PlanAction, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws -> PlanMilestone {
        try await store.transaction { db in
            let added = try Self.milestone(
                try await db.raw(
                    "INSERT INTO plan_milestones (action_id, title, due_on) VALUES (\(bind: action.id), \(bind: f.title), \(bind: f.dueOn.iso)) RETURNING *"
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "plan milestone", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    /// Marks a milestone reached on a date, or (nil) not reached after all.
    package func setMilestone(
        _ id: RecordID<PlanMilestone>, of action: PlanAction, doneOn: CalendarDate?, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws {
        let lock = store.rowLock
        try await store.transaction { db in
            guard
                let before = try await db.raw("SELECT * FROM plan_milestones WHERE id = \(bind: id) AND action_id = \(bind: action.id)\(unsafeRaw: lock)").first()
                    .map(Self.milestone)
            else { throw StoreError.notFound("Milestone \(id)") }
            try await db.raw("UPDATE plan_milestones SET done_on = \(bind: doneOn?.iso) WHERE id = \(bind: id)").run()
            var after = before
            after.doneOn = doneOn
            try await AuditLog.record(db, by: author, .update, "plan milestone", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// Takes out a milestone set in error (audited with what it was).
    package func removeMilestone(_ id: RecordID<PlanMilestone>, of action: PlanAction, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            guard
                let before = try await db.raw("DELETE FROM plan_milestones WHERE id = \(bind: id) AND action_id = \(bind: action.id) RETURNING *").first()
                    .map(Self.milestone)
            else { throw StoreError.notFound("Milestone \(id)") }
            try await AuditLog.record(db, by: author, .delete, "plan milestone", id: id, partnership: partnershipID, before: before)
        }
    }

    /// Takes out a strategy with no action under it; otherwise refused, naming how many are.
    package func removeStrategy(_ id: RecordID<PlanStrategy>, of priority: PlanPriority, by author: ChangeAuthor) async throws {
        let lock = store.rowLock
        try await store.transaction { db in
            guard
                let before = try await db.raw("SELECT * FROM plan_strategies WHERE id = \(bind: id) AND priority_id = \(bind: priority.id)\(unsafeRaw: lock)").first()
                    .map(Self.strategy)
            else { throw ValidationFailure(field: "strategy_title", message: "That strategy is no longer under this priority: it may have been taken out already") }
            let n = try await db.raw("SELECT COUNT(*) AS n FROM plan_actions WHERE strategy_id = \(bind: id)").first()!.column("n", Int.self)
            if n > 0 {
                throw ValidationFailure(
                    field: "strategy_title",
                    message: "“\(before.title)” has \(n) action\(n == 1 ? "" : "s") under it (withdrawn ones too): move each to another strategy, or to none, first")
            }
            try await db.raw("DELETE FROM plan_strategies WHERE id = \(bind: id)").run()
            try await AuditLog.record(db, by: author, .delete, "plan strategy", id: id, partnership: priority.partnershipID, before: before)
        }
    }

    /// Takes a risk off the register (audited with what it was).
    package func removeRisk(_ id: RecordID<PlanRisk>, of priority: PlanPriority, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            guard
                let before = try await db.raw("DELETE FROM plan_risks WHERE id = \(bind: id) AND priority_id = \(bind: priority.id) RETURNING *").first().map(Self.risk)
            else { throw ValidationFailure(field: "risk_id", message: "That risk is not on this priority’s register") }
            try await AuditLog.record(db, by: author, .delete, "plan risk", id: id, partnership: priority.partnershipID, before: before)
        }
    }

    // MARK: Changes

    /// A priority's new title and reason. The budget lines that name it by its old title are
    /// renamed with it, in the same transaction, so that its money stays with it.
    package func changePriority(_ form: PlanForms.Priority, of id: RecordID<PlanPriority>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let before = try await lockedPriority(db, id, in: partnershipID)
            if form.title != before.title,
                try await db.raw("SELECT id FROM plan_priorities WHERE partnership_id = \(bind: partnershipID) AND title = \(bind: form.title)").first() != nil
            {
                throw ValidationFailure(field: "priority_title", message: "The plan already has a priority called “\(form.title)”")
            }
            try await db.raw("UPDATE plan_priorities SET title = \(bind: form.title), reason = \(bind: form.reason) WHERE id = \(bind: id)").run()
            if form.title != before.title {
                let renamed = try await db.raw(
                    "UPDATE budget_lines SET priority = \(bind: form.title) WHERE partnership_id = \(bind: partnershipID) AND priority = \(bind: before.title) RETURNING id"
                ).all()
                for line in renamed {
                    try await AuditLog.record(
                        db, by: author, .update, "budget line", id: try line.column("id", Int64.self), partnership: partnershipID, before: ["priority": before.title],
                        after: ["priority": form.title])
                }
            }
            var after = before
            after.title = form.title
            after.reason = form.reason
            try await AuditLog.record(db, by: author, .update, "plan priority", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// Withdraws a priority from the plan with its reason, once nothing under it is under way:
    /// otherwise refused with the actions still open named. Nothing is deleted; its actions,
    /// indicators and money stay on record under it.
    package func withdrawPriority(
        _ id: RecordID<PlanPriority>, reason: String, on day: CalendarDate, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            let before = try await lockedPriority(db, id, in: partnershipID)
            guard !before.withdrawn else { throw ValidationFailure(field: "withdrawn_reason", message: "“\(before.title)” was withdrawn on \(before.withdrawnOn!.long)") }
            let open = try await db.raw("SELECT * FROM plan_actions WHERE priority_id = \(bind: id) ORDER BY due_on, id").all().map(Self.action).filter { !$0.status.closed }
            if !open.isEmpty {
                throw ValidationFailure(
                    field: "withdrawn_reason",
                    message:
                        "“\(before.title)” still has \(open.count) action\(open.count == 1 ? "" : "s") under way (\(Wording.list(open.map { "“\($0.title)”" }))): mark each done, or withdraw it, first"
                )
            }
            try await db.raw("UPDATE plan_priorities SET withdrawn_on = \(bind: day.iso), withdrawn_reason = \(bind: reason) WHERE id = \(bind: id)").run()
            var after = before
            (after.withdrawnOn, after.withdrawnReason) = (day, reason)
            try await AuditLog.record(db, by: author, .update, "plan priority", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// An action's title, owner, due date, plan, strategy and budget line as changed; its status
    /// moves only by an update.
    package func changeAction(
        _ form: PlanForms.Action, ownerName: String, of id: RecordID<PlanAction>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            let before = try await lockedAction(db, id, in: partnershipID)
            // Its milestones stay on or before its date, as when they were set.
            if let late = try await db.raw(
                "SELECT * FROM plan_milestones WHERE action_id = \(bind: id) AND due_on > \(bind: form.dueOn.iso) ORDER BY due_on DESC"
            ).first().map(Self.milestone) {
                throw ValidationFailure(
                    field: "due_on", message: "Its milestone “\(late.title)” falls on \(late.dueOn.long), after this date: take the milestone out, or choose a later date")
            }
            try await db.raw(
                """
                UPDATE plan_actions SET title = \(bind: form.title), owner_organisation = \(bind: form.ownerOrganisation), owner_user_id = \(bind: form.ownerUserID),
                    owner_name = \(bind: ownerName), due_on = \(bind: form.dueOn.iso), budget_line_id = \(bind: form.budgetLineID), plan = \(bind: form.plan.rawValue),
                    strategy_id = \(bind: form.strategyID)
                WHERE id = \(bind: id)
                """
            ).run()
            var after = before
            (after.title, after.ownerOrganisation, after.ownerUserID, after.ownerName) = (form.title, form.ownerOrganisation, form.ownerUserID, ownerName)
            (after.dueOn, after.budgetLineID, after.plan, after.strategyID) = (form.dueOn, form.budgetLineID, form.plan, form.strategyID)
            try await AuditLog.record(db, by: author, .update, "plan action", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// An indicator's definition, target and rule as changed. Its source (computed from which
    /// categories, or entered) stays, since its values were made by it.
    package func changeIndicator(_ changed: Indicator, by author: ChangeAuthor) async throws {
        let lock = store.rowLock
        try await store.transaction { db in
            guard
                let before = try await db.raw(
                    "SELECT * FROM indicators WHERE id = \(bind: changed.id) AND partnership_id = \(bind: changed.partnershipID)\(unsafeRaw: lock)"
                ).first().map(Self.indicator)
            else { throw StoreError.notFound("Indicator \(changed.id)") }
            if changed.name != before.name,
                try await db.raw("SELECT id FROM indicators WHERE partnership_id = \(bind: changed.partnershipID) AND name = \(bind: changed.name)").first() != nil
            {
                throw ValidationFailure(field: "name", message: "There is already an indicator called “\(changed.name)”")
            }
            if changed.computed != before.computed {
                throw ValidationFailure(
                    field: "crime_types",
                    message: before.computed
                        ? "A computed indicator stays computed: add an entered indicator instead" : "An entered indicator stays entered: add a computed indicator instead")
            }
            if !before.computed, changed.frequency != before.frequency,
                let stray = try await db.raw("SELECT month FROM indicator_values WHERE indicator_id = \(bind: before.id) ORDER BY month").all()
                    .map({ try $0.column("month", Int.self) }).first(where: { !changed.frequency.ends($0) })
            {
                throw ValidationFailure(
                    field: "frequency",
                    message: "It holds a value for \(MonthNumber.long(stray)), which does not end a period of that kind: \(changed.frequency.endRule.lowercased())")
            }
            try await db.raw(
                """
                UPDATE indicators SET name = \(bind: changed.name), definition = \(bind: changed.definition), unit = \(bind: changed.unit),
                    polarity = \(bind: changed.polarity.rawValue), crime_types = \(bind: changed.crimeTypes.map(\.rawValue).joined(separator: "|")),
                    baseline = \(bind: changed.baseline), target = \(bind: changed.target), tolerance = \(bind: changed.tolerance), rule = \(bind: changed.rule.rawValue),
                    owner = \(bind: changed.owner), frequency = \(bind: changed.frequency.rawValue)
                WHERE id = \(bind: changed.id)
                """
            ).run()
            var after = changed
            after.priorityID = before.priorityID
            try await AuditLog.record(db, by: author, .update, "indicator", id: changed.id, partnership: changed.partnershipID, before: before, after: after)
        }
    }

    /// Takes out a value entered in error (audited with what it was).
    package func removeValue(month: Int, of indicator: Indicator, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            guard
                let before = try await db.raw("DELETE FROM indicator_values WHERE indicator_id = \(bind: indicator.id) AND month = \(bind: month) RETURNING *").first()
                    .map(Self.value)
            else { throw ValidationFailure(field: "month", message: "There is no value for \(MonthNumber.long(month)) to take out") }
            try await AuditLog.record(db, by: author, .delete, "indicator value", id: indicator.id, partnership: indicator.partnershipID, before: before)
        }
    }
}
