import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// The people in the IOM cohort, for the members of each one's team: the list names no one
/// (opening a record is the view that is logged), and each record.
package enum CohortView {
    package static func list(_ p: Partnership, visible: [CohortMember], canAdd: Bool, form: FormModel, today: CalendarDate, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("The people in the IOM cohort"),
            .p(
                .plainText("For those who manage them: each record is seen only by its team, and every view is logged. The partnership’s figures are "),
                .a(.href(Site.iom(p.id)), "by quarter, as counts"), .plainText(".")),
            DataTable(
                caption: "Records on your team", headers: ["Reference", "Joined", "Left"],
                rows: visible.map { m in
                    [.a(.href(Site.cohortMember(p.id, m.id)), .plainText(m.reference)), .plainText(m.enteredOn.long), .plainText(m.exitedOn?.long ?? "In the cohort")]
                }, empty: "You are on the team of no one’s record."
            ).node,
            .if(
                canAdd,
                .group(
                    .h2("Someone joins the cohort"),
                    .form(
                        .method(.post), .action(Site.cohort(p.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(form.field("name", "Name", hint: "Sealed; seen only by the record’s team"), value: form["name"]),
                        Forms.textArea(form.field("notes", "Notes", hint: "Optional; sealed like the name"), value: form["notes"]),
                        Forms.text(form.field("entered_on", "Joined on", hint: "Like 2026-11-02"), value: form["entered_on"] ?? today.iso),
                        Forms.submit("Add to the cohort")))))
    }

    package static func show(
        _ p: Partnership, _ m: CohortMember, access: CaseAccess, team: [(id: Int64, name: String, role: Role)], candidates: [(id: Int64, name: String, role: Role)],
        canChange: Bool, failed: (form: String, model: FormModel)?, today: CalendarDate, layout: Layout
    ) -> String {
        func form(_ name: String) -> FormModel { failed?.form == name ? failed!.model : FormModel() }
        let removed = m.personalDataRemovedOn.map { "Removed on \($0.long) at the end of retention" }
        let exit = form("exit")
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .if(
                access != .team,
                .div(
                    .class("notice warning"), .attribute(named: "role", value: "alert"),
                    .p("You are outside this record’s team. This view is logged and flagged for review with the reason you gave."))),
            .span(.class("caption"), .plainText("\(p.name), IOM cohort")),
            .h1(.plainText(m.reference)),
            SummaryList(items: [
                ("Name", .plainText(removed ?? m.name ?? "")), ("Notes", .plainText(removed ?? m.notes.flatMap { $0.isEmpty ? nil : $0 } ?? "None")),
                ("Joined", .plainText(m.enteredOn.long)),
                ("Left", .plainText(m.exitedOn.map { "\($0.long)" + (m.exitReason.isEmpty ? "" : ": \(m.exitReason)") } ?? "In the cohort")),
            ]).node,
            DataTable(caption: "The record’s team", headers: ["Name", "Role"], rows: team.map { [.plainText($0.name), .plainText($0.role.label)] }, empty: "No one.").node,
            .if(
                canChange,
                .group(
                    .if(
                        m.exitedOn == nil,
                        .group(
                            .h2("Leaving the cohort"),
                            .form(
                                .method(.post), .action(Site.cohortMemberExit(p.id, m.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                                Forms.text(exit.field("exited_on", "Left on"), value: exit["exited_on"] ?? today.iso),
                                Forms.text(exit.field("exit_reason", "Why", hint: "For example: order completed; moved away"), value: exit["exit_reason"]),
                                Forms.submit("Record leaving")))),
                    .h2("Add to the team"),
                    .form(
                        .method(.post), .action(Site.cohortMemberTeam(p.id, m.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.select(
                            form("team").field("user_id", "Person"),
                            options: candidates.filter { c in !team.contains { $0.id == c.id } }.map { ("\($0.id)", "\($0.name) (\($0.role.label))") }, selected: nil,
                            blank: "Choose"),
                        .input(.type(.hidden), .name("member"), .value("yes")),
                        Forms.submit("Add to the team")))),
            .p(.a(.href(Site.cohort(p.id)), "All records")))
    }
}
