import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkPlan
import HallmarkStore
import Hummingbird

/// The self-assessment: every member reads the rounds and answers each once; those who keep
/// the plan open and close rounds and add the improvement actions.
package struct SelfAssessmentController {
    package let deps: EngagementService

    package init(deps: EngagementService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.selfAssessment.path, use: rounds)
        router.post(Site.selfAssessment.path, use: open)
        router.get(Site.selfAssessmentRound.path, use: round)
        router.post(Site.selfAssessmentRound.path, use: answer)
        router.post(Site.selfAssessmentClose.path, use: close)
        router.get(Site.selfAssessmentCSV.path, use: csv)
        router.post(Site.selfAssessmentImprovements.path, use: addImprovement)
    }

    private func list(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel) async throws -> HTMLResponse {
        let rounds = try await deps.selfAssessment.rounds(of: p.id)
        var answered: Set<RecordID<SelfAssessmentRound>> = []
        for r in rounds where try await deps.selfAssessment.hasAnswered(r, userID: visitor.user.id) { answered.insert(r.id) }
        return HTMLResponse(
            SelfAssessmentListView.render(
                p, rounds: rounds, answered: answered, canManage: visitor.user.role.may(.managePlan), form: form, today: .today(),
                layout: context.layout("Hallmarks self-assessment", Layout.crumbs(to: p))), status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func rounds(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readPlan)
        return try await list(context, p, visitor, form: FormModel())
    }

    package func open(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        do {
            var v = Validator(context.form)
            let title = v.text("title", label: "round’s name", maxLength: 120)
            let closes = v.date("closes_on", label: "closing date")
            if let closes, closes < .today() { v.fail("closes_on", "The closing date has passed: choose today or a later day") }
            try v.check()
            let round = try await deps.selfAssessment.open(title: title!, anonymous: v.flag("anonymous"), closesOn: closes!, in: p.id, by: visitor.author)
            return redirect(to: Site.selfAssessmentRound(p.id, round.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await list(context, p, visitor, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    private func round(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor, SelfAssessmentRound) {
        let (p, visitor) = try await deps.register.partnership(context, permission)
        guard let round = try await deps.selfAssessment.round(try context.id("round"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, round)
    }

    private func page(
        _ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ round: SelfAssessmentRound, failed: (form: String, model: FormModel)?
    ) async throws -> HTMLResponse {
        let actions = try await deps.plans.actions(of: p.id)
        let model = SelfAssessmentRoundView.Model(
            round: round, answered: try await deps.selfAssessment.hasAnswered(round, userID: visitor.user.id),
            respondents: try await deps.selfAssessment.respondents(of: round), results: try await deps.shownResults(of: round),
            improvements: try await deps.selfAssessment.improvements(of: round).map { i in (i.section, actions.first { $0.id.rawValue == i.actionID }) },
            canManage: visitor.user.role.may(.managePlan), today: .today())
        return HTMLResponse(
            SelfAssessmentRoundView.render(
                p, model, failed: failed,
                layout: context.layout(round.title, Layout.crumbs(to: p) + [("Hallmarks self-assessment", Site.selfAssessment(p.id))])),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    package func round(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor, round) = try await round(context, .readPlan)
        return try await page(context, p, visitor, round, failed: nil)
    }

    package func answer(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, round) = try await round(context, .readPlan)
        do {
            let answer = try SelfAssessmentAnswer.validate(context.form)
            try await deps.selfAssessment.answer(answer, to: round, userID: visitor.user.id, name: visitor.user.name, by: visitor.author)
            return redirect(to: Site.selfAssessmentRound(p.id, round.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, round, failed: ("answer", FormModel(input: context.form, failure: failure))).response(from: request, context: context)
        }
    }

    package func close(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, round) = try await round(context, .managePlan)
        guard context.form["close"] == "yes" else { throw HTTPError(.badRequest, message: "Send the form from the round’s page to close it") }
        if round.open(on: .today()) { try await deps.selfAssessment.close(round, by: visitor.author) }
        return redirect(to: Site.selfAssessmentRound(p.id, round.id), notice: .changesSaved)
    }

    package func csv(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _, round) = try await round(context, .readPlan)
        guard let results = try await deps.shownResults(of: round) else {
            throw HTTPError(.notFound, message: "This round’s results are not shown: it is still open, or too few members answered it")
        }
        return SelfAssessmentRoundView.csv(results).response(filename: "\(FileName.slug(p.name))-\(FileName.slug(round.title)).csv")
    }

    package func addImprovement(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, round) = try await round(context, .managePlan)
        do {
            var v = Validator(context.form)
            let section = v.choice("section", label: "section it improves", as: SectionCode.self)
            let title = v.text("title", label: "action", maxLength: 200)
            let organisation = v.text("owner_organisation", label: "organisation that owns it", maxLength: 120)
            let due = v.date("due_on", label: "due date")
            if round.open(on: .today()) { v.fail("section", "Add improvement actions once the round has closed and its results are in") }
            try v.check()
            _ = try await deps.addImprovement(
                PlanForms.Action(title: title!, ownerOrganisation: organisation!, ownerUserID: nil, dueOn: due!, budgetLineID: nil), section: section!.rawValue,
                to: round, by: visitor.author)
            return redirect(to: Site.selfAssessmentRound(p.id, round.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, round, failed: ("improvement", FormModel(input: context.form, failure: failure)))
                .response(from: request, context: context)
        }
    }
}

/// A section's code as a form names it, checked against the framework.
struct SectionCode: RawRepresentable, CaseIterable {
    let rawValue: String
    init?(rawValue: String) {
        guard Hallmarks.sections.contains(where: { $0.code == rawValue }) else { return nil }
        self.rawValue = rawValue
    }
    static var allCases: [SectionCode] { Hallmarks.sections.compactMap { SectionCode(rawValue: $0.code) } }
}
