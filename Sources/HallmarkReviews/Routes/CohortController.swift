import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// The people in the IOM cohort, for the roles that manage them: each record a case with its
/// own team, like a review; the quarterly counts stay with every member.
package struct CohortController {
    package let deps: ReviewsService

    package init(deps: ReviewsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.cohort.path, use: list)
        router.post(Site.cohort.path, use: add)
        router.get(Site.cohortMember.path, use: show)
        router.post(Site.cohortMemberGlass.path, use: breakGlass)
        router.post(Site.cohortMemberExit.path, use: exit)
        router.post(Site.cohortMemberTeam.path, use: team)
    }

    private func listPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel) async throws -> HTMLResponse {
        let mine = try await deps.casework.cases(.offender, of: visitor.user.id)
        return HTMLResponse(
            CohortView.list(
                p, visible: try await deps.cohort().members(of: p.id).filter { mine.contains($0.id.rawValue) }, canAdd: visitor.user.role.may(.manageCases), form: form,
                today: .today(), layout: context.layout("The people in the IOM cohort", Layout.crumbs(to: p))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readRegister)
        return try await listPage(context, p, visitor, form: FormModel())
    }

    package func add(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageCases)
        do {
            var v = Validator(context.form)
            let name = v.text("name", label: "name", maxLength: 160)
            let notes = v.text("notes", label: "notes", required: false, maxLength: 4000) ?? ""
            let entered = v.date("entered_on", label: "day they joined")
            if let entered, entered > .today() { v.fail("entered_on", "The day they joined is in the future") }
            try v.check()
            let added = try await deps.cohort().add((name: name!, notes: notes, enteredOn: entered!), team: [visitor.user.id], to: p.id, by: visitor.author)
            return redirect(to: Site.cohortMember(p.id, added.id), notice: .cohortMemberAdded)
        } catch let failure as ValidationFailure {
            return try await listPage(context, p, visitor, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    private func member(_ context: HallmarkContext) async throws -> (Partnership, Visitor, CohortMember) {
        let (p, visitor) = try await deps.register.partnership(context, .readRegister)
        guard let m = try await deps.cohort().member(try context.id("person"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, m)
    }

    private func page(
        _ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ m: CohortMember, access: CaseAccess, failed: (form: String, model: FormModel)?
    ) async throws -> HTMLResponse {
        let team = try await deps.casework.team(.offender, m.id.rawValue)
        let people = try await deps.people(of: p.id)
        return HTMLResponse(
            CohortView.show(
                p, m, access: access, team: people.filter { team.contains($0.id) }, candidates: people,
                canChange: access == .team && visitor.user.role.may(.manageCases), failed: failed, today: .today(),
                layout: context.layout(m.reference, Layout.crumbs(to: p) + [("IOM cohort", Site.cohort(p.id))])),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    package func show(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try await open(context, glassReason: nil)
    }

    package func breakGlass(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try await open(context, glassReason: context.form["glass_reason"] ?? "")
    }

    private func open(_ context: HallmarkContext, glassReason: String?) async throws -> HTMLResponse {
        let (p, visitor, m) = try await member(context)
        return try await BreakGlassView.open(
            .offender, m.id.rawValue, reference: m.reference, in: p, by: visitor, glassReason: glassReason, action: Site.cohortMemberGlass(p.id, m.id), context: context,
            deps: deps
        ) { access in try await page(context, p, visitor, m, access: access, failed: nil) }
    }

    package func exit(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, m) = try await member(context)
        try await deps.requireChange(.offender, m.id.rawValue, by: visitor)
        do {
            var v = Validator(context.form)
            let left = v.date("exited_on", label: "day they left")
            let reason = v.text("exit_reason", label: "why they left", maxLength: 300)
            if let left, left > .today() { v.fail("exited_on", "The day they left is in the future") }
            try v.check()
            try await deps.cohort().exit(m.id, on: left!, reason: reason!, in: p.id, by: visitor.author)
            return redirect(to: Site.cohortMember(p.id, m.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, m, access: .team, failed: ("exit", FormModel(input: context.form, failure: failure))).response(
                from: request, context: context)
        }
    }

    package func team(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, m) = try await member(context)
        do {
            try await deps.changeTeam(.offender, m.id.rawValue, form: context.form, in: p.id, by: visitor)
            return redirect(to: Site.cohortMember(p.id, m.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, m, access: .team, failed: ("team", FormModel(input: context.form, failure: failure))).response(
                from: request, context: context)
        }
    }
}
