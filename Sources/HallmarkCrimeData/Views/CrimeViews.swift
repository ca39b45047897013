import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Plot

/// A partnership's recorded crime: the month-by-month chart, crime types by month, the
/// neighbourhoods (LSOAs) and the data behind them.
package enum CrimeDataView {
    package static func render(_ p: Partnership, figures: CrimeFigures?, period: CrimePeriod?, form: FormModel, names: LSOANames, layout: Layout) -> String {
        let base = Site.crime(p.id)
        let query = period.map { "?\($0.query)" } ?? ""
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Recorded crime"),
            .p(
                .a(.href(Site.assessment(p.id)), "Draft strategic assessment for the latest 12 months"), " (a document to print); ",
                .a(.href(Site.assessmentVersions(p.id)), "saved and approved versions")),
            periodForm(action: base, form: form),
            .unwrap(figures) { figures in
                guard let period, figures.hasData else {
                    return .p(
                        .class("lead"),
                        .plainText(
                            figures.districts.isEmpty
                                ? "No districts are recorded for \(p.name), so there is no area to count crime in. Add its districts on the partnership page."
                                : "No crime is stored for these districts in this period. An analyst can import police.uk files on the crime data page."))
                }
                return .group(
                    SummaryList(items: [
                        ("Period", .plainText(period.label)),
                        ("Area", .plainText(figures.districts.map(\.name).joined(separator: ", "))),
                        ("Residents", .plainText(Numbers.whole(figures.residents) + " (ONS mid-year estimate, by LSOA)")),
                        ("Crimes", .plainText(Numbers.whole(figures.crimes) + Numbers.perThousand(CrimeFigures.rate(figures.crimes, figures.residents)))),
                        (
                            "Anti-social behaviour incidents",
                            .plainText(
                                Numbers.whole(figures.antiSocialBehaviour)
                                    + Numbers.perThousand(CrimeFigures.rate(figures.antiSocialBehaviour, figures.residents)))
                        ),
                    ]).node,
                    .p(
                        .class("hint"),
                        "Crimes are every police.uk category except anti-social behaviour, which police record as incidents and is shown apart. Rates are per 1,000 residents over the whole period."
                    ),

                    .h2(.id("by-month"), "Month by month"),
                    .element(
                        named: "figure",
                        nodes: [
                            Node<HTML.BodyContext>.attribute(named: "class", value: "chart"), .attribute(named: "tabindex", value: "0"),
                            .raw(
                                MonthlyChart(
                                    id: "monthly", title: "Crimes and anti-social behaviour each month in \(p.name)",
                                    monthLabels: period.months.map(MonthNumber.short),
                                    series: [
                                        .init(name: "Crimes", values: figures.crimesByMonth, style: "first"),
                                        .init(name: "Anti-social behaviour", values: figures.antiSocialBehaviourByMonth, style: "second"),
                                    ]
                                ).svg),
                            .element(
                                named: "figcaption",
                                nodes: [
                                    Node<HTML.BodyContext>.plainText(
                                        "Crimes and anti-social behaviour incidents each month. The figures are in the table below.")
                                ]),
                        ]),
                    typeTable(figures, period: period, csv: Site.crimeByTypeCSV(p.id) + query),

                    .h2(.id("neighbourhoods"), "Neighbourhoods"),
                    .p("Lower layer super output areas (LSOAs) are ONS neighbourhoods of about 1,500 residents. Choose one to see where its crimes were recorded."),
                    DataTable(
                        caption: "Crimes by LSOA, most first", headers: ["LSOA", "Code", "District", "Residents", "Crimes", "Per 1,000 residents", "Anti-social behaviour"],
                        markup: figures.lsoas.map { row in
                            [
                                CellMarkup.link(Site.crimeLSOA(p.id, row.lsoa) + query, names.name(of: row.lsoa) ?? row.lsoa), CellMarkup.text(row.lsoa),
                                CellMarkup.text(row.district), CellMarkup.text(row.residents > 0 ? Numbers.whole(row.residents) : "Counted in its 2011 LSOAs"),
                                CellMarkup.text(Numbers.whole(row.crimes)), CellMarkup.text(Numbers.rate(row.perThousandResidents)),
                                CellMarkup.text(Numbers.whole(row.antiSocialBehaviour)),
                            ]
                        }, csvHref: Site.crimeLSOAsCSV(p.id) + query
                    ).node,

                    .h2(.id("outcomes"), "Outcomes"),
                    .p("The last outcome police.uk records for each crime, as it stood when the month was published; later months' files may update it."),
                    DataTable(
                        caption: "Crimes by last outcome, most first", headers: ["Last outcome", "Crimes", "Share of crimes"],
                        markup: figures.outcomes.map { row in
                            [CellMarkup.text(row.outcome), CellMarkup.text(Numbers.whole(row.crimes)), CellMarkup.text(Numbers.percent(row.share))]
                        }, csvHref: Site.crimeOutcomesCSV(p.id) + query
                    ).node,

                    .h2(.id("data-quality"), "Data quality"),
                    qualityTable(figures.forces)
                )
            }
        )
    }

    package static func periodForm(action: String, form: FormModel) -> Node<HTML.BodyContext> {
        .form(
            .method(.get), .action(action), .class("period-form"), .novalidate(),
            Forms.text(form.field("from", "First month", hint: "Year and month, for example 2021-04"), value: form["from"]),
            Forms.text(form.field("to", "Last month", hint: "Year and month, for example 2022-03"), value: form["to"]),
            Forms.submit("Show these months"))
    }

    package static func typeTable(_ figures: CrimeFigures, period: CrimePeriod, csv: String) -> Node<HTML.BodyContext> {
        let headers = ["Crime type"] + period.months.map(MonthNumber.short) + ["Total", "Per 1,000 residents"]
        let cells: [[String]] =
            figures.types.map { t in
                [CellMarkup.text(t.crimeType)] + t.byMonth.map { CellMarkup.text(Numbers.whole($0)) } + [
                    CellMarkup.text(Numbers.whole(t.total)), CellMarkup.text(Numbers.rate(t.perThousandResidents)),
                ]
            } + [
                [CellMarkup.strong("All crimes (not anti-social behaviour)")] + figures.crimesByMonth.map { CellMarkup.strong(Numbers.whole($0)) }
                    + [CellMarkup.strong(Numbers.whole(figures.crimes)), CellMarkup.strong(Numbers.rate(CrimeFigures.rate(figures.crimes, figures.residents)))]
            ]
        return DataTable(caption: "Crimes by type and month", headers: headers, markup: cells, csvHref: csv).node
    }

    package static func typeCSV(_ figures: CrimeFigures) -> CSVDocument {
        CSVDocument(
            headers: ["Crime type"] + figures.months + ["Total", "Per 1,000 residents"],
            rows: figures.types.map { t in
                [t.crimeType] + t.byMonth.map(String.init) + [String(t.total), t.perThousandResidents.map { FixedPoint.text($0, places: 2) } ?? ""]
            })
    }

    package static func lsoaCSV(_ figures: CrimeFigures, names: LSOANames) -> CSVDocument {
        CSVDocument(
            headers: ["LSOA", "District", "Residents", "Crimes", "Per 1,000 residents", "Anti-social behaviour", "LSOA name"],
            rows: figures.lsoas.map { r in
                [
                    r.lsoa, r.district, String(r.residents), String(r.crimes), r.perThousandResidents.map { FixedPoint.text($0, places: 2) } ?? "", String(r.antiSocialBehaviour),
                    names.name(of: r.lsoa) ?? "",
                ]
            })
    }

    package static func outcomeCSV(_ figures: CrimeFigures) -> CSVDocument {
        CSVDocument(
            headers: ["Last outcome", "Crimes", "Share of crimes"],
            rows: figures.outcomes.map { r in
                [r.outcome, String(r.crimes), FixedPoint.text(r.share, places: 4)]
            })
    }

    package static func qualityTable(_ forces: [CrimeFigures.ForceRow]) -> Node<HTML.BodyContext> {
        DataTable(
            caption: "Months held for each force covering this area",
            headers: ["Force", "First month", "Last month", "Months held", "Missing months", "Rows with no location", "Rows outside the force area"],
            rows: forces.map { f in
                [
                    .plainText(f.force), .plainText(f.first), .plainText(f.last), .plainText(String(f.monthsHeld)),
                    f.missingMonths.isEmpty ? .plainText("None") : .strong(.plainText(f.missingMonths.joined(separator: ", "))),
                    .plainText("\(Numbers.whole(f.noLocation)) (\(Numbers.share(f.noLocation, of: f.rowsRead)))"),
                    .plainText(Numbers.whole(f.outsideForce)),
                ]
            }, empty: "No police.uk files are stored for this area yet."
        ).node
    }
}

/// One LSOA's crimes, by the street-level location police.uk placed them at.
package enum LSOACrimeView {
    package struct Location {
        package let name: String
        package let latitude: Double
        package let longitude: Double
        package let crimes: Int
        package let types: [(type: String, crimes: Int)]
    }

    package static func locations(_ crimes: [StoredCrime]) -> [Location] {
        var grouped: [CrimeLocation: [Int: Int]] = [:]
        for crime in crimes {
            guard let place = crime.location else { continue }
            grouped[place, default: [:]][crime.type, default: 0] += 1
        }
        return grouped.map { place, types in
            Location(
                name: place.name, latitude: Double(place.latitude) / 1e6, longitude: Double(place.longitude) / 1e6,
                crimes: types.values.reduce(0, +),
                types: types.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { (CrimeType(code: UInt8($0.key))?.rawValue ?? "Unknown", $0.value) })
        }.sorted { ($1.crimes, $0.name, $0.latitude) < ($0.crimes, $1.name, $1.latitude) }
    }

    package static func render(_ p: Partnership, lsoa: String, name: String?, period: CrimePeriod, crimes: [StoredCrime], layout: Layout) -> String {
        let places = locations(crimes)
        return layout.render(
            .span(.class("caption"), .plainText("\(p.name), \(period.label)")),
            .h1(.plainText("Crimes in \(name.map { "\($0) (LSOA \(lsoa))" } ?? "LSOA \(lsoa)")")),
            SummaryList(items: [
                ("Period", .plainText(period.label)),
                ("Crimes and incidents", .plainText(Numbers.whole(crimes.count))),
                ("Locations", .plainText(Numbers.whole(places.count))),
            ]).node,
            .p(
                .class("hint"),
                "police.uk moves each crime to the nearest of a fixed set of points (a street, a park, a car park) so that no address can be identified. Counts here include anti-social behaviour."
            ),
            DataTable(
                caption: "Locations, most crimes first", headers: ["Location", "Latitude", "Longitude", "Crimes and incidents", "Types"],
                rows: places.map { l in
                    [
                        .plainText(l.name), .plainText(String(format: "%.6f", l.latitude)), .plainText(String(format: "%.6f", l.longitude)),
                        .plainText(Numbers.whole(l.crimes)), .plainText(l.types.map { "\($0.type) \($0.crimes)" }.joined(separator: ", ")),
                    ]
                }, csvHref: Site.crimeLSOACrimesCSV(p.id, lsoa) + "?\(period.query)"
            ).node
        )
    }

    package static func csv(_ crimes: [StoredCrime]) -> CSVDocument {
        CSVDocument(
            headers: ["Month", "Crime type", "Last outcome", "Location", "Latitude", "Longitude"],
            rows: crimes.map { c in
                [
                    MonthNumber.text(c.month), CrimeType(code: UInt8(c.type))?.rawValue ?? "", c.outcome, c.location?.name ?? "",
                    c.location.map { String(format: "%.6f", Double($0.latitude) / 1e6) } ?? "", c.location.map { String(format: "%.6f", Double($0.longitude) / 1e6) } ?? "",
                ]
            })
    }
}

/// Numbers as council papers print them: thousands separated by commas, rates to one place.
package enum Numbers {
    /// 12,345: digits grouped in threes, as council papers print them.
    package static func whole(_ n: Int) -> String { Counting.grouped(n) }

    /// A harm weight or weighted total, grouped, to at most two places (273.75, 7.5, 1,204):
    /// the settings form shows a shipped weight exactly as its file gives it, so saving the
    /// form unchanged changes nothing.
    package static func weight(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        guard abs(hundredths) < 1e15 else { return String(format: "%.2f", value) }
        let magnitude = Int(abs(hundredths))
        let units = (hundredths < 0 ? "-" : "") + whole(magnitude / 100)
        guard magnitude % 100 > 0 else { return units }
        var fraction = String(format: "%02d", magnitude % 100)
        if fraction.hasSuffix("0") { fraction.removeLast() }
        return units + "." + fraction
    }

    package static func rate(_ value: Double?) -> String { value.map { FixedPoint.text($0, places: 1) } ?? "Not known" }

    package static func perThousand(_ value: Double?) -> String { value.map { ", \(FixedPoint.text($0, places: 1)) per 1,000 residents" } ?? "" }

    package static func share(_ part: Int, of whole: Int) -> String {
        whole > 0 ? percent(Double(part) / Double(whole)) : "0%"
    }

    /// A share (0.123) as a percentage to one place: 12.3%.
    package static func percent(_ share: Double) -> String { FixedPoint.text(share * 100, places: 1) + "%" }
}
