import Foundation
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import Plot

/// The whole plan's evidence chain on one page: for each priority, the figures that justified
/// it, the actions against it, the money and the indicators; then the same read backwards, from
/// each indicator (red first) to the priority it measures and the actions that depend on it.
package enum ChainView {
    package struct Link {
        package var priority: PlanPriority
        package var actions: [PlanAction]
        package var lines: [BudgetLine]
        package var readings: [IndicatorReading]

        package init(priority: PlanPriority, actions: [PlanAction], lines: [BudgetLine], readings: [IndicatorReading]) {
            self.priority = priority
            self.actions = actions
            self.lines = lines
            self.readings = readings
        }
    }

    static let worstFirst: [RAG] = [.red, .amber, .none, .green]

    package static func render(_ p: Partnership, links: [Link], unlinked: [IndicatorReading], today: CalendarDate, layout: Layout) -> String {
        let backwards = (links.flatMap { l in l.readings.map { ($0, Optional(l)) } } + unlinked.map { ($0, nil) }).sorted {
            (worstFirst.firstIndex(of: $0.0.rag) ?? 0, $0.0.indicator.name) < (worstFirst.firstIndex(of: $1.0.rag) ?? 0, $1.0.indicator.name)
        }
        return layout.render(
            .span(.class("caption"), .plainText(p.name)),
            .h1("The evidence chain"),
            .p("From the assessment’s figures to each priority, the actions against it, the money spent and the indicators that show whether it worked; then back again."),
            .p(.class("export"), .a(.href(Site.planActionsCSV(p.id)), "Download every action as CSV")),
            .h2("Forwards: figure, priority, action, money, indicator"),
            .if(links.isEmpty, .p(.class("empty"), "The plan has no priorities yet.")),
            .forEach(links) { l in
                let budget = l.lines.map(\.budget).reduce(.zero, +), spent = l.lines.map(\.spentInYear).reduce(.zero, +)
                return .section(
                    .class("chain"), .attribute(named: "aria-labelledby", value: "priority-\(l.priority.id)"),
                    .h3(.id("priority-\(l.priority.id)"), .a(.href(Site.planPriority(p.id, l.priority.id)), .plainText(l.priority.listed))),
                    SummaryList(items: [
                        ("Evidence", .plainText(l.priority.fromAssessment ? l.priority.evidence : "Added by the partnership: \(l.priority.reason)")),
                        (
                            "Actions",
                            l.actions.isEmpty
                                ? .plainText("None yet: nothing is being done for it")
                                : .ul(
                                    .forEach(l.actions) { a in
                                        .li(
                                            .a(.href(Site.planAction(p.id, a.id)), .plainText(a.title)),
                                            .plainText(" (\(a.owner); \(a.status.label.lowercased())\(a.overdue(on: today) ? ", overdue since \(a.dueOn.long)" : ""))"))
                                    })
                        ),
                        ("Money", .plainText(l.lines.isEmpty ? "No budget line serves it" : "\(budget.exact) budgeted, \(spent.exact) spent")),
                        (
                            "Indicators",
                            l.readings.isEmpty
                                ? .plainText("None: nothing shows whether it worked")
                                : .ul(
                                    .forEach(l.readings) { r in
                                        .li(
                                            .a(.href(Site.indicator(p.id, r.indicator.id)), .plainText(r.indicator.name)), .plainText(": "), PlanView.ragCell(r.rag),
                                            .plainText(r.latest.map { ", \(PlanView.value($0.value)) in the \(r.indicator.frequency.period($0.month))" } ?? ", no values yet"))
                                    })
                        ),
                    ]).node)
            },
            .h2("Backwards: from each indicator, worst first"),
            DataTable(
                caption: "What depends on each indicator", headers: ["Indicator", "Rating", "Priority it measures", "Actions under way", "Actions done or withdrawn"],
                rows: backwards.map { r, l in
                    [
                        .a(.href(Site.indicator(p.id, r.indicator.id)), .plainText(r.indicator.name)), PlanView.ragCell(r.rag),
                        l.map { .a(.href(Site.planPriority(p.id, $0.priority.id)), .plainText($0.priority.listed)) } ?? .plainText("None: the link is missing"),
                        .plainText(l.map { "\($0.actions.filter { !$0.status.closed }.count)" } ?? "–"),
                        .plainText(l.map { "\($0.actions.filter(\.status.closed).count)" } ?? "–"),
                    ]
                }, empty: "No indicators yet."
            ).node,
            .p(.a(.href(Site.plan(p.id)), "Back to the plan")))
    }

    /// Every action, with where it sits in the chain: for a spreadsheet.
    package static func actionsCSV(_ links: [Link], strategies: [PlanStrategy], milestones: [PlanMilestone], lines: [BudgetLine], today: CalendarDate) -> CSVDocument {
        CSVDocument(
            headers: [
                "priority", "strategy", "action", "plan", "owner_organisation", "owner", "due_on", "status", "overdue", "budget_line", "milestones_reached",
                "milestones",
            ],
            rows: links.flatMap { l in
                l.actions.map { a in
                    let steps = milestones.filter { $0.actionID == a.id }
                    return [
                        l.priority.title, a.strategyID.flatMap { id in strategies.first { $0.id == id }?.title } ?? "", a.title, a.plan.rawValue, a.ownerOrganisation,
                        a.ownerName, a.dueOn.iso, a.status.rawValue, a.overdue(on: today) ? "yes" : "no",
                        a.budgetLineID.flatMap { id in lines.first { $0.id.rawValue == id }?.name } ?? "", "\(steps.filter { $0.doneOn != nil }.count)", "\(steps.count)",
                    ]
                }
            })
    }
}
