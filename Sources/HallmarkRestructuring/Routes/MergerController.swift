import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// Mergers taken through their steps: read by everyone who sees the county, each step
/// recorded by those who restructure.
package struct MergerController {
    package let deps: RestructuringService

    package init(deps: RestructuringService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.mergers.path, use: list)
        router.post(Site.mergers.path, use: propose)
        router.get(Site.merger.path, use: merger)
        router.post(Site.mergerAgreements.path, use: agree)
        router.post(Site.mergerApprovals.path, use: approve)
        router.post(Site.mergerDate.path, use: reschedule)
        router.post(Site.mergerComplete.path, use: complete)
        router.post(Site.mergerWithdraw.path, use: withdraw)
    }

    private func listPage(_ context: HallmarkContext, _ county: Partnership, _ visitor: Visitor, form: FormModel) async throws -> HTMLResponse {
        let progress = try await deps.progress(ofMergersIn: county)
        let names = Dictionary(try await deps.register.partnerships.all().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return HTMLResponse(
            MergerView.list(
                county, mergers: progress, partnerships: try await deps.partnershipsToday(of: county), names: names, canEdit: visitor.user.role.may(.restructure),
                form: form, layout: context.layout("Mergers", Layout.crumbs(to: county) + [("Reviews of arrangements", Site.arrangementReviews(county.id))])),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (county, visitor) = try await deps.county(context, .readRegister)
        return try await listPage(context, county, visitor, form: FormModel())
    }

    package func propose(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (county, visitor) = try await deps.county(context, .restructure)
        do {
            let f = try RestructuringForms.merger(context.form, partnerships: try await deps.partnershipsToday(of: county), today: .today())
            let added = try await deps.mergers.propose(
                sources: f.sources, successors: f.successors, members: f.members, subGroups: f.subGroups, terms: f.terms, effectiveOn: f.effectiveOn, in: county.id, on: .today(),
                by: visitor.author)
            return redirect(to: Site.merger(county.id, added.id), notice: .mergerProposed)
        } catch let failure as ValidationFailure {
            return try await listPage(context, county, visitor, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    private func found(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor, Merger) {
        let (county, visitor) = try await deps.county(context, permission)
        guard let merger = try await deps.mergers.merger(try context.id("merger"), in: county.id) else { throw AccessRefused.notFound }
        return (county, visitor, merger)
    }

    private func page(_ context: HallmarkContext, _ county: Partnership, _ visitor: Visitor, _ merger: Merger, form: FormModel) async throws -> HTMLResponse {
        let progress = try await deps.progress(of: merger)
        let all = try await deps.register.partnerships.all()
        let sources = merger.sources.compactMap { id in all.first { $0.id == id } }
        let formed = merger.completedOn == nil ? [] : merger.successors.compactMap { s in all.first { $0.onsCode == s.onsCode } }
        return HTMLResponse(
            MergerView.render(
                county, progress, sources: sources, formed: formed, canEdit: visitor.user.role.may(.restructure), today: .today(), form: form,
                layout: context.layout("\(merger.kind) into \(Wording.list(merger.successors.map(\.name)))", Layout.crumbs(to: county) + [("Mergers", Site.mergers(county.id))])),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func merger(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (county, visitor, merger) = try await found(context, .readRegister)
        return try await page(context, county, visitor, merger, form: FormModel())
    }

    /// Runs one step and goes back to the merger's page at `anchor`; a refusal is shown there.
    private func step(
        _ request: Request, _ context: HallmarkContext, anchor: String, _ body: @escaping (Merger, Visitor) async throws -> Void
    ) async throws -> Response {
        let (county, visitor, merger) = try await found(context, .restructure)
        do {
            try await body(merger, visitor)
            return redirect(to: Site.merger(county.id, merger.id) + "#\(anchor)", notice: .changesSaved)
        } catch let failure as ValidationFailure {
            let fresh = try await deps.mergers.merger(merger.id, in: county.id) ?? merger
            return try await page(context, county, visitor, fresh, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    package func agree(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await step(request, context, anchor: "agreements") { merger, visitor in
            var v = Validator(context.form)
            let organisation: RecordID<Organisation>? = v.id("organisation", label: "responsible authority")
            try v.check()
            let approval = try RestructuringForms.approval(context.form, today: .today())
            try await deps.mergers.agree(merger.id, in: merger.partnershipID, organisation: organisation!, approval, by: visitor.author)
        }
    }

    package func approve(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await step(request, context, anchor: "approvals") { merger, visitor in
            var v = Validator(context.form)
            let approver = v.choice("approver", label: "approver", as: MergerRepository.Approver.self)
            try v.check()
            let approval = try RestructuringForms.approval(context.form, today: .today(), prefix: "approval_")
            try await deps.mergers.approve(merger.id, in: merger.partnershipID, as: approver!, approval, crossesForces: deps.crossesForces(merger), by: visitor.author)
        }
    }

    package func reschedule(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await step(request, context, anchor: "completion") { merger, visitor in
            var v = Validator(context.form)
            let day = v.date("effective_on", label: "effective date")
            if let day, day <= .today() { v.fail("effective_on", "The effective date must be after today") }
            if let day, day > CalendarDate.today().adding(days: 5 * 366) { v.fail("effective_on", "The effective date must be within five years") }
            try v.check()
            try await deps.mergers.reschedule(merger.id, in: merger.partnershipID, to: day!, by: visitor.author)
        }
    }

    package func withdraw(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await step(request, context, anchor: "completion") { merger, visitor in
            var v = Validator(context.form)
            let because = v.text("because", label: "reason it will not go ahead", maxLength: 1000)
            try v.check()
            try await deps.mergers.withdraw(merger.id, in: merger.partnershipID, on: .today(), because: because!, by: visitor.author)
        }
    }

    package func complete(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await step(request, context, anchor: "completion") { merger, visitor in
            _ = try await deps.mergers.complete(merger.id, in: merger.partnershipID, on: .today(), crossesForces: deps.crossesForces(merger), by: visitor.author)
        }
    }
}
