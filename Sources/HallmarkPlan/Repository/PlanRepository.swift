import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkStore
import SQLKit

/// The plan's priorities, actions with their progress, and indicators with their entered
/// values; each change in one transaction with its audit entry.
package struct PlanRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    static func priority(_ r: any SQLRow) throws -> PlanPriority {
        PlanPriority(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), title: try r.column("title"), reason: try r.column("reason"), theme: try r.column("theme"),
            assessmentVersionID: try r.column("assessment_version_id"), evidence: try r.column("evidence"), publicSummary: try r.column("public_summary"),
            withdrawnOn: (try r.column("withdrawn_on", String?.self)).flatMap(CalendarDate.init), withdrawnReason: try r.column("withdrawn_reason"))
    }

    static func action(_ r: any SQLRow) throws -> PlanAction {
        PlanAction(
            id: try r.column("id"), priorityID: try r.column("priority_id"), title: try r.column("title"), ownerOrganisation: try r.column("owner_organisation"),
            ownerUserID: try r.column("owner_user_id"), ownerName: try r.column("owner_name"), dueOn: CalendarDate(try r.column("due_on"))!,
            status: ActionProgressStatus(rawValue: try r.column("status")) ?? .notStarted, budgetLineID: try r.column("budget_line_id"),
            plan: PlanKind(rawValue: try r.column("plan")) ?? .operational, strategyID: try r.column("strategy_id"))
    }

    static func indicator(_ r: any SQLRow) throws -> Indicator {
        let types: String = try r.column("crime_types")
        return Indicator(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), priorityID: try r.column("priority_id"), name: try r.column("name"),
            definition: try r.column("definition"), unit: try r.column("unit"), polarity: Polarity(rawValue: try r.column("polarity")) ?? .lowerIsBetter,
            crimeTypes: types.split(separator: "|").compactMap { CrimeType(rawValue: String($0)) }, baseline: try r.column("baseline"), target: try r.column("target"),
            tolerance: try r.column("tolerance"), rule: RatingRule(rawValue: try r.column("rule")) ?? .target, owner: try r.column("owner"),
            frequency: Frequency(rawValue: try r.column("frequency")) ?? .quarterly)
    }

    /// A priority of the partnership's, its row locked for the change under way (see `Store.rowLock`).
    func lockedPriority(_ db: any SQLDatabase, _ id: RecordID<PlanPriority>, in partnershipID: RecordID<Partnership>) async throws -> PlanPriority {
        guard
            let priority = try await db.raw(
                "SELECT * FROM plan_priorities WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: store.rowLock)"
            ).first().map(Self.priority)
        else { throw StoreError.notFound("Priority \(id)") }
        return priority
    }

    /// An action of the partnership's plan, its row locked for the change under way.
    func lockedAction(_ db: any SQLDatabase, _ id: RecordID<PlanAction>, in partnershipID: RecordID<Partnership>) async throws -> PlanAction {
        guard
            let action = try await db.raw(
                """
                SELECT a.* FROM plan_actions a JOIN plan_priorities p ON p.id = a.priority_id
                WHERE a.id = \(bind: id) AND p.partnership_id = \(bind: partnershipID)\(unsafeRaw: store.rowLock)
                """
            ).first().map(Self.action)
        else { throw StoreError.notFound("Action \(id)") }
        return action
    }

    // MARK: Priorities

    package func priorities(of partnershipID: RecordID<Partnership>) async throws -> [PlanPriority] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM plan_priorities WHERE partnership_id = \(bind: partnershipID) ORDER BY id").all().map(Self.priority)
        }
    }

    package func priority(_ id: RecordID<PlanPriority>, in partnershipID: RecordID<Partnership>) async throws -> PlanPriority? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM plan_priorities WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(Self.priority)
        }
    }

    package func addPriority(
        _ form: PlanForms.Priority, version: RecordID<RecordVersion>?, evidence: String, to partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws -> PlanPriority {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM plan_priorities WHERE partnership_id = \(bind: partnershipID) AND title = \(bind: form.title)").first() != nil {
                throw ValidationFailure(field: form.theme.isEmpty ? "title" : "theme", message: "The plan already has a priority called “\(form.title)”")
            }
            let added = try Self.priority(
                try await db.raw(
                    """
                    INSERT INTO plan_priorities (partnership_id, title, reason, theme, assessment_version_id, evidence)
                    VALUES (\(bind: partnershipID), \(bind: form.title), \(bind: form.reason), \(bind: form.theme), \(bind: version), \(bind: evidence)) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "plan priority", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    /// Publishes what the public site says of a priority, or (empty) takes it off.
    package func setPublicSummary(_ text: String, of id: RecordID<PlanPriority>, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let before = try await lockedPriority(db, id, in: partnershipID)
            try await db.raw("UPDATE plan_priorities SET public_summary = \(bind: text) WHERE id = \(bind: id)").run()
            var after = before
            after.publicSummary = text
            try await AuditLog.record(db, by: author, .update, "plan priority", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    // MARK: Actions

    package func actions(of partnershipID: RecordID<Partnership>) async throws -> [PlanAction] {
        try await store.withConnection { db in
            try await db.raw(
                "SELECT a.* FROM plan_actions a JOIN plan_priorities p ON p.id = a.priority_id WHERE p.partnership_id = \(bind: partnershipID) ORDER BY a.due_on, a.id"
            ).all().map(Self.action)
        }
    }

    /// The actions a person owns and has not finished, with where each lives, soonest due first.
    package func open(ownedBy userID: Int64) async throws -> [(action: PlanAction, partnershipID: RecordID<Partnership>, priority: String)] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT a.*, p.partnership_id AS home, p.title AS priority_title FROM plan_actions a JOIN plan_priorities p ON p.id = a.priority_id
                WHERE a.owner_user_id = \(bind: userID) AND a.status NOT IN (\(binds: ActionProgressStatus.allCases.filter(\.closed).map(\.rawValue)))
                ORDER BY a.due_on, a.id
                """
            ).all().map { (try Self.action($0), try $0.column("home"), try $0.column("priority_title")) }
        }
    }

    package func action(_ id: RecordID<PlanAction>, in partnershipID: RecordID<Partnership>) async throws -> PlanAction? {
        try await store.withConnection { db in
            try await db.raw(
                "SELECT a.* FROM plan_actions a JOIN plan_priorities p ON p.id = a.priority_id WHERE a.id = \(bind: id) AND p.partnership_id = \(bind: partnershipID)"
            ).first().map(Self.action)
        }
    }

    package func addAction(
        _ form: PlanForms.Action, ownerName: String, to priority: PlanPriority, by author: ChangeAuthor
    ) async throws -> PlanAction {
        try await store.transaction { db in
            let added = try Self.action(
                try await db.raw(
                    """
                    INSERT INTO plan_actions (priority_id, title, owner_organisation, owner_user_id, owner_name, due_on, status, budget_line_id, plan, strategy_id)
                    VALUES (\(bind: priority.id), \(bind: form.title), \(bind: form.ownerOrganisation), \(bind: form.ownerUserID), \(bind: ownerName),
                            \(bind: form.dueOn.iso), \(bind: ActionProgressStatus.notStarted.rawValue), \(bind: form.budgetLineID), \(bind: form.plan.rawValue),
                            \(bind: form.strategyID)) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "plan action", id: added.id, partnership: priority.partnershipID, after: added)
            return added
        }
    }

    /// Adds an update and moves the action to its status, in one step: the action's row is
    /// locked while its status changes.
    package func addProgress(
        to id: RecordID<PlanAction>, in partnershipID: RecordID<Partnership>, status: ActionProgressStatus, note: String, byName: String, by author: ChangeAuthor
    ) async throws -> PlanAction {
        return try await store.transaction { db in
            let before = try await lockedAction(db, id, in: partnershipID)
            try await db.raw(
                "INSERT INTO plan_action_progress (action_id, at, by_name, status, note) VALUES (\(bind: id), \(bind: Int64(Date().timeIntervalSince1970)), \(bind: byName), \(bind: status.rawValue), \(bind: note))"
            ).run()
            try await db.raw("UPDATE plan_actions SET status = \(bind: status.rawValue) WHERE id = \(bind: id)").run()
            var after = before
            after.status = status
            try await AuditLog.record(db, by: author, .update, "plan action", id: id, partnership: partnershipID, before: before, after: after)
            return after
        }
    }

    package func progress(of id: RecordID<PlanAction>) async throws -> [ActionProgress] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM plan_action_progress WHERE action_id = \(bind: id) ORDER BY at, id").all().map {
                ActionProgress(
                    actionID: id, at: try $0.column("at"), by: try $0.column("by_name"), status: ActionProgressStatus(rawValue: try $0.column("status")) ?? .notStarted,
                    note: try $0.column("note"))
            }
        }
    }

    /// Those who may own an action here: enabled accounts given this partnership or one above it.
    package func owners(among partnershipIDs: [RecordID<Partnership>]) async throws -> [(id: Int64, name: String)] {
        try await store.withConnection { db in
            var found: [(Int64, String)] = []
            for p in partnershipIDs {
                for row in try await db.raw(
                    "SELECT u.id, u.name FROM users u JOIN user_partnerships g ON g.user_id = u.id WHERE g.partnership_id = \(bind: p) AND u.disabled = 0 ORDER BY u.name"
                ).all() {
                    let id: Int64 = try row.column("id")
                    if !found.contains(where: { $0.0 == id }) { found.append((id, try row.column("name"))) }
                }
            }
            return found
        }
    }

    // MARK: Risks

    static func risk(_ r: any SQLRow) throws -> PlanRisk {
        PlanRisk(
            id: try r.column("id"), priorityID: try r.column("priority_id"), risk: try r.column("risk"), likelihood: try r.column("likelihood"),
            impact: try r.column("impact"), mitigation: try r.column("mitigation"), owner: try r.column("owner"))
    }

    package func risks(of partnershipID: RecordID<Partnership>) async throws -> [PlanRisk] {
        try await store.withConnection { db in
            try await db.raw(
                "SELECT r.* FROM plan_risks r JOIN plan_priorities p ON p.id = r.priority_id WHERE p.partnership_id = \(bind: partnershipID) ORDER BY r.likelihood * r.impact DESC, r.id"
            ).all().map(Self.risk)
        }
    }

    package func addRisk(
        _ f: (risk: String, likelihood: Int, impact: Int, mitigation: String, owner: String), to priority: PlanPriority, by author: ChangeAuthor
    ) async throws -> PlanRisk {
        try await store.transaction { db in
            let added = try Self.risk(
                try await db.raw(
                    """
                    INSERT INTO plan_risks (priority_id, risk, likelihood, impact, mitigation, owner)
                    VALUES (\(bind: priority.id), \(bind: f.risk), \(bind: f.likelihood), \(bind: f.impact), \(bind: f.mitigation), \(bind: f.owner)) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "plan risk", id: added.id, partnership: priority.partnershipID, after: added)
            return added
        }
    }

    // MARK: Indicators

    package func indicators(of partnershipID: RecordID<Partnership>) async throws -> [Indicator] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM indicators WHERE partnership_id = \(bind: partnershipID) ORDER BY id").all().map(Self.indicator)
        }
    }

    package func indicator(_ id: RecordID<Indicator>, in partnershipID: RecordID<Partnership>) async throws -> Indicator? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM indicators WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(Self.indicator)
        }
    }

    package func addIndicator(_ i: Indicator, by author: ChangeAuthor) async throws -> Indicator {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM indicators WHERE partnership_id = \(bind: i.partnershipID) AND name = \(bind: i.name)").first() != nil {
                throw ValidationFailure(field: "name", message: "There is already an indicator called “\(i.name)”")
            }
            let added = try Self.indicator(
                try await db.raw(
                    """
                    INSERT INTO indicators (partnership_id, priority_id, name, definition, unit, polarity, crime_types, baseline, target, tolerance, rule, owner, frequency)
                    VALUES (\(bind: i.partnershipID), \(bind: i.priorityID), \(bind: i.name), \(bind: i.definition), \(bind: i.unit), \(bind: i.polarity.rawValue),
                            \(bind: i.crimeTypes.map(\.rawValue).joined(separator: "|")), \(bind: i.baseline), \(bind: i.target), \(bind: i.tolerance), \(bind: i.rule.rawValue),
                            \(bind: i.owner), \(bind: i.frequency.rawValue))
                    RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "indicator", id: added.id, partnership: i.partnershipID, after: added)
            return added
        }
    }

    static func value(_ r: any SQLRow) throws -> IndicatorValue {
        IndicatorValue(
            month: try r.column("month"), value: try r.column("value"), source: try r.column("source"), enteredAt: try r.column("entered_at"),
            enteredBy: try r.column("entered_by"))
    }

    package func values(of id: RecordID<Indicator>) async throws -> [IndicatorValue] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM indicator_values WHERE indicator_id = \(bind: id) ORDER BY month").all().map(Self.value)
        }
    }

    /// Saves a quarter's value, replacing any entered for that quarter before (the change audited).
    package func saveValue(_ value: IndicatorValue, of indicator: Indicator, by author: ChangeAuthor) async throws {
        try await saveValues([value], of: indicator, by: author)
    }

    /// Saves quarters' values all or none, each replacing any entered for its quarter before.
    package func saveValues(_ values: [IndicatorValue], of indicator: Indicator, by author: ChangeAuthor) async throws {
        guard !indicator.computed else { throw ValidationFailure(field: "value", message: "This indicator is computed from police.uk data; its values cannot be entered") }
        let lock = store.rowLock
        try await store.transaction { db in
            for value in values {
                let before = try await db.raw(
                    "SELECT * FROM indicator_values WHERE indicator_id = \(bind: indicator.id) AND month = \(bind: value.month)\(unsafeRaw: lock)"
                ).first().map(Self.value)
                var entered = value
                (entered.enteredAt, entered.enteredBy) = (Int64(Date().timeIntervalSince1970), author.label)
                if before != nil {
                    try await db.raw(
                        """
                        UPDATE indicator_values SET value = \(bind: value.value), source = \(bind: value.source), entered_at = \(bind: entered.enteredAt),
                            entered_by = \(bind: entered.enteredBy)
                        WHERE indicator_id = \(bind: indicator.id) AND month = \(bind: value.month)
                        """
                    ).run()
                } else {
                    try await db.raw(
                        """
                        INSERT INTO indicator_values (indicator_id, month, value, source, entered_at, entered_by)
                        VALUES (\(bind: indicator.id), \(bind: value.month), \(bind: value.value), \(bind: value.source), \(bind: entered.enteredAt), \(bind: entered.enteredBy))
                        """
                    ).run()
                }
                try await AuditLog.record(
                    db, by: author, before == nil ? .create : .update, "indicator value", id: indicator.id, partnership: indicator.partnershipID, before: before, after: entered)
            }
        }
    }
}
