import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// Changes to the plan after it is made: a priority renamed or withdrawn, strategies, an
/// action changed, its milestones. Each refused form comes back on its page with the reason.
extension PlanController {
    /// Runs a change and returns to the page, or shows the page again with what was wrong in
    /// the named form.
    private func change(
        _ request: Request, _ context: HallmarkContext, back: String, form: String, notice: Notice = .changesSaved,
        page: (String, FormModel) async throws -> HTMLResponse, _ work: () async throws -> Void
    ) async throws -> Response {
        do {
            try await work()
            return redirect(to: back, notice: notice)
        } catch let failure as ValidationFailure {
            return try await page(form, FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    package func changePriority(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, priority) = try await priority(context, .managePlan)
        return try await change(
            request, context, back: Site.planPriority(p.id, priority.id), form: "change",
            page: { try await priorityPage(context, p, visitor, priority, failed: ($0, $1)) }
        ) {
            try await deps.plans.changePriority(try PlanForms.priorityChange(context.form, of: priority), of: priority.id, in: p.id, by: visitor.author)
        }
    }

    package func withdrawPriority(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, priority) = try await priority(context, .managePlan)
        return try await change(
            request, context, back: Site.planPriority(p.id, priority.id), form: "withdraw",
            page: { try await priorityPage(context, p, visitor, priority, failed: ($0, $1)) }
        ) {
            var v = Validator(context.form)
            let reason = v.text("withdrawn_reason", label: "reason for withdrawing it", maxLength: 2000)
            try v.check()
            try await deps.plans.withdrawPriority(priority.id, reason: reason!, on: .today(), in: p.id, by: visitor.author)
        }
    }

    package func addStrategy(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, priority) = try await priority(context, .managePlan)
        return try await change(
            request, context, back: Site.planPriority(p.id, priority.id), form: "strategy",
            page: { try await priorityPage(context, p, visitor, priority, failed: ($0, $1)) }
        ) {
            _ = try await deps.plans.addStrategy(try PlanForms.strategy(context.form), to: priority, by: visitor.author)
        }
    }

    package func changeAction(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, a) = try await action(context)
        guard visitor.user.role.may(.managePlan) else { throw AccessRefused.forbidden }
        return try await change(
            request, context, back: Site.planAction(p.id, a.id), form: "change", page: { try await actionPage(context, p, visitor, a, failed: ($0, $1)) }
        ) {
            let owners = try await deps.plans.owners(among: try await deps.ownerPartnerships(of: p))
            let form = try PlanForms.action(
                context.form, owners: Set(owners.map(\.id)), lines: Set(try await deps.budgets.allLines(of: p.id).map(\.id.rawValue)),
                strategies: Set(try await deps.plans.strategies(of: p.id).filter { $0.priorityID == a.priorityID }.map(\.id.rawValue)))
            let name = form.ownerUserID.flatMap { id in owners.first { $0.id == id }?.name } ?? form.ownerOrganisation
            try await deps.plans.changeAction(form, ownerName: name, of: a.id, in: p.id, by: visitor.author)
        }
    }

    /// Its owner sets the steps on the way, as do those who keep the plan.
    package func addMilestone(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, a) = try await action(context)
        guard Self.mayUpdate(visitor, a) else { throw AccessRefused.forbidden }
        return try await change(
            request, context, back: Site.planAction(p.id, a.id), form: "milestone", page: { try await actionPage(context, p, visitor, a, failed: ($0, $1)) }
        ) {
            _ = try await deps.plans.addMilestone(try PlanForms.milestone(context.form, action: a), to: a, in: p.id, by: visitor.author)
        }
    }

    /// A milestone reached (today, or the date given), not reached after all, or taken out as set in error.
    package func setMilestone(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, a) = try await action(context)
        guard Self.mayUpdate(visitor, a) else { throw AccessRefused.forbidden }
        let id: RecordID<PlanMilestone> = try context.id("milestone")
        if context.form["milestone"] == MilestoneChange.remove.rawValue,
            let milestone = try await deps.plans.milestones(of: p.id).first(where: { $0.id == id && $0.actionID == a.id }),
            let priority = try await deps.plans.priority(a.priorityID, in: p.id),
            let page = try Confirmation(
                question: "Take out the milestone “\(milestone.title)”?",
                consequence: "It comes off the action as if never set: do this only for a milestone set in error. The audit log keeps what it said.",
                button: "Yes, take out the milestone", back: Site.planAction(p.id, a.id)
            ).ask(
                request, context, caption: "\(p.name), partnership plan",
                crumbs: Self.crumbs(p, priority) + [(a.title, Site.planAction(p.id, a.id))])
        {
            return page
        }
        return try await change(
            request, context, back: Site.planAction(p.id, a.id), form: "milestones", page: { try await actionPage(context, p, visitor, a, failed: ($0, $1)) }
        ) {
            var v = Validator(context.form)
            let change = v.choice("milestone", label: "change to the milestone", as: MilestoneChange.self)
            let on = (context.form["done_on"] ?? "").isEmpty ? CalendarDate.today() : v.date("done_on", label: "date it was reached")
            if let on, on > .today() { v.fail("done_on", "A milestone cannot be reached on a date still to come") }
            try v.check()
            if change == .remove {
                try await deps.plans.removeMilestone(id, of: a, in: p.id, by: visitor.author)
            } else {
                try await deps.plans.setMilestone(id, of: a, doneOn: change == .reached ? on : nil, in: p.id, by: visitor.author)
            }
        }
    }
}

extension PlanController {
    /// Takes something off a priority by the id a form names (in `field`), or shows the page again with why not.
    /// Takes a strategy or risk off a priority, once asked: `named` finds what the question
    /// calls the record (nil if it is not this priority's, which the removal then reports).
    private func removeFromPriority<Record>(
        _ request: Request, _ context: HallmarkContext, field: String, label: String, form: String, asking question: (String) -> String, button: String,
        notice: Notice,
        named: @escaping (RecordID<Record>, Partnership, PlanPriority) async throws -> String?,
        _ remove: @escaping (RecordID<Record>, PlanPriority, ChangeAuthor) async throws -> Void
    ) async throws -> Response {
        let (p, visitor, priority) = try await priority(context, .managePlan)
        var ask = Validator(context.form)
        if let id: RecordID<Record> = ask.id(field, label: label), let name = try await named(id, p, priority),
            let page = try Confirmation(
                question: question(name), consequence: "The audit log keeps what it said.", button: button,
                back: Site.planPriority(p.id, priority.id)
            ).ask(request, context, caption: "\(p.name), partnership plan", crumbs: Layout.crumbs(to: p) + [("Partnership plan", Site.plan(p.id))])
        {
            return page
        }
        return try await change(
            request, context, back: Site.planPriority(p.id, priority.id), form: form, notice: notice,
            page: { try await priorityPage(context, p, visitor, priority, failed: ($0, $1)) }
        ) {
            var v = Validator(context.form)
            let id: RecordID<Record>? = v.id(field, label: label)
            try v.check()
            try await remove(id!, priority, visitor.author)
        }
    }

    package func removeStrategy(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await removeFromPriority(
            request, context, field: "strategy_id", label: "strategy to take out", form: "strategy",
            asking: { "Take the strategy “\($0)” out of this priority?" }, button: "Yes, take it out", notice: .strategyRemoved,
            named: { id, p, priority in try await deps.plans.strategies(of: p.id).first { $0.id == id && $0.priorityID == priority.id }?.title }
        ) {
            try await deps.plans.removeStrategy($0, of: $1, by: $2)
        }
    }

    /// A risk that has passed, or was recorded in error, taken off the register (audited with what it was).
    package func removeRisk(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await removeFromPriority(
            request, context, field: "risk_id", label: "risk to take off", form: "risk", asking: { "Take the risk “\($0)” off the register?" },
            button: "Yes, take it off", notice: .riskRemoved,
            named: { id, p, priority in try await deps.plans.risks(of: p.id).first { $0.id == id && $0.priorityID == priority.id }?.risk }
        ) {
            try await deps.plans.removeRisk($0, of: $1, by: $2)
        }
    }
}

/// What a milestone's buttons ask.
enum MilestoneChange: String, CaseIterable {
    case reached, notReached = "not_reached", remove
}
