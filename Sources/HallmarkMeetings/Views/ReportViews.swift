import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Plot

/// Attendance over a period, by person, organisation and nominating body.
package enum AttendanceReportView {
    static let headers = ["Name", "Seats expected", "Present", "Deputy sent", "Apologies", "Absent", "Attendance"]

    static func cells(_ row: AttendanceReport.Row) -> [String] {
        [row.name, "\(row.expected)", "\(row.present)", "\(row.deputy)", "\(row.apologies)", "\(row.absent)", percent(row.percentage)]
    }

    package static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0) } ?? "–" }

    package static func render(_ p: Partnership, _ report: AttendanceReport, from: CalendarDate, to: CalendarDate, failure: ValidationFailure?, layout: Layout) -> String {
        let query = "?from=\(from.iso)&to=\(to.iso)"
        let table = { (caption: String, rows: [AttendanceReport.Row], part: String) in
            DataTable(
                caption: caption, headers: headers, rows: rows.map { cells($0).map { Node<HTML.BodyContext>.plainText($0) } },
                csvHref: Site.attendanceReportCSV(p.id) + query + "&by=\(part)", empty: "No meetings were held in this period."
            ).node
        }
        return layout.render(
            Forms.errorSummary(failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Attendance"),
            .form(
                .method(.get), .action(Site.attendanceReport(p.id)), .novalidate(), .class("inline-form"),
                Forms.text(Forms.Field(name: "from", label: "From", error: failure?.message(for: "from")), value: from.iso, type: .date),
                Forms.text(Forms.Field(name: "to", label: "To", error: failure?.message(for: "to")), value: to.iso, type: .date),
                Forms.submit("Show")),
            .p(
                .plainText(
                    "\(from.long) to \(to.long): \(report.meetingsHeld) meeting\(report.meetingsHeld == 1 ? "" : "s") held, \(report.meetingsCancelled) cancelled. "
                        + "Each member’s seat was expected at each meeting held while they sat; attendance is the share of those seats filled by the member or a deputy. "
                        + "A seat with nothing recorded counts as absent.")),
            table("By person", report.byPerson, "person"),
            table("By organisation represented", report.byOrganisation, "organisation"),
            table("By nominating body", report.byNominatingBody, "nominating-body"))
    }

    package static func csv(_ rows: [AttendanceReport.Row]) -> CSVDocument {
        CSVDocument(
            headers: ["name", "expected", "present", "deputy", "apologies", "absent", "attendance_percent"],
            rows: rows.map { row in
                [row.name, "\(row.expected)", "\(row.present)", "\(row.deputy)", "\(row.apologies)", "\(row.absent)", row.percentage.map { String(format: "%.1f", $0) } ?? ""]
            })
    }
}

/// The partnership's yearly report to the council's crime and disorder scrutiny committee
/// (seed 003 §5.4, 004 §4): its meetings, attendance, decisions, and the strategic assessment it
/// approved, in plain words, as an A4 document.
package struct AnnualReport: Sendable {
    package var partnership: Partnership
    /// The financial year's first day: 1 April.
    package var start: CalendarDate
    package var meetings: [Meeting]
    package var report: AttendanceReport
    package var decisions: [(meeting: Meeting, item: String, decision: Decision)]
    package var actionsRaised: Int
    package var actionsClosed: Int
    package var actionsOpen: Int
    package var assessments: [RecordVersion]
    package var terms: RecordVersion?

    package var end: CalendarDate { CalendarDate(year: start.year + 1, month: 3, day: 31)! }
    package var yearName: String { "\(start.year)/\(String(format: "%02d", (start.year + 1) % 100))" }

    static let sections = [
        ("summary", "Summary"), ("meetings", "Meetings held"), ("attendance", "Attendance"), ("decisions", "Decisions"), ("actions", "Actions"),
        ("assessment", "Strategic assessment"),
    ]

    func summary(held: Int, cancelled: Int, rate: Double?) -> String {
        let times = [0: "no times", 1: "once", 2: "twice"][held] ?? "\(held) times"
        var words = "Between \(start.long) and \(end.long) \(partnership.name) met \(times)"
        if cancelled > 0 { words += " (\(cancelled) meeting\(cancelled == 1 ? " was" : "s were") cancelled)" }
        words += ", made \(decisions.count) recorded decision\(decisions.count == 1 ? "" : "s") and agreed \(actionsRaised) action\(actionsRaised == 1 ? "" : "s"), "
        words += "of which \(actionsClosed) \(actionsClosed == 1 ? "is" : "are") complete."
        if let rate { words += " Members attended, in person or by deputy, \(AttendanceReportView.percent(rate)) of the meetings they were expected at." }
        return words
    }

    package func html(toolbar: Node<HTML.BodyContext> = .empty) -> String {
        let document = A4Document(
            title: "\(partnership.name): annual report to scrutiny \(yearName)", kicker: "Report to the crime and disorder scrutiny committee",
            marginTitle: "\(partnership.name): annual report \(yearName)",
            status: "For the crime and disorder scrutiny committee", fingerprint: nil, sections: Self.sections)
        let held = meetings.filter { $0.status.counts }, cancelled = meetings.filter { $0.status == .cancelled }
        let expected = report.byPerson.map(\.expected).reduce(0, +), filled = report.byPerson.map { $0.present + $0.deputy }.reduce(0, +)
        let rate: Double? = expected == 0 ? nil : Double(filled) * 100 / Double(expected)
        let approved = assessments.filter(\.isApproved)
        return document.render(
            toolbar: toolbar,
            [
                document.section(
                    "summary",
                    [
                        .p(.plainText(summary(held: held.count, cancelled: cancelled.count, rate: rate))),
                        .p(
                            .plainText(
                                terms.map { "The partnership works under terms of reference approved at \($0.approvedAtMeeting ?? "a meeting")." }
                                    ?? "The partnership has no approved terms of reference on record.")),
                    ]),
                document.section(
                    "meetings",
                    [
                        DataTable(
                            caption: "Meetings in \(yearName)", headers: ["Meeting", "Date", "Status"],
                            rows: meetings.map { [.plainText($0.title), .plainText($0.date.long), .plainText($0.status.label)] }, empty: "No meetings in this year."
                        ).node
                    ]),
                document.section(
                    "attendance",
                    [
                        DataTable(
                            caption: "Attendance by organisation", headers: ["Organisation"] + AttendanceReportView.headers.dropFirst(),
                            rows: report.byOrganisation.map { AttendanceReportView.cells($0).map { Node<HTML.BodyContext>.plainText($0) } }, empty: "No meetings were held."
                        ).node
                    ]),
                document.section(
                    "decisions",
                    [
                        DataTable(
                            caption: "Decisions recorded, by meeting and item", headers: ["Meeting", "Item", "Decision"],
                            rows: decisions.map { [.plainText($0.meeting.date.long), .plainText($0.item), .plainText($0.decision.text + MeetingPageView.voteWords($0.decision))] },
                            empty: "No decisions recorded."
                        ).node
                    ]),
                document.section(
                    "actions",
                    [.p(.plainText("\(actionsRaised) action\(actionsRaised == 1 ? "" : "s") agreed in the year: \(actionsClosed) closed, \(actionsOpen) still open."))]),
                document.section(
                    "assessment",
                    [
                        .p(
                            .plainText(
                                approved.last.map { "The board approved its strategic assessment for \($0.title) at \($0.approvedAtMeeting ?? "a meeting")." }
                                    ?? (assessments.isEmpty ? "No strategic assessment was saved in the year." : "A strategic assessment was drafted but not yet approved.")))
                    ]),
            ])
    }
}
