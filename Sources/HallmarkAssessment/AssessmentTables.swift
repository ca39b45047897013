import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// Every table of the assessment document as plain rows, so that the printed table and its
/// CSV download are one and the same.
package struct AssessmentTable {
    package let id: String
    package let caption: String
    package let headers: [String]
    package let rows: [[String]]
    package var empty = "None recorded."
    /// Where each row's second cell (its name) links to in the document: the figures behind it.
    package var links: [String?] = []

    package var csv: CSVDocument { CSVDocument(headers: headers, rows: rows) }

    /// The tables by id, in the order the document shows them.
    package static func all(_ a: StrategicAssessment) -> [AssessmentTable] {
        [history(a), trends(a), harm(a), comparison(a), partnerships(a), hotspots(a), repeats(a), seasons(a), priorities(a), adjustments(a.settings.adjustments)]
    }

    package static func named(_ id: String, _ a: StrategicAssessment) -> AssessmentTable? {
        all(a).first { $0.id == id }
    }

    /// A p-value as a paper prints it: three places, and "< 0.001" below that, never "0" or
    /// "2.7e-321".
    package static func pValue(_ p: Double) -> String { p < 0.001 ? "< 0.001" : String(format: "%.3f", p) }
    package static func percent(_ previous: Int, _ current: Int) -> String {
        previous > 0 ? String(format: "%+.0f%%", (Double(current) / Double(previous) - 1) * 100) : "new"
    }

    package static func verdict(_ t: TrendTest) -> String {
        t.smallNumbers ? "\(t.direction) (small numbers)" : t.direction
    }

    package static func history(_ a: StrategicAssessment) -> AssessmentTable {
        AssessmentTable(
            id: "history", caption: "Crime over up to five years, most recent first",
            headers: ["12 months", "Months held", "Crimes", "Per 1,000 residents", "Anti-social behaviour"],
            rows: a.history.map { [$0.period, String($0.monthsHeld), Numbers.whole($0.crimes), Numbers.rate($0.perThousandResidents), Numbers.whole($0.antiSocialBehaviour)] })
    }

    package static func trends(_ a: StrategicAssessment) -> AssessmentTable {
        AssessmentTable(
            id: "trends", caption: "Change by crime type, \(a.previousPeriod) against \(a.period)",
            headers: ["Crime type", "Previous 12 months", "Latest 12 months", "Change", "Rate ratio", "p", "Verdict"],
            rows: ([a.allCrime] + a.types + [a.antiSocialBehaviour]).map { t in
                [
                    t.crimeType, Numbers.whole(t.previous), Numbers.whole(t.current), percent(t.previous, t.current),
                    t.trend.rateRatio.map { String(format: "%.2f", $0) } ?? "–", pValue(t.trend.p), verdict(t.trend),
                ]
            })
    }

    package static func harm(_ a: StrategicAssessment) -> AssessmentTable {
        AssessmentTable(
            id: "harm", caption: "Harm-weighted crime, latest 12 months (\(a.settings.harm.title))",
            headers: ["Crime type", "Crimes", "Weight", "Harm-weighted", "Share of harm"],
            rows: a.harm.map { [$0.crimeType, Numbers.whole($0.crimes), Numbers.weight($0.weight), Numbers.weight($0.harm), Numbers.percent($0.share)] })
    }

    package static func comparison(_ a: StrategicAssessment) -> AssessmentTable {
        let county = a.countyGroup.map { ["\($0) area"] } ?? []
        return AssessmentTable(
            id: "comparison", caption: "Crimes per 1,000 residents, latest 12 months", headers: ["Crime type", "Here"] + county + ["Force area"],
            rows: ([a.allCrime] + a.types).map { t in
                [t.crimeType, Numbers.rate(t.perThousandResidents)] + (county.isEmpty ? [] : [Numbers.rate(t.countyAreaPerThousand)]) + [Numbers.rate(t.forceAreaPerThousand)]
            })
    }

    package static func partnerships(_ a: StrategicAssessment) -> AssessmentTable {
        AssessmentTable(
            id: "partnerships", caption: "Partnerships in the force area, highest rate first",
            headers: ["Rank", "Partnership", "Crimes", "Per 1,000 residents"],
            rows: a.partnershipsInForce.enumerated().map { i, r in
                [String(i + 1), r.csp == a.onsCode ? "\(r.name) (this partnership)" : r.name, Numbers.whole(r.crimes), Numbers.rate(r.perThousandResidents)]
            })
    }

    package static func hotspots(_ a: StrategicAssessment) -> AssessmentTable {
        AssessmentTable(
            id: "hotspots", caption: "Hotspot cells, strongest first", headers: ["Cell centre (latitude, longitude)", "Crimes", "Gi* z", "p"],
            rows: a.hotspots.hotspots.prefix(15).map { c in
                let centre = HotspotMap.centre(a.hotspots, c)
                return [String(format: "%.5f, %.5f", centre.latitude, centre.longitude), String(c.crimes), String(format: "%.2f", c.z), pValue(c.p)]
            }, empty: "No cell is a hotspot after the correction for multiple testing.")
    }

    package static func repeats(_ a: StrategicAssessment) -> AssessmentTable {
        AssessmentTable(
            id: "repeats", caption: "The busiest places, latest 12 months", headers: ["Place", "Crimes", "Months with crime"],
            rows: a.repeatLocations.top.map { [$0.name, String($0.crimes), "\($0.monthsWithCrime) of 12"] })
    }

    package static func seasons(_ a: StrategicAssessment) -> AssessmentTable {
        AssessmentTable(
            id: "seasonality", caption: "Crimes in each calendar month against the average month (100), both periods",
            headers: ["Month", "Index"], rows: MonthNumber.names.indices.map { [MonthNumber.names[$0], a.seasonality.index[$0].map { String(format: "%.0f", $0) } ?? "–"] })
    }

    /// A judged value as the board reads it: the final value, and the computed one beside it if
    /// the analyst changed it.
    package static func shown(_ j: Judged<Int>) -> String {
        j.final == j.computed ? "\(j.final)" : "\(j.final) (computed \(j.computed))"
    }

    package static func shown<V: RawRepresentable>(_ j: Judged<V>) -> String where V.RawValue == String {
        j.final == j.computed ? j.final.rawValue : "\(j.final.rawValue) (computed \(j.computed.rawValue))"
    }

    package static func priorities(_ a: StrategicAssessment) -> AssessmentTable {
        AssessmentTable(
            id: "priorities", caption: "Priority matrix, highest score first",
            headers: ["Rank", "Theme"] + Criterion.allCases.map(\.label) + ["Score (0–100)", "Confidence", "Classification", "Triage", "Delivery"],
            rows: a.priorities.enumerated().map { i, p in
                [String(i + 1), p.theme] + Criterion.allCases.map { shown(p.score($0)) }
                    + [
                        p.total == p.computedTotal ? String(format: "%.1f", p.total) : String(format: "%.1f (computed %.1f)", p.total, p.computedTotal),
                        shown(p.confidence), shown(p.classification), shown(p.triage), shown(p.delivery),
                    ]
            }, links: a.priorities.map { $0.kind == .analyst ? "#own-themes" : "#trends" })
    }

    /// The adjustments: in the document, and on the settings page as they stand so far.
    package static func adjustments(
        _ list: [Adjustment], caption: String = "Adjustments by professional judgement",
        empty: String = "No value was adjusted: every score is as the rules computed it."
    ) -> AssessmentTable {
        AssessmentTable(
            id: "adjustments", caption: caption, headers: ["Theme", "Value", "Changed to", "Reason", "By", "On"],
            rows: list.map { [$0.theme, $0.field.label, $0.value, $0.reason, $0.by, $0.on] }, empty: empty)
    }
}
