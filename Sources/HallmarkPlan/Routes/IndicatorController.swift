import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird
import Plot

/// The indicators dashboard and each indicator's page; values entered by those who keep the
/// plan. The plan as JSON under `/api/v1`.
package struct IndicatorController {
    package let deps: PlanService

    package init(deps: PlanService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.indicators.path, use: dashboard)
        router.get(Site.indicatorsCSV.path, use: csv)
        router.get(Site.indicatorsPaper.path, use: paper)
        router.get(Site.indicatorsPDF.path, use: paperPDF)
        router.get(Site.indicator.path, use: indicator)
        router.post(Site.indicatorValues.path, use: addValue)
        router.post(Site.indicatorImport.path, use: importFile)
        router.post(Site.changeIndicator.path, use: changeIndicator)
        router.post(Site.removeIndicatorValue.path, use: removeValue)
        router.get(Site.planAPI.path, use: api)
    }

    /// The readings, the priorities, and the overdue actions with their priorities.
    private func state(_ p: Partnership, today: CalendarDate) async throws -> ([IndicatorReading], [PlanPriority], [(PlanAction, PlanPriority)]) {
        let readings = try await deps.readings(of: p, try await deps.plans.indicators(of: p.id))
        let priorities = try await deps.plans.priorities(of: p.id)
        let overdue = try await deps.plans.actions(of: p.id).filter { $0.overdue(on: today) }.compactMap { a in
            priorities.first { $0.id == a.priorityID }.map { (a, $0) }
        }
        return (readings, priorities, overdue)
    }

    package func paper(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        let today = CalendarDate.today()
        let (readings, priorities, overdue) = try await state(p, today: today)
        let toolbar: Node<HTML.BodyContext> = .nav(
            .class("toolbar"), .ariaLabel("Paper"), .a(.href(Site.indicators(p.id)), "Back to the indicators"),
            .if(deps.printer != nil, .a(.href(Site.indicatorsPDF(p.id)), .class("button"), "Download as PDF")))
        return HTMLResponse(DashboardView.paper(p, readings: readings, priorities: priorities, overdue: overdue, today: today, toolbar: toolbar))
    }

    package func paperPDF(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        let today = CalendarDate.today()
        let (readings, priorities, overdue) = try await state(p, today: today)
        return try await PDFPrinter.response(
            deps.printer, html: DashboardView.paper(p, readings: readings, priorities: priorities, overdue: overdue, today: today),
            name: "\(FileName.slug(p.name))-performance.pdf", what: "paper")
    }

    package func dashboard(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        let today = CalendarDate.today()
        let (readings, priorities, overdue) = try await state(p, today: today)
        return HTMLResponse(
            DashboardView.render(
                p, readings: readings, priorities: priorities, overdue: overdue, today: today,
                layout: context.layout("Indicators", Layout.crumbs(to: p) + [("Partnership plan", Site.plan(p.id))])))
    }

    package func csv(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        let readings = try await deps.readings(of: p, try await deps.plans.indicators(of: p.id))
        return DashboardView.csv(readings, priorities: try await deps.plans.priorities(of: p.id)).response(filename: "\(FileName.slug(p.name))-indicators.csv")
    }

    /// A spreadsheet's CSV of quarters, sent as a file: all saved, or at the first problem none,
    /// with the row and column named.
    package func importFile(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, i) = try await indicator(context, .managePlan)
        let failure = try await SpreadsheetUpload.receive(
            request, context, tooLarge: "The file is larger than 1 MB, and a CSV of an indicator’s values is far smaller",
            notAForm: "Send the file from the indicator’s page (as multipart/form-data)"
        ) { name, text in
            try await deps.plans.saveValues(try IndicatorImport.read(text, defaultSource: "Imported from \(name)", unit: i.unit, frequency: i.frequency), of: i, by: visitor.author)
        }
        guard let failure else { return redirect(to: Site.indicator(p.id, i.id), notice: .changesSaved) }
        return try await page(context, p, visitor, i, failed: ("import", FormModel(failure: failure))).response(from: request, context: context)
    }

    private func page(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ i: Indicator, failed: (form: String, model: FormModel)?) async throws -> HTMLResponse {
        let reading = try await deps.readings(of: p, [i])[0]
        var priority: PlanPriority? = nil
        if let id = i.priorityID { priority = try await deps.plans.priority(id, in: p.id) }
        let actions = try await deps.plans.actions(of: p.id).filter { $0.priorityID == i.priorityID }
        return HTMLResponse(
            IndicatorView.render(
                p, reading, priority: priority, actions: actions, canEnter: visitor.user.role.may(.managePlan), failed: failed,
                layout: context.layout(i.name, Layout.crumbs(to: p) + [("Indicators", Site.indicators(p.id))])), status: failed == nil ? .ok : .unprocessableContent)
    }

    private func indicator(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor, Indicator) {
        let (p, visitor) = try await deps.register.partnership(context, permission)
        guard let i = try await deps.plans.indicator(try context.id("indicator"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, i)
    }

    package func indicator(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor, i) = try await indicator(context, .readPlan)
        return try await page(context, p, visitor, i, failed: nil)
    }

    /// Runs a change to the indicator and returns to its page, or shows the page again with what
    /// was wrong in the named form.
    private func change(
        _ request: Request, _ context: HallmarkContext, form: String, notice: Notice = .changesSaved, _ work: (Partnership, Visitor, Indicator) async throws -> Void
    ) async throws -> Response {
        let (p, visitor, i) = try await indicator(context, .managePlan)
        return try await change(request, context, p, visitor, i, form: form, notice: notice, work)
    }

    /// The same, for an indicator already found.
    private func change(
        _ request: Request, _ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ i: Indicator, form: String, notice: Notice,
        _ work: (Partnership, Visitor, Indicator) async throws -> Void
    ) async throws -> Response {
        do {
            try await work(p, visitor, i)
            return redirect(to: Site.indicator(p.id, i.id), notice: notice)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, i, failed: (form, FormModel(input: context.form, failure: failure))).response(from: request, context: context)
        }
    }

    package func addValue(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "value") { _, visitor, i in
            try await deps.plans.saveValue(try IndicatorForm.value(context.form, unit: i.unit, frequency: i.frequency), of: i, by: visitor.author)
        }
    }

    package func removeValue(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, i) = try await indicator(context, .managePlan)
        var ask = Validator(context.form)
        if let month = ask.month("month", label: "period’s last month"), let value = try await deps.plans.values(of: i.id).first(where: { $0.month == month }),
            let page = try Confirmation(
                question: "Take out the value for \(i.frequency == .monthly ? "" : "the ")\(i.frequency.period(month)), \(PlanView.value(value.value)) \(i.unit)?",
                consequence: "Its readings, trend and rating are worked out again without it. The audit log keeps what it was.", button: "Yes, take it out",
                back: Site.indicator(p.id, i.id)
            ).ask(request, context, caption: "\(p.name), indicators", crumbs: Layout.crumbs(to: p) + [("Indicators", Site.indicators(p.id)), (i.name, Site.indicator(p.id, i.id))])
        {
            return page
        }
        return try await change(request, context, p, visitor, i, form: "value", notice: .valueRemoved) { _, visitor, i in
            var v = Validator(context.form)
            let month = v.month("month", label: "period’s last month")
            try v.check()
            try await deps.plans.removeValue(month: month!, of: i, by: visitor.author)
        }
    }

    package func changeIndicator(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "change") { p, visitor, i in
            let f = try IndicatorForm.validate(context.form)
            try await deps.plans.changeIndicator(
                Indicator(
                    id: i.id, partnershipID: p.id, priorityID: i.priorityID, name: f.name, definition: f.definition, unit: f.unit, polarity: f.polarity,
                    crimeTypes: f.crimeTypes, baseline: f.baseline, target: f.target, tolerance: f.tolerance, rule: f.rule, owner: f.owner, frequency: f.frequency),
                by: visitor.author)
        }
    }

    struct PlanRecord: Encodable {
        struct Reading: Encodable {
            let indicator: Indicator
            let values: [IndicatorValue]
            let rating: RAG
        }

        let priorities: [PlanPriority]
        let strategies: [PlanStrategy]
        let actions: [PlanAction]
        let milestones: [PlanMilestone]
        let indicators: [Reading]
    }

    /// The plan: priorities, actions, and every indicator with its values and rating.
    package func api(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        let readings = try await deps.readings(of: p, try await deps.plans.indicators(of: p.id))
        return try jsonResponse(
            PlanRecord(
                priorities: try await deps.plans.priorities(of: p.id), strategies: try await deps.plans.strategies(of: p.id), actions: try await deps.plans.actions(of: p.id),
                milestones: try await deps.plans.milestones(of: p.id),
                indicators: readings.map { .init(indicator: $0.indicator, values: $0.values, rating: $0.rag) }))
    }
}
