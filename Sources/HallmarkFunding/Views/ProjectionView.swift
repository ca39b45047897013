import HallmarkDomain
import HallmarkKit
import Plot

/// The projection page: the assumptions as a form (sent by GET, so a projection is a link that
/// can be shared) and the years with their surplus or deficit.
package enum ProjectionView {
    static let headers = ["Year", "Income", "Spending before savings", "Savings", "Spending after savings", "Surplus (deficit) before savings", "Surplus (deficit)"]

    static func cells(_ y: Projection.Year) -> [String] {
        [
            y.year.description + (y.incomeRecorded ? "" : " (income assumed)"), y.income.exact, y.spendBeforeSavings.exact, y.savings.exact, y.spend.exact,
            y.deficitBeforeSavings.exact, y.surplus.exact,
        ]
    }

    package static func render(_ p: Partnership, _ projection: Projection?, form: FormModel, query: String, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Projection"),
            .p(
                "Income is the funding streams recorded for each year; a year with none recorded yet takes the year before’s, changed by the percentage below. Spending starts from the first year’s budget and grows by the percentage below each year; the savings stated for a year come off that year and stay off in the years after. Every step is rounded to the penny."
            ),
            .unwrap(projection) { projection in
                .group(
                    DataTable(
                        caption: "Projection from \(projection.assumptions.from), spending growing \(percent(projection.assumptions.costGrowth)) a year",
                        headers: headers, rows: projection.years.map { cells($0).map { .plainText($0) } }, csvHref: Site.projectionCSV(p.id) + "?" + query
                    ).node,
                    .unwrap(projection.years.first { $0.surplus < .zero }) { y in
                        .p(.class("warning"), .plainText("The first deficit after savings is in \(y.year): \(-y.surplus)."))
                    })
            },
            .h2("Assumptions"),
            .form(
                .method(.get), .action(Site.projection(p.id)), .novalidate(),
                Forms.text(form.field("from", "First year", hint: "Its budget is the starting point, for example 2026/27"), value: form["from"]),
                Forms.text(form.field("years", "Number of years", hint: "2 to \(Projection.mostYears)"), value: form["years"]),
                Forms.text(form.field("cost_growth", "Growth in spending a year, %", hint: "Pay and prices, for example 2.5"), value: form["cost_growth"]),
                Forms.text(
                    form.field("income_change", "Change in income a year, %, where no streams are recorded", hint: "For example -5 for a grant cut by a twentieth"),
                    value: form["income_change"]),
                .fieldset(
                    .element(named: "legend", plainText: "Savings planned"),
                    .forEach(1..<Projection.mostYears) { n in
                        Forms.text(form.field("savings_\(n)", "New savings in year \(n + 1)", hint: "In pounds; leave empty for none"), value: form["savings_\(n)"])
                    }),
                .button(.type(.submit), .class("button"), "Project")),
            .p(.a(.href(Site.funding(p.id)), "Back to funding and spending")))
    }

    static func percent(_ hundredths: Int) -> String {
        let sign = hundredths < 0 ? "-" : ""
        let m = abs(hundredths)
        return sign + "\(m / 100)" + (m % 100 == 0 ? "" : String(format: ".%02d", m % 100)) + "%"
    }

    package static func csv(_ projection: Projection) -> CSVDocument {
        CSVDocument(
            headers: ["year", "income", "income_recorded", "spending_before_savings", "savings", "spending_after_savings", "surplus_before_savings", "surplus"],
            rows: projection.years.map { y in
                [
                    y.year.description, y.income.plain, y.incomeRecorded ? "yes" : "no", y.spendBeforeSavings.plain, y.savings.plain, y.spend.plain,
                    y.deficitBeforeSavings.plain, y.surplus.plain,
                ]
            })
    }
}
