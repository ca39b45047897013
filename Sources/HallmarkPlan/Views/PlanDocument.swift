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
                rows: actions.filter { $0.plan == kind }.map { [.text(title($0.priorityID)), .text($0.title), .text($0.owner), .text($0.dueOn.long), .text($0.status.label)] },
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
                                .h3(.text(pr.title)),
                                .p(.text(pr.fromAssessment ? "From the approved strategic assessment. \(pr.evidence)" : "Added by the partnership: \(pr.reason)")))
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
                            [.text(title($0.priorityID)), .text($0.risk), .text("\($0.likelihood)"), .text("\($0.impact)"), .text("\($0.score)"), .text($0.mitigation)]
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
                                .text(r.indicator.priorityID.map(title) ?? "–"), .text(r.indicator.name), .text(r.latest.map { MonthNumber.short($0.month) } ?? "–"),
                                .text(PlanView.value(r.latest?.value)), .text(r.indicator.rule == .target ? PlanView.value(r.indicator.target) : "By trend test"),
                                .text(r.rag.label),
                            ]
                        }, empty: "None."
                    ).node
                ]),
        ])
    }
}
