import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// The Community Safety Agreement (seed 001): the county's priorities gathered from the plans of
/// the partnerships beneath it, each with the partnerships that share it; and the county's
/// roll-up of their indicators. A document to print, with a PDF.
package enum AgreementView {
    package struct Member {
        package var partnership: Partnership
        package var priorities: [PlanPriority]
        package var readings: [IndicatorReading]
        package var overdue: Int

        package init(partnership: Partnership, priorities: [PlanPriority], readings: [IndicatorReading], overdue: Int) {
            self.partnership = partnership
            self.priorities = priorities
            self.readings = readings
            self.overdue = overdue
        }
    }

    /// Each priority title and the partnerships whose plans hold it, most shared first.
    package static func shared(_ members: [Member]) -> [(priority: String, partnerships: [String])] {
        var by: [String: [String]] = [:]
        for m in members {
            for title in Set(m.priorities.map(\.title)) { by[title, default: []].append(m.partnership.name) }
        }
        return by.map { ($0.key, $0.value.sorted()) }.sorted { ($1.partnerships.count, $0.priority) < ($0.partnerships.count, $1.priority) }
    }

    static let sections = [("priorities", "County priorities and who shares them"), ("contributions", "Each partnership’s contribution")]

    package static func html(_ county: Partnership, _ members: [Member], today: CalendarDate, toolbar: Node<HTML.BodyContext> = .empty) -> String {
        let document = A4Document(
            title: "\(county.name): Community Safety Agreement", kicker: "Community Safety Agreement", marginTitle: "\(county.name): Community Safety Agreement",
            status: "Gathered on \(today.long) from the plans of the \(members.count) partnerships beneath", fingerprint: nil, sections: sections)
        let rows = shared(members)
        return document.render(
            toolbar: toolbar,
            [
                document.section(
                    "priorities",
                    [
                        DataTable(
                            caption: "Priorities in the partnerships’ plans", headers: ["Priority", "Partnerships", "Which"],
                            rows: rows.map {
                                [.plainText($0.priority), .plainText("\($0.partnerships.count) of \(members.count)"), .plainText($0.partnerships.joined(separator: ", "))]
                            },
                            csvHref: Site.agreementCSV(county.id), empty: "None of the partnerships beneath has a plan yet."
                        ).node
                    ]),
                document.section(
                    "contributions",
                    [
                        DataTable(
                            caption: "Each partnership’s plan", headers: ["Partnership", "Priorities", "Indicators red, amber, green", "Overdue actions"],
                            rows: members.map { m in
                                let rag = [RAG.red, .amber, .green].map { g in m.readings.filter { $0.rag == g }.count }
                                return m.priorities.isEmpty
                                    ? [.a(.href(Site.plan(m.partnership.id)), .plainText(m.partnership.name)), .plainText("No plan yet"), .plainText("–"), .plainText("–")]
                                    : [
                                        .a(.href(Site.plan(m.partnership.id)), .plainText(m.partnership.name)), .plainText(m.priorities.map(\.title).joined(separator: "; ")),
                                        .plainText(rag.map(String.init).joined(separator: ", ")), .plainText("\(m.overdue)"),
                                    ]
                            }, empty: "No partnerships beneath."
                        ).node
                    ]),
            ])
    }

    /// The county's priorities and who shares each, with each partnership's contribution: for a spreadsheet.
    package static func csv(_ members: [Member]) -> CSVDocument {
        CSVDocument(
            headers: ["partnership", "priority", "partnerships_sharing_it", "indicators_red", "indicators_amber", "indicators_green", "overdue_actions"],
            rows: members.flatMap { m in
                let rag = [RAG.red, .amber, .green].map { g in "\(m.readings.filter { $0.rag == g }.count)" }
                let sharing = shared(members)
                return m.priorities.map { priority in
                    [m.partnership.name, priority.title, "\(sharing.first { $0.priority == priority.title }?.partnerships.count ?? 1)"] + rag + ["\(m.overdue)"]
                }
            })
    }
}
