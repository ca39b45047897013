import Foundation
import HallmarkDomain
import HallmarkStore
import HallmarkFunding
import HallmarkKit
import Plot

/// The plan: its priorities, each with its actions, indicators and money at a glance, and the
/// form that adds a priority from the approved assessment or with a reason.
package enum PlanView {
    package struct Row {
        package var priority: PlanPriority
        package var actions: [PlanAction]
        package var readings: [IndicatorReading]
        package var budget: Money
        package var spent: Money
    }

    package static func render(
        _ p: Partnership, rows: [Row], assessment: (version: RecordVersion, themes: [PlanService.Theme])?, canEdit: Bool, form: FormModel, today: CalendarDate,
        hasMembers: Bool = false, versions: [RecordVersion] = [], layout: Layout
    ) -> String {
        let taken = Set(rows.map(\.priority.theme))
        let themes = assessment?.themes.filter { !taken.contains($0.name) } ?? []
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Partnership plan"),
            .p(
                "Each priority links back to the assessment that justified it, and on to the actions against it, the money spent and the indicators that show whether it worked. Open a priority to follow the chain."
            ),
            .p(.a(.href(Site.indicators(p.id)), "Indicators dashboard: every indicator’s latest value, target and rating")),
            .p(.a(.href(Site.planChain(p.id)), "The evidence chain: every priority from its figures to its actions, money and indicators, and back")),
            .p(.a(.href(Site.selfAssessment(p.id)), "Hallmarks self-assessment: how members rate the partnership, and what it will improve")),
            .p(.a(.href(Site.engagement(p.id)), "Engagement: events with residents, “you said, we did”, and consultations")),
            .if(hasMembers, .p(.a(.href(Site.agreement(p.id)), "Community Safety Agreement: the priorities of the partnerships beneath, and who shares each"))),
            DataTable(
                caption: "Priorities", headers: ["Priority", "From", "Actions under way", "Overdue", "Indicators red, amber, green", "Budget", "Spent"],
                rows: rows.map { r in
                    let rag = [RAG.red, .amber, .green].map { g in r.readings.filter { $0.rag == g }.count }
                    return [
                        .a(.href(Site.planPriority(p.id, r.priority.id)), .plainText(r.priority.listed)),
                        .plainText(r.priority.fromAssessment ? "Approved assessment" : "Added by the partnership"),
                        .plainText("\(r.actions.filter { !$0.status.closed }.count)"),
                        .plainText("\(r.actions.filter { $0.overdue(on: today) }.count)"), .plainText(rag.map(String.init).joined(separator: ", ")), .plainText(r.budget.exact),
                        .plainText(r.spent.exact),
                    ]
                }, empty: "The plan has no priorities yet."
            ).node,
            .h2("Versions of the plan"),
            DataTable(
                caption: "The plan as saved each year, latest first", headers: ["Version", "Status"],
                rows: versions.map { v in
                    [.a(.href(Site.planVersion(p.id, v.id)), .plainText(v.title)), .plainText(v.isApproved ? "Approved at \(v.approvedAtMeeting ?? "a meeting")" : "Draft")]
                }, empty: "None saved yet."
            ).node,
            .if(
                canEdit && !rows.isEmpty,
                .form(
                    .method(.post), .action(Site.planVersions(p.id)), .class("inline-form"), .novalidate(),
                    Forms.csrf(layout.csrfToken),
                    Forms.text(
                        Forms.Field(name: "first_year", label: "First year of the three", hint: "Saves the plan as it stands, for the board to approve: for example 2026/27"),
                        value: FinancialYear(containing: today).description),
                    .button(.type(.submit), .class("button secondary"), "Save this year’s plan as a version"))),
            .if(
                canEdit,
                .group(
                    .h2("Add a priority"),
                    assessment == nil
                        ? .p("The partnership has no approved strategic assessment yet, so a priority can only be added with its reason. Approve an assessment to take its themes.")
                        : .p(
                            .plainText(
                                "From the assessment approved at \(assessment!.version.approvedAtMeeting ?? "a meeting") (\(assessment!.version.title)), or your own with a reason."
                            )),
                    .form(
                        .method(.post), .action(Site.planPriorities(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        .if(
                            !themes.isEmpty,
                            Forms.select(
                                form.field("theme", "Theme from the approved assessment", hint: "Highest ranked first; leave it unchosen to add your own"),
                                options: themes.map { ($0.name, "\($0.name) (triage \($0.triage))") }, selected: form["theme"], blank: "None: my own priority")),
                        Forms.text(form.field("title", "Title", hint: "Your own priority’s title, or a plainer name for the theme"), value: form["title"]),
                        Forms.textArea(form.field("reason", "Reason", hint: "Needed for your own priority: why the partnership takes it on"), value: form["reason"]),
                        Forms.submit("Add the priority")))))
    }

    static func ragCell(_ rag: RAG) -> Node<HTML.BodyContext> {
        .span(.class("rag rag-\(rag.rawValue)"), .plainText(rag.label))
    }

    /// A value as its owner would write it: to two places, with no trailing noughts (a count of
    /// 120 reads 120, not 120.00).
    static func value(_ v: Double?) -> String {
        guard let v else { return "–" }
        var text = FixedPoint.text(v, places: 2)
        while text.contains("."), text.hasSuffix("0") || text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// One priority's evidence chain: the assessment's figures that justified it, the actions
/// against it with owners and progress, the money, and the indicators that show whether it worked.
package enum PriorityView {
    package struct Model {
        package var priority: PlanPriority
        package var actions: [PlanAction]
        package var strategies: [PlanStrategy]
        package var risks: [PlanRisk]
        package var lines: [BudgetLine]
        package var readings: [IndicatorReading]
        package var owners: [(id: Int64, name: String)]
        package var allLines: [BudgetLine]
        package var canEdit: Bool
        package var today: CalendarDate
        /// The add-indicator form as a national indicator fills it, when one was chosen.
        package var template: [String: String]? = nil
    }

    package static func render(_ p: Partnership, _ m: Model, failed: (form: String, model: FormModel)?, csrf: String, layout: Layout) -> String {
        let actionForm = failed?.form == "action" ? failed!.model : FormModel()
        let riskForm = failed?.form == "risk" ? failed!.model : FormModel()
        let strategyForm = failed?.form == "strategy" ? failed!.model : FormModel()
        let withdrawForm = failed?.form == "withdraw" ? failed!.model : FormModel()
        let changeForm =
            failed?.form == "change" ? failed!.model : FormModel(input: ["priority_title": m.priority.title, "priority_reason": m.priority.reason])
        let indicatorForm =
            failed?.form == "indicator" ? failed!.model : FormModel(input: m.template ?? ["tolerance": "5", "polarity": Polarity.lowerIsBetter.rawValue])
        let budget = m.lines.map(\.budget).reduce(.zero, +), spent = m.lines.map(\.spentInYear).reduce(.zero, +)
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .span(.class("caption"), .plainText("\(p.name), partnership plan")),
            .h1(.plainText(m.priority.title)),
            .unwrap(m.priority.withdrawnOn) { day in
                .div(.class("warning"), .p(.strong(.plainText("Withdrawn on \(day.long)")), .plainText(": \(m.priority.withdrawnReason)")))
            },
            .h2("Why it is a priority"),
            m.priority.fromAssessment
                ? .group(
                    .p(
                        .plainText("From the theme “\(m.priority.theme)” of the approved strategic assessment "),
                        .a(.href(Site.assessmentVersion(p.id, m.priority.assessmentVersionID!)), .plainText("(the version it was chosen from)")), .plainText(".")),
                    .p(.class("kept-lines"), .plainText(m.priority.evidence)))
                : .p(.plainText("Added by the partnership: \(m.priority.reason)")),
            .unwrap(m.priority.fromAssessment && !m.priority.reason.isEmpty ? m.priority.reason : nil) { .p(.plainText("The partnership’s note: \($0)")) },
            .h2("Strategies and actions"),
            .forEach(m.strategies) { strategy in
                .group(
                    .h3(.plainText(strategy.title)),
                    .unwrap(strategy.description.isEmpty ? nil : strategy.description, Paragraphs.node),
                    .if(
                        m.canEdit && !m.priority.withdrawn,
                        .form(
                            .method(.post), .action(Site.removeStrategy(p.id, m.priority.id)),
                            Forms.csrf(csrf),
                            .input(.type(.hidden), .name("strategy_id"), .value("\(strategy.id)")),
                            .button(
                                .type(.submit), .class("link-button"), "Take out this strategy",
                                .span(.class("visually-hidden"), .plainText(": \(strategy.title)"))))),
                    actionTable(p, m.actions.filter { $0.strategyID == strategy.id }, caption: "Actions of the strategy “\(strategy.title)”", m))
            },
            actionTable(
                p, m.actions.filter { $0.strategyID == nil }, caption: m.strategies.isEmpty ? "Actions against \(m.priority.title)" : "Actions under no strategy", m),
            .h2("Risks"),
            DataTable(
                caption: "Risks to \(m.priority.title), highest first",
                headers: ["Risk", "Likelihood", "Impact", "Score", "Band", "What is done about it", "Owner"] + (m.canEdit ? ["Change"] : []),
                rows: m.risks.map { r in
                    [
                        .plainText(r.risk), .plainText("\(r.likelihood)"), .plainText("\(r.impact)"), .plainText("\(r.score)"), .plainText(r.band),
                        .plainText(r.mitigation.isEmpty ? "–" : r.mitigation),
                        .plainText(r.owner),
                    ]
                        + (m.canEdit
                            ? [
                                .form(
                                    .method(.post), .action(Site.removeRisk(p.id, m.priority.id)),
                                    Forms.csrf(csrf),
                                    .input(.type(.hidden), .name("risk_id"), .value("\(r.id)")),
                                    .button(.type(.submit), .class("link-button"), "Take off", .span(.class("visually-hidden"), .plainText(" the risk: \(r.risk)"))))
                            ] : [])
                }, empty: "No risks recorded."
            ).node,
            .h2("Money"),
            DataTable(
                caption: "Budget lines serving \(m.priority.title)", headers: ["Line", "Year", "Budget", "Spent"],
                rows: m.lines.map { [.plainText($0.name), .plainText($0.year.description), .plainText($0.budget.exact), .plainText($0.spentInYear.exact)] }
                    + (m.lines.isEmpty ? [] : [[.strong("Total"), .plainText(""), .strong(.plainText(budget.exact)), .strong(.plainText(spent.exact))]]),
                empty: "No budget line serves this priority yet (link one to an action, or name the priority on the line)."
            ).node,
            .h2("Indicators"),
            DashboardView.table(p, m.readings, caption: "Indicators of \(m.priority.title)"),
            .h2("On the public site"),
            m.priority.publicSummary.isEmpty
                ? .p("Not published: the public site does not show this priority.")
                : .group(.p("Published, as:"), .blockquote(Paragraphs.node(m.priority.publicSummary)), .p(.a(.href(Site.publicPlan(p.id)), "See the public page"))),
            .if(
                m.canEdit,
                .form(
                    .method(.post), .action(Site.priorityPublic(p.id, m.priority.id)), .novalidate(),
                    Forms.csrf(csrf),
                    Forms.textArea(
                        (failed?.form == "public" ? failed!.model : FormModel(input: ["public_summary": m.priority.publicSummary])).field(
                            "public_summary", "What the public site says of it",
                            hint: "In plain words: why it matters and how it is going. Leave empty to take it off the public site."),
                        value: failed?.form == "public" ? failed!.model["public_summary"] : m.priority.publicSummary),
                    Forms.submit("Save for the public site"))),
            .if(
                m.canEdit,
                .group(
                    .if(
                        !m.priority.withdrawn,
                        .group(
                            .h2("Add an action"),
                            .form(
                                .method(.post), .action(Site.planActions(p.id, m.priority.id)), .novalidate(),
                                Forms.csrf(csrf),
                                Forms.text(actionForm.field("title", "Action"), value: actionForm["title"]),
                                Forms.text(
                                    actionForm.field("owner_organisation", "Organisation that owns it", hint: "For example Leicestershire Police"),
                                    value: actionForm["owner_organisation"]),
                                Forms.select(
                                    actionForm.field("owner_user_id", "Person who updates it", hint: "Someone with an account here; they may update this action’s progress"),
                                    options: m.owners.map { ("\($0.id)", $0.name) }, selected: actionForm["owner_user_id"], blank: "Nobody with an account"),
                                Forms.text(actionForm.field("due_on", "Due", hint: "Like 2027-03-31"), value: actionForm["due_on"]),
                                ActionView.choices(actionForm, lines: m.allLines, strategies: m.strategies),
                                Forms.submit("Add the action")),
                            .h2("Add a strategy"),
                            .p("A strategy says how the priority is to be met; actions may then be placed under it."),
                            .form(
                                .method(.post), .action(Site.planStrategies(p.id, m.priority.id)), .novalidate(),
                                Forms.csrf(csrf),
                                Forms.text(
                                    strategyForm.field("strategy_title", "Strategy", hint: "For example: Target the repeat locations"), value: strategyForm["strategy_title"]),
                                Forms.textArea(
                                    strategyForm.field("strategy_description", "How it meets the priority", hint: "Optional"), value: strategyForm["strategy_description"]),
                                Forms.submit("Add the strategy")),
                            .h2("Add a risk"),
                            .form(
                                .method(.post), .action(Site.planRisks(p.id, m.priority.id)), .novalidate(),
                                Forms.csrf(csrf),
                                Forms.text(riskForm.field("risk", "Risk", hint: "What might stop the priority being met"), value: riskForm["risk"]),
                                Forms.text(riskForm.field("likelihood", "Likelihood", hint: "1 (rare) to 5 (almost certain)"), value: riskForm["likelihood"]),
                                Forms.text(riskForm.field("impact", "Impact", hint: "1 (negligible) to 5 (severe)"), value: riskForm["impact"]),
                                Forms.textArea(riskForm.field("mitigation", "What is done about it", hint: "Optional"), value: riskForm["mitigation"]),
                                Forms.text(riskForm.field("risk_owner", "Owner"), value: riskForm["risk_owner"]),
                                Forms.submit("Add the risk")),
                            .h2(.id("add-indicator"), "Add an indicator"),
                            .form(
                                .method(.get), .action(Site.planPriority(p.id, m.priority.id) + "#add-indicator"), .class("inline-form"),
                                Forms.select(
                                    Forms.Field(name: "template", label: "Start from a national indicator", hint: "Optional: fills in the form below"),
                                    options: NationalIndicators.all.map { ($0.code, "\($0.code): \($0.name)") }, selected: nil, blank: "Choose one"),
                                .button(.type(.submit), .class("button secondary"), "Fill in")),
                            .form(
                                .method(.post), .action(Site.priorityIndicators(p.id, m.priority.id)), .novalidate(),
                                Forms.csrf(csrf),
                                IndicatorView.fields(indicatorForm),
                                Forms.submit("Add the indicator")))),
                    .h2("Change this priority"),
                    .form(
                        .method(.post), .action(Site.changePriority(p.id, m.priority.id)), .novalidate(),
                        Forms.csrf(csrf),
                        Forms.text(
                            changeForm.field("priority_title", "Title", hint: "Budget lines that name the priority are renamed with it"), value: changeForm["priority_title"]),
                        Forms.textArea(
                            changeForm.field(
                                "priority_reason", m.priority.fromAssessment ? "The partnership’s note" : "Reason",
                                hint: m.priority.fromAssessment ? "Optional: the assessment’s evidence stays as it was" : "Why the partnership takes it on"),
                            value: changeForm["priority_reason"]),
                        Forms.submit("Save the changes")),
                    .if(
                        !m.priority.withdrawn,
                        .group(
                            .h2("Withdraw this priority"),
                            .p(
                                "A priority the partnership no longer pursues is withdrawn, not deleted: its actions, indicators and money stay on record under it. First mark each of its actions done, or withdraw it."
                            ),
                            .form(
                                .method(.post), .action(Site.withdrawPriority(p.id, m.priority.id)), .novalidate(),
                                Forms.csrf(csrf),
                                Forms.textArea(
                                    withdrawForm.field("withdrawn_reason", "Reason for withdrawing it", hint: "For example: merged into the county’s violence reduction priority"),
                                    value: withdrawForm["withdrawn_reason"]),
                                .button(.type(.submit), .class("button warning"), "Withdraw this priority")))))),
            .p(.a(.href(Site.plan(p.id)), "Back to the plan")))
    }

    /// Actions with their owner, date and status; a withdrawn one says so and stays listed.
    static func actionTable(_ p: Partnership, _ actions: [PlanAction], caption: String, _ m: Model) -> Node<HTML.BodyContext> {
        DataTable(
            caption: caption, headers: ["Action", "Plan", "Owner", "Due", "Status", "Budget line"],
            rows: actions.map { a in
                [
                    .a(.href(Site.planAction(p.id, a.id)), .plainText(a.title)), .plainText(a.plan == .operational ? "Operational" : "Transformation"), .plainText(a.owner),
                    .plainText(a.dueOn.long + (a.overdue(on: m.today) ? " (overdue)" : "")), .plainText(a.status.label),
                    .plainText(a.budgetLineID.flatMap { id in m.allLines.first { $0.id.rawValue == id }?.name } ?? "–"),
                ]
            }, empty: "No actions yet."
        ).node
    }
}
