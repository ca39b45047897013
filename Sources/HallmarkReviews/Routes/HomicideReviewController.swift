import Foundation
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import HallmarkStore
import Hummingbird

/// Domestic homicide reviews as the partnership keeps them: a dashboard of the reviews each
/// member is on, by stage, with days elapsed against the guidance's time; each review opened,
/// decided, chaired, reported on, published and followed through its action plan by its team;
/// its costs drawn from the pooled fund. Seen outside the team only by an administrator with a reason.
package struct HomicideReviewController {
    package let deps: ReviewsService

    package init(deps: ReviewsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.homicideReviews.path, use: dashboard)
        router.post(Site.homicideReviews.path, use: notify)
        router.get(Site.homicideReview.path, use: show)
        router.post(Site.homicideReviewGlass.path, use: breakGlass)
        router.post(Site.homicideReviewDecision.path, use: decide)
        router.post(Site.homicideReviewProgress.path, use: progress)
        router.post(Site.homicideReviewReports.path, use: requestReport)
        router.post(Site.homicideReviewReportReceived.path, use: receiveReport)
        router.post(Site.homicideReviewActions.path, use: addAction)
        router.post(Site.homicideReviewActionDone.path, use: completeAction)
        router.post(Site.homicideReviewCosts.path, use: addCost)
        router.post(Site.homicideReviewTeam.path, use: team)
    }

    private func dashboardPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel) async throws -> HTMLResponse {
        let repository = try deps.homicide()
        let mine = try await deps.casework.cases(.homicideReview, of: visitor.user.id)
        var rows: [HomicideReviewView.Row] = []
        for r in try await repository.reviews(of: p.id) where mine.contains(r.id.rawValue) {
            rows.append(.init(review: r, stage: r.stage(actions: try await repository.actions(of: r.id))))
        }
        return HTMLResponse(
            HomicideReviewView.dashboard(
                p, rows: rows, settings: try await deps.casework.settings(of: p.id), canManage: visitor.user.role.may(.manageCases), form: form, today: .today(),
                layout: context.layout("Domestic homicide reviews", Layout.crumbs(to: p))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func dashboard(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readRegister)
        return try await dashboardPage(context, p, visitor, form: FormModel())
    }

    /// A death notified to the partnership; the member who records it is its first team member.
    package func notify(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageCases)
        do {
            var v = Validator(context.form)
            let kind = v.choice("kind", label: "kind of review", as: HomicideReviewKind.self)
            let notified = v.date("notified_on", label: "day the partnership was notified")
            let name = v.text("victim_name", label: "name of the person who died", maxLength: 160)
            let circumstances = v.text("circumstances", label: "circumstances", maxLength: 4000)
            if let notified, notified > .today() { v.fail("notified_on", "The day of notification is in the future") }
            try v.check()
            let added = try await deps.homicide().notify(
                (kind: kind!, notifiedOn: notified!, victimName: name!, circumstances: circumstances!), team: [visitor.user.id], to: p.id, by: visitor.author)
            return redirect(to: Site.homicideReview(p.id, added.id), notice: .reviewNotified)
        } catch let failure as ValidationFailure {
            return try await dashboardPage(context, p, visitor, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    private func review(_ context: HallmarkContext) async throws -> (Partnership, Visitor, HomicideReview) {
        let (p, visitor) = try await deps.register.partnership(context, .readRegister)
        guard let r = try await deps.homicide().review(try context.id("review"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, r)
    }

    private func page(
        _ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ r: HomicideReview, access: CaseAccess, failed: (form: String, model: FormModel)?
    ) async throws -> HTMLResponse {
        let repository = try deps.homicide()
        let team = try await deps.casework.team(.homicideReview, r.id.rawValue)
        let people = try await deps.people(of: p.id)
        let detail = HomicideReviewView.Detail(
            review: r, reports: try await repository.reports(of: r.id), actions: try await repository.actions(of: r.id), costs: try await repository.costs(of: r.id),
            funds: try await deps.funds(for: p.id).map { ($0.id.rawValue, "\($0.name) (\($0.year))") }, team: people.filter { team.contains($0.id) },
            candidates: people)
        return HTMLResponse(
            HomicideReviewView.show(
                p, detail, access: access, settings: try await deps.casework.settings(of: p.id), canChange: access == .team && visitor.user.role.may(.manageCases),
                failed: failed, today: .today(), layout: context.layout(r.reference, Layout.crumbs(to: p) + [("Homicide reviews", Site.homicideReviews(p.id))])),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    package func show(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try await open(context, glassReason: nil)
    }

    package func breakGlass(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try await open(context, glassReason: context.form["glass_reason"] ?? "")
    }

    private func open(_ context: HallmarkContext, glassReason: String?) async throws -> HTMLResponse {
        let (p, visitor, r) = try await review(context)
        return try await BreakGlassView.open(
            .homicideReview, r.id.rawValue, reference: r.reference, in: p, by: visitor, glassReason: glassReason, action: Site.homicideReviewGlass(p.id, r.id),
            context: context, deps: deps
        ) { access in try await page(context, p, visitor, r, access: access, failed: nil) }
    }

    /// A change by the review's team: `work` checks the form and makes the change; a problem
    /// shows the page again with the messages beside the form `name`.
    private func change(
        _ request: Request, _ context: HallmarkContext, form name: String, _ work: (HomicideReview, [String: String], ChangeAuthor) async throws -> Void
    ) async throws -> Response {
        let (p, visitor, r) = try await review(context)
        try await deps.requireChange(.homicideReview, r.id.rawValue, by: visitor)
        do {
            try await work(r, context.form, visitor.author)
            return redirect(to: Site.homicideReview(p.id, r.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, r, access: .team, failed: (name, FormModel(input: context.form, failure: failure))).response(from: request, context: context)
        }
    }

    /// A date in a form that is not before `earliest` and not after today.
    static func day(_ v: inout Validator, _ field: String, _ label: String, required: Bool = true, after earliest: CalendarDate?, _ what: String) -> CalendarDate? {
        let day = v.date(field, label: label, required: required)
        if let day, let earliest, day < earliest { v.fail(field, "The \(label) cannot be before \(what) (\(earliest.long))") }
        if let day, day > .today() { v.fail(field, "The \(label) is in the future") }
        return day
    }

    package func decide(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "decision") { r, form, author in
            _ = try await deps.homicide().change(r.id, in: r.partnershipID, by: author) { r in
                var v = Validator(form)
                let decision = v.choice("decision", label: "decision", as: HomicideDecision.self)
                let decided = Self.day(&v, "decided_on", "day of the decision", after: r.notifiedOn, "the notification")
                let reason = v.text("decision_reason", label: "reasons", maxLength: 4000)
                let informed = Self.day(&v, "home_office_informed_on", "day the Home Office was told", required: false, after: decided, "the decision")
                if decision == .notCommission, !r.chair.isEmpty { v.fail("decision", "A chair is appointed: the review is being held") }
                try v.check()
                r.decision = decision
                r.decidedOn = decided
                r.decisionReason = reason!
                r.homeOfficeInformedOn = informed
            }
        }
    }

    package func progress(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "progress") { r, form, author in
            _ = try await deps.homicide().change(r.id, in: r.partnershipID, by: author) { r in
                var v = Validator(form)
                let chair = v.text("chair", label: "independent chair", required: false, maxLength: 160) ?? ""
                let panel = v.text("panel", label: "panel", required: false, maxLength: 2000) ?? ""
                let draft = Self.day(&v, "draft_on", "day of the draft report", required: false, after: r.decidedOn, "the decision")
                let submitted = Self.day(&v, "qa_submitted_on", "day sent to the Home Office", required: false, after: draft, "the draft")
                let outcome = v.text("qa_outcome", label: "quality assurance outcome", required: false, maxLength: 1000) ?? ""
                let published = Self.day(&v, "published_on", "day of publication", required: false, after: submitted, "the Home Office submission")
                if r.decision != .commission, !chair.isEmpty || draft != nil { v.fail("chair", "Record the decision to hold the review first") }
                if draft != nil, chair.isEmpty { v.fail("chair", "Name the independent chair before the draft report") }
                if submitted != nil, draft == nil { v.fail("draft_on", "Record the draft before sending it to the Home Office") }
                if published != nil, submitted == nil { v.fail("qa_submitted_on", "Record the Home Office submission before publication") }
                if chair.isEmpty, panel.isEmpty, draft == nil, outcome.isEmpty, v.errors.isEmpty { v.fail("chair", "Enter the chair, the panel or a date") }
                try v.check()
                (r.chair, r.panel, r.draftOn, r.qaSubmittedOn, r.qaOutcome, r.publishedOn) = (chair, panel, draft, submitted, outcome, published)
            }
        }
    }

    package func requestReport(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "report") { r, form, author in
            var v = Validator(form)
            let agency = v.text("agency", label: "agency", maxLength: 160)
            let asked = Self.day(&v, "requested_on", "day it was asked for", after: r.decidedOn, "the decision")
            let due = v.date("due_on", label: "day it is due")
            if let asked, let due, due < asked { v.fail("due_on", "A report falls due after it is asked for") }
            if r.decision != .commission { v.fail("agency", "Record the decision to hold the review first") }
            try v.check()
            try await deps.homicide().requestReport((agency: agency!, requestedOn: asked!, dueOn: due!), for: r, by: author)
        }
    }

    package func receiveReport(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "received") { r, form, author in
            var v = Validator(form)
            let id: RecordID<AgencyReport>? = v.id("report_id", label: "report")
            let received = Self.day(&v, "received_on", "day it was received", after: r.notifiedOn, "the notification")
            try v.check()
            try await deps.homicide().receiveReport(id!, on: received!, of: r, by: author)
        }
    }

    package func addAction(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "action") { r, form, author in
            var v = Validator(form)
            let action = v.text("action", label: "action", maxLength: 1000)
            let owner = v.text("owner", label: "owner", maxLength: 160)
            let due = v.date("action_due_on", label: "day it is due")
            if r.decision != .commission { v.fail("action", "Record the decision to hold the review first") }
            try v.check()
            try await deps.homicide().addAction((action: action!, owner: owner!, dueOn: due!), to: r, by: author)
        }
    }

    package func completeAction(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "done") { r, form, author in
            var v = Validator(form)
            let id: RecordID<ReviewAction>? = v.id("action_id", label: "action")
            let done = Self.day(&v, "done_on", "day it was done", after: r.notifiedOn, "the notification")
            try v.check()
            try await deps.homicide().completeAction(id!, on: done!, of: r, by: author)
        }
    }

    /// A cost paid from a pooled fund, the partnership's or its county's: a draw-down on the fund and the
    /// review's record of it, both or neither; refused when the fund holds too little.
    package func addCost(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "cost") { r, form, author in
            var v = Validator(form)
            let description = v.text("description", label: "what it paid for", maxLength: 300)
            let amount = v.money("amount", label: "amount", required: true, most: .pounds(1_000_000))
            let paid = Self.day(&v, "paid_on", "day it was paid", after: r.notifiedOn, "the notification")
            let fund: RecordID<PooledFund>? = v.id("fund_id", label: "pooled fund")
            if let amount, amount <= .zero { v.fail("amount", "The amount must be more than £0") }
            let held = try await deps.funds(for: r.partnershipID).first { $0.id == fund }
            if fund != nil, held == nil { v.fail("fund_id", "Choose one of the pooled funds listed") }
            try v.check()
            try await deps.homicide().addCost((description: description!, amount: amount!, paidOn: paid!, fundID: fund!), heldBy: held!.partnershipID, to: r, by: author)
        }
    }

    /// Adds someone given the partnership to the review's team (`changeTeam` checks the changer is on it).
    package func team(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, r) = try await review(context)
        do {
            try await deps.changeTeam(.homicideReview, r.id.rawValue, form: context.form, in: p.id, by: visitor)
            return redirect(to: Site.homicideReview(p.id, r.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, r, access: .team, failed: ("team", FormModel(input: context.form, failure: failure))).response(
                from: request, context: context)
        }
    }
}
