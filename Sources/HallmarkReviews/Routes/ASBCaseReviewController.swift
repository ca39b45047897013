import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// ASB Case Reviews as the partnership keeps them: listed to each member for the cases whose
/// team they are on; opened, decided and reviewed by the team; seen by an administrator outside
/// it only with a reason, logged and flagged.
package struct ASBCaseReviewController {
    package let deps: ReviewsService

    package init(deps: ReviewsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.asbCaseReviews.path, use: list)
        router.post(Site.asbCaseReviews.path, use: add)
        router.get(Site.asbCaseReview.path, use: show)
        router.post(Site.asbCaseReviewGlass.path, use: breakGlass)
        router.post(Site.asbCaseReviewDecision.path, use: decide)
        router.post(Site.asbCaseReviewMeeting.path, use: meeting)
        router.post(Site.asbCaseReviewAppeal.path, use: appeal)
        router.post(Site.asbCaseReviewTeam.path, use: team)
        router.get(Site.asbCaseReviewLetter.path, use: letter)
    }

    private func listPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel) async throws -> HTMLResponse {
        let all = try await deps.asb().reviews(of: p.id)
        let mine = try await deps.casework.cases(.asbCaseReview, of: visitor.user.id)
        return HTMLResponse(
            ASBCaseReviewView.list(
                p, visible: all.filter { mine.contains($0.id.rawValue) }, statistics: ASBStatistics.count(all), settings: try await deps.casework.settings(of: p.id),
                canManage: visitor.user.role.may(.manageCases), form: form, today: .today(), layout: context.layout("ASB Case Reviews", Layout.crumbs(to: p))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readRegister)
        return try await listPage(context, p, visitor, form: FormModel())
    }

    /// An application made by letter or telephone, entered by a member who then sees it.
    package func add(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageCases)
        do {
            let f = try ASBForms.application(context.form, today: .today())
            let added = try await deps.asb().apply(
                f, on: .today(), madeBy: visitor.user.name, settings: try await deps.casework.settings(of: p.id), team: [visitor.user.id], to: p.id, by: visitor.author)
            return redirect(to: Site.asbCaseReview(p.id, added.id), notice: .applicationRecorded)
        } catch let failure as ValidationFailure {
            return try await listPage(context, p, visitor, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    private func review(_ context: HallmarkContext) async throws -> (Partnership, Visitor, ASBCaseReview) {
        let (p, visitor) = try await deps.register.partnership(context, .readRegister)
        guard let r = try await deps.asb().review(try context.id("review"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, r)
    }

    private func page(
        _ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ r: ASBCaseReview, access: CaseAccess, failed: (form: String, model: FormModel)?
    ) async throws -> HTMLResponse {
        let team = try await deps.casework.team(.asbCaseReview, r.id.rawValue)
        let people = try await deps.people(of: p.id)
        return HTMLResponse(
            ASBCaseReviewView.show(
                p, r, access: access, team: people.filter { team.contains($0.id) }, candidates: people, settings: try await deps.casework.settings(of: p.id),
                canChange: access == .team && visitor.user.role.may(.manageCases), failed: failed, today: .today(),
                layout: context.layout(r.reference, Layout.crumbs(to: p) + [("ASB Case Reviews", Site.asbCaseReviews(p.id))])),
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
            .asbCaseReview, r.id.rawValue, reference: r.reference, in: p, by: visitor, glassReason: glassReason, action: Site.asbCaseReviewGlass(p.id, r.id),
            context: context, deps: deps
        ) { access in try await page(context, p, visitor, r, access: access, failed: nil) }
    }

    /// The decision letter, for the case's team: logged as a view like the page.
    package func letter(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor, r) = try await review(context)
        guard r.thresholdMet != nil, r.personalDataRemovedOn == nil else { throw AccessRefused.notFound }
        do {
            _ = try await deps.open(.asbCaseReview, r.id.rawValue, in: p.id, by: visitor, what: "letter")
        } catch CaseRefusal.needsReason {
            throw AccessRefused.forbidden
        }
        return HTMLResponse(
            ASBCaseReviewView.letter(
                p, r, settings: try await deps.casework.settings(of: p.id),
                layout: context.layout("Letter: \(r.reference)", Layout.crumbs(to: p) + [("ASB Case Reviews", Site.asbCaseReviews(p.id))])))
    }

    /// A change by a member of the team who may manage cases: `edit` checks the form and
    /// changes the review in one transaction; a problem shows the page again with the messages.
    private func change(
        _ request: Request, _ context: HallmarkContext, form name: String, _ edit: @escaping @Sendable (inout ASBCaseReview, [String: String]) throws -> Void
    ) async throws -> Response {
        let (p, visitor, r) = try await review(context)
        try await deps.requireChange(.asbCaseReview, r.id.rawValue, by: visitor)
        let form = context.form
        do {
            _ = try await deps.asb().change(r.id, in: p.id, by: visitor.author) { review in try edit(&review, form) }
            return redirect(to: Site.asbCaseReview(p.id, r.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, r, access: .team, failed: (name, FormModel(input: form, failure: failure))).response(from: request, context: context)
        }
    }

    package func decide(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "decision") { r, form in
            var v = Validator(form)
            let met = v.choice("threshold_met", label: "whether the threshold is met", as: YesNo.self)
            let decided = v.date("decided_on", label: "day decided")
            let sent = v.date("letter_sent_on", label: "day the letter was sent", required: false)
            let today = CalendarDate.today()
            if let decided, decided < r.receivedOn || decided > today { v.fail("decided_on", "The decision falls between the application (\(r.receivedOn.long)) and today") }
            if let sent, let decided, sent < decided || sent > today { v.fail("letter_sent_on", "The letter is sent on or after the decision, and not after today") }
            if met == .no, r.meetingOn != nil { v.fail("threshold_met", "A review meeting was held: the threshold was met") }
            try v.check()
            r.thresholdMet = met == .yes
            r.decidedOn = decided
            r.letterSentOn = sent
        }
    }

    package func meeting(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "meeting") { r, form in
            var v = Validator(form)
            let held = v.date("meeting_on", label: "day the review meeting was held")
            let recommendations = v.text("recommendations", label: "recommendations", required: false, maxLength: 4000) ?? ""
            if r.thresholdMet != true { v.fail("meeting_on", "Record that the threshold is met before its review meeting") }
            if let held, let decided = r.decidedOn, held < decided || held > .today() { v.fail("meeting_on", "The meeting falls between the decision (\(decided.long)) and today") }
            try v.check()
            r.meetingOn = held
            r.recommendations = recommendations
            r.recommendationsMade = !recommendations.isEmpty
        }
    }

    package func appeal(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "appeal") { r, form in
            var v = Validator(form)
            let asked = v.date("appeal_requested_on", label: "day the appeal was asked for", required: false)
            let outcome = v.text("appeal_outcome", label: "outcome of the appeal", required: false, maxLength: 1000) ?? ""
            let closed = v.date("closed_on", label: "day the case closed", required: false)
            if let asked, asked < r.receivedOn || asked > .today() { v.fail("appeal_requested_on", "The appeal falls between the application and today") }
            if !outcome.isEmpty, asked == nil { v.fail("appeal_outcome", "Record when the appeal was asked for before its outcome") }
            if let closed, r.decidedOn == nil || closed < r.decidedOn! || closed > .today() {
                v.fail("closed_on", "A case closes after its threshold decision, and not after today")
            }
            if closed != nil, asked != nil, outcome.isEmpty { v.fail("closed_on", "Record the appeal’s outcome before closing the case") }
            if asked == nil, closed == nil, outcome.isEmpty, v.errors.isEmpty {
                v.fail("appeal_requested_on", "Enter the day an appeal was asked for, or the day the case closed")
            }
            try v.check()
            r.appealRequestedOn = asked
            r.appealOutcome = outcome
            r.closedOn = closed
        }
    }

    package func team(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, r) = try await review(context)
        do {
            try await deps.changeTeam(.asbCaseReview, r.id.rawValue, form: context.form, in: p.id, by: visitor)
            return redirect(to: Site.asbCaseReview(p.id, r.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, r, access: .team, failed: ("team", FormModel(input: context.form, failure: failure))).response(
                from: request, context: context)
        }
    }
}

/// The application form on the public site: no account, no session; the applicant's details
/// sealed as soon as they arrive; machines thanked and dropped.
package struct PublicASBCaseReviewController {
    package let deps: ReviewsService

    package init(deps: ReviewsService) { self.deps = deps }

    package func register(on router: RouterGroup<HallmarkContext>) {
        router.get(Site.publicASBCaseReview.path, use: form)
        router.post(Site.publicASBCaseReview.path, use: apply)
    }

    private func partnership(_ context: HallmarkContext) async throws -> Partnership {
        guard let p = try await deps.register.partnerships.find(try context.id("id")), p.kind == .communitySafetyPartnership else { throw AccessRefused.notFound }
        return p
    }

    private func formPage(_ p: Partnership, failure: ValidationFailure?, input: [String: String]) async throws -> HTMLResponse {
        let now = Int64(Date().timeIntervalSince1970)
        let statistics = deps.keys == nil ? [] : ASBStatistics.count(try await deps.asb().reviews(of: p.id))
        return HTMLResponse(
            PublicASBCaseReviewView.form(
                p, settings: try await deps.casework.settings(of: p.id), statistics: statistics, open: deps.keys != nil, started: now,
                stamp: try await deps.formCheck.stamp("asb case review \(p.id)", at: now), form: FormModel(input: input, failure: failure)),
            status: failure == nil ? .ok : .unprocessableContent)
    }

    package func form(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try await formPage(try await partnership(context), failure: nil, input: [:])
    }

    package func apply(_ request: Request, context: HallmarkContext) async throws -> Response {
        let p = try await partnership(context)
        let repository = try deps.asb()
        guard try await deps.formCheck.verdict(context.form, purpose: "asb case review \(p.id)") == .person else {
            return try HTMLResponse(PublicASBCaseReviewView.thanks(p, reference: nil, due: nil)).response(from: request, context: context)
        }
        do {
            let f = try ASBForms.application(context.form, today: .today())
            let settings = try await deps.casework.settings(of: p.id)
            let added = try await repository.apply(
                f, on: .today(), madeBy: "the public site", settings: settings, team: try await deps.caseLeads(of: p.id).map(\.id), to: p.id,
                by: .system("public ASB Case Review form"))
            return try HTMLResponse(
                PublicASBCaseReviewView.thanks(p, reference: added.reference, due: WorkingDays.adding(settings.asbDecisionWorkingDays, to: added.receivedOn))
            ).response(from: request, context: context)
        } catch let failure as ValidationFailure {
            return try await formPage(p, failure: failure, input: context.form).response(from: request, context: context)
        }
    }
}
