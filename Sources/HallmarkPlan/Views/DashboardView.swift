import Foundation
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import Plot

/// Every indicator's latest value against target with its rating, the change since the period
/// before and since the same period a year before, and the trend, grouped by the priority each
/// measures; and the actions that are overdue. Prints as a board paper.
package enum DashboardView {
    static let headers = ["Indicator", "Latest period", "Value", "Change since the period before", "Change over the year", "Target", "Rating", "Trend"]

    /// A change written as values are: +3, −1.1, "No change"; "–" where there is nothing to compare.
    static func signed(_ v: Double?) -> String { v.map { Format.change($0, written: PlanView.value) } ?? "–" }

    /// The readings under each priority in the plan's order, then those measuring none.
    package static func grouped(_ readings: [IndicatorReading], by priorities: [PlanPriority]) -> [(title: String, readings: [IndicatorReading])] {
        let known = Set(priorities.map(\.id))
        return priorities.map { p in (p.listed, readings.filter { $0.indicator.priorityID == p.id }) }.filter { !$0.readings.isEmpty }
            + [("Not linked to a priority", readings.filter { $0.indicator.priorityID.map { !known.contains($0) } ?? true })].filter { !$0.readings.isEmpty }
    }

    static func table(_ p: Partnership, _ readings: [IndicatorReading], caption: String, csv: String? = nil) -> Node<HTML.BodyContext> {
        DataTable(
            caption: caption, headers: headers,
            rows: readings.map { r in
                [
                    // With its unit beneath, so that a reader tells pounds from percentages and counts.
                    .group(
                        .a(.href(Site.indicator(p.id, r.indicator.id)), .plainText(r.indicator.name)),
                        .if(!r.indicator.unit.isEmpty, .group(.br(), .span(.class("hint"), .plainText(r.indicator.unit))))),
                    .plainText(r.latest.map { r.indicator.frequency.period($0.month).capitalisedFirst } ?? "No values yet"), .plainText(PlanView.value(r.latest?.value)),
                    .plainText(signed(r.change)), .plainText(signed(r.changeOverYear)),
                    .plainText(r.indicator.rule == .target ? PlanView.value(r.indicator.target) : "By trend test"),
                    PlanView.ragCell(r.rag),
                    Sparkline.node(
                        r.values.suffix(r.indicator.frequency == .monthly ? 24 : 8).map(\.value), target: r.indicator.target,
                        label: "\(r.indicator.name), \(r.indicator.frequency.label.lowercased())"),
                ]
            }, csvHref: csv, empty: "No indicators yet."
        ).node
    }

    /// A table for each priority's indicators.
    static func tables(_ p: Partnership, _ readings: [IndicatorReading], priorities: [PlanPriority]) -> Node<HTML.BodyContext> {
        let groups = grouped(readings, by: priorities)
        return groups.isEmpty
            ? .p(.class("empty"), "No indicators yet.")
            : .forEach(groups) { g in .group(.h3(.plainText(g.title)), table(p, g.readings, caption: "Indicators of \(g.title)")) }
    }

    package static func render(
        _ p: Partnership, readings: [IndicatorReading], priorities: [PlanPriority], overdue: [(PlanAction, PlanPriority)], today: CalendarDate, layout: Layout
    ) -> String {
        let count = { (g: RAG) in readings.filter { $0.rag == g }.count }
        return layout.render(
            .span(.class("caption"), .plainText(p.name)),
            .h1("Indicators"),
            .p(.plainText("On \(today.long): \(count(.red)) red, \(count(.amber)) amber, \(count(.green)) green, \(count(.none)) not rated.")),
            .unwrap(readings.filter(\.indicator.computed).compactMap(\.latest?.month).max()) { latest in
                .p(.plainText("Computed indicators use the police.uk months held, the latest ending \(MonthNumber.long(latest)); they move when a newer month is imported."))
            },
            .p(.a(.href(Site.indicatorsPaper(p.id)), "The same as a board paper, to print or download as PDF")),
            .p(.class("export"), .a(.href(Site.indicatorsCSV(p.id)), "Download every indicator as CSV")),
            .h2("By priority"),
            tables(p, readings, priorities: priorities),
            .h2("Overdue actions"),
            DataTable(
                caption: "Actions past their due date and not done", headers: ["Action", "Priority", "Owner", "Due", "Status"],
                rows: overdue.map { a, priority in
                    [
                        .a(.href(Site.planAction(p.id, a.id)), .plainText(a.title)), .a(.href(Site.planPriority(p.id, priority.id)), .plainText(priority.title)),
                        .plainText(a.ownerName), .plainText(a.dueOn.long), .plainText(a.status.label),
                    ]
                }, csvHref: Site.planActionsCSV(p.id), empty: "None."
            ).node,
            .p(.a(.href(Site.plan(p.id)), "Back to the plan")))
    }

    static let sections = [("summary", "Summary"), ("indicators", "Indicators"), ("overdue", "Overdue actions")]

    /// The dashboard as a board paper on A4.
    package static func paper(
        _ p: Partnership, readings: [IndicatorReading], priorities: [PlanPriority], overdue: [(PlanAction, PlanPriority)], today: CalendarDate,
        toolbar: Node<HTML.BodyContext> = .empty
    ) -> String {
        let document = A4Document(
            title: "\(p.name): performance against the plan", kicker: "Board paper", marginTitle: "\(p.name): performance against the plan",
            status: "Prepared on \(today.long) from the indicators and actions as recorded", fingerprint: nil, sections: sections)
        let count = { (g: RAG) in readings.filter { $0.rag == g }.count }
        return document.render(
            toolbar: toolbar,
            [
                document.section(
                    "summary",
                    [
                        .p(
                            .plainText(
                                "\(count(.red)) indicators are red, \(count(.amber)) amber, \(count(.green)) green and \(count(.none)) not rated; \(overdue.count) action\(overdue.count == 1 ? " is" : "s are") overdue."
                            ))
                    ]),
                document.section("indicators", [tables(p, readings, priorities: priorities)]),
                document.section(
                    "overdue",
                    [
                        DataTable(
                            caption: "Actions past their due date and not done", headers: ["Action", "Priority", "Owner", "Due", "Status"],
                            rows: overdue.map { a, priority in
                                [.plainText(a.title), .plainText(priority.title), .plainText(a.ownerName), .plainText(a.dueOn.long), .plainText(a.status.label)]
                            },
                            empty: "None."
                        ).node
                    ]),
            ])
    }

    /// A figure for a spreadsheet: up to four decimal places, without the binary noise.
    static func plain(_ v: Double?) -> String {
        guard let v else { return "" }
        var s = String(format: "%.4f", v)
        while s.contains("."), s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    package static func csv(_ readings: [IndicatorReading], priorities: [PlanPriority]) -> CSVDocument {
        CSVDocument(
            headers: [
                "priority", "indicator", "unit", "frequency", "polarity", "latest_period_ending", "value", "previous", "change", "year_before", "change_over_year",
                "baseline", "target", "rating",
            ],
            rows: readings.map { r in
                [
                    priorities.first { $0.id == r.indicator.priorityID }?.title ?? "", r.indicator.name, r.indicator.unit, r.indicator.frequency.rawValue,
                    r.indicator.polarity.rawValue, r.latest.map { MonthNumber.text($0.month) } ?? "", plain(r.latest?.value), plain(r.previous?.value), plain(r.change),
                    plain(r.yearBefore?.value), plain(r.changeOverYear), plain(r.indicator.baseline), r.indicator.rule == .target ? plain(r.indicator.target) : "",
                    r.rag.rawValue,
                ]
            })
    }
}

/// One indicator: its definition, every quarter's value, and the reverse of the chain: the
/// priority it measures and the actions that depend on it; with the form for a quarter's value.
package enum IndicatorView {
    /// The rule in words, with the test's result for a rating by significance.
    static func ruleText(_ r: IndicatorReading) -> String {
        switch r.indicator.rule {
        case .target: return "Green on target; amber within \(DashboardView.plain(r.indicator.tolerance))% of it; red beyond"
        case .significance:
            guard let t = r.trend else { return "By the trend test of the latest twelve months against the twelve before: fewer than 24 months are held" }
            return
                "By the trend test of the latest twelve months (\(t.later)) against the twelve before (\(t.earlier)): \(t.direction), p = \(String(format: "%.3f", t.p)) (\(t.method.rawValue)); significantly better is green, significantly worse red, no significant change amber"
        }
    }

    /// The fields that define an indicator, for adding one and for changing it; a change keeps
    /// it computed or entered, so shows only the fields of its kind.
    static func fields(_ form: FormModel, computed: Bool? = nil) -> Node<HTML.FormContext> {
        .group(
            Forms.text(form.field("name", "Indicator", hint: "For example: Burglary per 1,000 residents"), value: form["name"]),
            Forms.textArea(form.field("definition", "Definition", hint: "What is counted, and from where"), value: form["definition"]),
            .if(
                computed != false,
                Forms.text(
                    form.field(
                        "crime_types", "Computed from police.uk categories",
                        hint: computed == true
                            ? "Category names separated by commas, for example Burglary, Robbery"
                            : "Optional: category names separated by commas, for example Burglary, Robbery; leave empty for an indicator its owner enters"),
                    value: form["crime_types"])),
            .if(computed != true, Forms.text(form.field("unit", "Unit", hint: "For an entered indicator, for example “% of the cohort”"), value: form["unit"])),
            Forms.select(
                form.field("frequency", "How often it is measured", hint: "Each value is named by the last month of its period"),
                options: Forms.options(Frequency.self) { $0.label }, selected: form["frequency"] ?? Frequency.quarterly.rawValue),
            Forms.select(form.field("polarity", "Which way is better"), options: Forms.options(Polarity.self) { $0.label }, selected: form["polarity"]),
            Forms.text(form.field("baseline", "Baseline", hint: "Optional"), value: form["baseline"]),
            Forms.select(
                form.field("rule", "How it is rated"), options: Forms.options(RatingRule.self) { $0.label }, selected: form["rule"] ?? RatingRule.target.rawValue),
            Forms.text(form.field("target", "Target", hint: "Optional; rated against the target, it is not rated without one"), value: form["target"]),
            Forms.text(
                form.field("tolerance", "Amber within, %", hint: "How far short of target, as a percentage of it, is amber rather than red"), value: form["tolerance"]),
            Forms.text(form.field("owner", "Owner", hint: "Who answers for it, for example the Community Safety Manager"), value: form["owner"]))
    }

    /// The indicator as the change form starts.
    static func current(_ i: Indicator) -> [String: String] {
        [
            "name": i.name, "definition": i.definition, "crime_types": i.crimeTypes.map(\.rawValue).joined(separator: ", "), "unit": i.computed ? "" : i.unit,
            "frequency": i.frequency.rawValue, "polarity": i.polarity.rawValue, "baseline": i.baseline.map(DashboardView.plain) ?? "", "rule": i.rule.rawValue,
            "target": i.target.map(DashboardView.plain) ?? "", "tolerance": DashboardView.plain(i.tolerance), "owner": i.owner,
        ]
    }

    package static func render(
        _ p: Partnership, _ r: IndicatorReading, priority: PlanPriority?, actions: [PlanAction], canEnter: Bool, failed: (form: String, model: FormModel)?,
        layout: Layout
    ) -> String {
        let i = r.indicator
        let form = { (name: String) in failed?.form == name ? failed!.model : FormModel() }
        let change = failed?.form == "change" ? failed!.model : FormModel(input: current(i))
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1(.plainText(i.name)),
            SummaryList(items: [
                ("Definition", .plainText(i.definition.isEmpty ? "–" : i.definition)), ("Unit", .plainText(i.unit)), ("Measured", .plainText(i.frequency.label)),
                ("Which way is better", .plainText(i.polarity.label)),
                ("Source", .plainText(i.computed ? "Computed from police.uk recorded crime: " + i.crimeTypes.map(\.rawValue).joined(separator: ", ") : "Entered by its owner")),
                ("Baseline", .plainText(PlanView.value(i.baseline))), ("Target", .plainText(PlanView.value(i.target))),
                ("Rating", PlanView.ragCell(r.rag)), ("Rule", .plainText(ruleText(r))), ("Owner", .plainText(i.owner)),
            ]).node,
            .h2("What depends on it"),
            .unwrap(priority) { priority in
                .p(
                    .plainText("It measures the priority "), .a(.href(Site.planPriority(p.id, priority.id)), .plainText(priority.title)),
                    .plainText(", with \(actions.count) action\(actions.count == 1 ? "" : "s") against it."))
            },
            .if(priority == nil, .p("It is not linked to a priority.")),
            .unwrap(actions.isEmpty ? nil : actions) { actions in
                .ul(.forEach(actions) { a in .li(.a(.href(Site.planAction(p.id, a.id)), .plainText(a.title)), .plainText(" (\(a.status.label))")) })
            },
            .h2("Values"),
            DataTable(
                caption: "\(i.name), \(i.frequency.label.lowercased())",
                headers: [i.frequency.heading, "Value", "Source"] + (i.computed ? [] : ["Entered"]) + (canEnter && !i.computed ? ["Change"] : []),
                rows: r.values.map { v in
                    [.plainText(MonthNumber.long(v.month)), .plainText(PlanView.value(v.value)), .plainText(v.source)]
                        + (i.computed
                            ? [] : [.plainText(v.enteredAt.map { Format.timestamp(Date(timeIntervalSince1970: Double($0))) + " by \(Format.author(v.enteredBy))" } ?? "–")])
                        + (canEnter && !i.computed ? [removeButton(p, i, v, csrf: layout.csrfToken)] : [])
                }, empty: "No values yet."
            ).node,
            .if(
                canEnter && !i.computed,
                .group(
                    .h2("Enter a value"),
                    .form(
                        .method(.post), .action(Site.indicatorValues(p.id, i.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.text(
                            form("value").field(
                                "month", "Last month of the period",
                                hint:
                                    "Like 2026-09 or 2026/27 Q2; \(i.frequency.endRule.isEmpty ? "any month" : i.frequency.endRule.prefix(1).lowercased() + i.frequency.endRule.dropFirst()); a value entered again for a period replaces the one before"
                            ),
                            value: form("value")["month"]),
                        Forms.text(form("value").field("value", "Value", hint: "A number, in \(i.unit)"), value: form("value")["value"]),
                        Forms.text(form("value").field("source", "Source", hint: "For example: IOM performance report, October 2026"), value: form("value")["source"]),
                        Forms.submit("Save the value")),
                    .h2("Import values from a spreadsheet"),
                    .p(
                        "Save the sheet as CSV with columns period and value, and source if you have it. A period is its last month (2026-09), a financial quarter (2026/27 Q2) or a financial year (2026/27); values may have £ signs and commas, and % signs where the unit is a percentage (it begins “%”). A period already held is replaced. If anything is wrong nothing is saved, and the row and column are named."
                    ),
                    .form(
                        .method(.post), .action(Site.indicatorImport(p.id, i.id)), .enctype(.multipartData), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.file(form("import").field("file", "CSV file"), accept: ".csv,text/csv"),
                        Forms.submit("Import")))),
            .if(
                canEnter,
                .group(
                    .h2("Change this indicator"),
                    .p("A computed indicator stays computed and an entered one stays entered; its values are kept."),
                    .form(
                        .method(.post), .action(Site.changeIndicator(p.id, i.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        fields(change, computed: i.computed),
                        Forms.submit("Save the changes")))))
    }

    /// Takes out one value entered in error.
    static func removeButton(_ p: Partnership, _ i: Indicator, _ v: IndicatorValue, csrf: String) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(Site.removeIndicatorValue(p.id, i.id)),
            Forms.csrf(csrf),
            .input(.type(.hidden), .name("month"), .value(MonthNumber.text(v.month))),
            .button(.type(.submit), .class("link-button"), "Take out", .span(.class("visually-hidden"), .plainText(" the value for \(MonthNumber.long(v.month))"))))
    }
}
