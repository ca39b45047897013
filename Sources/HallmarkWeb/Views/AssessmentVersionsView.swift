import Foundation
import HallmarkDomain
import HallmarkStore
import Plot

/// The versions of a partnership's strategic assessment: save the current draft, and record
/// the board's approval of the latest one, which freezes it.
enum AssessmentVersionsView {
    static func render(_ p: Partnership, versions: [AssessmentVersion], canDraft: Bool, canApprove: Bool, form: FormModel, layout: Layout) -> String {
        let base = "/partnerships/\(p.id)/assessment/versions"
        let latestDraft = versions.first { !$0.isApproved }
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .text(p.name)),
            .h1("Strategic assessment versions"),
            .p("A saved version keeps the document and every figure exactly as they were, with the settings and the data’s fingerprint. Once the board approves a version it is frozen: nobody can change or delete it."),
            .p(.a(.href("/partnerships/\(p.id)/assessment"), "Read the current draft"),
               .if(canDraft, .group(.text(" · "), .a(.href("/partnerships/\(p.id)/assessment/settings"), "Settings: weights, themes and adjustments")))),
            DataTable(caption: "Versions, latest first", headers: ["Version", "Period", "Saved", "Status", "Fingerprint"],
                      rows: versions.map { v in [
                          .a(.href("\(base)/\(v.id)"), .text("Version \(v.id)")), .text(v.period),
                          .text("\(Format.timestamp(Date(timeIntervalSince1970: Double(v.createdAt)))) by \(v.createdBy)"),
                          .text(v.isApproved ? "Approved at \(v.approvedAtMeeting ?? "") (recorded by \(v.approvedBy ?? "") on \(Format.timestamp(Date(timeIntervalSince1970: Double(v.approvedAt ?? 0)))))" : "Draft"),
                          .element(named: "code", nodes: [Node<HTML.BodyContext>.text(String(v.fingerprint.prefix(16)))]),
                      ] }, empty: "No version has been saved yet.").node,
            .if(canDraft, .form(.method(.post), .action(base), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.text(form.field("to", "Last month of the 12 assessed", hint: "Year and month, for example 2022-03. Leave empty for the latest month held."), value: form["to"]),
                Forms.submit("Save as a draft"))),
            .unwrap(canApprove ? latestDraft : nil) { draft in
                .group(
                    .h2(.id("approve"), .text("Record the board’s approval of version \(draft.id)")),
                    .form(.method(.post), .action("\(base)/\(draft.id)/approve"), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.text(form.field("meeting", "Meeting that approved it", hint: "For example: Partnership Board, 14 March 2026"), value: form["meeting"]),
                        Forms.submit("Record approval")))
            }
        )
    }
}
