import HallmarkDomain
import HallmarkKit
import Plot

/// Pooled funds: the list with the form for a new one, and each fund's statement: partners'
/// shares, what each has paid and owes, and every payment and draw-down with the balance.
package enum PooledFundView {
    package static func list(_ p: Partnership, funds: [PooledFund], canEdit: Bool, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Pooled funds"),
            .p("Funds the partners pay into by agreed shares and the partnership draws on as needs arise, such as a fund for Domestic Homicide Reviews."),
            DataTable(
                caption: "Pooled funds, latest year first", headers: ["Fund", "Year", "To be paid in"],
                rows: funds.map { [.a(.href(Site.pooledFund(p.id, $0.id)), .plainText($0.name)), .plainText($0.year.description), .plainText($0.target.exact)] },
                empty: "No pooled funds yet."
            ).node,
            .if(
                canEdit,
                .group(
                    .h2("Set up a pooled fund"),
                    .form(
                        .method(.post), .action(Site.pooledFunds(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.text(form.field("name", "Fund", hint: "For example: Domestic Homicide Review fund"), value: form["name"]),
                        Forms.text(form.field("year", "Financial year", hint: "For example 2026/27"), value: form["year"]),
                        Forms.text(form.field("target", "Amount the partners agreed to pay in", hint: "In pounds, for example £30,000"), value: form["target"]),
                        Forms.textArea(form.field("purpose", "Purpose", hint: "Optional: what it pays for and how draw-downs are agreed"), value: form["purpose"]),
                        Forms.submit("Set up the fund")))),
            .p(.a(.href(Site.funding(p.id)), "Back to funding and spending")))
    }

    package static func statement(_ p: Partnership, _ s: PoolStatement, canEdit: Bool, failed: (form: String, model: FormModel)?, csrf: String, layout: Layout) -> String {
        let contributorForm = failed?.form == "contributor" ? failed!.model : FormModel()
        let movementForm = failed?.form == "movement" ? failed!.model : FormModel(input: ["moved_on": CalendarDate.today().iso, "kind": "payment"])
        let totalParts = s.lines.map(\.contributor.shareParts).reduce(0, +)
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .span(.class("caption"), .plainText("\(p.name), pooled fund \(s.fund.year)")),
            .h1(.plainText(s.fund.name)),
            .unwrap(s.fund.purpose.isEmpty ? nil : s.fund.purpose, Paragraphs.node),
            SummaryList(items: [
                ("To be paid in", .plainText(s.fund.target.exact)), ("Paid in", .plainText(s.paidIn.exact)), ("Drawn down", .plainText(s.drawnDown.exact)),
                ("Balance", .strong(.plainText(s.balance.exact))), ("Still owed by partners", .plainText(s.owed.exact)),
            ]).node,
            .h2("Partners and their shares"),
            DataTable(
                caption: "Who pays what into \(s.fund.name)", headers: ["Partner", "Share (parts)", "Share", "Due", "Paid", "Still owed"],
                rows: s.lines.map { l in
                    [
                        .plainText(l.contributor.name), .plainText("\(l.contributor.shareParts)"), .plainText(String(format: "%.2f%%", l.share * 100)), .plainText(l.due.exact),
                        .plainText(l.paid.exact), .plainText(l.owed < .zero ? "Nothing (overpaid \((-l.owed).exact))" : l.owed.exact),
                    ]
                }
                    + (s.lines.isEmpty
                        ? []
                        : [
                            [
                                .strong("Total"), .strong(.plainText("\(totalParts)")), .strong("100%"), .strong(.plainText(s.lines.map(\.due).reduce(.zero, +).exact)),
                                .strong(.plainText(s.paidIn.exact)), .strong(.plainText(s.owed.exact)),
                            ]
                        ]),
                csvHref: s.lines.isEmpty ? nil : Site.pooledFundCSV(p.id, s.fund.id), empty: "No partners yet."
            ).node,
            .h2("Payments and draw-downs"),
            DataTable(
                caption: "Money in and out of \(s.fund.name)", headers: ["Date", "In or out", "Who or what", "Amount"],
                rows: s.movements.map { m in
                    [
                        .plainText(m.on.long), .plainText(m.isDrawDown ? "Drawn down" : "Paid in"),
                        .plainText(
                            m.isDrawDown ? m.note : (s.lines.first { $0.contributor.id == m.contributorID }?.contributor.name ?? "") + (m.note.isEmpty ? "" : ": \(m.note)")),
                        .plainText(m.amount.exact),
                    ]
                }, csvHref: s.movements.isEmpty ? nil : Site.poolMovementsCSV(p.id, s.fund.id), empty: "Nothing paid in or drawn down yet."
            ).node,
            .if(
                canEdit,
                .group(
                    .h2("Record money in or out"),
                    .form(
                        .method(.post), .action(Site.poolMovements(p.id, s.fund.id)), .novalidate(),
                        Forms.csrf(csrf),
                        Forms.select(
                            movementForm.field("kind", "In or out"), options: [("payment", "A partner paid in"), ("draw_down", "Drawn down to pay for something")],
                            selected: movementForm["kind"]),
                        Forms.select(
                            movementForm.field("contributor_id", "Partner who paid", hint: "For a payment in"),
                            options: s.lines.map { ("\($0.contributor.id)", $0.contributor.name) },
                            selected: movementForm["contributor_id"], blank: "Choose a partner"),
                        Forms.text(movementForm.field("moved_on", "Date", hint: "Like 2026-04-01"), value: movementForm["moved_on"]),
                        Forms.text(movementForm.field("amount", "Amount", hint: "In pounds"), value: movementForm["amount"]),
                        Forms.text(
                            movementForm.field("note", "What it paid for, or a note", hint: "Needed for a draw-down, for example: DHR 2026/01 chair’s fees"),
                            value: movementForm["note"]),
                        Forms.submit("Record it")),
                    .h2("Add a partner"),
                    .form(
                        .method(.post), .action(Site.poolContributors(p.id, s.fund.id)), .novalidate(),
                        Forms.csrf(csrf),
                        Forms.text(contributorForm.field("contributor", "Partner", hint: "For example: Leicestershire Police"), value: contributorForm["contributor"]),
                        Forms.text(
                            contributorForm.field("share_parts", "Share in parts", hint: "A whole number: 30 of 100, or 1 each for equal shares"),
                            value: contributorForm["share_parts"]),
                        Forms.submit("Add the partner")))),
            .p(.a(.href(Site.pooledFunds(p.id)), "Back to the pooled funds")))
    }

    /// The ledger: each payment in and draw-down out with the balance after it.
    package static func movementsCSV(_ s: PoolStatement) -> CSVDocument {
        var balance = Money.zero
        return CSVDocument(
            headers: ["date", "in_or_out", "partner", "note", "amount", "balance"],
            rows: s.movements.map { m in
                balance = balance + m.amount
                return [
                    m.on.iso, m.isDrawDown ? "drawn down" : "paid in", s.lines.first { $0.contributor.id == m.contributorID }?.contributor.name ?? "", m.note, m.amount.plain,
                    balance.plain,
                ]
            })
    }

    package static func csv(_ s: PoolStatement) -> CSVDocument {
        CSVDocument(
            headers: ["partner", "share_parts", "share", "due", "paid", "owed"],
            rows: s.lines.map { [$0.contributor.name, "\($0.contributor.shareParts)", String(format: "%.6f", $0.share), $0.due.plain, $0.paid.plain, $0.owed.plain] }
                + [["Total", "\(s.lines.map(\.contributor.shareParts).reduce(0, +))", "1", s.fund.target.plain, s.paidIn.plain, s.owed.plain]])
    }
}
