import Foundation
import HallmarkAnalytics
import Plot

/// The strategic assessment as a document to print on A4 and take into the board meeting.
/// Everything in it comes from the assessment's figures: the same figures give the same bytes.
enum AssessmentDocument {
    static let sections = [("summary", "Executive summary"), ("context", "Context"), ("trends", "Trends"),
                           ("comparison", "Compared with the force area"), ("hotspots", "Hotspots"),
                           ("repeats", "Repeat locations"), ("seasons", "Seasonality"),
                           ("quality", "Data quality"), ("methods", "Methods and settings")]

    static func render(_ a: StrategicAssessment) -> String {
        let html = HTML(
            .lang(.english),
            .head(.meta(.charset(.utf8)), .title("Strategic assessment: \(a.partnership)"),
                  .element(named: "style", text: OperationsController.stylesheetText)),
            .body(.main(.id("main"), .class("page assessment"),
                .span(.class("caption"), .text("Draft strategic assessment, \(a.period)")),
                .h1(.text("Strategic assessment: \(a.partnership)")),
                .p(.class("hint"), .text("Data fingerprint \(a.fingerprint)")),
                .nav(.ariaLabel("Contents"), .h2("Contents"),
                     .ol(.forEach(sections) { s in .li(.a(.href("#\(s.0)"), .text(s.1))) })),
                summary(a), context(a), trends(a), comparison(a), hotspots(a), repeats(a), seasons(a), quality(a), methods(a)
            ))
        )
        return html.render()
    }

    static func percent(_ previous: Int, _ current: Int) -> String {
        previous > 0 ? String(format: "%+.0f%%", (Double(current) / Double(previous) - 1) * 100) : "new"
    }

    static func verdict(_ t: TrendTest) -> String {
        t.smallNumbers ? "\(t.direction) (small numbers)" : t.direction
    }

    static func summary(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        let rising = a.types.filter { $0.trend.significant && $0.current > $0.previous }
        let falling = a.types.filter { $0.trend.significant && $0.current < $0.previous }
        let rank = a.partnershipsInForce.firstIndex { $0.csp == a.onsCode }.map { "\($0 + 1) of \(a.partnershipsInForce.count)" }
        return .section(.id("summary"), .h2("Executive summary"), .ul(
            .li(.text("\(Numbers.whole(a.allCrime.current)) crimes in \(a.period), against \(Numbers.whole(a.allCrime.previous)) in the 12 months before (\(percent(a.allCrime.previous, a.allCrime.current))): \(verdict(a.allCrime.trend)).")),
            .li(.text("\(Numbers.rate(a.allCrime.perThousandResidents)) crimes per 1,000 residents; the force area's rate is \(Numbers.rate(a.allCrime.forceAreaPerThousand))"
                      + (rank.map { ". Rank by rate among the force's partnerships: \($0) (1 is highest)." } ?? "."))),
            .li(.text(rising.isEmpty ? "No crime type rose significantly." : "Significant rises: " + rising.map { "\($0.crimeType) (\(percent($0.previous, $0.current)))" }.joined(separator: ", ") + ".")),
            .li(.text(falling.isEmpty ? "No crime type fell significantly." : "Significant falls: " + falling.map { "\($0.crimeType) (\(percent($0.previous, $0.current)))" }.joined(separator: ", ") + ".")),
            .li(.text("\(a.hotspots.hotspots.count) hotspot cells of \(Int(a.settings.cellSize)) m; "
                      + String(format: "%.0f%% of located crime at the busiest 10%% of places.", a.repeatLocations.shareAtTop10Percent * 100))),
            .li(.text("Anti-social behaviour: \(Numbers.whole(a.antiSocialBehaviour.current)) incidents (\(percent(a.antiSocialBehaviour.previous, a.antiSocialBehaviour.current))): \(verdict(a.antiSocialBehaviour.trend))."))
        ))
    }

    static func context(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        .section(.id("context"), .h2("Context"),
                 SummaryList(items: [("Partnership", .text(a.partnership + (a.onsCode.map { " (\($0))" } ?? ""))),
                                     ("Districts", .text(a.districts.joined(separator: ", "))),
                                     ("Residents", .text(Numbers.whole(a.residents) + " (ONS mid-year estimate)")),
                                     ("Period", .text("\(a.period), against \(a.previousPeriod)"))]).node)
    }

    static func trends(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        let rows = ([a.allCrime] + a.types + [a.antiSocialBehaviour]).map { t -> [Node<HTML.BodyContext>] in
            [.text(t.crimeType), .text(Numbers.whole(t.previous)), .text(Numbers.whole(t.current)), .text(percent(t.previous, t.current)),
             .text(t.trend.rateRatio.map { String(format: "%.2f", $0) } ?? "–"), .text(String(format: "%.4f", t.trend.p)), .text(verdict(t.trend))]
        }
        return .section(.id("trends"), .h2("Trends"),
            .element(named: "figure", nodes: [
                Node<HTML.BodyContext>.attribute(named: "class", value: "chart"),
                .raw(MonthlyChart(id: "trend", title: "Crimes and anti-social behaviour each month", monthLabels: a.months,
                                  series: [.init(name: "Crimes", values: a.crimesByMonth, style: "first"),
                                           .init(name: "Anti-social behaviour", values: a.antiSocialBehaviourByMonth, style: "second")]).svg),
                .element(named: "figcaption", nodes: [Node<HTML.BodyContext>.text("Monthly counts over both periods; the figures are in the table below.")]),
            ]),
            DataTable(caption: "Change by crime type, \(a.previousPeriod) against \(a.period)",
                      headers: ["Crime type", "Previous 12 months", "Latest 12 months", "Change", "Rate ratio", "p", "Verdict"], rows: rows).node)
    }

    static func comparison(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        .section(.id("comparison"), .h2("Compared with the force area"),
            DataTable(caption: "Crimes per 1,000 residents, latest 12 months", headers: ["Crime type", "Here", "Force area"],
                      rows: ([a.allCrime] + a.types).map { [.text($0.crimeType), .text(Numbers.rate($0.perThousandResidents)), .text(Numbers.rate($0.forceAreaPerThousand))] }).node,
            DataTable(caption: "Partnerships in the force area, highest rate first", headers: ["Rank", "Partnership", "Crimes", "Per 1,000 residents"],
                      rows: a.partnershipsInForce.enumerated().map { i, r in
                          [.text(String(i + 1)), r.csp == a.onsCode ? .strong(.text(r.name)) : .text(r.name), .text(Numbers.whole(r.crimes)), .text(Numbers.rate(r.perThousandResidents))]
                      }).node)
    }

    static func hotspots(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        let grid = a.hotspots
        return .section(.id("hotspots"), .h2("Hotspots"),
            .element(named: "figure", nodes: [
                Node<HTML.BodyContext>.attribute(named: "class", value: "chart"),
                .raw(HotspotMap(grid: grid).svg),
                .element(named: "figcaption", nodes: [Node<HTML.BodyContext>.text(
                    "Cells of \(Int(a.settings.cellSize)) m, north at the top. Hotspots are dark with a cross; cold spots are outlined; shading shows other cells with crime."
                    + (grid.outlying > 0 ? " \(Numbers.whole(grid.outlying)) crimes far from the rest are left off the map." : ""))]),
            ]),
            DataTable(caption: "Hotspot cells, strongest first", headers: ["Cell centre (latitude, longitude)", "Crimes", "Gi* z", "p"],
                      rows: grid.hotspots.prefix(15).map { c in
                          let centre = HotspotMap.centre(grid, c)
                          return [.text(String(format: "%.5f, %.5f", centre.latitude, centre.longitude)), .text(String(c.crimes)),
                                  .text(String(format: "%.2f", c.z)), .text(String(format: "%.2g", c.p))]
                      }, empty: "No cell is a hotspot after the correction for multiple testing.").node)
    }

    static func repeats(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        let r = a.repeatLocations
        return .section(.id("repeats"), .h2("Repeat locations"),
            .p(.text(String(format: "%@ crimes at %@ places. The busiest 5%% of places hold %.0f%% of the crime, the busiest 10%% hold %.0f%%; %.0f%% of those had crime in at least three months out of four.",
                            Numbers.whole(r.crimes), Numbers.whole(r.places), r.shareAtTop5Percent * 100, r.shareAtTop10Percent * 100, r.persistentShareOfTop10Percent * 100))),
            DataTable(caption: "The busiest places, latest 12 months", headers: ["Place", "Crimes", "Months with crime"],
                      rows: r.top.map { [.text($0.name), .text(String($0.crimes)), .text("\($0.monthsWithCrime) of 12")] }).node)
    }

    static func seasons(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return .section(.id("seasons"), .h2("Seasonality"),
            DataTable(caption: "Crimes in each calendar month against the average month (100), both periods",
                      headers: ["Month", "Index"], rows: names.indices.map { [.text(names[$0]), .text(a.seasonality.index[$0].map { String(format: "%.0f", $0) } ?? "–")] }).node)
    }

    static func quality(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        .section(.id("quality"), .h2("Data quality"), CrimeDataView.qualityTable(a.dataQuality))
    }

    static func methods(_ a: StrategicAssessment) -> Node<HTML.BodyContext> {
        .section(.id("methods"), .h2("Methods and settings"), .ul(
            .li(.text("Source: police.uk street-level crime, placed by LSOA in ONS districts; residents from the ONS mid-year estimates by LSOA. Anti-social behaviour is shown apart from crime.")),
            .li(.text("Trends: \(TrendTest.Method.quasiPoissonSeasonal.rawValue) (a quasi-Poisson log-linear model of the 24 monthly counts with a period term and a term for each month of the year; dispersion from Pearson's χ², never below 1). Where either period has fewer than \(TrendTest.smallNumbers) crimes, the \(TrendTest.Method.exactBinomial.rawValue) is used and the result marked small numbers. Significant means p < \(TrendTest.significance).")),
            .li(.text("Hotspots: Getis-Ord Gi* over a grid of \(Int(a.settings.cellSize)) m cells, binary distance-band weights of \(Int(a.settings.band)) m including the cell itself, two-sided normal p-values corrected by Benjamini–Hochberg at a false discovery rate of \(a.settings.falseDiscoveryRate). The grid covers the middle 99.8% of crimes north–south and east–west; a spread wider than \(HotspotGrid.maximumCells) cells is not mapped.")),
            .li(.text("Repeat locations: police.uk snap points; concentration is the share of located crime at the busiest 5% and 10% of places with any crime.")),
            .li(.text("Fingerprint: SHA-256 of every figure in this assessment (the JSON alongside it)."))
        ))
    }
}

/// The hotspot grid drawn as SVG cells, north up.
struct HotspotMap {
    let grid: HotspotGrid

    static func centre(_ grid: HotspotGrid, _ cell: HotspotGrid.Cell) -> (latitude: Double, longitude: Double) {
        let x = grid.minX + (Double(cell.column) + 0.5) * grid.settings.cellSize
        let y = grid.minY + (Double(cell.row) + 0.5) * grid.settings.cellSize
        let radians = Double.pi / 180
        return (grid.originLatitude + y / HotspotGrid.earthRadius / radians,
                grid.originLongitude + x / (HotspotGrid.earthRadius * cos(grid.originLatitude * radians)) / radians)
    }

    var svg: String {
        guard grid.columns > 0 else { return "" }
        let size = max(2.0, min(12.0, 600.0 / Double(max(grid.columns, grid.rows))))
        let width = Double(grid.columns) * size, height = Double(grid.rows) * size
        let busiest = Double(grid.cells.map(\.crimes).max() ?? 1)
        let hot = grid.cells.filter { $0.spot > 0 }.count, cold = grid.cells.filter { $0.spot < 0 }.count
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="hotspot-map" viewBox="0 0 \(f(width)) \(f(height))" role="img" aria-labelledby="map-title map-desc">
            <title id="map-title">Hotspot map</title>
            <desc id="map-desc">A grid of \(grid.columns) by \(grid.rows) cells with \(hot) hotspot cells and \(cold) cold spot cells. The hotspots are listed in the table below.</desc>
            <rect class="frame" x="0" y="0" width="\(f(width))" height="\(f(height))"/>

            """
        for cell in grid.cells where cell.crimes > 0 || cell.spot != 0 {
            let x = Double(cell.column) * size, y = height - Double(cell.row + 1) * size
            let kind = cell.spot > 0 ? "hot" : cell.spot < 0 ? "cold" : "some"
            let shade = cell.spot == 0 ? " fill-opacity=\"\(f(0.15 + 0.6 * Double(cell.crimes) / busiest))\"" : ""
            out += "<rect class=\"\(kind)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(size))\" height=\"\(f(size))\"\(shade)/>"
            if cell.spot > 0 { out += "<path class=\"cross\" d=\"M\(f(x)) \(f(y))l\(f(size)) \(f(size))M\(f(x + size)) \(f(y))l-\(f(size)) \(f(size))\"/>" }
            out += "\n"
        }
        return out + "</svg>"
    }

    private func f(_ v: Double) -> String { String(format: "%.2f", v) }
}
