import Foundation
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import Plot

/// The partnership plan as a document for the board: saved as a version each year (the
/// three-year plan refreshed), approved at a meeting and then frozen.
package enum PlanDocument {
    static let sections = [
        ("priorities", "Priorities and why"), ("operational", "Operational plan"), ("transformation", "Transformation plan"), ("risks", "Risks"), ("indicators", "Outcomes"),
    ]

    package static func html(
        _ p: Partnership, years: String, priorities: [PlanPriority], actions: [PlanAction], risks: [PlanRisk], readings: [IndicatorReading], status: String
    ) -> String {
        let document = A4Document(
            title: "\(p.name): partnership plan \(years)", kicker: "Partnership plan", marginTitle: "\(p.name): plan \(years)", status: status, fingerprint: nil,
            sections: sections)
        let title = { (id: RecordID<PlanPriority>) in priorities.first { $0.id == id }?.title ?? "" }
        func actionTable(_ kind: PlanKind) -> Node<HTML.BodyContext> {
            DataTable(
                caption: "\(kind == .operational ? "Operational" : "Transformation") actions", headers: ["Priority", "Action", "Owner", "Due", "Status"],
                rows: actions.filter { $0.plan == kind }.map {
                    [.plainText(title($0.priorityID)), .plainText($0.title), .plainText($0.owner), .plainText($0.dueOn.long), .plainText($0.status.label)]
                },
                empty: "None."
            ).node
        }
        return document.render([
            document.section(
                "priorities",
                [
                    .group(
                        .forEach(priorities) { pr in
                            .group(
                                .h3(.plainText(pr.title)),
                                .p(.plainText(pr.fromAssessment ? "From the approved strategic assessment. \(pr.evidence)" : "Added by the partnership: \(pr.reason)")))
                        })
                ]),
            document.section("operational", [actionTable(.operational)]),
            document.section("transformation", [actionTable(.transformation)]),
            document.section(
                "risks",
                [
                    DataTable(
                        caption: "Risks, highest first", headers: ["Priority", "Risk", "Likelihood", "Impact", "Score", "What is done about it"],
                        rows: risks.map {
                            [
                                .plainText(title($0.priorityID)), .plainText($0.risk), .plainText("\($0.likelihood)"), .plainText("\($0.impact)"), .plainText("\($0.score)"),
                                .plainText($0.mitigation),
                            ]
                        },
                        empty: "None recorded."
                    ).node
                ]),
            document.section(
                "indicators",
                [
                    DataTable(
                        caption: "Indicators, latest period", headers: ["Priority", "Indicator", "Latest period", "Value", "Target", "Rating"],
                        rows: readings.map { r in
                            [
                                .plainText(r.indicator.priorityID.map(title) ?? "–"), .plainText(r.indicator.name), .plainText(r.latest.map { MonthNumber.short($0.month) } ?? "–"),
                                .plainText(PlanView.value(r.latest?.value)), .plainText(r.indicator.rule == .target ? PlanView.value(r.indicator.target) : "By trend test"),
                                .plainText(r.rag.label),
                            ]
                        }, empty: "None."
                    ).node
                ]),
        ])
    }
}
