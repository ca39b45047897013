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
            ("Income from funding streams", .text(income.exact)), ("Budget", .text(t.budget.exact)), ("Committed", .text(t.committed.exact)),
            (m.kind == .yearEnd ? "Spent in the year (outturn)" : "Spent so far", .text(spent.exact)), ("Budget less spend", .text(variance.exact)),
            ("Income less spend", .text((income - spent).exact)),
        ]
        return document.render(
            toolbar: toolbar,
            [
                document.section("summary", [SummaryList(items: summary).node, .p(.text(outturn))]),
                document.section(
                    "lines",
                    [
                        DataTable(
                            caption: "Budget lines, \(m.year)", headers: BudgetView.headers,
                            rows: m.lines.map { l in BudgetView.cells(l.name, budget: l.budget, committed: l.committed, spent: l.spent).map { .text($0) } }
                                + (m.lines.isEmpty ? [] : [BudgetView.cells("Total", budget: t.budget, committed: t.committed, spent: t.spent).map { .strong(.text($0)) }]),
                            empty: "No budget lines for \(m.year)."
                        ).node
                    ]),
                document.section(
                    "income",
                    [
                        DataTable(
                            caption: "Funding streams, \(m.year)", headers: ["Stream", "Source", "Funder", "Amount"],
                            rows: m.streams.map { [.text($0.name), .text($0.source.label), .text($0.funder), .text($0.amount.exact)] }
                                + (m.streams.isEmpty ? [] : [[.strong("Total"), .text(""), .text(""), .strong(.text(income.exact))]]),
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
                                    .text($0.priority.isEmpty ? "Not linked to a priority" : $0.priority), .text($0.budget.exact), .text($0.spent.exact),
                                    .text(($0.budget - $0.spent).exact),
                                ]
                            } + (m.lines.isEmpty ? [] : [[.strong("Total"), .strong(.text(t.budget.exact)), .strong(.text(spent.exact)), .strong(.text(variance.exact))]]),
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
                                    .text(s.fund.name), .text(s.fund.year.description), .text(s.fund.target.exact), .text(s.paidIn.exact), .text(s.drawnDown.exact),
                                    .text(s.balance.exact), .text(s.owed.exact),
                                ]
                            }, empty: "No pooled funds."
                        ).node
                    ]),
                document.section(
                    "services",
                    [
                        DataTable(
                            caption: "Commissioned services", headers: ["Service", "Provider", "Contract ends", "Value", "Renewal"],
                            rows: m.services.map { [.text($0.name), .text($0.provider), .text($0.endsOn.long), .text($0.value.exact), .text($0.renewal.label)] },
                            empty: "No commissioned services."
                        ).node
                    ]),
            ])
    }
}
