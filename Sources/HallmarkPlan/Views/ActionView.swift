import Foundation
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import Plot

/// An action: its owner, due date, milestones and every update in order; its owner adds
/// updates and milestones, and those who keep the plan change or withdraw it.
package enum ActionView {
    package struct Model {
        package var action: PlanAction
        package var priority: PlanPriority
        package var progress: [ActionProgress]
        package var milestones: [PlanMilestone]
        /// Its owner or one who keeps the plan: updates and milestones.
        package var canUpdate: Bool
        /// One who keeps the plan: changes it, withdraws it.
        package var canChange: Bool
        package var owners: [(id: Int64, name: String)]
        package var strategies: [PlanStrategy]
        package var lines: [BudgetLine]
        package var today: CalendarDate
    }

    /// The plan, strategy and budget line an action belongs to, as the forms choose them.
    static func choices(_ form: FormModel, lines: [BudgetLine], strategies: [PlanStrategy]) -> Node<HTML.FormContext> {
        .group(
            Forms.select(
                form.field("plan", "Plan", hint: "The operational plan is business as usual; the transformation plan changes how the partnership works"),
                options: Forms.options(PlanKind.self) { $0.label }, selected: form["plan"] ?? PlanKind.operational.rawValue),
            .if(
                !strategies.isEmpty,
                Forms.select(
                    form.field("strategy_id", "Strategy it serves"), options: strategies.map { ("\($0.id)", $0.title) }, selected: form["strategy_id"],
                    blank: "None")),
            Forms.select(
                form.field("budget_line_id", "Budget line that pays for it"), options: lines.map { ("\($0.id)", "\($0.name), \($0.year)") },
                selected: form["budget_line_id"], blank: "None"))
    }

    static func current(_ a: PlanAction) -> [String: String] {
        [
            "title": a.title, "owner_organisation": a.ownerOrganisation, "owner_user_id": a.ownerUserID.map(String.init) ?? "", "due_on": a.dueOn.iso,
            "plan": a.plan.rawValue, "strategy_id": a.strategyID.map { "\($0)" } ?? "", "budget_line_id": a.budgetLineID.map(String.init) ?? "",
        ]
    }

    package static func render(_ p: Partnership, _ m: Model, failed: (form: String, model: FormModel)?, layout: Layout) -> String {
        let a = m.action
        let form = { (name: String) in failed?.form == name ? failed!.model : FormModel() }
        let change = failed?.form == "change" ? failed!.model : FormModel(input: current(a))
        let statuses = ActionProgressStatus.allCases.filter { m.canChange || $0 != .withdrawn }
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .span(.class("caption"), .plainText("\(p.name), \(m.priority.title)")),
            .h1(.plainText(a.title)),
            SummaryList(items: [
                ("Priority", .a(.href(Site.planPriority(p.id, m.priority.id)), .plainText(m.priority.title))),
                ("Strategy", .plainText(a.strategyID.flatMap { id in m.strategies.first { $0.id == id }?.title } ?? "None")), ("Plan", .plainText(a.plan.label)),
                ("Owner", .plainText(a.owner)), ("Due", .plainText(a.dueOn.long + (a.overdue(on: m.today) ? " (overdue)" : ""))), ("Status", .plainText(a.status.label)),
            ]).node,
            .h2("Milestones"),
            DataTable(
                caption: "Steps on the way, by date", headers: m.canUpdate ? ["Milestone", "Due", "Reached", "Change"] : ["Milestone", "Due", "Reached"],
                rows: m.milestones.map { s in
                    [
                        .plainText(s.title), .plainText(s.dueOn.long + (s.overdue(on: m.today) ? " (overdue)" : "")), .plainText(s.doneOn?.long ?? "Not yet"),
                    ] + (m.canUpdate ? [milestoneButton(p, a, s, csrf: layout.csrfToken)] : [])
                }, empty: "No milestones set."
            ).node,
            .if(
                m.canUpdate && !a.status.closed,
                .form(
                    .method(.post), .action(Site.actionMilestones(p.id, a.id)), .novalidate(),
                    Forms.csrf(layout.csrfToken),
                    Forms.text(form("milestone").field("milestone_title", "Milestone"), value: form("milestone")["milestone_title"]),
                    Forms.text(
                        form("milestone").field("milestone_due_on", "Due", hint: "On or before the action’s own date, \(a.dueOn.long); like \(a.dueOn.iso)"),
                        value: form("milestone")["milestone_due_on"]),
                    Forms.submit("Add the milestone"))),
            .h2("Progress"),
            DataTable(
                caption: "Updates, oldest first", headers: ["When", "By", "Status", "Update"],
                rows: m.progress.map {
                    [.plainText(Format.timestamp(Date(timeIntervalSince1970: Double($0.at)))), .plainText($0.by), .plainText($0.status.label), .plainText($0.note)]
                },
                empty: "No updates yet."
            ).node,
            .if(
                m.canUpdate,
                .group(
                    .h2("Add an update"),
                    .if(
                        m.canChange && a.status != .withdrawn,
                        .p("To withdraw the action, choose “Withdrawn” and give the reason: it stays on record, and so do the links to it.")),
                    .form(
                        .method(.post), .action(Site.planAction(p.id, a.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.select(
                            form("progress").field("status", "How it is going"), options: statuses.map { ($0.rawValue, $0.label) },
                            selected: form("progress")["status"] ?? a.status.rawValue),
                        Forms.textArea(
                            form("progress").field("note", "Update", hint: "What was done since the last update, and what is next"), value: form("progress")["note"]),
                        Forms.submit("Add the update")))),
            .if(
                m.canChange,
                .group(
                    .h2("Change this action"),
                    .form(
                        .method(.post), .action(Site.changeAction(p.id, a.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.text(change.field("title", "Action"), value: change["title"]),
                        Forms.text(change.field("owner_organisation", "Organisation that owns it"), value: change["owner_organisation"]),
                        Forms.select(
                            change.field("owner_user_id", "Person who updates it"), options: m.owners.map { ("\($0.id)", $0.name) }, selected: change["owner_user_id"],
                            blank: "Nobody with an account"),
                        Forms.text(change.field("due_on", "Due", hint: "Like 2027-03-31"), value: change["due_on"]),
                        choices(change, lines: m.lines, strategies: m.strategies),
                        Forms.submit("Save the changes")))))
    }

    /// Two buttons: reached today (or not reached after all), and take it out as set in error.
    static func milestoneButton(_ p: Partnership, _ a: PlanAction, _ s: PlanMilestone, csrf: String) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(Site.actionMilestone(p.id, a.id, s.id)), .class("row-buttons"),
            Forms.csrf(csrf),
            .button(
                .type(.submit), .name("milestone"), .value(s.doneOn == nil ? "reached" : "not_reached"), .class("link-button"),
                .plainText(s.doneOn == nil ? "Mark reached today" : "Mark not reached"), .span(.class("visually-hidden"), .plainText(": \(s.title)"))),
            .button(
                .type(.submit), .name("milestone"), .value("remove"), .class("link-button"), .plainText("Take out"),
                .span(.class("visually-hidden"), .plainText(" the milestone \(s.title)"))))
    }
}
