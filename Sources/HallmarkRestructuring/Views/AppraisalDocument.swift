import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// The options appraisal as a paper for the board: the review's figures, words and positions
/// in the document kit's A4 form, each table with its CSV.
package enum AppraisalDocument {
    static let sections = [
        ("review", "The review and the area"), ("options", "The options"), ("meetings", "Meetings partners must staff"),
        ("need", "Population, crime and boundaries"), ("funding", "Funding"), ("themes", "Themes"), ("assessment", "Strengths, weaknesses and risks"),
        ("positions", "Stakeholders’ positions"), ("recommendation", "Recommendation"),
    ]

    /// What a paper printed from the figures as they stand says of itself.
    static func prepared(_ day: CalendarDate) -> String { "Paper for the board, prepared on \(day.long) from the register, meetings and crime figures as they stood" }

    /// A digest of every table's figures, so two printings can be told apart at a glance.
    package static func fingerprint(_ tables: [ComparisonTable]) -> String {
        String(Secrets.sha256(Data(tables.map(\.csv.text).joined().utf8)).prefix(16))
    }

    package static func html(_ m: ReviewView.Model, status: String? = nil, toolbar: Node<HTML.BodyContext> = .empty) -> String {
        let c = m.comparison, r = m.review, p = m.county
        let tables = ComparisonTables.all(c, positions: m.positions)
        func table(_ name: String) -> Node<HTML.BodyContext> {
            tables.first { $0.name == name }!.node(csv: Site.arrangementReviewCSV(p.id, r.id, "\(name).csv"))
        }
        let fingerprint = Self.fingerprint(tables)
        let recommended = c.options.first { $0.id == r.recommendedOptionID }
        let document = A4Document(
            title: r.title, kicker: "\(p.name): options appraisal", marginTitle: "\(p.name): options appraisal",
            status: status ?? prepared(m.today), fingerprint: fingerprint,
            sections: sections)
        return document.render(
            toolbar: toolbar,
            [
                document.section(
                    "review",
                    [
                        .p(.plainText("Opened on \(r.openedOn.long). The area under review: \(c.area.map(\.name).joined(separator: ", ")).")),
                        .p(
                            .plainText(
                                "Today’s structure is read from the register and the meetings: each partnership’s board and groups, seats from current members (deputies apart), how often each meets from its terms of reference, and the length of a meeting from those held. "
                                    + (c.facts.period.map { "Population is ONS’s; crime is police.uk’s, \($0), weighted for harm by the standard table." }
                                        ?? "No crime figures are held yet."))),
                        DataTable(
                            caption: "Today’s partnerships", headers: ["Partnership", "Districts"],
                            rows: c.today.partnerships.map { [.plainText($0.name), .plainText($0.districts.map(\.name).joined(separator: ", "))] }
                        ).node,
                    ]),
                document.section(
                    "options",
                    [
                        DataTable(caption: "Options considered", headers: ["Option", "Summary"], rows: c.options.map { [.plainText($0.name), .plainText($0.summary)] }).node,
                        table("options"),
                    ]),
                document.section(
                    "meetings",
                    [
                        .p(
                            "Each seat’s hours are the meeting’s length times the meetings a year; a deputy sits in a member’s place and adds none. A board or group with no terms of reference agreed counts as meeting quarterly, and one that has held no meeting as meeting for two hours. The last column is the time actually given to today’s boards in the last twelve months."
                        ),
                        table("hours"), table("types"),
                    ]),
                document.section("need", [table("partnerships"), table("coterminosity")]),
                document.section("funding", [.p(.plainText(ReviewView.formulaWords(r.formula))), table("funding")]),
                document.section("themes", [table("themes")]),
                document.section("assessment", c.options.map { o in ReviewView.words(o) { .h3(.plainText(o.name)) } }),
                document.section("positions", [table("positions")]),
                document.section(
                    "recommendation",
                    [recommended.map { o in .p(.strong(.plainText("Recommended: \(o.name).")), " ", .plainText(r.recommendation)) } ?? .p("No option is recommended yet.")]),
            ])
    }
}
