import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import Plot

/// One agenda item: its papers with their versions, and the forms that work on it.
package struct ItemPage {
    package var partnership: Partnership
    package var meeting: Meeting
    package var item: AgendaItem
    package var number: Int
    package var itemCount: Int
    package var papers: [Paper]
    package var decisions: [Decision]
    package var actions: [ActionEntry]
    package var people: [Person]
    package var organisations: [Organisation]
    /// Voting members counted present: the most votes a decision may record.
    package var voters: Int
    package var canRun: Bool
    package var canSubmit: Bool
    package var papersOpen: Bool
    /// Earlier meetings held whose minutes are not yet approved: the "minutes of the last meeting" item approves them.
    package var approvable: [Meeting]
    /// The form that failed, by name, with what was wrong; the others are shown empty.
    package var failed: (form: String, model: FormModel)?
}

package enum ItemPageView {
    package static func render(_ page: ItemPage, layout: Layout) -> String {
        let p = page.partnership, m = page.meeting, item = page.item
        let frozen = m.minutesApproved
        func model(_ name: String, _ defaults: [String: String] = [:]) -> FormModel {
            page.failed?.form == name ? page.failed!.model : FormModel(input: defaults)
        }
        return layout.render(
            Forms.errorSummary(page.failed?.model.failure),
            .span(.class("caption"), .plainText(m.name)),
            .h1(.plainText("Item \(page.number): \(item.title)")),
            .p(
                .plainText(
                    [item.purpose.label, item.presenter.map { "presented by \($0)" }, "\(item.durationMinutes) minutes", item.exemptReason.map { "exempt: \($0)" }].compactMap {
                        $0
                    }.joined(separator: "; "))),
            .if(frozen, .p(.class("warning"), "The minutes of this meeting have been approved: its record is frozen.")),
            .h2("Papers"),
            DataTable(
                caption: "Papers, every version", headers: ["Paper", "Version", "Format", "Size", "Added", "For the pack"],
                rows: page.papers.map { paper -> [Node<HTML.BodyContext>] in
                    let superseded = page.papers.contains { $0.title == paper.title && $0.version > paper.version }
                    return [
                        .a(.href(Site.paper(p.id, m.id, paper.id)), .plainText(paper.title), .span(.class("visually-hidden"), .plainText(", version \(paper.version)"))),
                        .plainText("\(paper.version)"), .plainText(paper.format.label), .plainText(MeetingPageView.kilobytes(Int(paper.size))),
                        .plainText("\(Format.timestamp(Date(timeIntervalSince1970: Double(paper.createdAt)))) by \(Format.author(paper.createdBy))"),
                        .plainText(superseded ? "Superseded by a later version" : packWords(paper)),
                    ]
                }, empty: "No papers yet."
            ).node,
            .if(page.canSubmit && page.papersOpen, uploadForm(page, model("paper"), layout: layout)),
            .if(!page.papersOpen, .p("The meeting has taken place: its papers are kept as they were.")),
            .if(
                item.standing == .previousMinutes && page.canRun && !page.approvable.isEmpty,
                .group(.h2("Approve the minutes"), MeetingPageView.approveForm(p, m, page.approvable, layout: layout))),
            .if(
                !(page.canRun && !frozen),
                .group(
                    .h2("Minute"),
                    item.minute.map(Paragraphs.node) ?? .p("Nothing minuted."),
                    .forEach(page.decisions) { d in .p(.class("kept-lines"), .strong("Decision: "), .plainText(d.text + MeetingPageView.voteWords(d))) },
                    .forEach(page.actions) { a in .p(.strong("Action: "), .a(.href(Site.action(p.id, a.action.id)), .plainText(MeetingPageView.actionWords(a)))) })),
            .if(
                page.canRun && !frozen,
                .group(
                    .h2("Minute"),
                    .form(
                        .method(.post), .action(Site.itemMinute(p.id, m.id, item.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.textArea(
                            model("minute").field("minute", "What was minuted under this item"), value: page.failed?.form == "minute" ? page.failed?.model["minute"] : item.minute),
                        Forms.submit("Save the minute")),
                    .h2("Decisions"),
                    .forEach(page.decisions) { d in .p(.class("kept-lines"), .plainText(d.text + MeetingPageView.voteWords(d))) },
                    decisionForm(page, model("decision"), layout: layout),
                    .h2("Actions"),
                    .forEach(page.actions) { a in .p(.a(.href(Site.action(p.id, a.action.id)), .plainText(MeetingPageView.actionWords(a)))) },
                    actionForm(page, model("action"), layout: layout),
                    .h2("Change the item"),
                    .form(
                        .method(.post), .action(Site.agendaItem(p.id, m.id, item.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        ItemForm.fields(
                            model(
                                "item",
                                [
                                    "title": item.title, "presenter": item.presenter ?? "", "purpose": item.purpose.rawValue, "duration_minutes": "\(item.durationMinutes)",
                                    "exempt": item.exempt ? "yes" : "", "exempt_reason": item.exemptReason ?? "",
                                ])),
                        Forms.submit("Save the item")),
                    .form(
                        .method(.post), .action(Site.moveAgendaItem(p.id, m.id, item.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.text(
                            model("move", ["position": "\(page.number)"]).field("position", "Move to place", hint: "From 1 to \(page.itemCount); the others close up around it"),
                            value: model("move", ["position": "\(page.number)"])["position"]),
                        Forms.submit("Move")),
                    // Offered only while nothing is recorded under the item: then it is part of the record.
                    .if(
                        page.papers.isEmpty && page.decisions.isEmpty && page.actions.isEmpty && item.minute == nil,
                        .group(
                            .h2(.id("remove"), "Take the item off the agenda"),
                            .p("For an item added by mistake: the others are renumbered, and a pack printed before needs printing again."),
                            .form(
                                .method(.post), .action(Site.removeAgendaItem(p.id, m.id, item.id)), .novalidate(),
                                Forms.csrf(layout.csrfToken),
                                .button(.type(.submit), .class("button secondary"), "Take it off the agenda")))))),
            .p(.a(.href(Site.meeting(p.id, m.id)), "Back to the meeting"))
        )
    }

    static func packWords(_ paper: Paper) -> String {
        switch paper.format {
        case .pdf: "Printed in the pack"
        case .text, .csv: "Printed in the pack on the item’s page"
        case .docx, .xlsx:
            paper.conversion == "converted"
                ? "Converted to PDF; printed in the pack" : paper.conversion == "waiting" ? "Being converted to PDF" : "Not printed: \(paper.conversion)"
        }
    }

    static func uploadForm(_ page: ItemPage, _ form: FormModel, layout: Layout) -> Node<HTML.BodyContext> {
        let p = page.partnership, m = page.meeting
        let problem = form.failure?.message(for: "paper")
        return .group(
            .h2("Add a paper"),
            .form(
                .method(.post), .action(Site.itemPapers(p.id, m.id, page.item.id)), .enctype(.multipartData), .novalidate(),
                // First, so that the server checks it before it keeps any of the file.
                Forms.csrf(layout.csrfToken),
                Forms.text(
                    form.field("paper_title", "Paper’s title", hint: "A paper with the same title as one already here is stored as its next version"), value: form["paper_title"]),
                .div(
                    .class(problem == nil ? "field" : "field field-error"),
                    .label(.for("paper"), "File"),
                    .p(
                        .class("hint"), .id("paper-hint"),
                        .plainText("PDF, Word (.docx), Excel (.xlsx) or CSV, up to \(PaperIntake.limit / 1024 / 1024) MB. Or leave it empty and write the paper below.")),
                    .unwrap(problem) { .p(.class("error-message"), .id("paper-error"), .span(.class("visually-hidden"), "Error: "), .plainText($0)) },
                    .input(
                        .type(.file), .id("paper"), .name("paper"), .attribute(named: "accept", value: ".pdf,.docx,.xlsx,.csv"),
                        .attribute(named: "aria-describedby", value: problem == nil ? "paper-hint" : "paper-hint paper-error"))),
                Forms.textArea(form.field("text", "Or write the paper here", hint: "Plain text; leave a blank line between paragraphs"), value: form["text"]),
                Forms.submit("Add the paper")))
    }

    static func decisionForm(_ page: ItemPage, _ form: FormModel, layout: Layout) -> Node<HTML.BodyContext> {
        let p = page.partnership, m = page.meeting
        return .form(
            .method(.post), .action(Site.itemDecisions(p.id, m.id, page.item.id)), .novalidate(),
            Forms.csrf(layout.csrfToken),
            Forms.textArea(form.field("decision", "Decision"), value: form["decision"]),
            Forms.checkbox(form.field("voted", "The meeting voted"), checked: form["voted"] == "yes"),
            .fieldset(
                .element(named: "legend", plainText: "Votes of voting members (\(page.voters) counted present)"),
                Forms.text(form.field("votes_for", "For"), value: form["votes_for"]),
                Forms.text(form.field("votes_against", "Against"), value: form["votes_against"]),
                Forms.text(form.field("abstentions", "Abstaining"), value: form["abstentions"])),
            Forms.submit("Record the decision"))
    }

    static func actionForm(_ page: ItemPage, _ form: FormModel, layout: Layout) -> Node<HTML.BodyContext> {
        let p = page.partnership, m = page.meeting
        return .form(
            .method(.post), .action(Site.itemActions(p.id, m.id, page.item.id)), .novalidate(),
            Forms.csrf(layout.csrfToken),
            Forms.textArea(form.field("action", "Action"), value: form["action"]),
            Forms.select(
                form.field("owner_person_id", "Person who owns it"), options: page.people.map { ("\($0.id)", $0.name) }, selected: form["owner_person_id"],
                blank: "Nobody in particular"),
            Forms.select(
                form.field("owner_organisation_id", "Organisation that owns it"), options: page.organisations.map { ("\($0.id)", $0.name) },
                selected: form["owner_organisation_id"],
                blank: "No organisation"),
            Forms.text(form.field("due_date", "Due date", hint: "For example 2027-01-31"), value: form["due_date"], type: .date),
            Forms.submit("Add the action"))
    }
}
