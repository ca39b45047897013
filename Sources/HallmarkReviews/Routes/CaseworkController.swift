import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird
import Plot

/// The partnership's timescales and thresholds for its reviews, and the administrator's log of
/// every view of a case.
package struct CaseworkController {
    package let deps: ReviewsService

    package init(deps: ReviewsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.caseSettings.path, use: settings)
        router.post(Site.caseSettings.path, use: saveSettings)
        router.get(Site.caseViews.path, use: views)
    }

    private func settingsPage(_ context: HallmarkContext, _ p: Partnership, _ settings: CaseSettings, form: FormModel) -> HTMLResponse {
        let layout = context.layout("Casework timescales", Layout.crumbs(to: p) + [("ASB Case Reviews", Site.asbCaseReviews(p.id))])
        return HTMLResponse(
            layout.render(
                Forms.errorSummary(form.failure),
                .span(.class("caption"), .plainText(p.name)),
                .h1("Casework timescales and thresholds"),
                .p("The defaults follow current statutory guidance. Working days leave out weekends and England and Wales bank holidays."),
                .form(
                    .method(.post), .action(Site.caseSettings(p.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                    .forEach(CaseSettings.fields) { f in
                        Forms.text(form.field(f.name, f.label, hint: "From \(f.range.lowerBound) to \(f.range.upperBound)"), value: form[f.name] ?? "\(f.get(settings))")
                    },
                    Forms.submit("Save"))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func settings(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .manageCases)
        return settingsPage(context, p, try await deps.casework.settings(of: p.id), form: FormModel())
    }

    package func saveSettings(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageCases)
        var settings = try await deps.casework.settings(of: p.id)
        var v = Validator(context.form)
        for f in CaseSettings.fields {
            if let value = v.whole(f.name, label: f.label.lowercased(), in: f.range) { f.set(&settings, value) }
        }
        do {
            try v.check()
            try await deps.casework.save(settings, of: p.id, by: visitor.author)
            return redirect(to: Site.asbCaseReviews(p.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try settingsPage(context, p, settings, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    /// Every view of a case, newest first; with `glass=only`, only those outside a team.
    package func views(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        _ = try context.require(.reviewCaseViews)
        let query = request.uri.queryParameters
        let glassOnly = query.get("glass") == "only"
        let page = min(max(Int(query.get("page") ?? "1") ?? 1, 1), 10_000)
        let rows = try await deps.casework.views(limit: 100, offset: (page - 1) * 100, brokenGlassOnly: glassOnly)
        let layout = context.layout("Views of cases")
        return HTMLResponse(
            layout.render(
                .h1("Views of cases"),
                .p(
                    .plainText("Every time someone saw a case, on a page, in a file or through the API. "), .a(.href(Site.subjectAccess()), "Subject access requests"),
                    .plainText(". "),
                    glassOnly ? .a(.href(Site.caseViews()), "Show every view") : .a(.href(Site.caseViews() + "?glass=only"), "Show only views outside a case’s team")),
                DataTable(
                    caption: glassOnly ? "Views outside a case’s team" : "Views, newest first", headers: ["When", "Who", "Case", "How", "Outside the team", "Reason"],
                    rows: rows.map { v in
                        [
                            .plainText(Format.timestamp(Date(timeIntervalSince1970: Double(v.viewedAt)))), .plainText(v.userLabel),
                            .plainText("\(v.caseKind.label) \(v.caseID) (partnership \(v.partnershipID))"), .plainText(v.what),
                            v.brokeGlass ? .strong("Yes") : .plainText("No"), .plainText(v.reason),
                        ]
                    }, empty: "No views recorded."
                ).node,
                .if(rows.count == 100, .p(.a(.href(Site.caseViews() + "?\(glassOnly ? "glass=only&" : "")page=\(page + 1)"), "Older views")))))
    }
}
