import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// Homicide reviews as their teams see them: the dashboard of every review they are on, by
/// stage, with the days since notification against the guidance's time; and one review.
package enum HomicideReviewView {
    package struct Row {
        package let review: HomicideReview
        package let stage: HomicideStage

        package init(review: HomicideReview, stage: HomicideStage) {
            self.review = review
            self.stage = stage
        }
    }

    package static func dashboard(
        _ p: Partnership, rows: [Row], settings: CaseSettings, canManage: Bool, form: FormModel, today: CalendarDate, layout: Layout
    ) -> String {
        let sorted = rows.sorted { ($0.stage, $0.review.notifiedOn) < ($1.stage, $1.review.notifiedOn) }
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Domestic homicide reviews"),
            .p(
                .plainText(
                    "Each review is seen only by its team; every view is logged. Here the decision whether to hold one is due within \(settings.homicideDecisionMonths) month\(settings.homicideDecisionMonths == 1 ? "" : "s") of notification, and the report goes to the Home Office within \(settings.homicideCompletionMonths) months of the decision. "
                ), .if(canManage, .a(.href(Site.caseSettings(p.id)), "Timescales"))),
            DataTable(
                caption: "Your reviews, by stage", headers: ["Reference", "Kind", "Notified", "Stage", "Days since notification", "Next deadline"],
                rows: sorted.map { row in
                    let r = row.review
                    let next = r.nextDeadline(settings, today: today)
                    return [
                        .a(.href(Site.homicideReview(p.id, r.id)), .plainText(r.reference)), .plainText(r.kind.label), .plainText(r.notifiedOn.long), .plainText(row.stage.label),
                        .span(.class("elapsed"), .plainText("\(r.daysElapsed(today: today))")),
                        next.map { $0.overdue ? .strong(.plainText($0.words)) : .plainText($0.words) } ?? .plainText("None"),
                    ]
                }, empty: "You are on the team of no homicide review."
            ).node,
            .if(
                canManage,
                .group(
                    .h2("Record a death notified to the partnership"),
                    .form(
                        .method(.post), .action(Site.homicideReviews(p.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.select(form.field("kind", "Kind of review"), options: Forms.options(HomicideReviewKind.self) { $0.label }, selected: form["kind"] ?? "dhr"),
                        Forms.text(form.field("notified_on", "Notified on", hint: "Like 2026-11-02"), value: form["notified_on"]),
                        Forms.text(form.field("victim_name", "Name of the person who died", hint: "Sealed; seen only by the review’s team"), value: form["victim_name"]),
                        Forms.textArea(form.field("circumstances", "Circumstances", hint: "Sealed; seen only by the review’s team"), value: form["circumstances"]),
                        Forms.submit("Record the notification")))))
    }

    package struct Detail {
        package let review: HomicideReview
        package let reports: [AgencyReport]
        package let actions: [ReviewAction]
        package let costs: [ReviewCost]
        package let funds: [(id: Int64, name: String)]
        package let team: [(id: Int64, name: String, role: Role)]
        package let candidates: [(id: Int64, name: String, role: Role)]

        package init(
            review: HomicideReview, reports: [AgencyReport], actions: [ReviewAction], costs: [ReviewCost], funds: [(id: Int64, name: String)],
            team: [(id: Int64, name: String, role: Role)], candidates: [(id: Int64, name: String, role: Role)]
        ) {
            self.review = review
            self.reports = reports
            self.actions = actions
            self.costs = costs
            self.funds = funds
            self.team = team
            self.candidates = candidates
        }
    }

    package static func show(
        _ p: Partnership, _ d: Detail, access: CaseAccess, settings: CaseSettings, canChange: Bool, failed: (form: String, model: FormModel)?, today: CalendarDate,
        layout: Layout
    ) -> String {
        let r = d.review
        func form(_ name: String) -> FormModel { failed?.form == name ? failed!.model : FormModel() }
        let removed = r.personalDataRemovedOn.map { "Removed on \($0.long) at the end of retention" }
        let decision = form("decision"), progress = form("progress"), report = form("report"), received = form("received")
        let action = form("action"), done = form("done"), cost = form("cost")
        let open = d.reports.filter { $0.receivedOn == nil }, unfinished = d.actions.filter { $0.doneOn == nil }
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .if(
                access != .team,
                .div(
                    .class("notice warning"), .attribute(named: "role", value: "alert"),
                    .p("You are outside this review’s team. This view is logged and flagged for review with the reason you gave."))),
            .span(.class("caption"), .plainText("\(p.name), \(r.kind.label)")),
            .h1(.plainText(r.reference)),
            SummaryList(items: [
                ("Stage", .plainText(r.stage(actions: d.actions).label)),
                ("Notified", .group(.plainText("\(r.notifiedOn.long), "), .span(.class("elapsed"), .plainText("\(r.daysElapsed(today: today))")), .plainText(" days ago"))),
                ("Person who died", .plainText(removed ?? r.victimName ?? "")), ("Circumstances", .plainText(removed ?? r.circumstances ?? "")),
                (
                    "Decision",
                    .plainText(r.decision.map { "\($0.label), on \(r.decidedOn?.long ?? "")" + (r.decisionReason.isEmpty ? "" : ": \(r.decisionReason)") } ?? "Not yet made")
                ),
                ("Decision due", .plainText(r.decisionDeadline(settings, today: today).words)),
                ("Home Office told of the decision", .plainText(r.homeOfficeInformedOn?.long ?? "Not yet")),
                ("Chair", .plainText(r.chair.isEmpty ? "Not appointed" : r.chair)),
                ("Panel", .plainText(r.panel.isEmpty ? "Not recorded" : r.panel.split(whereSeparator: \.isNewline).joined(separator: "; "))),
                ("Draft report", .plainText(r.draftOn?.long ?? "Not yet")),
                ("Report to the Home Office", .plainText(r.completionDeadline(settings, today: today)?.words ?? "Only once a review is to be held")),
                ("Quality assurance", .plainText(r.qaOutcome.isEmpty ? "No outcome yet" : r.qaOutcome)), ("Published", .plainText(r.publishedOn?.long ?? "Not yet")),
            ]).node,
            DataTable(
                caption: "Agencies’ reports (Individual Management Reviews)", headers: ["Agency", "Asked for", "Due", "Received"],
                rows: d.reports.map { x in
                    let deadline = Deadline.of(due: x.dueOn, done: x.receivedOn, today: today)
                    return [
                        .plainText(x.agency), .plainText(x.requestedOn.long), .plainText(x.dueOn.long),
                        deadline.overdue ? .strong(.plainText(deadline.words)) : .plainText(deadline.words),
                    ]
                }, empty: "None asked for yet."
            ).node,
            DataTable(
                caption: "The action plan", headers: ["Action", "Owner", "Due", "Done"],
                rows: d.actions.map { a in
                    let deadline = Deadline.of(due: a.dueOn, done: a.doneOn, today: today)
                    return [
                        .plainText(a.action), .plainText(a.owner), .plainText(a.dueOn.long), deadline.overdue ? .strong(.plainText(deadline.words)) : .plainText(deadline.words),
                    ]
                }, empty: "No actions yet."
            ).node,
            DataTable(
                caption: "Costs, paid from the pooled fund", headers: ["Cost", "Paid on", "Fund", "Amount"],
                rows: d.costs.map { [.plainText($0.description), .plainText($0.paidOn.long), .plainText($0.fund), .plainText($0.amount.description)] }
                    + (d.costs.isEmpty
                        ? [] : [[.strong("Total"), .plainText(""), .plainText(""), .strong(.plainText(d.costs.reduce(Money.zero) { $0 + $1.amount }.description))]]),
                empty: "No costs yet."
            ).node,
            DataTable(caption: "The review’s team", headers: ["Name", "Role"], rows: d.team.map { [.plainText($0.name), .plainText($0.role.label)] }, empty: "No one.").node,
            .if(
                canChange,
                .group(
                    .h2("The decision"),
                    .form(
                        .method(.post), .action(Site.homicideReviewDecision(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.select(
                            decision.field("decision", "Decision"), options: Forms.options(HomicideDecision.self) { $0.label },
                            selected: decision["decision"] ?? r.decision?.rawValue,
                            blank: "Choose"),
                        Forms.text(decision.field("decided_on", "Decided on", hint: "Like 2026-11-20"), value: decision["decided_on"] ?? r.decidedOn?.iso),
                        Forms.textArea(decision.field("decision_reason", "Reasons"), value: decision["decision_reason"] ?? r.decisionReason),
                        Forms.text(
                            decision.field("home_office_informed_on", "Home Office told on", hint: "Empty until it is"),
                            value: decision["home_office_informed_on"] ?? r.homeOfficeInformedOn?.iso),
                        Forms.submit("Save the decision")),
                    .h2("Chair, panel and the report"),
                    .form(
                        .method(.post), .action(Site.homicideReviewProgress(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(progress.field("chair", "Independent chair"), value: progress["chair"] ?? r.chair),
                        Forms.textArea(progress.field("panel", "Panel", hint: "The agencies and roles on it, one a line"), value: progress["panel"] ?? r.panel),
                        Forms.text(progress.field("draft_on", "Draft report on"), value: progress["draft_on"] ?? r.draftOn?.iso),
                        Forms.text(
                            progress.field("qa_submitted_on", "Sent to the Home Office for quality assurance on"), value: progress["qa_submitted_on"] ?? r.qaSubmittedOn?.iso),
                        Forms.text(progress.field("qa_outcome", "Quality assurance outcome"), value: progress["qa_outcome"] ?? r.qaOutcome),
                        Forms.text(progress.field("published_on", "Published on"), value: progress["published_on"] ?? r.publishedOn?.iso),
                        Forms.submit("Save")),
                    .h2("Ask an agency for its report"),
                    .form(
                        .method(.post), .action(Site.homicideReviewReports(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(report.field("agency", "Agency"), value: report["agency"]),
                        Forms.text(report.field("requested_on", "Asked for on"), value: report["requested_on"] ?? today.iso),
                        Forms.text(report.field("due_on", "Due by"), value: report["due_on"]),
                        Forms.submit("Ask for the report")),
                    .if(
                        !open.isEmpty,
                        .form(
                            .method(.post), .action(Site.homicideReviewReportReceived(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                            Forms.select(
                                received.field("report_id", "Report received"), options: open.map { ("\($0.id)", $0.agency) }, selected: received["report_id"], blank: "Choose"),
                            Forms.text(received.field("received_on", "Received on"), value: received["received_on"] ?? today.iso),
                            Forms.submit("Record it received"))),
                    .h2("The action plan"),
                    .form(
                        .method(.post), .action(Site.homicideReviewActions(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(action.field("action", "Action"), value: action["action"]),
                        Forms.text(action.field("owner", "Owner"), value: action["owner"]),
                        Forms.text(action.field("action_due_on", "Due by"), value: action["action_due_on"]),
                        Forms.submit("Add the action")),
                    .if(
                        !unfinished.isEmpty,
                        .form(
                            .method(.post), .action(Site.homicideReviewActionDone(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                            Forms.select(done.field("action_id", "Action done"), options: unfinished.map { ("\($0.id)", $0.action) }, selected: done["action_id"], blank: "Choose"),
                            Forms.text(done.field("done_on", "Done on"), value: done["done_on"] ?? today.iso),
                            Forms.submit("Record it done"))),
                    .h2("A cost of the review"),
                    d.funds.isEmpty
                        ? .p("Neither the partnership nor its county has a pooled fund to pay from yet.")
                        : .form(
                            .method(.post), .action(Site.homicideReviewCosts(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                            Forms.text(cost.field("description", "What it paid for", hint: "For example: the independent chair’s fee"), value: cost["description"]),
                            Forms.text(cost.field("amount", "Amount", hint: "In pounds, like 4,500"), value: cost["amount"]),
                            Forms.text(cost.field("paid_on", "Paid on"), value: cost["paid_on"] ?? today.iso),
                            Forms.select(cost.field("fund_id", "Pooled fund"), options: d.funds.map { ("\($0.id)", $0.name) }, selected: cost["fund_id"], blank: "Choose"),
                            Forms.submit("Pay it from the fund")),
                    .h2("Add to the team"),
                    .form(
                        .method(.post), .action(Site.homicideReviewTeam(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.select(
                            form("team").field("user_id", "Person"),
                            options: d.candidates.filter { c in !d.team.contains { $0.id == c.id } }.map { ("\($0.id)", "\($0.name) (\($0.role.label))") }, selected: nil,
                            blank: "Choose"),
                        .input(.type(.hidden), .name("member"), .value("yes")),
                        Forms.submit("Add to the team")))),
            .p(.a(.href(Site.homicideReviews(p.id)), "All homicide reviews")))
    }
}
