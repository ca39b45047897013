import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// Changes to the plan after it is made: a priority renamed or taken out, strategies, an
/// action changed, its milestones. Each refused form comes back on its page with the reason.
extension PlanController {
    /// Runs a change and returns to the page, or shows the page again with what was wrong in
    /// the named form.
    private func change(
        _ request: Request, _ context: HallmarkContext, back: String, form: String, page: (String, FormModel) async throws -> HTMLResponse,
        _ work: () async throws -> Void
    ) async throws -> Response {
        do {
            try await work()
            return redirect(to: back, notice: .changesSaved)
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

    package func removePriority(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, priority) = try await priority(context, .managePlan)
        do {
            try await deps.plans.removePriority(priority.id, in: p.id, by: visitor.author)
            return redirect(to: Site.plan(p.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await priorityPage(context, p, visitor, priority, failed: ("remove", FormModel(failure: failure))).response(from: request, context: context)
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

    /// A milestone reached (today, or the date given) or, with `reached=no`, not reached after all.
    package func setMilestone(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, a) = try await action(context)
        guard Self.mayUpdate(visitor, a) else { throw AccessRefused.forbidden }
        let id: RecordID<PlanMilestone> = try context.id("milestone")
        return try await change(
            request, context, back: Site.planAction(p.id, a.id), form: "milestones", page: { try await actionPage(context, p, visitor, a, failed: ($0, $1)) }
        ) {
            var v = Validator(context.form)
            let reached = v.choice("reached", label: "whether it was reached", as: MilestoneReached.self)
            let on = (context.form["done_on"] ?? "").isEmpty ? CalendarDate.today() : v.date("done_on", label: "date it was reached")
            if let on, on > .today() { v.fail("done_on", "A milestone cannot be reached on a date still to come") }
            try v.check()
            try await deps.plans.setMilestone(id, of: a, doneOn: reached == .yes ? on : nil, in: p.id, by: visitor.author)
        }
    }
}

/// The answer of a milestone's button.
enum MilestoneReached: String, CaseIterable {
    case yes, no
}
