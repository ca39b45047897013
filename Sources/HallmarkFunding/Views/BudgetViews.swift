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

    package static func render(
        _ p: Partnership, year: FinancialYear, lines: [BudgetLine], canEdit: Bool, form: FormModel, importForm: FormModel = FormModel(), layout: Layout
    ) -> String {
        let t = totals(lines)
        return layout.render(
            Forms.errorSummary(form.failure ?? importForm.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1(.plainText("Budget \(year)")),
            YearSwitch.node(Site.budget, p, year),
            DataTable(
                caption: "Budget lines for \(year)", headers: headers,
                rows: lines.map { line in
                    let c = cells(line.name, budget: line.budget, committed: line.committed, spent: line.spent)
                    return [canEdit ? .a(.href(Site.budgetLine(p.id, line.id)), .plainText(c[0])) : .plainText(c[0])] + c.dropFirst().map { .plainText($0) }
                } + (lines.isEmpty ? [] : [cells("Total", budget: t.budget, committed: t.committed, spent: t.spent).map { .strong(.plainText($0)) }]),
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
                        Forms.submit("Add the line")),
                    .div(
                        .class("screen-only"),
                        .h2(.id("import"), "Import the year’s lines from a spreadsheet"),
                        .p(
                            .plainText(
                                "Save the spreadsheet as CSV. The first row names the columns: line and budget, and any of committed, spent_q1 to spent_q4 and priority (this page’s CSV has them all). Amounts may have £ signs and commas. A line already in \(year) is brought up to the file’s figures; others are added. A Total row is checked against the lines. If anything is wrong nothing is saved, and the row and column are named."
                            )
                        ),
                        .form(
                            .method(.post), .action(Site.budgetImport(p.id) + "?year=\(year)"), .enctype(.multipartData), .novalidate(),
                            Forms.csrf(layout.csrfToken),
                            Forms.file(importForm.field("file", "CSV file"), accept: ".csv,text/csv"),
                            Forms.submit("Import"))))),
            .p(
                .a(.href(Site.funding(p.id) + "?year=\(year)"), .plainText("Funding and spending \(year)")), .plainText(" · "),
                .a(.href(Site.budgetPaper(p.id) + "?year=\(year)"), .plainText("Budget monitoring paper"))))
    }

    package static func fields(_ form: FormModel) -> Node<HTML.FormContext> {
        .group(
            Forms.text(form.field("name", "Line", hint: "For example: IDVA service, or Partnership analyst"), value: form["name"]),
            Forms.text(form.field("budget", "Budget", hint: "In pounds, for example £25,000"), value: form["budget"]),
            Forms.text(form.field("committed", "Committed", hint: "Orders and contracts placed; leave empty for none"), value: form["committed"]),
            Forms.text(form.field("priority", "Priority it serves", hint: "Optional: the plan’s priority, for example “Domestic abuse”"), value: form["priority"]),
            .forEach(BudgetLineDraft.quarters.enumerated()) { n, q in Forms.text(form.field("spent_q\(n + 1)", "Spent \(q)"), value: form["spent_q\(n + 1)"]) })
    }

    package static func line(_ p: Partnership, _ line: BudgetLine, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(p.name), budget \(line.year)")),
            .h1(.plainText(line.name)),
            .form(
                .method(.post), .action(Site.budgetLine(p.id, line.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                fields(form),
                Forms.submit("Save the line")),
            .p(.a(.href(Site.budget(p.id) + "?year=\(line.year)"), .plainText("Back to the budget for \(line.year)"))))
    }

    package static func csv(_ lines: [BudgetLine], year: FinancialYear) -> CSVDocument {
        let t = totals(lines)
        func row(_ name: String, _ budget: Money, _ committed: Money, _ spent: [Money], _ priority: String) -> [String] {
            let total = spent.reduce(.zero, +)
            return [name, budget.plain, committed.plain] + spent.map(\.plain) + [total.plain, (budget - total).plain, priority]
        }
        return CSVDocument(
            headers: ["line", "budget", "committed", "spent_q1", "spent_q2", "spent_q3", "spent_q4", "spent_in_year", "budget_less_spend", "priority"],
            rows: lines.map { row($0.name, $0.budget, $0.committed, $0.spent, $0.priority) } + [row("Total", t.budget, t.committed, t.spent, "")])
    }
}
