import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkPlan
import Plot

/// The self-assessment's rounds, and the form that opens one.
package enum SelfAssessmentListView {
    package static func render(
        _ p: Partnership, rounds: [SelfAssessmentRound], answered: Set<RecordID<SelfAssessmentRound>>, canManage: Bool, form: FormModel, today: CalendarDate,
        layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Hallmarks self-assessment"),
            .p(
                "Members rate how far they agree with statements about the partnership under each of the six Hallmarks of Effective Practice. Each round’s results show every section’s middle rating and spread beside the round before; the improvement actions it leads to join the partnership plan."
            ),
            DataTable(
                caption: "Rounds, latest first", headers: ["Round", "Answers", "Closes", "Status"],
                rows: rounds.map { r in
                    [
                        .a(.href(Site.selfAssessmentRound(p.id, r.id)), .plainText(r.title)), .plainText(r.anonymous ? "Anonymous" : "Named"),
                        .plainText(r.closedEarly ? "Closed early; it was to close on \(r.closesOn.long)" : r.closesOn.long),
                        .plainText(r.open(on: today) ? (answered.contains(r.id) ? "Open: you have answered" : "Open: waiting for your answer") : "Closed: see its results"),
                    ]
                }, empty: "No rounds yet."
            ).node,
            .if(
                canManage,
                .group(
                    .h2("Open a round"),
                    .form(
                        .method(.post), .action(Site.selfAssessment(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.text(form.field("title", "Round", hint: "For example: Self-assessment 2026"), value: form["title"]),
                        Forms.text(form.field("closes_on", "Closes", hint: "The last day members can answer, like 2027-01-31"), value: form["closes_on"]),
                        Forms.checkbox(
                            form.field("anonymous", "Anonymous: answers and comments carry no name, and results show only when three or more have answered"),
                            checked: form.input.isEmpty || form["anonymous"] == "yes"),
                        Forms.submit("Open the round")))))
    }
}

/// A round: its questionnaire while it is open and unanswered, then its results, the
/// comments and the improvement actions.
package enum SelfAssessmentRoundView {
    package struct Model {
        package var round: SelfAssessmentRound
        package var answered: Bool
        package var respondents: Int
        /// Shown once the round has closed, and for an anonymous round only when enough answered.
        package var results: SelfAssessmentResults?
        package var improvements: [(section: String, action: PlanAction?)]
        package var canManage: Bool
        package var today: CalendarDate

        package init(
            round: SelfAssessmentRound, answered: Bool, respondents: Int, results: SelfAssessmentResults?, improvements: [(section: String, action: PlanAction?)],
            canManage: Bool, today: CalendarDate
        ) {
            self.round = round
            self.answered = answered
            self.respondents = respondents
            self.results = results
            self.improvements = improvements
            self.canManage = canManage
            self.today = today
        }
    }

    static func figure(_ v: Double?) -> String {
        guard let v else { return "–" }
        return v == v.rounded() ? String(format: "%.0f", v) : String(format: "%.1f", v)
    }

    package static func render(_ p: Partnership, _ m: Model, failed: (form: String, model: FormModel)?, layout: Layout) -> String {
        let open = m.round.open(on: m.today)
        let answerForm = failed?.form == "answer" ? failed!.model : FormModel()
        let improvementForm = failed?.form == "improvement" ? failed!.model : FormModel()
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .span(.class("caption"), .plainText("\(p.name), Hallmarks self-assessment")),
            .h1(.plainText(m.round.title)),
            .p(
                .plainText(
                    (m.round.anonymous ? "Anonymous: no answer or comment carries a name. " : "Named: comments are shown with their authors. ")
                        + (open ? "Open until \(m.round.closesOn.long); " : "Closed; ") + "\(m.respondents) member\(m.respondents == 1 ? " has" : "s have") answered.")),
            .if(open && !m.answered, questionnaire(p, m, answerForm, csrf: layout.csrfToken)),
            .if(open && m.answered, .p(.class("notice"), "Thank you: your answer is recorded. The results are shown here when the round closes.")),
            .if(
                open && m.canManage,
                .form(
                    .method(.post), .action(Site.selfAssessmentClose(p.id, m.round.id)),
                    Forms.csrf(layout.csrfToken),
                    .input(.type(.hidden), .name("close"), .value("yes")),
                    .button(.type(.submit), .class("button secondary"), "Close the round now and show the results"))),
            .if(!open, results(p, m)),
            .if(
                !open,
                .group(
                    .h2("Improvement actions"),
                    DataTable(
                        caption: "Actions this round led to, in the partnership plan", headers: ["Section", "Action", "Owner", "Due", "Status"],
                        rows: m.improvements.map { section, action in
                            let name = Hallmarks.sections.first { $0.code == section }.map { "\($0.code) \($0.name)" } ?? section
                            guard let action else { return [.plainText(name), .plainText("No longer in the plan"), .plainText("–"), .plainText("–"), .plainText("–")] }
                            return [
                                .plainText(name), .a(.href(Site.planAction(p.id, action.id)), .plainText(action.title)), .plainText(action.owner), .plainText(action.dueOn.long),
                                .plainText(action.status.label),
                            ]
                        }, empty: "None yet."
                    ).node,
                    .if(
                        m.canManage,
                        .form(
                            .method(.post), .action(Site.selfAssessmentImprovements(p.id, m.round.id)), .novalidate(),
                            Forms.csrf(layout.csrfToken),
                            Forms.select(
                                improvementForm.field("section", "Section it improves"),
                                options: Hallmarks.sections.map { ($0.code, "\($0.code) \($0.name) (\($0.hallmark))") }, selected: improvementForm["section"],
                                blank: "Choose a section"),
                            Forms.text(improvementForm.field("title", "Action"), value: improvementForm["title"]),
                            Forms.text(
                                improvementForm.field("owner_organisation", "Organisation that owns it", hint: "For example Charnwood Borough Council"),
                                value: improvementForm["owner_organisation"]),
                            Forms.text(improvementForm.field("due_on", "Due", hint: "Like 2027-03-31"), value: improvementForm["due_on"]),
                            Forms.submit("Add to the partnership plan"))))),
            .p(.a(.href(Site.selfAssessment(p.id)), "All rounds")))
    }

    static func questionnaire(_ p: Partnership, _ m: Model, _ form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(Site.selfAssessmentRound(p.id, m.round.id)), .novalidate(),
            Forms.csrf(csrf),
            .p("For each statement, say how far you agree. Choose “Don’t know” where you cannot say: it is not counted."),
            .forEach(Hallmarks.sections) { section in
                .group(
                    .h2(.plainText("\(section.code) \(section.name)"), .span(.class("caption"), .plainText(section.hallmark))),
                    .forEach(section.statements) { code, text in
                        .fieldset(
                            .class(form.failure?.message(for: "rating-\(code)") == nil ? "field" : "field field-error"),
                            .element(named: "legend", plainText: "\(code) \(text)"),
                            .unwrap(form.failure?.message(for: "rating-\(code)")) { .p(.class("error-message"), .id("rating-\(code)-error"), .plainText($0)) },
                            .div(
                                .class("radios"),
                                .forEach(Hallmarks.scale.map { ("\($0.value)", $0.label) } + [("unknown", "Don’t know")]) { value, label in
                                    .div(
                                        .class("radio"),
                                        .input(
                                            .type(.radio), .id(value == "1" ? "rating-\(code)" : "rating-\(code)-\(value)"), .name("rating-\(code)"), .value(value),
                                            .attribute(named: "checked", value: (form["rating-\(code)"] ?? "unknown") == value ? "checked" : nil)),
                                        .label(.for(value == "1" ? "rating-\(code)" : "rating-\(code)-\(value)"), .plainText(label)))
                                }))
                    })
            },
            Forms.textArea(
                form.field(
                    "comment", "Comments",
                    hint: m.round.anonymous ? "Optional. Shown without your name; leave out anything that would identify you" : "Optional. Shown with your name"),
                value: form["comment"]),
            Forms.submit("Send my answer"))
    }

    static func results(_ p: Partnership, _ m: Model) -> Node<HTML.BodyContext> {
        guard let r = m.results else {
            return .group(
                .h2("Results"),
                .p(
                    .plainText(
                        "Fewer than \(Hallmarks.fewestToShow) members answered, so the results of this anonymous round are not shown: so few ratings could be traced to who gave them."
                    )))
        }
        return .group(
            .h2("Results"),
            .p(
                .plainText(
                    "Ratings from 1 (strongly disagree) to 5 (strongly agree), “don’t know” left out. The middle half is the range between the middle of the lower and upper halves of the ratings."
                )),
            DataTable(
                caption: "Each section’s ratings",
                headers: ["Hallmark", "Section", "Ratings", "Median", "Middle half", "Range", "Agreeing", "Median change since the round before"],
                rows: zip(Hallmarks.sections, r.sections).map { section, s in
                    [
                        .plainText(section.hallmark), .plainText("\(section.code) \(section.name)"),
                        .plainText(s.withheld ? "Fewer than \(Hallmarks.fewestToShow) members rated it: not shown" : "\(s.count)"), .plainText(figure(s.median)),
                        .plainText(s.lowerQuartile.map { "\(figure($0)) to \(figure(s.upperQuartile))" } ?? "–"),
                        .plainText(s.lowest.map { "\($0) to \(s.highest!)" } ?? "–"), .plainText(s.agreeing.map { String(format: "%.0f%%", $0) } ?? "–"),
                        // A minus sign, as every other change on the site is written; the CSV keeps "-" for spreadsheets.
                        .plainText(r.change(in: section.code).map { Format.change($0) { String(format: "%.1f", $0) } } ?? "–"),
                    ]
                }, csvHref: Site.selfAssessmentCSV(p.id, m.round.id)
            ).node,
            .h2("Comments"),
            r.comments.isEmpty
                ? .p(.class("empty"), "No comments.")
                : .ul(.forEach(r.comments) { c in .li(.plainText(m.round.anonymous ? c.text : "\(c.by): \(c.text)")) }))
    }

    /// The results for a spreadsheet: a row a section, never a row a member.
    package static func csv(_ r: SelfAssessmentResults) -> CSVDocument {
        CSVDocument(
            headers: ["hallmark", "section_code", "section", "ratings", "median", "lower_quartile", "upper_quartile", "lowest", "highest", "agreeing_percent", "median_change"],
            rows: zip(Hallmarks.sections, r.sections).map { section, s in
                [
                    section.hallmark, section.code, section.name, s.withheld ? "" : "\(s.count)", s.median.map(figure) ?? "", s.lowerQuartile.map(figure) ?? "",
                    s.upperQuartile.map(figure) ?? "",
                    s.lowest.map(String.init) ?? "", s.highest.map(String.init) ?? "", s.agreeing.map { String(format: "%.1f", $0) } ?? "",
                    r.change(in: section.code).map { String(format: "%.1f", $0) } ?? "",
                ]
            })
    }
}
