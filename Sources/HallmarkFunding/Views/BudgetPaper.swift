import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// The budget monitoring paper a coordinator takes to the board each quarter, and the year-end
/// statement: one A4 document from the records as they stand, every table adding up to its
/// total line.
package enum BudgetPaper {
    package enum Kind: String, Sendable, CaseIterable {
        case monitoring
        case yearEnd = "year-end"

        var kicker: String { self == .monitoring ? "Budget monitoring paper" : "Year-end statement" }
    }

    package struct Model {
        package var partnership: Partnership
        package var year: FinancialYear
        package var kind: Kind
        package var lines: [BudgetLine]
        package var streams: [FundingStream]
        package var pools: [PoolStatement]
        package var services: [CommissionedService]
        package var today: CalendarDate
    }

    static let sections = [
        ("summary", "Summary"), ("lines", "Budget lines"), ("income", "Funding streams"), ("priorities", "Spend by priority"), ("pools", "Pooled funds"),
        ("services", "Commissioned services"),
    ]

    /// How far through the year the figures go, in the paper's own words.
    static func status(_ m: Model) -> String {
        let prepared = "Prepared on \(m.today.long) from the budget as recorded"
        switch m.kind {
        case .monitoring: return prepared
        case .yearEnd:
            return m.today > m.year.last ? "\(prepared); the year ended on \(m.year.last.long)" : "Draft: \(m.year) ends on \(m.year.last.long). \(prepared)"
        }
    }

    package static func html(_ m: Model, toolbar: Node<HTML.BodyContext> = .empty) -> String {
        let p = m.partnership
        let document = A4Document(
            title: "\(p.name): \(m.kind == .monitoring ? "budget monitoring" : "year-end statement"), \(m.year)", kicker: m.kind.kicker,
            marginTitle: "\(p.name): \(m.kind.kicker.lowercased()) \(m.year)", status: status(m), fingerprint: nil, sections: sections)
        let t = BudgetView.totals(m.lines)
        let spent = t.spent.reduce(.zero, +)
        let income = m.streams.map(\.amount).reduce(.zero, +)
        let variance = t.budget - spent
        let outturn: String =
            m.lines.isEmpty
            ? "No budget lines are recorded for \(m.year)."
            : variance == .zero ? "Spend matches the budget exactly." : variance > .zero ? "Spend is \(variance) below the budget." : "Spend is \(-variance) above the budget."
        let summary: [(String, Node<HTML.BodyContext>)] = [
            ("Income from funding streams", .plainText(income.exact)), ("Budget", .plainText(t.budget.exact)), ("Committed", .plainText(t.committed.exact)),
            (m.kind == .yearEnd ? "Spent in the year (outturn)" : "Spent so far", .plainText(spent.exact)), ("Budget less spend", .plainText(variance.exact)),
            ("Income less spend", .plainText((income - spent).exact)),
        ]
        return document.render(
            toolbar: toolbar,
            [
                document.section("summary", [SummaryList(items: summary).node, .p(.plainText(outturn))]),
                document.section(
                    "lines",
                    [
                        DataTable(
                            caption: "Budget lines, \(m.year)", headers: BudgetView.headers,
                            rows: m.lines.map { l in BudgetView.cells(l.name, budget: l.budget, committed: l.committed, spent: l.spent).map { .plainText($0) } }
                                + (m.lines.isEmpty ? [] : [BudgetView.cells("Total", budget: t.budget, committed: t.committed, spent: t.spent).map { .strong(.plainText($0)) }]),
                            empty: "No budget lines for \(m.year)."
                        ).node
                    ]),
                document.section(
                    "income",
                    [
                        DataTable(
                            caption: "Funding streams, \(m.year)", headers: ["Stream", "Source", "Funder", "Amount"],
                            rows: m.streams.map { [.plainText($0.name), .plainText($0.source.label), .plainText($0.funder), .plainText($0.amount.exact)] }
                                + (m.streams.isEmpty ? [] : [[.strong("Total"), .plainText(""), .plainText(""), .strong(.plainText(income.exact))]]),
                            empty: "No funding streams recorded for \(m.year)."
                        ).node
                    ]),
                document.section(
                    "priorities",
                    [
                        DataTable(
                            caption: "Budget and spend by priority, \(m.year)", headers: ["Priority", "Budget", "Spent", "Budget less spend"],
                            rows: FundingView.byPriority(m.lines).map {
                                [
                                    .plainText($0.priority.isEmpty ? "Not linked to a priority" : $0.priority), .plainText($0.budget.exact), .plainText($0.spent.exact),
                                    .plainText(($0.budget - $0.spent).exact),
                                ]
                            }
                                + (m.lines.isEmpty
                                    ? [] : [[.strong("Total"), .strong(.plainText(t.budget.exact)), .strong(.plainText(spent.exact)), .strong(.plainText(variance.exact))]]),
                            empty: "No budget lines for \(m.year)."
                        ).node,
                        FundingView.overBudget(m.lines),
                    ]),
                document.section(
                    "pools",
                    [
                        DataTable(
                            caption: "Pooled funds", headers: ["Fund", "Year", "To be paid in", "Paid in", "Drawn down", "Balance", "Still owed"],
                            rows: m.pools.map { s in
                                [
                                    .plainText(s.fund.name), .plainText(s.fund.year.description), .plainText(s.fund.target.exact), .plainText(s.paidIn.exact),
                                    .plainText(s.drawnDown.exact),
                                    .plainText(s.balance.exact), .plainText(s.owed.exact),
                                ]
                            }, empty: "No pooled funds."
                        ).node
                    ]),
                document.section(
                    "services",
                    [
                        DataTable(
                            caption: "Commissioned services", headers: ["Service", "Provider", "Contract ends", "Value", "Renewal"],
                            rows: m.services.map {
                                [.plainText($0.name), .plainText($0.provider), .plainText($0.endsOn.long), .plainText($0.value.exact), .plainText($0.renewal.label)]
                            },
                            empty: "No commissioned services."
                        ).node
                    ]),
            ])
    }
}
