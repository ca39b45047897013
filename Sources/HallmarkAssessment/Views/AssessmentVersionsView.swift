import Foundation
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Plot

/// The versions of a partnership's strategic assessment: save the current draft, and record
/// the board's approval of any draft, which freezes it.
package enum AssessmentVersionsView {
    package static func render(_ p: Partnership, versions: [AssessmentVersion], canDraft: Bool, canApprove: Bool, canPrintPDF: Bool, form: FormModel, layout: Layout) -> String {
        let base = Site.assessmentVersions(p.id)
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Strategic assessment versions"),
            .p(
                "A saved version keeps the document and every figure exactly as they were, with the settings and the data’s fingerprint. Once the board approves a version it is frozen: nobody can change or delete it."
            ),
            .p(
                .a(.href(Site.assessment(p.id)), "Read the current draft"),
                .if(canDraft, .group(.plainText(" · "), .a(.href(Site.assessmentSettings(p.id)), "Settings: weights, themes and adjustments")))),
            DataTable(
                caption: "Versions, latest first", headers: ["Version", "Status", "Period", "Saved", "Fingerprint"],
                rows: versions.map { v in
                    [
                        .group(
                            .a(.href(Site.assessmentVersion(p.id, v.id)), .plainText("Version \(v.id)")),
                            .if(
                                canPrintPDF,
                                .group(
                                    .plainText(" · "),
                                    .a(.href(Site.assessmentVersionPDF(p.id, v.id)), .plainText("PDF"), .span(.class("visually-hidden"), .plainText(" of version \(v.id)")))))),
                        v.isApproved
                            ? .plainText(
                                "Approved at \(v.approvedAtMeeting ?? "") (recorded by \(Format.author(v.approvedBy ?? "")) on \(Format.timestamp(Date(timeIntervalSince1970: Double(v.approvedAt ?? 0)))))"
                            )
                            : .group(
                                .plainText("Draft"),
                                .if(
                                    canApprove,
                                    .group(
                                        .plainText(" · "),
                                        .a(
                                            .href(Site.approveAssessmentVersion(p.id, v.id)), .plainText("Record approval"),
                                            .span(.class("visually-hidden"), .plainText(" of version \(v.id)")))))),
                        .plainText(v.period),
                        .plainText("\(Format.timestamp(Date(timeIntervalSince1970: Double(v.createdAt)))) by \(Format.author(v.createdBy))"),
                        .element(named: "code", nodes: [Node<HTML.BodyContext>.plainText(String(v.fingerprint.prefix(16)))]),
                    ]
                }, empty: "No version has been saved yet."
            ).node,
            .if(
                canDraft,
                .form(
                    .method(.post), .action(base), .novalidate(),
                    Forms.csrf(layout.csrfToken),
                    Forms.text(
                        form.field("to", "Last month of the 12 assessed", hint: "Year and month, for example 2022-03. Leave empty for the latest month held."), value: form["to"]),
                    Forms.submit("Save as a draft")))
        )
    }

    /// The board's approval of one draft, on a page of its own: what is being frozen, the meeting
    /// and its date, and a confirmation, since the step cannot be undone.
    package static func approval(_ p: Partnership, version v: AssessmentVersion, form: FormModel, layout: Layout) -> String {
        let base = Site.assessmentVersions(p.id)
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1(.plainText("Record the board’s approval of version \(v.id)")),
            SummaryList(items: [
                ("Version", .a(.href(Site.assessmentVersion(p.id, v.id)), .plainText("Version \(v.id), \(v.period)"))),
                ("Saved", .plainText("\(Format.timestamp(Date(timeIntervalSince1970: Double(v.createdAt)))) by \(Format.author(v.createdBy))")),
                ("Fingerprint", .element(named: "code", nodes: [Node<HTML.BodyContext>.plainText(v.fingerprint)])),
            ]).node,
            .p(
                .class("warning"),
                .plainText("Once the approval is recorded, version \(v.id) is frozen: nobody can change or delete it, and its document says which meeting approved it.")),
            .form(
                .method(.post), .action(Site.approveAssessmentVersion(p.id, v.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.text(form.field("meeting", "Meeting that approved it", hint: "For example, Partnership Board."), value: form["meeting"]),
                Forms.text(
                    form.field("meeting_date", "Date of the meeting", hint: "The day the board met, for example 14 March 2026. Not a date still to come."),
                    value: form["meeting_date"], type: .date),
                Forms.checkbox(form.field("confirm", "The board approved version \(v.id) at this meeting"), checked: form["confirm"] == "yes"),
                Forms.submit("Record approval")),
            .p(.a(.href(base), "Back to the versions, without recording anything"))
        )
    }
}
