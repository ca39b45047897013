import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Plot

/// The strategic assessment as a document to print on A4 and take into the board meeting.
/// Everything in it comes from the assessment's figures: the same figures give the same bytes.
package enum AssessmentDocument {
    package static let sections: [(id: String, title: String)] = [
        ("summary", "Executive summary"), ("context", "Context"), ("history", "Five years"), ("trends", "Trends"),
        ("harm", "Harm"), ("comparison", "Compared with the county and force"), ("hotspots", "Hotspots"),
        ("repeats", "Repeat locations"), ("seasons", "Seasonality"), ("priorities", "Priority matrix"),
        ("recommendations", "Recommendations"), ("quality", "Data quality"), ("methods", "Methods and settings"),
    ]

    /// A numbered part of the document, headed by its title in the contents.
    package static func section(_ id: String, _ nodes: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
        A4Document.section(id, of: sections, nodes)
    }

    /// The document's frame from the kit: title, status, fingerprint, contents and margins.
    static func document(title: String, period: String, fingerprint: String?) -> A4Document {
        A4Document(
            title: title, kicker: "Strategic assessment, \(period)", marginTitle: "\(title), \(period)", status: draftStatus,
            fingerprint: fingerprint, sections: sections, style: "page assessment")
    }

    /// A saved version's document as it is shown: as saved, and, once the board has approved it,
    /// with the approval its record holds in the status line and every printed page's margin.
    /// A saved version says which it is, so that a printed copy can be matched to its record.
    package static func shown(_ html: String, version: AssessmentVersion) -> String {
        func day(_ seconds: Int64?) -> String { CalendarDate.today(now: Date(timeIntervalSince1970: Double(seconds ?? 0))).long }
        func name(_ label: String?) -> String { String((label ?? "").prefix { $0 != "<" }).trimmingCharacters(in: .whitespaces) }
        let status =
            version.isApproved
            ? "Status: approved at \(version.approvedAtMeeting ?? ""), recorded by \(name(version.approvedBy)) on \(day(version.approvedAt)) (version \(version.id))."
            : "Status: version \(version.id), saved by \(name(version.createdBy)) on \(day(version.createdAt)); a draft, not yet approved by the board."
        return A4Document.withStatus(html, stored: draftStatus, shown: status)
    }

    package static let draftStatus = "Status: draft, not yet approved by the board."

    /// - Parameter tableLink: where each table's CSV can be downloaded, by table id.
    /// - Parameter toolbar: on screen only (never printed): choosing another period, the settings.
    package static func render(_ a: StrategicAssessment, tableLink: (String) -> String? = { _ in nil }, toolbar: Node<HTML.BodyContext> = .empty) -> String {
        let tables = Dictionary(uniqueKeysWithValues: AssessmentTable.all(a).map { ($0.id, $0) })
        func table(_ id: String) -> Node<HTML.BodyContext> {
            let t = tables[id]!
            let rows = t.rows.enumerated().map { i, row in
                row.enumerated().map { column, cell -> Node<HTML.BodyContext> in
                    guard column == 1, i < t.links.count, let href = t.links[i] else { return .plainText(cell) }
                    return .a(.href(href), .plainText(cell))
                }
            }
            return DataTable(caption: t.caption, headers: t.headers, rows: rows, csvHref: tableLink(id), empty: t.empty).node
        }
        let notes = Footnotes()
        return document(title: "Strategic assessment: \(a.partnership)", period: a.period, fingerprint: a.fingerprint).render(
            toolbar: toolbar, footnotes: notes,
            [
                summary(a, notes), context(a),
                section("history", table("history")),
                trends(a, table("trends")), harm(a, table("harm")),
                section("comparison", table("comparison"), table("partnerships")),
                hotspots(a, table("hotspots")), repeats(a, table("repeats")),
                section("seasons", table("seasonality")),
                priorities(a, table("priorities"), table("adjustments")), recommendations(a), quality(a), methods(a),
            ])
    }

    /// The screen-only bar of the server's copy: another period, the settings and the versions.
    package static func toolbar(_ a: StrategicAssessment, partnershipID: RecordID<Partnership>, canChangeSettings: Bool, canPrintPDF: Bool) -> Node<HTML.BodyContext> {
        let base = Site.assessment(partnershipID)
        let month = a.months.last.map { "?to=\($0)" } ?? ""
        return .form(
            .method(.get), .action(base), .class("toolbar"),
            .a(.href(Site.partnership(partnershipID)), .plainText("Back to \(a.partnership)")),
            .label(.for("to"), "Assess the 12 months ending"),
            .input(
                .type(.text), .id("to"), .name("to"), .value(a.months.last ?? ""), .attribute(named: "inputmode", value: "numeric"),
                .attribute(named: "pattern", value: "[0-9]{4}-[0-9]{2}"), .attribute(named: "size", value: "8")),
            .button(.type(.submit), .class("button secondary"), "Show"),
            .if(canChangeSettings, .group(.plainText(" "), .a(.href(Site.assessmentSettings(partnershipID)), "Settings: weights, themes, adjustments"), .plainText(" ·"))),
            .plainText(" "), .a(.href(Site.assessmentVersions(partnershipID)), "Versions and approval"),
            .if(canPrintPDF, .group(.plainText(" · "), .a(.href(Site.assessmentPDF(partnershipID) + month), "Download as PDF (A4)"))))
    }

    /// The screen-only bar of a saved version: it leads back to the versions, and says plainly
    /// that the period form and the settings belong to the working draft, not to this copy.
    package static func versionToolbar(_ a: StrategicAssessment, partnershipID: RecordID<Partnership>, version: RecordID<RecordVersion>) -> Node<HTML.BodyContext> {
        let base = Site.assessment(partnershipID)
        let month = a.months.last.map { "?to=\($0)" } ?? ""
        return .p(
            .class("toolbar"),
            .a(.href(Site.partnership(partnershipID)), .plainText("Back to \(a.partnership)")),
            .plainText("Saved version \(version): its figures, settings and tables stay as they were saved. "),
            .a(.href(Site.assessmentVersions(partnershipID)), "All versions and approval"),
            .plainText(" · "), .a(.href("\(base)\(month)"), "The working draft for the same months"))
    }

    package static func summary(_ a: StrategicAssessment, _ notes: Footnotes) -> Node<HTML.BodyContext> {
        let percent = AssessmentTable.percent, verdict = AssessmentTable.verdict
        let rising = a.types.filter(\.trend.significantRise)
        let falling = a.types.filter(\.trend.significantFall)
        let high = a.priorities.filter { $0.triage.final == .high }.map(\.theme)
        let rank = a.partnershipsInForce.firstIndex { $0.csp == a.onsCode }.map { "\($0 + 1) of \(a.partnershipsInForce.count)" }
        return section(
            "summary",
            .ul(
                .li(
                    .plainText(
                        "\(Numbers.whole(a.allCrime.current)) crimes in \(a.period), against \(Numbers.whole(a.allCrime.previous)) in the 12 months before (\(percent(a.allCrime.previous, a.allCrime.current))): \(verdict(a.allCrime.trend))."
                    )),
                .li(
                    .plainText(
                        "\(Numbers.rate(a.allCrime.perThousandResidents)) crimes per 1,000 residents; "
                            + (a.countyGroup.map { "the \($0) area's rate is \(Numbers.rate(a.allCrime.countyAreaPerThousand)), " } ?? "")
                            + "the force area's rate is \(Numbers.rate(a.allCrime.forceAreaPerThousand))"
                            + (rank.map { ". Rank by rate among the force's partnerships: \($0) (1 is highest)." } ?? ".")),
                    notes.cite(
                        "Rates are per 1,000 residents, from ONS mid-year population estimates by LSOA summed over the area's districts; crimes are every police.uk category except anti-social behaviour."
                    )),
                .li(
                    .plainText("Harm-weighted crime: \(Numbers.weight(a.harmWeightedCrime)) against \(Numbers.weight(a.previousHarmWeightedCrime)) (\(a.settings.harm.title))."),
                    notes.cite(
                        "Each crime counts as its category's harm weight. Every weight used, with what it rests on, is listed under Methods and settings; a weight marked as an estimate was set by hand on the table's scale."
                    )),
                .li(
                    .plainText(
                        rising.isEmpty
                            ? "No crime type rose significantly."
                            : "Significant rises: " + rising.map { "\($0.crimeType) (\(percent($0.previous, $0.current)))" }.joined(separator: ", ") + ".")),
                .li(
                    .plainText(
                        falling.isEmpty
                            ? "No crime type fell significantly."
                            : "Significant falls: " + falling.map { "\($0.crimeType) (\(percent($0.previous, $0.current)))" }.joined(separator: ", ") + ".")),
                .li(.plainText(high.isEmpty ? "No theme is triaged high." : "Triaged high: " + high.joined(separator: ", ") + ".")),
                .li(
                    .plainText(
                        "\(a.hotspots.hotspots.count) hotspot cells of \(Int(a.settings.hotspots.cellSize)) m; "
                            + String(format: "%.0f%% of located crime at the busiest 10%% of places.", a.repeatLocations.shareAtTop10Percent * 100))),
                .li(
                    .plainText(
                        "Anti-social behaviour: \(Numbers.whole(a.antiSocialBehaviour.current)) incidents (\(percent(a.antiSocialBehaviour.previous, a.antiSocialBehaviour.current))): \(verdict(a.antiSocialBehaviour.trend))."
                    ))
            ))
    }

    package static func context(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        section(
            "context",
            SummaryList(items: [
                ("Partnership", .plainText(a.partnership + (a.onsCode.map { " (\($0))" } ?? ""))),
                ("Districts", .plainText(a.districts.joined(separator: ", "))),
                ("Residents", .plainText(Numbers.whole(a.residents) + " (ONS mid-year estimate)")),
                ("Period", .plainText("\(a.period), against \(a.previousPeriod)")),
            ]).node)
    }

    package static func figure(_ svg: String, caption: String) -> Node<HTML.BodyContext> {
        .element(
            named: "figure",
            nodes: [
                Node<HTML.BodyContext>.attribute(named: "class", value: "chart"), .attribute(named: "tabindex", value: "0"), .raw(svg),
                .element(named: "figcaption", nodes: [Node<HTML.BodyContext>.plainText(caption)]),
            ])
    }

    package static func trends(_ a: StrategicAssessment, _ table: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        section(
            "trends",
            figure(
                MonthlyChart(
                    id: "trend", title: "Crimes and anti-social behaviour each month", monthLabels: a.months,
                    series: [
                        .init(name: "Crimes", values: a.crimesByMonth, style: "first"),
                        .init(name: "Anti-social behaviour", values: a.antiSocialBehaviourByMonth, style: "second"),
                    ]
                ).svg,
                caption: "Monthly counts over both periods; the figures are in the table below."),
            table)
    }

    package static func harm(_ a: StrategicAssessment, _ table: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        section(
            "harm",
            .p(
                .plainText(
                    "Not every crime does the same harm. Each crime is weighted by the table ‘\(a.settings.harm.title)’"
                        + (a.settings.harm.editor.map { ", with weights edited by \($0)" } ?? "") + "; the source and mapping are in the methods.")),
            table)
    }

    package static func priorities(_ a: StrategicAssessment, _ matrix: Node<HTML.BodyContext>, _ adjustments: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        section(
            "priorities",
            .p(
                .plainText(
                    "Each candidate theme is scored 1 (least) to 5 (most) on each criterion; the score weights them as set out in the methods. "
                        + "A value the analyst adjusted shows the computed value beside it, and the analyst's reason is in the table of adjustments.")),
            matrix, adjustments,
            .unwrap(a.priorities.first { $0.evidence != nil } == nil ? nil : a.priorities.filter { $0.evidence != nil }) { own in
                .group(
                    .h3(.id("own-themes"), "The analyst's own themes"),
                    .dl(
                        .class("summary-list"),
                        .forEach(own) { p in
                            .group(.dt(.plainText(p.theme)), .dd(.plainText(p.evidence ?? "")))
                        }))
            })
    }

    package static func hotspots(_ a: StrategicAssessment, _ table: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        section(
            "hotspots",
            figure(
                HotspotMap(grid: a.hotspots).svg,
                caption:
                    "Cells of \(Int(a.settings.hotspots.cellSize)) m, north at the top. Hotspots are dark with a cross; cold spots are outlined; shading shows other cells with crime."
                    + (a.hotspots.outlying > 0 ? " \(Numbers.whole(a.hotspots.outlying)) crimes far from the rest are left off the map." : "")),
            table)
    }

    package static func repeats(_ a: StrategicAssessment, _ table: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        let r = a.repeatLocations
        return section(
            "repeats",
            .p(
                .plainText(
                    String(
                        format:
                            "%@ crimes at %@ places. The busiest 5%% of places hold %.0f%% of the crime, the busiest 10%% hold %.0f%%; %.0f%% of those had crime in at least three months out of four.",
                        Numbers.whole(r.crimes), Numbers.whole(r.places), r.shareAtTop5Percent * 100, r.shareAtTop10Percent * 100, r.persistentShareOfTop10Percent * 100))),
            table)
    }

    package static func recommendations(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        func line(_ p: Priority) -> Node<HTML.ListContext> {
            let basis: Node<HTML.BodyContext> =
                p.kind == .analyst
                ? .a(.href("#own-themes"), "the analyst's evidence")
                : .group(.plainText("the "), .a(.href("#trends"), "trends"), .plainText(" and "), .a(.href("#harm"), "harm"), .plainText(" tables"))
            return .li(
                .strong(.plainText(p.theme)),
                .plainText(
                    ": \(p.classification.final.rawValue.lowercased()), delivered \(p.delivery.final == .local ? "locally" : "sub-regionally, with the other partnerships of the county"); score \(String(format: "%.1f", p.total)), confidence \(p.confidence.final.rawValue.lowercased()); from "
                ), basis, .plainText("."))
        }
        let byTriage = Dictionary(grouping: a.priorities, by: \.triage.final)
        return section(
            "recommendations",
            .p(.plainText("Recommended priorities for the board, by triage. Every one comes from the matrix above.")),
            .forEach([Triage.high, .medium]) { level in
                .group(
                    .h3(.plainText("\(level.rawValue) priority")),
                    byTriage[level].map { .ul(.forEach($0, line)) } ?? .p(.class("empty"), .plainText("None.")))
            },
            .p(.plainText("Triaged low: " + ((byTriage[.low] ?? []).isEmpty ? "none" : byTriage[.low]!.map(\.theme).joined(separator: ", ")) + ".")))
    }

    package static func quality(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        section(
            "quality",
            .if(
                a.incompleteMonths,
                .p(.strong(.plainText("Some months of the two periods are missing from the published data: the trends and the confidence ratings allow for it.")))),
            CrimeDataView.qualityTable(a.dataQuality))
    }

    package static func methods(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        let weights = Criterion.allCases.map { "\($0.label) \(Numbers.weight(a.settings.weight($0)))" }.joined(separator: ", ")
        return section(
            "methods",
            .ul(
                .li(
                    .plainText(
                        "Source: police.uk street-level crime, placed by LSOA in ONS districts; residents from the ONS mid-year estimates by LSOA. Anti-social behaviour is shown apart from crime."
                    )),
                .li(
                    .plainText(
                        "Trends: \(TrendTest.Method.quasiPoissonSeasonal.rawValue) (a quasi-Poisson log-linear model of the 24 monthly counts with a period term and a term for each month of the year; dispersion from Pearson's χ², never below 1). Where either period has fewer than \(TrendTest.smallNumbers) crimes, the \(TrendTest.Method.exactBinomial.rawValue) is used and the result marked small numbers. Significant means p < \(TrendTest.significance)."
                    )),
                .li(
                    .plainText(
                        "Harm weights: \(a.settings.harm.label). Source: \(a.settings.harm.source) Mapping: \(a.settings.harm.mapping) The weights used, with what each stands for:"
                    ),
                    .ul(
                        .forEach(CrimeType.allCases) { type in
                            let basis = a.settings.harm.basis[type.rawValue].flatMap { $0.isEmpty ? nil : $0 }
                            return .li(.plainText("\(type.rawValue): \(Numbers.weight(a.settings.harm.weight(type)))" + (basis.map { " (\($0))" } ?? "")))
                        })),
                .li(
                    .plainText(
                        "Hotspots: Getis-Ord Gi* over a grid of \(Int(a.settings.hotspots.cellSize)) m cells, binary distance-band weights of \(Int(a.settings.hotspots.band)) m including the cell itself, two-sided normal p-values corrected by Benjamini–Hochberg at a false discovery rate of \(a.settings.hotspots.falseDiscoveryRate). The grid covers the middle 99.8% of crimes north–south and east–west; a spread wider than \(HotspotGrid.maximumCells) cells is not mapped."
                    )),
                .li(.plainText("Repeat locations: police.uk snap points; concentration is the share of located crime at the busiest 5% and 10% of places with any crime.")),
                .li(
                    .plainText(
                        "Priority matrix, in the spirit of MoRiLE: " + Criterion.allCases.map { "\($0.label.lowercased()) is \($0.meaning)" }.joined(separator: "; ")
                            + ". Score = 100 × Σ weight × (score − 1) ÷ (4 × Σ weight); weights: \(weights).")),
                .li(
                    .plainText(
                        "Harm score by harm per incident against the average incident: "
                            + PriorityRules.harmBands.map { "\($0.score) from \(String(format: "%g", $0.minimumRatio))×" }.joined(separator: ", ")
                            + ". Volume score by share of incidents: "
                            + PriorityRules.volumeBands.map { "\($0.score) from \(String(format: "%g", $0.minimumShare * 100))%" }.joined(separator: ", ") + ".")),
                .li(.plainText("Trend score: " + rules(PriorityRules.trendRules) { String($0) } + ".")),
                .li(.plainText("Confidence: " + rules(PriorityRules.confidenceRules) { $0.rawValue } + ".")),
                .li(
                    .plainText(
                        "Classification into the four kinds of work of the partnership's plan, by the first rule that applies: "
                            + rules(PriorityRules.classificationRules) { $0.rawValue }
                            + ". Galvanising communities is chosen only by the analyst: crime figures cannot show what residents are doing.")),
                .li(.plainText("Triage: " + rules(PriorityRules.triageRules) { $0.rawValue } + ".")),
                .li(.plainText("Level of delivery: " + rules(PriorityRules.deliveryRules) { $0.rawValue } + ".")),
                .li(.plainText("Fingerprint: SHA-256 of every figure and setting in this assessment (the JSON alongside it)."))
            ))
    }

    package static func rules<Input, Result: Sendable>(_ rules: [PriorityRules.Rule<Input, Result>], _ name: (Result) -> String) -> String {
        rules.map { "\($0.label) → \(name($0.result))" }.joined(separator: "; ")
    }
}

/// The hotspot grid drawn as SVG cells, north up.
package struct HotspotMap {
    package let grid: HotspotGrid

    package static func centre(_ grid: HotspotGrid, _ cell: HotspotGrid.Cell) -> (latitude: Double, longitude: Double) {
        let x = grid.minX + (Double(cell.column) + 0.5) * grid.settings.cellSize
        let y = grid.minY + (Double(cell.row) + 0.5) * grid.settings.cellSize
        let radians = Double.pi / 180
        return (
            grid.originLatitude + y / HotspotGrid.earthRadius / radians,
            grid.originLongitude + x / (HotspotGrid.earthRadius * cos(grid.originLatitude * radians)) / radians
        )
    }

    package var svg: String {
        guard grid.columns > 0 else { return "" }
        let size = max(2.0, min(12.0, 600.0 / Double(max(grid.columns, grid.rows))))
        let width = Double(grid.columns) * size, height = Double(grid.rows) * size
        var (most, hot, cold) = (grid.cells.isEmpty ? 1 : Int.min, 0, 0)
        for cell in grid.cells {
            most = max(most, cell.crimes)
            if cell.spot > 0 { hot += 1 } else if cell.spot < 0 { cold += 1 }
        }
        let busiest = Double(most)
        let head = """
            <svg xmlns="http://www.w3.org/2000/svg" class="hotspot-map" viewBox="0 0 \(f(width)) \(f(height))" role="img" aria-labelledby="map-title map-desc">
            <title id="map-title">Hotspot map</title>
            <desc id="map-desc">A grid of \(grid.columns) by \(grid.rows) cells with \(hot) hotspot cells and \(cold) cold spot cells. The hotspots are listed in the table below.</desc>
            <rect class="frame" x="0" y="0" width="\(f(width))" height="\(f(height))"/>

            """
        // Written as bytes, each number straight into them: a string for every number and
        // every cell was a twentieth of an assessment's time.
        var out = Array(head.utf8)
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        func put(_ number: Double) { FixedPoint.append(number, places: 2, to: &out) }
        let sizeText = f(size)
        for cell in grid.cells where cell.crimes > 0 || cell.spot != 0 {
            let x = Double(cell.column) * size, y = height - Double(cell.row + 1) * size
            put(cell.spot > 0 ? "<rect class=\"hot\" x=\"" : cell.spot < 0 ? "<rect class=\"cold\" x=\"" : "<rect class=\"some\" x=\"")
            put(x)
            put("\" y=\"")
            put(y)
            put("\" width=\"" + sizeText + "\" height=\"" + sizeText + "\"")
            if cell.spot == 0 {
                put(" fill-opacity=\"")
                put(0.15 + 0.6 * Double(cell.crimes) / busiest)
                put("\"")
            }
            put("/>")
            if cell.spot > 0 {
                put("<path class=\"cross\" d=\"M")
                put(x)
                put(" ")
                put(y)
                put("l" + sizeText + " " + sizeText + "M")
                put(x + size)
                put(" ")
                put(y)
                put("l-" + sizeText + " " + sizeText + "\"/>")
            }
            put("\n")
        }
        put("</svg>")
        return String(decoding: out, as: UTF8.self)
    }

    private func f(_ v: Double) -> String { FixedPoint.text(v, places: 2) }
}
