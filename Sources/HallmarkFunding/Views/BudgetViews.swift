import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// A partnership's budget for a year: each line's budget, commitments, spend by quarter and
/// what is left, with totals that add up to the penny; the form for a new line.
package enum BudgetView {
    static let headers = ["Line", "Budget", "Committed", "Spent Apr–Jun", "Spent Jul–Sep", "Spent Oct–Dec", "Spent Jan–Mar", "Spent in the year", "Budget less spend"]

    static func cells(_ name: String, budget: Money, committed: Money, spent: [Money]) -> [String] {
        let total = spent.reduce(.zero, +)
        return [name, budget.exact, committed.exact] + spent.map(\.exact) + [total.exact, (budget - total).exact]
    }

    package static func totals(_ lines: [BudgetLine]) -> (budget: Money, committed: Money, spent: [Money]) {
        (
            lines.map(\.budget).reduce(.zero, +), lines.map(\.committed).reduce(.zero, +),
            (0..<4).map { q in lines.map { $0.spent[q] }.reduce(.zero, +) }
        )
    }

    package static func render(_ p: Partnership, year: FinancialYear, lines: [BudgetLine], canEdit: Bool, form: FormModel, layout: Layout) -> String {
        let t = totals(lines)
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .text(p.name)),
            .h1(.text("Budget \(year)")),
            .form(
                .method(.get), .action(Site.budget(p.id)), .class("inline-form"),
                Forms.text(Forms.Field(name: "year", label: "Financial year", hint: "For example 2026/27"), value: year.description),
                .button(.type(.submit), .class("button secondary"), "Show")),
            .p(
                .a(.href(Site.budget(p.id) + "?year=\(year.previous)"), .text("\(year.previous)")), .text(" · "),
                .a(.href(Site.budget(p.id) + "?year=\(year.next)"), .text("\(year.next)"))),
            DataTable(
                caption: "Budget lines for \(year)", headers: headers,
                rows: lines.map { line in
                    let c = cells(line.name, budget: line.budget, committed: line.committed, spent: line.spent)
                    return [canEdit ? .a(.href(Site.budgetLine(p.id, line.id)), .text(c[0])) : .text(c[0])] + c.dropFirst().map { .text($0) }
                } + (lines.isEmpty ? [] : [cells("Total", budget: t.budget, committed: t.committed, spent: t.spent).map { .strong(.text($0)) }]),
                csvHref: lines.isEmpty ? nil : Site.budgetCSV(p.id) + "?year=\(year)", empty: "No budget lines for \(year) yet."
            ).node,
            .if(
                canEdit,
                .group(
                    .h2("Add a budget line"),
                    .form(
                        .method(.post), .action(Site.budget(p.id) + "?year=\(year)"), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        fields(form),
                        Forms.submit("Add the line")))))
    }

    package static func fields(_ form: FormModel) -> Node<HTML.FormContext> {
        .group(
            Forms.text(form.field("name", "Line", hint: "For example: IDVA service, or Partnership analyst"), value: form["name"]),
            Forms.text(form.field("budget", "Budget", hint: "In pounds, for example £25,000"), value: form["budget"]),
            Forms.text(form.field("committed", "Committed", hint: "Orders and contracts placed; leave empty for none"), value: form["committed"]),
            .forEach(BudgetLineDraft.quarters.enumerated()) { n, q in Forms.text(form.field("spent_q\(n + 1)", "Spent \(q)"), value: form["spent_q\(n + 1)"]) })
    }

    package static func line(_ p: Partnership, _ line: BudgetLine, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .text("\(p.name), budget \(line.year)")),
            .h1(.text(line.name)),
            .form(
                .method(.post), .action(Site.budgetLine(p.id, line.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                fields(form),
                Forms.submit("Save the line")),
            .p(.a(.href(Site.budget(p.id) + "?year=\(line.year)"), .text("Back to the budget for \(line.year)"))))
    }

    package static func csv(_ lines: [BudgetLine], year: FinancialYear) -> CSVDocument {
        let t = totals(lines)
        return CSVDocument(
            headers: ["line", "budget", "committed", "spent_q1", "spent_q2", "spent_q3", "spent_q4", "spent_in_year", "budget_less_spend"],
            rows: (lines.map { cells($0.name, budget: $0.budget, committed: $0.committed, spent: $0.spent) } + [
                cells("Total", budget: t.budget, committed: t.committed, spent: t.spent)
            ])
            .map { row in
                [row[0]] + row.dropFirst().map { $0.replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "−", with: "-") }
            })
    }
}
