import Foundation
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import Plot

/// Every indicator's latest quarter against target with its rating, the change since the
/// quarter before and the trend; and the actions that are overdue. Prints as a board paper.
package enum DashboardView {
    static let headers = ["Indicator", "Latest quarter", "Value", "Change since the quarter before", "Target", "Rating", "Trend"]

    static func table(_ p: Partnership, _ readings: [IndicatorReading], caption: String, csv: String? = nil) -> Node<HTML.BodyContext> {
        DataTable(
            caption: caption, headers: headers,
            rows: readings.map { r in
                [
                    .a(.href(Site.indicator(p.id, r.indicator.id)), .text(r.indicator.name)), .text(r.latest.map { MonthNumber.short($0.month) } ?? "No values yet"),
                    .text(PlanView.value(r.latest?.value)), .text(r.change.map { String(format: "%+.2f", $0) } ?? "–"),
                    .text(r.indicator.rule == .target ? PlanView.value(r.indicator.target) : "By trend test"),
                    PlanView.ragCell(r.rag), Sparkline.node(r.values.suffix(8).map(\.value), target: r.indicator.target, label: "\(r.indicator.name) by quarter"),
                ]
            }, csvHref: csv, empty: "No indicators yet."
        ).node
    }

    package static func render(_ p: Partnership, readings: [IndicatorReading], overdue: [(PlanAction, PlanPriority)], today: CalendarDate, layout: Layout) -> String {
        let count = { (g: RAG) in readings.filter { $0.rag == g }.count }
        return layout.render(
            .span(.class("caption"), .text(p.name)),
            .h1("Indicators"),
            .p(.text("On \(today.long): \(count(.red)) red, \(count(.amber)) amber, \(count(.green)) green, \(count(.none)) not rated.")),
            .unwrap(readings.filter(\.indicator.computed).compactMap(\.latest?.month).max()) { latest in
                .p(.text("Computed indicators use the police.uk months held, the latest quarter ending \(MonthNumber.long(latest)); they move when a newer month is imported."))
            },
            .p(.a(.href(Site.indicatorsPaper(p.id)), "The same as a board paper, to print or download as PDF")),
            table(p, readings, caption: "Every indicator, latest quarter", csv: Site.indicatorsCSV(p.id)),
            .h2("Overdue actions"),
            DataTable(
                caption: "Actions past their due date and not done", headers: ["Action", "Priority", "Owner", "Due", "Status"],
                rows: overdue.map { a, priority in
                    [
                        .a(.href(Site.planAction(p.id, a.id)), .text(a.title)), .a(.href(Site.planPriority(p.id, priority.id)), .text(priority.title)),
                        .text(a.ownerName), .text(a.dueOn.long), .text(a.status.label),
                    ]
                }, empty: "None."
            ).node,
            .p(.a(.href(Site.plan(p.id)), "Back to the plan")))
    }

    static let sections = [("summary", "Summary"), ("indicators", "Indicators"), ("overdue", "Overdue actions")]

    /// The dashboard as a board paper on A4.
    package static func paper(
        _ p: Partnership, readings: [IndicatorReading], overdue: [(PlanAction, PlanPriority)], today: CalendarDate, toolbar: Node<HTML.BodyContext> = .empty
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
                            .text(
                                "\(count(.red)) indicators are red, \(count(.amber)) amber, \(count(.green)) green and \(count(.none)) not rated; \(overdue.count) action\(overdue.count == 1 ? " is" : "s are") overdue."
                            ))
                    ]),
                document.section("indicators", [table(p, readings, caption: "Every indicator, latest quarter")]),
                document.section(
                    "overdue",
                    [
                        DataTable(
                            caption: "Actions past their due date and not done", headers: ["Action", "Priority", "Owner", "Due", "Status"],
                            rows: overdue.map { a, priority in [.text(a.title), .text(priority.title), .text(a.ownerName), .text(a.dueOn.long), .text(a.status.label)] },
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

    package static func csv(_ readings: [IndicatorReading]) -> CSVDocument {
        CSVDocument(
            headers: ["indicator", "unit", "polarity", "latest_quarter_ending", "value", "previous", "change", "baseline", "target", "rating"],
            rows: readings.map { r in
                [
                    r.indicator.name, r.indicator.unit, r.indicator.polarity.rawValue, r.latest.map { MonthNumber.text($0.month) } ?? "", plain(r.latest?.value),
                    plain(r.previous?.value), plain(r.change), plain(r.indicator.baseline), r.indicator.rule == .target ? plain(r.indicator.target) : "", r.rag.rawValue,
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
        case .target: return "Green on target; amber within \(PlanView.value(r.indicator.tolerance))% of it; red beyond"
        case .significance:
            guard let t = r.trend else { return "By the trend test of the latest twelve months against the twelve before: fewer than 24 months are held" }
            return
                "By the trend test of the latest twelve months (\(t.later)) against the twelve before (\(t.earlier)): \(t.direction), p = \(String(format: "%.3f", t.p)) (\(t.method.rawValue)); significantly better is green, significantly worse red, no significant change amber"
        }
    }

    package static func render(
        _ p: Partnership, _ r: IndicatorReading, priority: PlanPriority?, actions: [PlanAction], canEnter: Bool, form: FormModel, importForm: FormModel = FormModel(),
        layout: Layout
    ) -> String {
        let i = r.indicator
        return layout.render(
            Forms.errorSummary(form.failure ?? importForm.failure),
            .span(.class("caption"), .text(p.name)),
            .h1(.text(i.name)),
            SummaryList(items: [
                ("Definition", .text(i.definition.isEmpty ? "–" : i.definition)), ("Unit", .text(i.unit)), ("Which way is better", .text(i.polarity.label)),
                ("Source", .text(i.computed ? "Computed from police.uk recorded crime: " + i.crimeTypes.map(\.rawValue).joined(separator: ", ") : "Entered by its owner")),
                ("Baseline", .text(PlanView.value(i.baseline))), ("Target", .text(PlanView.value(i.target))),
                ("Rating", PlanView.ragCell(r.rag)), ("Rule", .text(ruleText(r))), ("Owner", .text(i.owner)),
            ]).node,
            .h2("What depends on it"),
            .unwrap(priority) { priority in
                .p(
                    .text("It measures the priority "), .a(.href(Site.planPriority(p.id, priority.id)), .text(priority.title)),
                    .text(", with \(actions.count) action\(actions.count == 1 ? "" : "s") against it."))
            },
            .if(priority == nil, .p("It is not linked to a priority.")),
            .unwrap(actions.isEmpty ? nil : actions) { actions in
                .ul(.forEach(actions) { a in .li(.a(.href(Site.planAction(p.id, a.id)), .text(a.title)), .text(" (\(a.status.label))")) })
            },
            .h2("Values"),
            DataTable(
                caption: "\(i.name) by quarter", headers: ["Quarter ending", "Value", "Source"],
                rows: r.values.map { [.text(MonthNumber.long($0.month)), .text(PlanView.value($0.value)), .text($0.source)] }, empty: "No values yet."
            ).node,
            .if(
                canEnter && !i.computed,
                .group(
                    .h2("Enter a quarter’s value"),
                    .form(
                        .method(.post), .action(Site.indicatorValues(p.id, i.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.text(
                            form.field("month", "Quarter’s last month", hint: "Like 2026-09; a value entered again for a quarter replaces the one before"), value: form["month"]),
                        Forms.text(form.field("value", "Value", hint: "A number, in \(i.unit)"), value: form["value"]),
                        Forms.text(form.field("source", "Source", hint: "For example: IOM performance report, October 2026"), value: form["source"]),
                        Forms.submit("Save the value")),
                    .h2("Import quarters from a spreadsheet"),
                    .p(
                        "Save the sheet as CSV with columns quarter and value, and source if you have it. A quarter is its last month (2026-09) or a financial quarter (2026/27 Q2); values may have % or £ signs and commas. A quarter already held is replaced. If anything is wrong nothing is saved, and the row and column are named."
                    ),
                    .form(
                        .method(.post), .action(Site.indicatorImport(p.id, i.id)), .enctype(.multipartData), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.file(importForm.field("file", "CSV file"), accept: ".csv,text/csv"),
                        Forms.submit("Import")))))
    }
}
