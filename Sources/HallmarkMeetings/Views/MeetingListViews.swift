import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import Plot

/// A partnership's meetings: the schedule, and the form that schedules one or a series.
package enum MeetingListView {
    package static func render(_ p: Partnership, meetings: [Meeting], canRun: Bool, today: CalendarDate, layout: Layout) -> String {
        let upcoming = meetings.filter { $0.date >= today }, past = meetings.filter { $0.date < today }.reversed()
        return layout.render(
            .span(.class("caption"), .plainText(p.name)),
            .h1("Meetings"),
            .ul(
                .class("related"),
                .if(canRun, .li(.a(.href(Site.newMeeting(p.id)), "Schedule a meeting or a series"))),
                .li(.a(.href(Site.termsOfReference(p.id)), "Terms of reference and quorum")),
                .li(.a(.href(Site.actionLog(p.id)), "Action log")),
                .li(.a(.href(Site.attendanceReport(p.id)), "Attendance report")),
                .li(.a(.href(Site.annualReport(p.id)), "Annual report to scrutiny")),
                .li(.a(.href(Site.meetingsCalendar(p.id)), "Calendar to download (.ics)")),
                .li(.a(.href(Site.calendarLink()), "Subscribe to your meetings in your own calendar")),
                // A sub-group's meetings are its partnership's business, not on the public site.
                .if(p.kind != .subGroup, .li(.a(.href(Site.publicMeetings(p.id)), "The public calendar and its subscription link")))),
            table("Upcoming meetings", p, upcoming, csv: nil),
            table("Past meetings, latest first", p, Array(past), csv: Site.meetingsCSV(p.id)))
    }

    static func table(_ caption: String, _ p: Partnership, _ meetings: [Meeting], csv: String?) -> Node<HTML.BodyContext> {
        DataTable(
            caption: caption, headers: ["Meeting", "Date", "Time", "Where", "Status"],
            rows: meetings.map { m in
                [
                    .a(.href(Site.meeting(p.id, m.id)), .plainText(m.title)), .plainText(m.date.long), .plainText("\(m.startTime)–\(m.endTime)"),
                    .plainText([m.venue, m.onlineLink == nil ? nil : "online"].compactMap { $0 }.joined(separator: " and ")),
                    .plainText(m.status.label + (m.published ? ", published" : "") + (m.minutesApproved ? ", minutes approved" : "")),
                ]
            }, csvHref: csv, empty: "None."
        ).node
    }

    package static func csv(_ meetings: [Meeting]) -> CSVDocument {
        CSVDocument(
            headers: ["id", "title", "date", "start", "end", "venue", "online_link", "status", "published", "minutes_approved_at_meeting"],
            rows: meetings.map { m in
                [
                    "\(m.id)", m.title, m.date.iso, m.startTime, m.endTime, m.venue ?? "", m.onlineLink ?? "", m.status.rawValue, m.published ? "yes" : "no",
                    m.minutesApprovedAt.map { "\($0)" } ?? "",
                ]
            })
    }

    /// Scheduling one meeting, or a series by frequency; or changing a meeting's details and status.
    package static func form(_ p: Partnership, editing: Meeting?, form: FormModel, layout: Layout) -> String {
        let action = editing.map { Site.meeting(p.id, $0.id) } ?? Site.meetings(p.id)
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1(.plainText(editing == nil ? "Schedule a meeting" : "Change the meeting")),
            .form(
                .method(.post), .action(action), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.text(form.field("title", "Meeting’s name", hint: "For example: Partnership Board"), value: form["title"]),
                Forms.text(form.field("date", "Date", hint: "Year, month and day, for example 2027-03-14"), value: form["date"], type: .date),
                Forms.text(form.field("start_time", "Start time", hint: "24-hour clock, for example 14:00"), value: form["start_time"]),
                Forms.text(form.field("end_time", "End time", hint: "24-hour clock, for example 16:00"), value: form["end_time"]),
                Forms.text(form.field("venue", "Venue", hint: "Leave empty for an online-only meeting"), value: form["venue"]),
                Forms.text(
                    form.field("online_link", "Link to join online", hint: "A full web address beginning https://; leave empty if there is none"), value: form["online_link"]),
                editing == nil
                    ? .group(
                        Forms.select(
                            form.field("repeat", "Repeat", hint: "A series keeps the same day of the month"),
                            options: Forms.options(Frequency.self) { $0.label }, selected: form["repeat"], blank: "Just this meeting"),
                        Forms.text(form.field("count", "Number of meetings in the series", hint: "Up to \(MeetingSeries.most), counting the first"), value: form["count"]))
                    : Forms.select(form.field("status", "Status"), options: Forms.options(MeetingStatus.self) { $0.label }, selected: form["status"]),
                Forms.submit(editing == nil ? "Schedule" : "Save changes")))
    }
}
