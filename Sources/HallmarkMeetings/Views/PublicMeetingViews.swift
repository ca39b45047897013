import HallmarkDomain
import HallmarkKit
import Plot

/// Meetings as residents see them: published meetings, their agendas with exempt items named only
/// as exempt, public papers and the public pack. No attendance or minutes drafts.
package enum PublicMeetingsView {
    package static func list(_ p: Partnership, meetings: [Meeting], today: CalendarDate) -> String {
        PublicLayout(title: "\(p.name): meetings", breadcrumbs: [("Partnerships", Site.publicPartnerships()), (p.name, Site.publicPartnership(p.id))]).render(
            .h1(.plainText("Meetings of \(p.name)")),
            .p(
                .plainText("Meetings open to the public, with their agendas and papers once published. "),
                .a(.href(Site.publicMeetingsCalendar(p.id)), "Subscribe to the calendar (.ics)")),
            table("Coming up", p, meetings.filter { $0.date >= today }),
            table("Past meetings", p, meetings.filter { $0.date < today }.reversed()))
    }

    static func table(_ caption: String, _ p: Partnership, _ meetings: [Meeting]) -> Node<HTML.BodyContext> {
        DataTable(
            caption: caption, headers: ["Meeting", "Date", "Time", "Where"],
            rows: meetings.map { m in
                [
                    .a(.href(Site.publicMeeting(p.id, m.id)), .plainText(m.title)), .plainText(m.date.long), .plainText("\(m.startTime) to \(m.endTime)"),
                    .plainText(m.status == .cancelled ? "Cancelled" : (m.venue ?? "Online")),
                ]
            }, empty: "None published."
        ).node
    }

    package static func meeting(
        _ p: Partnership, _ m: Meeting, items: [AgendaItem], papers: [RecordID<AgendaItem>: [Paper]], publicPack: BoardPack?, decisions: [Decision]
    ) -> String {
        let open = items.filter { !$0.exempt }
        return PublicLayout(
            title: m.name, breadcrumbs: [("Partnerships", Site.publicPartnerships()), (p.name, Site.publicPartnership(p.id)), ("Meetings", Site.publicMeetings(p.id))]
        )
        .render(
            .h1(.plainText(m.name)),
            SummaryList(items: [("Time", .plainText("\(m.startTime) to \(m.endTime)")), ("Venue", .plainText(m.venue ?? "Online")), ("Status", .plainText(m.status.label))]).node,
            .unwrap(publicPack) { pack in
                .p(.a(.href(Site.publicPack(p.id, m.id)), .plainText("Download the agenda and papers as one PDF (\(pack.pages) pages, \(MeetingPageView.kilobytes(pack.size)))")))
            },
            .h2("Agenda"),
            .ol(
                .class("agenda"),
                .forEach(items) { item in
                    item.exempt
                        ? .li(.plainText("Exempt item: not open to the public (\(item.exemptReason ?? ""))"))
                        : .li(
                            .plainText(item.title), .plainText(item.presenter.map { ", \($0)" } ?? ""),
                            .unwrap((papers[item.id] ?? []).isEmpty ? nil : papers[item.id]) { list in
                                .ul(.forEach(list) { paper in .li(.a(.href(Site.publicPaper(p.id, m.id, paper.id)), .plainText("\(paper.title) (\(paper.format.label))"))) })
                            })
                }),
            // The minutes once the partnership has approved them, for the items open to the public.
            .if(
                m.minutesApproved,
                .group(
                    .h2("Minutes"),
                    .p("Approved by the partnership at a later meeting. Items exempt from publication are not shown."),
                    .forEach(open.filter { item in item.minute != nil || decisions.contains { $0.itemID == item.id } }) { item in
                        .section(
                            .h3(.plainText(item.title)),
                            .unwrap(item.minute, Paragraphs.node),
                            .forEach(decisions.filter { $0.itemID == item.id }) { d in
                                .p(.class("kept-lines"), .strong("Decision: "), .plainText(d.text + MeetingPageView.voteWords(d)))
                            })
                    })))
    }
}
