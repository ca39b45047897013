import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkPlan
import Plot

/// Events held with residents and the "you said, we did" answers, with the forms that record them.
package enum EngagementView {
    package static func render(
        _ p: Partnership, events: [EngagementEvent], items: [YouSaidWeDid], actions: [PlanAction], priorities: [PlanPriority], canManage: Bool,
        failed: (form: String, model: FormModel)?, layout: Layout
    ) -> String {
        let eventForm = failed?.form == "event" ? failed!.model : FormModel()
        let itemForm = failed?.form == "item" ? failed!.model : FormModel()
        let eventName = { (id: RecordID<EngagementEvent>?) in id.flatMap { id in events.first { $0.id == id } }.map(Self.eventName) ?? "–" }
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Engagement"),
            .p(
                .plainText("Where the partnership met residents, what they raised, and what was done about it. "),
                .a(.href(Site.consultations(p.id)), "Consultations"), .plainText(" and the "), .a(.href(Site.publicYouSaidWeDid(p.id)), "public “you said, we did” page"),
                .plainText(".")),
            // Where the error summary points when a removal named an event that is gone.
            .div(.id("event")),
            DataTable(
                caption: "Events, latest first", headers: ["Held", "Event", "Place", "Came", "Issues raised"] + (canManage ? ["Change"] : []),
                rows: events.map { e in
                    [.plainText(e.heldOn.long), .plainText(e.kind.label), .plainText(e.place), .plainText("\(e.attendance)"), .plainText(e.issues.isEmpty ? "–" : e.issues)]
                        + (canManage ? [changeLink(Site.engagementEvent(p.id, e.id), about: eventName(e.id))] : [])
                },
                empty: "No events recorded yet."
            ).node,
            .h2(.id("item"), "You said, we did"),
            DataTable(
                caption: "What residents said and what the partnership did",
                headers: ["You said", "We did", "Raised at", "Plan action", "On the public site"] + (canManage ? ["Change"] : []),
                rows: items.map { i in
                    [
                        .plainText(i.said), .plainText(i.did), .plainText(eventName(i.eventID)),
                        i.actionID.flatMap { id in actions.first { $0.id.rawValue == id } }.map { .a(.href(Site.planAction(p.id, $0.id)), .plainText($0.title)) }
                            ?? .plainText("–"),
                        canManage
                            ? .form(
                                .method(.post), .action(Site.youSaidWeDidPublish(p.id)),
                                Forms.csrf(layout.csrfToken),
                                .input(.type(.hidden), .name("item"), .value("\(i.id)")),
                                .input(.type(.hidden), .name("published"), .value(i.published ? "no" : "yes")),
                                .plainText(i.published ? "Shown. " : "Not shown. "),
                                .button(
                                    .type(.submit), .class("link-button"), .plainText(i.published ? "Take it off" : "Publish it"),
                                    .span(.class("visually-hidden"), .plainText(": \(i.said.prefix(60))"))))
                            : .plainText(i.published ? "Shown" : "Not shown"),
                    ] + (canManage ? [changeLink(Site.youSaidWeDidItem(p.id, i.id), about: String(i.said.prefix(60)))] : [])
                }, empty: "None yet."
            ).node,
            .if(
                canManage,
                .group(
                    .h2("Record an event"),
                    .form(
                        .method(.post), .action(Site.engagementEvents(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        eventFields(eventForm),
                        Forms.submit("Record the event")),
                    .h2("Add “you said, we did”"),
                    .form(
                        .method(.post), .action(Site.youSaidWeDid(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        itemFields(itemForm, events: events, actions: actions, priorities: priorities),
                        Forms.submit("Add it")))))
    }

    /// "Change", said in full to a screen reader: a table has one such link a row.
    static func changeLink(_ href: String, about: String) -> Node<HTML.BodyContext> {
        .a(.href(href), "Change", .span(.class("visually-hidden"), .plainText(": \(about)")))
    }

    static func eventName(_ e: EngagementEvent) -> String { "\(e.kind.label), \(e.place), \(e.heldOn.long)" }

    /// An event's fields, the same to record one and to change it.
    static func eventFields(_ form: FormModel) -> Node<HTML.FormContext> {
        .group(
            Forms.select(form.field("kind", "Kind of event"), options: Forms.options(EventKind.self) { $0.label }, selected: form["kind"]),
            Forms.text(form.field("held_on", "Day it was held", hint: "Like 2026-11-12"), value: form["held_on"]),
            Forms.text(form.field("place", "Place", hint: "For example: Loughborough Town Hall"), value: form["place"]),
            Forms.text(form.field("attendance", "Number who came"), value: form["attendance"]),
            Forms.textArea(form.field("issues", "Issues raised", hint: "Optional"), value: form["issues"]))
    }

    /// The way back from an event's or an answer's pages.
    static func crumbs(_ p: Partnership) -> [(label: String, href: String)] { Layout.crumbs(to: p) + [("Engagement", Site.engagement(p.id))] }

    /// A "you said, we did" answer's fields, the same to add one and to change it.
    static func itemFields(_ form: FormModel, events: [EngagementEvent], actions: [PlanAction], priorities: [PlanPriority]) -> Node<HTML.FormContext> {
        // Priorities may share an action's title, so each is named with its priority; a withdrawn
        // action answers nothing now, unless the answer already names it.
        let priority = Dictionary(priorities.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let offered = actions.filter { $0.status != .withdrawn || form["action_id"] == "\($0.id)" }
        return .group(
            Forms.textArea(form.field("said", "You said", hint: "What residents raised, in their words"), value: form["said"]),
            Forms.textArea(form.field("did", "We did", hint: "What the partnership did about it"), value: form["did"]),
            Forms.select(form.field("event_id", "Raised at"), options: events.map { ("\($0.id)", eventName($0)) }, selected: form["event_id"], blank: "No event"),
            Forms.select(
                form.field("action_id", "Plan action that answers it"),
                options: offered.map { ("\($0.id)", "\($0.title) (for \(priority[$0.priorityID] ?? "a priority no longer in the plan"))") }, selected: form["action_id"],
                blank: "None"),
            Forms.checkbox(form.field("published", "Show it on the public site"), checked: form["published"] == "yes"))
    }

    /// The form's fields as an event fills them.
    package static func input(_ e: EngagementEvent) -> [String: String] {
        ["kind": e.kind.rawValue, "held_on": e.heldOn.iso, "place": e.place, "attendance": "\(e.attendance)", "issues": e.issues]
    }

    package static func input(_ i: YouSaidWeDid) -> [String: String] {
        [
            "said": i.said, "did": i.did, "event_id": i.eventID.map { "\($0)" } ?? "", "action_id": i.actionID.map { "\($0)" } ?? "",
            "published": i.published ? "yes" : "",
        ]
    }

    /// An event, to change or, if it was recorded by mistake and no answer names it, to remove.
    package static func event(_ p: Partnership, _ e: EngagementEvent, raised: Int, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(p.name), engagement")),
            .h1("Change the event"),
            .p(.plainText(eventName(e))),
            .form(
                .method(.post), .action(Site.engagementEvent(p.id, e.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                eventFields(form),
                Forms.submit("Save the event")),
            .h2(.id("event"), .class("screen-only"), "Remove the event"),
            raised > 0
                ? .p(
                    .class("screen-only"),
                    .plainText(
                        "\(raised == 1 ? "A “you said, we did” answer names this event as where it was" : "\(raised) “you said, we did” answers name this event as where they were") raised, so it stays. "
                            + "To remove the event, change \(raised == 1 ? "that answer" : "those answers") to name another event or none."))
                : .div(
                    .class("screen-only"),
                    .p("For an event recorded by mistake. It is taken off the engagement page; the audit log keeps what it said."),
                    .form(
                        .method(.post), .action(Site.removeEngagementEvent(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        .input(.type(.hidden), .name("event"), .value("\(e.id)")),
                        .button(.type(.submit), .class("button secondary"), "Remove the event"))),
            .p(.a(.href(Site.engagement(p.id)), "Back to engagement")))
    }

    /// A "you said, we did" answer, to change or remove.
    package static func item(
        _ p: Partnership, _ i: YouSaidWeDid, events: [EngagementEvent], actions: [PlanAction], priorities: [PlanPriority], form: FormModel, layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(p.name), engagement")),
            .h1("Change “you said, we did”"),
            .p(.plainText("“\(i.said)”")),
            .form(
                .method(.post), .action(Site.youSaidWeDidItem(p.id, i.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                itemFields(form, events: events, actions: actions, priorities: priorities),
                Forms.submit("Save it")),
            .div(
                .class("screen-only"),
                .h2(.id("item"), "Remove it"),
                .p(i.published ? "It comes off the public site as well. The audit log keeps what it said." : "The audit log keeps what it said."),
                .form(
                    .method(.post), .action(Site.removeYouSaidWeDid(p.id)), .novalidate(),
                    Forms.csrf(layout.csrfToken),
                    .input(.type(.hidden), .name("item"), .value("\(i.id)")),
                    .button(.type(.submit), .class("button secondary"), "Remove it"))),
            .p(.a(.href(Site.engagement(p.id)), "Back to engagement")))
    }

    package static func publicItems(_ p: Partnership, _ items: [YouSaidWeDid], events: [EngagementEvent]) -> String {
        PublicLayout(title: "\(p.name): you said, we did", breadcrumbs: [("Partnerships", Site.publicPartnerships()), (p.name, Site.publicPartnership(p.id))]).render(
            .h1("You said, we did"),
            .p(.plainText("What residents told \(p.name), and what it did about it.")),
            items.isEmpty
                ? .p("Nothing published yet.")
                : .forEach(items) { i in
                    .section(
                        .class("you-said"),
                        .h2(.plainText("You said: \(i.said)")),
                        .p(.strong("We did: "), .plainText(i.did)),
                        .unwrap(i.eventID.flatMap { id in events.first { $0.id == id } }) { e in
                            .p(.class("hint"), .plainText("Raised at: \(eventName(e))"))
                        })
                },
            .p(.a(.href(Site.publicConsultations(p.id)), "Have your say in a consultation")))
    }
}
