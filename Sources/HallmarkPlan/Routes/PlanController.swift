import Foundation
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird
import Plot

/// The plan, its priorities and their actions: read by every member, kept by those who keep
/// the plan; an action's progress is also updated by its owner.
package struct PlanController {
    package let deps: PlanService

    package init(deps: PlanService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.plan.path, use: plan)
        router.post(Site.planPriorities.path, use: addPriority)
        router.get(Site.planPriority.path, use: priority)
        router.post(Site.planActions.path, use: addAction)
        router.post(Site.planRisks.path, use: addRisk)
        router.post(Site.priorityIndicators.path, use: addIndicator)
        router.get(Site.planAction.path, use: action)
        router.post(Site.planAction.path, use: addProgress)
        router.post(Site.priorityPublic.path, use: publish)
        router.get(Site.agreement.path, use: agreement)
        router.get(Site.agreementPDF.path, use: agreementPDF)
        router.get(Site.planChain.path, use: chain)
        router.get(Site.planActionsCSV.path, use: actionsCSV)
        router.get(Site.agreementCSV.path, use: agreementCSV)
        router.post(Site.changePriority.path, use: changePriority)
        router.post(Site.withdrawPriority.path, use: withdrawPriority)
        router.post(Site.planStrategies.path, use: addStrategy)
        router.post(Site.changeAction.path, use: changeAction)
        router.post(Site.actionMilestones.path, use: addMilestone)
        router.post(Site.actionMilestone.path, use: setMilestone)
        router.post(Site.removeStrategy.path, use: removeStrategy)
        router.post(Site.removeRisk.path, use: removeRisk)
    }

    package func agreement(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        let toolbar: Node<HTML.BodyContext> = .nav(
            .class("toolbar"), .ariaLabel("Agreement"), .a(.href(Site.plan(p.id)), "Back to the plan"),
            .a(.href(Site.agreementPDF(p.id)), .class("button"), "Download as PDF"))
        return HTMLResponse(AgreementView.html(p, try await deps.agreementMembers(of: p), today: .today(), toolbar: toolbar))
    }

    package func agreementPDF(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        return try await PDFPrinter.response(
            deps.printer, html: AgreementView.html(p, try await deps.agreementMembers(of: p), today: .today()), name: "\(FileName.slug(p.name))-community-safety-agreement.pdf",
            what: "agreement")
    }

    package func agreementCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        return AgreementView.csv(try await deps.agreementMembers(of: p)).response(filename: "\(FileName.slug(p.name))-community-safety-agreement.csv")
    }

    /// Each priority with its actions, budget lines and indicators, and the indicators measuring none.
    private func links(of p: Partnership) async throws -> (links: [ChainView.Link], unlinked: [IndicatorReading], lines: [BudgetLine]) {
        let actions = try await deps.plans.actions(of: p.id)
        let readings = try await deps.readings(of: p, try await deps.plans.indicators(of: p.id))
        let lines = try await deps.budgets.allLines(of: p.id)
        let priorities = try await deps.plans.priorities(of: p.id)
        let links = priorities.map { priority in
            let mine = actions.filter { $0.priorityID == priority.id }
            return ChainView.Link(
                priority: priority, actions: mine, lines: Self.lines(for: priority, actions: mine, in: lines),
                readings: readings.filter { $0.indicator.priorityID == priority.id })
        }
        let known = Set(priorities.map(\.id))
        return (links, readings.filter { $0.indicator.priorityID.map { !known.contains($0) } ?? true }, lines)
    }

    package func chain(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        let (links, unlinked, _) = try await links(of: p)
        return HTMLResponse(
            ChainView.render(
                p, links: links, unlinked: unlinked, today: .today(), layout: context.layout("The evidence chain", Layout.crumbs(to: p) + [("Partnership plan", Site.plan(p.id))])))
    }

    package func actionsCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        let (links, _, lines) = try await links(of: p)
        return ChainView.actionsCSV(
            links, strategies: try await deps.plans.strategies(of: p.id), milestones: try await deps.plans.milestones(of: p.id), lines: lines, today: .today()
        ).response(filename: "\(FileName.slug(p.name))-plan-actions.csv")
    }

    /// Budget lines serving a priority: those its actions name, and those naming it.
    static func lines(for priority: PlanPriority, actions: [PlanAction], in all: [BudgetLine]) -> [BudgetLine] {
        let named = Set(actions.compactMap(\.budgetLineID))
        return all.filter { named.contains($0.id.rawValue) || $0.priority == priority.title }
    }

    private func planPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel, status: HTTPResponse.Status) async throws -> HTMLResponse {
        let priorities = try await deps.plans.priorities(of: p.id)
        let actions = try await deps.plans.actions(of: p.id)
        let readings = try await deps.readings(of: p, try await deps.plans.indicators(of: p.id))
        let lines = try await deps.budgets.allLines(of: p.id)
        let rows = priorities.map { priority in
            let mine = actions.filter { $0.priorityID == priority.id }
            let money = Self.lines(for: priority, actions: mine, in: lines)
            return PlanView.Row(
                priority: priority, actions: mine, readings: readings.filter { $0.indicator.priorityID == priority.id }, budget: money.map(\.budget).reduce(.zero, +),
                spent: money.map(\.spentInYear).reduce(.zero, +))
        }
        return HTMLResponse(
            PlanView.render(
                p, rows: rows, assessment: try await deps.approvedAssessment(of: p.id), canEdit: visitor.user.role.may(.managePlan), form: form, today: .today(),
                hasMembers: !(try await deps.register.partnerships.children(of: p.id).filter { $0.kind != .subGroup }.isEmpty),
                versions: try await deps.versions.versions(of: p.id),
                layout: context.layout("Partnership plan", Layout.crumbs(to: p))), status: status)
    }

    package func plan(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readPlan)
        return try await planPage(context, p, visitor, form: FormModel(), status: .ok)
    }

    package func addPriority(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        let assessment = try await deps.approvedAssessment(of: p.id)
        do {
            let form = try PlanForms.priority(context.form, themes: assessment?.themes.map(\.name) ?? [])
            let theme = assessment?.themes.first { $0.name == form.theme }
            let added = try await deps.plans.addPriority(
                form, version: theme == nil ? nil : assessment?.version.id, evidence: theme?.evidence ?? "", to: p.id, by: visitor.author)
            return redirect(to: Site.planPriority(p.id, added.id), notice: .priorityAdded)
        } catch let failure as ValidationFailure {
            return try await planPage(context, p, visitor, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    func priorityPage(
        _ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ priority: PlanPriority, failed: (String, FormModel)?, template: String? = nil
    ) async throws -> HTMLResponse {
        let actions = try await deps.plans.actions(of: p.id).filter { $0.priorityID == priority.id }
        let all = try await deps.budgets.allLines(of: p.id)
        let readings = try await deps.readings(of: p, try await deps.plans.indicators(of: p.id).filter { $0.priorityID == priority.id })
        let model = PriorityView.Model(
            priority: priority, actions: actions, strategies: try await deps.plans.strategies(of: p.id).filter { $0.priorityID == priority.id },
            risks: try await deps.plans.risks(of: p.id).filter { $0.priorityID == priority.id },
            lines: Self.lines(for: priority, actions: actions, in: all), readings: readings,
            owners: try await deps.plans.owners(among: try await deps.ownerPartnerships(of: p)), allLines: all, canEdit: visitor.user.role.may(.managePlan), today: .today(),
            template: template.flatMap(NationalIndicators.input))
        return HTMLResponse(
            PriorityView.render(
                p, model, failed: failed, csrf: context.csrfToken, layout: context.layout(priority.title, Layout.crumbs(to: p) + [("Partnership plan", Site.plan(p.id))])),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    func priority(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor, PlanPriority) {
        let (p, visitor) = try await deps.register.partnership(context, permission)
        guard let priority = try await deps.plans.priority(try context.id("priority"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, priority)
    }

    package func priority(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor, priority) = try await priority(context, .readPlan)
        return try await priorityPage(context, p, visitor, priority, failed: nil, template: FormBody.query(request.uri.query)["template"])
    }

    /// What the public site says of the priority: the coordinator's plain words, or nothing.
    package func publish(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, priority) = try await priority(context, .managePlan)
        var v = Validator(context.form)
        // An empty box takes it off the public site; a form without the box is not that form.
        if context.form["public_summary"] == nil { v.fail("public_summary", "Write what the public site says, or leave the box empty to take it off") }
        let text = v.text("public_summary", label: "summary for the public", required: false, maxLength: 2000) ?? ""
        if !v.errors.isEmpty {
            return try await priorityPage(context, p, visitor, priority, failed: ("public", FormModel(input: context.form, failure: ValidationFailure(v.errors))))
                .response(from: request, context: context)
        }
        try await deps.plans.setPublicSummary(text, of: priority.id, in: p.id, by: visitor.author)
        return redirect(to: Site.planPriority(p.id, priority.id), notice: .changesSaved)
    }

    package func addAction(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, priority) = try await priority(context, .managePlan)
        let owners = try await deps.plans.owners(among: try await deps.ownerPartnerships(of: p))
        do {
            let form = try PlanForms.action(
                context.form, owners: Set(owners.map(\.id)), lines: Set(try await deps.budgets.allLines(of: p.id).map(\.id.rawValue)),
                strategies: Set(try await deps.plans.strategies(of: p.id).filter { $0.priorityID == priority.id }.map(\.id.rawValue)))
            let name = form.ownerUserID.flatMap { id in owners.first { $0.id == id }?.name } ?? form.ownerOrganisation
            _ = try await deps.plans.addAction(form, ownerName: name, to: priority, by: visitor.author)
            return redirect(to: Site.planPriority(p.id, priority.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await priorityPage(context, p, visitor, priority, failed: ("action", FormModel(input: context.form, failure: failure)))
                .response(from: request, context: context)
        }
    }

    package func addRisk(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, priority) = try await priority(context, .managePlan)
        do {
            _ = try await deps.plans.addRisk(try PlanForms.risk(context.form), to: priority, by: visitor.author)
            return redirect(to: Site.planPriority(p.id, priority.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await priorityPage(context, p, visitor, priority, failed: ("risk", FormModel(input: context.form, failure: failure)))
                .response(from: request, context: context)
        }
    }

    package func addIndicator(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, priority) = try await priority(context, .managePlan)
        do {
            let f = try IndicatorForm.validate(context.form)
            let indicator = try await deps.plans.addIndicator(
                Indicator(
                    id: RecordID(0), partnershipID: p.id, priorityID: priority.id, name: f.name, definition: f.definition, unit: f.unit, polarity: f.polarity,
                    crimeTypes: f.crimeTypes, baseline: f.baseline, target: f.target, tolerance: f.tolerance, rule: f.rule, owner: f.owner, frequency: f.frequency),
                by: visitor.author)
            return redirect(to: Site.indicator(p.id, indicator.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await priorityPage(context, p, visitor, priority, failed: ("indicator", FormModel(input: context.form, failure: failure)))
                .response(from: request, context: context)
        }
    }

    func actionPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ a: PlanAction, failed: (form: String, model: FormModel)?) async throws -> HTMLResponse {
        guard let priority = try await deps.plans.priority(a.priorityID, in: p.id) else { throw AccessRefused.notFound }
        let manages = visitor.user.role.may(.managePlan)
        let model = ActionView.Model(
            action: a, priority: priority, progress: try await deps.plans.progress(of: a.id),
            milestones: try await deps.plans.milestones(of: p.id).filter { $0.actionID == a.id }, canUpdate: Self.mayUpdate(visitor, a), canChange: manages,
            owners: manages ? try await deps.plans.owners(among: try await deps.ownerPartnerships(of: p)) : [],
            strategies: try await deps.plans.strategies(of: p.id).filter { $0.priorityID == priority.id }, lines: manages ? try await deps.budgets.allLines(of: p.id) : [],
            today: .today())
        return HTMLResponse(
            ActionView.render(
                p, model, failed: failed,
                layout: context.layout(a.title, Self.crumbs(p, priority))),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    /// The way back from an action's pages: the partnership, its plan, the action's priority.
    static func crumbs(_ p: Partnership, _ priority: PlanPriority) -> [(label: String, href: String)] {
        Layout.crumbs(to: p) + [("Partnership plan", Site.plan(p.id)), (priority.title, Site.planPriority(p.id, priority.id))]
    }

    /// Its owner, and those who keep the plan.
    static func mayUpdate(_ visitor: Visitor, _ a: PlanAction) -> Bool {
        visitor.user.role.may(.managePlan) || (a.ownerUserID == visitor.user.id && visitor.user.role.may(.readPlan))
    }

    func action(_ context: HallmarkContext) async throws -> (Partnership, Visitor, PlanAction) {
        let (p, visitor) = try await deps.register.partnership(context, .readPlan)
        guard let a = try await deps.plans.action(try context.id("action"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, a)
    }

    package func action(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor, a) = try await action(context)
        return try await actionPage(context, p, visitor, a, failed: nil)
    }

    package func addProgress(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, a) = try await action(context)
        guard Self.mayUpdate(visitor, a) else { throw AccessRefused.forbidden }
        do {
            let update = try PlanForms.progress(context.form, mayWithdraw: visitor.user.role.may(.managePlan))
            _ = try await deps.plans.addProgress(to: a.id, in: p.id, status: update.status, note: update.note, byName: visitor.user.name, by: visitor.author)
            return redirect(to: Site.planAction(p.id, a.id), notice: .actionUpdated)
        } catch let failure as ValidationFailure {
            return try await actionPage(context, p, visitor, a, failed: ("progress", FormModel(input: context.form, failure: failure)))
                .response(from: request, context: context)
        }
    }
}
