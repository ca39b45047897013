import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird
import Plot

/// A subject access request (UK GDPR Article 15): everything casework holds about one person,
/// found by name across every partnership's cases, for an administrator with the request's
/// reference. Each case found is logged as a view outside its team, with that reference.
package struct SubjectAccessController {
    package let deps: ReviewsService

    package init(deps: ReviewsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.subjectAccess.path, use: form)
        router.post(Site.subjectAccess.path, use: search)
    }

    /// One case's personal data, as the export lists it: field by field.
    struct Found {
        let kind: CaseKind
        let partnership: String
        let reference: String
        let fields: [(String, String)]
    }

    private func page(_ context: HallmarkContext, form: FormModel, found: [Found]?) -> HTMLResponse {
        let layout = context.layout("Subject access")
        return HTMLResponse(
            layout.render(
                Forms.errorSummary(form.failure),
                .h1("Subject access: what casework holds about one person"),
                .p(
                    "Finds the person by name in every partnership’s ASB Case Reviews, homicide reviews and IOM cohort. Each case found is logged as a view outside its team, with the request’s reference."
                ),
                .form(
                    .method(.post), .action(Site.subjectAccess()), .novalidate(), Forms.csrf(layout.csrfToken),
                    Forms.text(form.field("name", "The person’s name", hint: "At least 3 letters; every case whose named person’s name contains it is found"), value: form["name"]),
                    Forms.text(form.field("request", "The request’s reference", hint: "For example: SAR 2026-114, received 20 November"), value: form["request"]),
                    Forms.checkbox(form.field("csv", "Download as CSV"), checked: false),
                    Forms.submit("Find")),
                .unwrap(found) { found in
                    .group(
                        .h2(.plainText("\(found.count) case\(found.count == 1 ? "" : "s") found")),
                        .forEach(found) { f in
                            .section(
                                .h3(.plainText("\(f.kind.label) \(f.reference), \(f.partnership)")),
                                SummaryList(items: f.fields.map { ($0.0, .plainText($0.1)) }).node)
                        })
                }),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func form(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        _ = try context.require(.reviewCaseViews)
        return page(context, form: FormModel(), found: nil)
    }

    package func search(_ request: Request, context: HallmarkContext) async throws -> Response {
        let visitor = try context.require(.reviewCaseViews)
        var v = Validator(context.form)
        let name = v.text("name", label: "person’s name", maxLength: 160)
        let reference = v.text("request", label: "request’s reference", maxLength: 200)
        if let name, name.count < 3 { v.fail("name", "Give at least 3 letters of the name") }
        do {
            try v.check()
        } catch let failure {
            return try page(context, form: FormModel(input: context.form, failure: failure), found: nil).response(from: request, context: context)
        }
        let found = try await find(name!, reason: "Subject access request: \(reference!)", by: visitor)
        guard context.form["csv"] == "yes" else { return try page(context, form: FormModel(input: context.form), found: found).response(from: request, context: context) }
        return CSVDocument(
            headers: ["case", "partnership", "reference", "field", "value"],
            rows: found.flatMap { f in f.fields.map { [f.kind.label, f.partnership, f.reference, $0.0, $0.1] } }
        ).response(filename: "subject-access.csv")
    }

    func find(_ name: String, reason: String, by visitor: Visitor) async throws -> [Found] {
        let wanted = name.lowercased()
        var found: [Found] = []
        for p in try await deps.register.partnerships.all() {
            for r in try await deps.asb().reviews(of: p.id) where (r.applicantName ?? "").lowercased().contains(wanted) {
                _ = try await deps.open(.asbCaseReview, r.id.rawValue, in: p.id, by: visitor, what: "subject access", glassReason: reason)
                let complaints = (r.complaints ?? []).map { "\($0.reportedOn.long), to \($0.reportedTo): \($0.about)" }
                found.append(
                    Found(
                        kind: .asbCaseReview, partnership: p.name, reference: r.reference,
                        fields: [
                            ("Name", r.applicantName ?? ""), ("Contact", r.applicantContact ?? ""), ("Address", r.applicantAddress ?? ""),
                            ("Received", r.receivedOn.long), ("Reports", complaints.joined(separator: "; ")), ("Decision", r.stage),
                            ("Recommendations", r.recommendations ?? ""),
                        ]))
            }
            for r in try await deps.homicide().reviews(of: p.id) where (r.victimName ?? "").lowercased().contains(wanted) {
                _ = try await deps.open(.homicideReview, r.id.rawValue, in: p.id, by: visitor, what: "subject access", glassReason: reason)
                found.append(
                    Found(
                        kind: .homicideReview, partnership: p.name, reference: r.reference,
                        fields: [("Name", r.victimName ?? ""), ("Circumstances", r.circumstances ?? ""), ("Notified", r.notifiedOn.long)]))
            }
            for m in try await deps.cohort().members(of: p.id) where (m.name ?? "").lowercased().contains(wanted) {
                _ = try await deps.open(.offender, m.id.rawValue, in: p.id, by: visitor, what: "subject access", glassReason: reason)
                found.append(
                    Found(
                        kind: .offender, partnership: p.name, reference: m.reference,
                        fields: [
                            ("Name", m.name ?? ""), ("Notes", m.notes ?? ""), ("Joined", m.enteredOn.long), ("Left", m.exitedOn.map { "\($0.long) \(m.exitReason)" } ?? ""),
                        ]))
            }
        }
        return found
    }
}
