import HallmarkDomain
import HallmarkKit
import Plot

/// The partnership's money for a year on one page: income from its streams against its budget,
/// what each priority has received, reminders about commissioned services, and the way to
/// every other money page.
package enum FundingView {
    package struct Model {
        package var year: FinancialYear
        package var streams: [FundingStream]
        package var lines: [BudgetLine]
        package var reminders: [ServiceReminders.Reminder]
        package var pools: [PooledFund]
        package var canEdit: Bool
    }

    /// Budget and spend by the priority each line serves, lines serving none together last.
    package static func byPriority(_ lines: [BudgetLine]) -> [(priority: String, budget: Money, spent: Money, lines: Int)] {
        let groups = Dictionary(grouping: lines, by: \.priority)
        return groups.keys.sorted { ($0.isEmpty ? 1 : 0, $0.lowercased()) < ($1.isEmpty ? 1 : 0, $1.lowercased()) }.map { key in
            let g = groups[key]!
            return (key, g.map(\.budget).reduce(.zero, +), g.map(\.spentInYear).reduce(.zero, +), g.count)
        }
    }

    package static func render(_ p: Partnership, _ m: Model, form: FormModel, layout: Layout) -> String {
        let income = m.streams.map(\.amount).reduce(.zero, +)
        let t = BudgetView.totals(m.lines)
        let spent = t.spent.reduce(.zero, +)
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1(.plainText("Funding and spending \(m.year)")),
            YearSwitch.node(Site.funding, p, m.year),
            SummaryList(items: [
                ("Income from funding streams", .plainText(income.exact)),
                ("Budget set", .plainText(t.budget.exact)),
                ("Income less budget", .plainText((income - t.budget).exact + (income < t.budget ? " (the budget is more than the income)" : ""))),
                ("Committed", .plainText(t.committed.exact)),
                ("Spent so far", .plainText(spent.exact)),
                ("Budget left (less each line’s spend or commitments, whichever is more)", .plainText(m.lines.map(\.uncommitted).reduce(.zero, +).exact)),
            ]).node,
            .unwrap(m.reminders.isEmpty ? nil : m.reminders) { reminders in
                .div(
                    .class("warning"), .attribute(named: "role", value: "status"),
                    .h2("Commissioned services needing attention"),
                    .ul(
                        .forEach(reminders) { r in
                            .li(.a(.href(m.canEdit ? Site.service(p.id, r.service.id) : Site.services(p.id)), .plainText(r.service.name)), .plainText(": \(r.message)"))
                        }))
            },
            .ul(
                .class("related"),
                .li(.a(.href(Site.budget(p.id) + "?year=\(m.year)"), .plainText("Budget lines for \(m.year): commitments and spend by quarter"))),
                .li(.a(.href(Site.budgetPaper(p.id) + "?year=\(m.year)"), .plainText("Budget monitoring paper for \(m.year), to print or download as PDF"))),
                .li(.a(.href(Site.budgetPaper(p.id) + "?year=\(m.year)&kind=year-end"), .plainText("Year-end statement for \(m.year)"))),
                .li(.a(.href(Site.projection(p.id) + "?from=\(m.year)"), "Projection over the coming years, with savings and deficits")),
                .li(.a(.href(Site.pooledFunds(p.id)), .plainText("Pooled funds (\(m.pools.count))"))),
                .li(.a(.href(Site.services(p.id)), "Commissioned services")),
                .li(.a(.href(Site.allocations(p.id)), "Allocations of grants among partnerships")),
                .li(.a(.href(Site.reconciliation(p.id)), "Check that a statement adds up"))),
            .h2(.id("streams"), "Funding streams"),
            DataTable(
                caption: "Funding streams for \(m.year)", headers: ["Stream", "Source", "Funder", "Amount", "Ends", "Conditions"],
                rows: m.streams.map { s in
                    [
                        m.canEdit ? .a(.href(Site.fundingStream(p.id, s.id)), .plainText(s.name)) : .plainText(s.name), .plainText(s.source.label), .plainText(s.funder),
                        .plainText(s.amount.exact), .plainText(s.endsOn?.long ?? "–"), .plainText(s.conditions.isEmpty ? "–" : s.conditions),
                    ]
                } + (m.streams.isEmpty ? [] : [[.strong("Total"), .plainText(""), .plainText(""), .strong(.plainText(income.exact)), .plainText(""), .plainText("")]]),
                csvHref: m.streams.isEmpty ? nil : Site.fundingStreamsCSV(p.id) + "?year=\(m.year)", empty: "No funding streams recorded for \(m.year)."
            ).node,
            .h2(.id("priorities"), "What each priority has received"),
            DataTable(
                caption: "Budget and spend by priority, \(m.year)", headers: ["Priority", "Budget lines", "Budget", "Spent", "Budget less spend"],
                rows: byPriority(m.lines).map { g in
                    [
                        .plainText(g.priority.isEmpty ? "Not linked to a priority" : g.priority), .plainText("\(g.lines)"), .plainText(g.budget.exact), .plainText(g.spent.exact),
                        .plainText((g.budget - g.spent).exact),
                    ]
                }
                    + (m.lines.isEmpty
                        ? []
                        : [
                            [
                                .strong("Total"), .strong(.plainText("\(m.lines.count)")), .strong(.plainText(t.budget.exact)), .strong(.plainText(spent.exact)),
                                .strong(.plainText((t.budget - spent).exact)),
                            ]
                        ]),
                csvHref: m.lines.isEmpty ? nil : Site.fundingPrioritiesCSV(p.id) + "?year=\(m.year)", empty: "No budget lines for \(m.year) yet."
            ).node,
            overBudget(m.lines),
            .if(
                m.canEdit,
                .group(
                    .h2("Add a funding stream"),
                    .form(
                        .method(.post), .action(Site.fundingStreams(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        .input(.type(.hidden), .name("year"), .value(m.year.description)),
                        streamFields(form, withYear: false),
                        Forms.submit("Add the stream")))))
    }

    /// The stream's fields; the year is asked for only when changing a stream (a new one takes the page's year).
    /// The priorities whose spend has passed their budget, said in words beneath the table.
    static func overBudget(_ lines: [BudgetLine]) -> Node<HTML.BodyContext> {
        let over = byPriority(lines).filter { $0.spent > $0.budget }
        return .unwrap(over.isEmpty ? nil : over) { over in
            .p(
                .class("warning"),
                .plainText(
                    "Over budget: "
                        + over.map { "\($0.priority.isEmpty ? "lines not linked to a priority" : $0.priority) by \(($0.spent - $0.budget).exact)" }.joined(separator: "; ") + "."))
        }
    }

    static func streamFields(_ form: FormModel, withYear: Bool = true) -> Node<HTML.FormContext> {
        .group(
            .if(withYear, Forms.text(form.field("year", "Financial year", hint: "For example 2026/27"), value: form["year"])),
            Forms.text(form.field("name", "Stream", hint: "For example: Community safety grant"), value: form["name"]),
            Forms.select(form.field("source", "Source"), options: Forms.options(FundingStream.Source.self) { $0.label }, selected: form["source"], blank: "Choose a source"),
            Forms.text(form.field("funder", "Funder", hint: "Who pays it, for example the Office of the Police and Crime Commissioner"), value: form["funder"]),
            Forms.text(form.field("amount", "Amount", hint: "In pounds, for example £120,000"), value: form["amount"]),
            Forms.text(form.field("ends_on", "Ends on", hint: "Optional, as a date like 2027-03-31"), value: form["ends_on"]),
            Forms.textArea(form.field("conditions", "Conditions", hint: "Optional: what the money may be spent on, reports due to the funder"), value: form["conditions"]))
    }

    package static func stream(_ p: Partnership, _ s: FundingStream, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(p.name), funding \(s.year)")),
            .h1(.plainText(s.name)),
            .form(
                .method(.post), .action(Site.fundingStream(p.id, s.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                streamFields(form),
                Forms.submit("Save the stream")),
            .p(.a(.href(Site.funding(p.id) + "?year=\(s.year)"), .plainText("Back to funding and spending \(s.year)"))))
    }

    package static func prioritiesCSV(_ lines: [BudgetLine]) -> CSVDocument {
        let groups = byPriority(lines)
        let budget = lines.map(\.budget).reduce(.zero, +), spent = lines.map(\.spentInYear).reduce(.zero, +)
        return CSVDocument(
            headers: ["priority", "budget_lines", "budget", "spent", "budget_less_spend"],
            rows: groups.map { [$0.priority, "\($0.lines)", $0.budget.plain, $0.spent.plain, ($0.budget - $0.spent).plain] }
                + [["Total", "\(lines.count)", budget.plain, spent.plain, (budget - spent).plain]])
    }

    package static func streamsCSV(_ streams: [FundingStream]) -> CSVDocument {
        CSVDocument(
            headers: ["year", "stream", "source", "funder", "amount", "ends_on", "conditions"],
            rows: streams.map { [$0.year.description, $0.name, $0.source.label, $0.funder, $0.amount.plain, $0.endsOn?.iso ?? "", $0.conditions] }
                + [["", "Total", "", "", streams.map(\.amount).reduce(.zero, +).plain, "", ""]])
    }
}
