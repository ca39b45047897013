import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkPlan
import Plot

/// Events held with residents and the "you said, we did" answers, with the forms that record them.
package enum EngagementView {
    package static func render(
        _ p: Partnership, events: [EngagementEvent], items: [YouSaidWeDid], actions: [PlanAction], canManage: Bool, failed: (form: String, model: FormModel)?,
        layout: Layout
    ) -> String {
        let eventForm = failed?.form == "event" ? failed!.model : FormModel()
        let itemForm = failed?.form == "item" ? failed!.model : FormModel()
        let eventName = { (id: RecordID<EngagementEvent>?) in
            id.flatMap { id in events.first { $0.id == id } }.map { "\($0.kind.label), \($0.place), \($0.heldOn.long)" } ?? "–"
        }
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Engagement"),
            .p(
                .plainText("Where the partnership met residents, what they raised, and what was done about it. "),
                .a(.href(Site.consultations(p.id)), "Consultations"), .plainText(" and the "), .a(.href(Site.publicYouSaidWeDid(p.id)), "public “you said, we did” page"),
                .plainText(".")),
            DataTable(
                caption: "Events, latest first", headers: ["Held", "Event", "Place", "Came", "Issues raised"],
                rows: events.map { e in
                    [.plainText(e.heldOn.long), .plainText(e.kind.label), .plainText(e.place), .plainText("\(e.attendance)"), .plainText(e.issues.isEmpty ? "–" : e.issues)]
                },
                empty: "No events recorded yet."
            ).node,
            .h2("You said, we did"),
            DataTable(
                caption: "What residents said and what the partnership did", headers: ["You said", "We did", "Raised at", "Plan action", "On the public site"],
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
                    ]
                }, empty: "None yet."
            ).node,
            .if(
                canManage,
                .group(
                    .h2("Record an event"),
                    .form(
                        .method(.post), .action(Site.engagementEvents(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.select(eventForm.field("kind", "Kind of event"), options: Forms.options(EventKind.self) { $0.label }, selected: eventForm["kind"]),
                        Forms.text(eventForm.field("held_on", "Held on", hint: "Like 2026-11-12"), value: eventForm["held_on"]),
                        Forms.text(eventForm.field("place", "Place", hint: "For example: Loughborough Town Hall"), value: eventForm["place"]),
                        Forms.text(eventForm.field("attendance", "Number who came"), value: eventForm["attendance"]),
                        Forms.textArea(eventForm.field("issues", "Issues raised", hint: "Optional"), value: eventForm["issues"]),
                        Forms.submit("Record the event")),
                    .h2("Add “you said, we did”"),
                    .form(
                        .method(.post), .action(Site.youSaidWeDid(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.textArea(itemForm.field("said", "You said", hint: "What residents raised, in their words"), value: itemForm["said"]),
                        Forms.textArea(itemForm.field("did", "We did", hint: "What the partnership did about it"), value: itemForm["did"]),
                        Forms.select(
                            itemForm.field("event_id", "Raised at"), options: events.map { ("\($0.id)", "\($0.kind.label), \($0.place), \($0.heldOn.long)") },
                            selected: itemForm["event_id"], blank: "No event"),
                        Forms.select(
                            itemForm.field("action_id", "Plan action that answers it"), options: actions.map { ("\($0.id)", $0.title) }, selected: itemForm["action_id"],
                            blank: "None"),
                        Forms.checkbox(itemForm.field("published", "Show it on the public site"), checked: itemForm["published"] == "yes"),
                        Forms.submit("Add it")))))
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
                            .p(.class("hint"), .plainText("Raised at: \(e.kind.label), \(e.place), \(e.heldOn.long)"))
                        })
                },
            .p(.a(.href(Site.publicConsultations(p.id)), "Have your say in a consultation")))
    }
}
