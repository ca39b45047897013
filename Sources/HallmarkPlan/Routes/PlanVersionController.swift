import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// The three-year plan saved as a version each year: a document of the plan as it stands,
/// approved at a meeting and then frozen; read by every member.
package struct PlanVersionController {
    package let deps: PlanService

    package init(deps: PlanService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.post(Site.planVersions.path, use: save)
        router.get(Site.planVersion.path, use: version)
        router.get(Site.planVersionPDF.path, use: pdf)
        router.post(Site.approvePlan.path, use: approve)
    }

    package func save(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        var v = Validator(context.form)
        let first = v.financialYear("first_year", label: "plan’s first year")
        // The plan as it stands: what was withdrawn is on record, but no longer part of it.
        let priorities = try await deps.plans.priorities(of: p.id).filter { !$0.withdrawn }
        let current = Set(priorities.map(\.id))
        if priorities.isEmpty { v.fail("first_year", "The plan has no priorities to save yet") }
        guard let first, v.errors.isEmpty else {
            throw HTTPError(.unprocessableContent, message: v.errors.map(\.message).joined(separator: ". "))
        }
        let years = "\(first) to \(first.next.next)"
        let status = "Draft, saved by \(visitor.user.name) on \(CalendarDate.today().long); not yet approved"
        let html = PlanDocument.html(
            p, years: years, priorities: priorities, actions: try await deps.plans.actions(of: p.id).filter { current.contains($0.priorityID) && $0.status != .withdrawn },
            risks: try await deps.plans.risks(of: p.id).filter { current.contains($0.priorityID) },
            readings: try await deps.readings(of: p, try await deps.plans.indicators(of: p.id).filter { $0.priorityID.map(current.contains) ?? true }), status: status)
        let version = try await deps.versions.saveDraft(
            partnershipID: p.id, title: "Partnership plan \(years)", fingerprint: String(Secrets.sha256(Data(html.utf8)).prefix(16)), by: visitor.author
        ) { _ in ["plan.html": html, "status": status] }
        return redirect(to: Site.planVersion(p.id, version.id), notice: .versionSaved)
    }

    private func stored(_ context: HallmarkContext, _ p: Partnership) async throws -> (RecordVersion, String) {
        let id: RecordID<RecordVersion> = try context.id("version")
        guard let found = try await deps.versions.parts(["plan.html", "status"], of: id, in: p.id), let html = found.parts["plan.html"], let status = found.parts["status"]
        else { throw AccessRefused.notFound }
        return (found.version, ApprovableDocument.shown(html, stored: status, version: found.version))
    }

    private func page(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, meeting: String = "", problems: [(field: String, message: String)] = [])
        async throws -> HTMLResponse
    {
        let (v, document) = try await stored(context, p)
        var links = [(text: "Back to the plan", href: Site.plan(p.id))]
        if deps.printer != nil { links.append((text: "Download as PDF", href: Site.planVersionPDF(p.id, v.id))) }
        return HTMLResponse(
            ApprovableDocument.page(
                document, label: "Plan", links: links, approveAction: visitor.user.role.may(.managePlan) && !v.isApproved ? Site.approvePlan(p.id, v.id) : nil,
                what: "this plan", csrf: context.csrfToken, meeting: meeting, problems: problems),
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    package func version(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readPlan)
        return try await page(context, p, visitor)
    }

    package func pdf(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        let (v, document) = try await stored(context, p)
        return try await PDFPrinter.response(deps.printer, html: document, name: "\(FileName.slug(p.name))-plan-version-\(v.id).pdf", what: "plan")
    }

    package func approve(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        let id: RecordID<RecordVersion> = try context.id("version")
        guard try await deps.versions.version(id, in: p.id) != nil else { throw AccessRefused.notFound }
        let problems = try await ApprovableDocument.record(context.form, what: "this plan") { meeting in
            _ = try await deps.versions.approve(id, in: p.id, meeting: meeting, by: visitor.author)
        }
        if problems.isEmpty { return redirect(to: Site.planVersion(p.id, id), notice: .versionApproved) }
        return try await page(context, p, visitor, meeting: context.form["meeting"] ?? "", problems: problems).response(from: request, context: context)
    }
}
