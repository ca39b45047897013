import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// The IOM cohort by quarter: counts only, never names.
package enum IOMView {
    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "–" }
    static func ratio(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "–" }

    package static func render(_ p: Partnership, _ quarters: [IOMQuarter], canEnter: Bool, form: FormModel, layout: Layout) -> String {
        let gaps = IOMQuarter.gaps(quarters)
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Integrated Offender Management"),
            .p(
                .plainText(
                    "The cohort probation and the police manage together, quarter by quarter, as counts: no one is named here. Reoffending is of everyone managed in the quarter. "),
                .a(.href(Site.cohort(p.id)), "The people in the cohort"), .plainText(", for those who manage them.")),
            DataTable(
                caption: "The cohort by quarter",
                headers: ["Quarter", "At the start", "Joined", "Left", "At the end", "Reoffended", "Share reoffending", "Offences", "Offences per reoffender"],
                rows: quarters.map { q in
                    [
                        .plainText(q.quarter), .plainText("\(q.cohortStart)"), .plainText("\(q.entries)"), .plainText("\(q.exits)"), .plainText("\(q.cohortEnd)"),
                        .plainText("\(q.reoffenders)"),
                        .plainText(percent(q.reoffendingPercent)), .plainText("\(q.offences)"), .plainText(ratio(q.offencesPerReoffender)),
                    ]
                }, empty: "No quarter entered yet."
            ).node,
            .if(
                !gaps.isEmpty,
                .div(
                    .class("notice warning"),
                    .ul(
                        .forEach(gaps.sorted { $0.key < $1.key }) { quarter, end in
                            .li(.plainText("\(quarter) starts with a different cohort from the \(end) the quarter before ended with: check both"))
                        }))),
            .p(.class("export"), .a(.href(Site.iomCSV(p.id)), "Download the figures as CSV")),
            .if(
                canEnter,
                .group(
                    .h2("Enter a quarter"),
                    .p("Entering a quarter again replaces its figures; the audit log keeps both."),
                    .form(
                        .method(.post), .action(Site.iom(p.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(form.field("quarter", "Quarter", hint: "Like 2026/27 Q2 (Q1 is April to June)"), value: form["quarter"]),
                        Forms.text(form.field("cohort_start", "People in the cohort at the start"), value: form["cohort_start"]),
                        Forms.text(form.field("entries", "People who joined"), value: form["entries"]),
                        Forms.text(form.field("exits", "People who left"), value: form["exits"]),
                        Forms.text(form.field("reoffenders", "People who reoffended in the quarter"), value: form["reoffenders"]),
                        Forms.text(form.field("offences", "Offences they committed"), value: form["offences"]),
                        Forms.submit("Save the quarter")))))
    }

    package static func csv(_ quarters: [IOMQuarter]) -> CSVDocument {
        CSVDocument(
            headers: ["quarter", "cohort_start", "entries", "exits", "cohort_end", "reoffenders", "reoffending_percent", "offences", "offences_per_reoffender"],
            rows: quarters.map { q in
                [
                    q.quarter, "\(q.cohortStart)", "\(q.entries)", "\(q.exits)", "\(q.cohortEnd)", "\(q.reoffenders)",
                    q.reoffendingPercent.map { String(format: "%.1f", $0) } ?? "",
                    "\(q.offences)", q.offencesPerReoffender.map { String(format: "%.2f", $0) } ?? "",
                ]
            })
    }
}

/// The information-sharing register: each agreement with its legal basis and next review.
package enum SharingAgreementView {
    package static func register(_ p: Partnership, _ agreements: [SharingAgreement], canEdit: Bool, form: FormModel, today: CalendarDate, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Information-sharing agreements"),
            .p(
                .plainText(
                    "The agreements under which the partners share information, with the legal basis of each. Those within \(SharingAgreement.reminderDays) days of review are flagged, and the partnership’s case leads are reminded by e-mail."
                )),
            DataTable(
                caption: "The register", headers: ["Agreement", "Between", "Lawful basis", "Review"],
                rows: agreements.map { a in
                    [
                        .a(.href(Site.sharingAgreement(p.id, a.id)), .plainText(a.title)), .plainText(a.parties.joined(separator: ", ")), .plainText(a.lawfulBasis.label),
                        a.dueForReview(today: today) ? .strong(.plainText(a.status(today: today))) : .plainText(a.status(today: today)),
                    ]
                }, empty: "No agreement recorded yet."
            ).node,
            .p(.class("export"), .a(.href(Site.sharingAgreementsCSV(p.id)), "Download the register as CSV")),
            .if(
                canEdit,
                .group(
                    .h2("Record an agreement"),
                    .form(
                        .method(.post), .action(Site.sharingAgreements(p.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(form.field("title", "Title", hint: "For example: Anti-social behaviour case information"), value: form["title"]),
                        Forms.textArea(form.field("parties", "Partners sharing", hint: "One a line"), value: form["parties"]),
                        Forms.textArea(form.field("purpose", "Purpose"), value: form["purpose"]),
                        Forms.select(
                            form.field("lawful_basis", "Lawful basis"), options: Forms.options(LawfulBasis.self) { $0.label }, selected: form["lawful_basis"], blank: "Choose"),
                        Forms.text(
                            form.field(
                                "special_condition", "Condition for special category or criminal offence data",
                                hint: "For example: DPA 2018 Schedule 1, paragraph 10 (preventing or detecting unlawful acts); empty if none is shared"),
                            value: form["special_condition"]),
                        Forms.textArea(form.field("data_items", "Information shared"), value: form["data_items"]),
                        Forms.text(form.field("retention", "How long it is kept"), value: form["retention"]),
                        Forms.text(form.field("signed_on", "Signed on", hint: "Like 2026-04-01"), value: form["signed_on"]),
                        Forms.text(form.field("review_on", "Next review", hint: "At most three years after signing"), value: form["review_on"]),
                        Forms.textArea(form.field("signatories", "Signatories", hint: "Name and role, one a line"), value: form["signatories"]),
                        Forms.submit("Record the agreement")))))
    }

    package static func agreement(_ p: Partnership, _ a: SharingAgreement, canEdit: Bool, form: FormModel, today: CalendarDate, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(p.name), information sharing")),
            .h1(.plainText(a.title)),
            SummaryList(items: [
                ("Review", .plainText(a.status(today: today))), ("Between", .plainText(a.parties.joined(separator: "; "))), ("Purpose", .plainText(a.purpose)),
                ("Lawful basis", .plainText(a.lawfulBasis.label)),
                ("Special category or criminal offence data", .plainText(a.specialCondition.isEmpty ? "None shared" : a.specialCondition)),
                ("Information shared", .plainText(a.dataItems)), ("Kept for", .plainText(a.retention)), ("Signed", .plainText(a.signedOn.long)),
                ("Signatories", .plainText(a.signatories.isEmpty ? "Not recorded" : a.signatories.joined(separator: "; "))),
            ]).node,
            .if(
                canEdit,
                .group(
                    .h2("Record a review"),
                    .form(
                        .method(.post), .action(Site.sharingAgreementReview(p.id, a.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(form.field("review_on", "Next review", hint: "The agreement stands until then"), value: form["review_on"]),
                        Forms.submit("Record the review")))),
            .p(.a(.href(Site.sharingAgreements(p.id)), "The register")))
    }

    package static func csv(_ agreements: [SharingAgreement]) -> CSVDocument {
        CSVDocument(
            headers: ["title", "parties", "purpose", "lawful_basis", "special_condition", "data_items", "retention", "signed_on", "review_on", "signatories"],
            rows: agreements.map { a in
                [
                    a.title, a.parties.joined(separator: "; "), a.purpose, a.lawfulBasis.label, a.specialCondition, a.dataItems, a.retention, a.signedOn.iso, a.reviewOn.iso,
                    a.signatories.joined(separator: "; "),
                ]
            })
    }
}
