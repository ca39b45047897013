import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// A partnership's meetings: the schedule, each meeting's page, its calendar, papers and packs.
package struct MeetingController {
    package let deps: MeetingsService

    package init(deps: MeetingsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.meetings.path, use: list)
        router.post(Site.meetings.path, use: create)
        router.get(Site.meetingsCSV.path, use: csv)
        router.get(Site.meetingsCalendar.path, use: calendar)
        router.get(Site.newMeeting.path, use: newMeeting)
        router.get(Site.meeting.path, use: show)
        router.get(Site.agendaCSV.path, use: agendaCSV)
        router.get(Site.decisionsCSV.path, use: decisionsCSV)
        router.post(Site.meeting.path, use: update)
        router.get(Site.editMeeting.path, use: edit)
        router.post(Site.publishMeeting.path, use: publish)
        router.post(Site.boardPacks.path, use: printPack)
        router.get(Site.boardPack.path, use: pack)
        router.get(Site.paper.path, use: paper)
        router.get(Site.personCalendar.path, use: personCalendar)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readMeetings)
        return HTMLResponse(
            MeetingListView.render(
                p, meetings: try await deps.meetings.meetings(of: p.id), canRun: visitor.user.role.may(.runMeetings), today: .today(),
                layout: context.layout("Meetings", Layout.crumbs(to: p))))
    }

    package func csv(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        return MeetingListView.csv(try await deps.meetings.meetings(of: p.id)).response(filename: "\(FileName.slug(p.name))-meetings.csv")
    }

    package func calendar(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        return Self.ics(
            MeetingCalendar.ics(name: "\(p.name) meetings", meetings: try await deps.meetings.meetings(of: p.id), host: Self.host(request)) {
                Site.meeting(p.id, $0.id)
            }, name: "\(FileName.slug(p.name))-meetings.ics")
    }

    /// Every meeting of every partnership the person sits on, while they sit on it.
    package func personCalendar(_ request: Request, context: HallmarkContext) async throws -> Response {
        let visitor = try context.require(.readMeetings)
        let id: RecordID<Person> = try context.id("person")
        guard let person = try await deps.register.people.find(id), visitor.scope.contains(person.partnershipID) else { throw AccessRefused.notFound }
        var meetings: [Meeting] = []
        for seat in try await deps.register.memberships.entries(forPerson: id) where visitor.scope.contains(seat.membership.partnershipID) {
            meetings += try await deps.meetings.meetings(of: seat.membership.partnershipID).filter { seat.membership.isCurrent(on: $0.date) }
        }
        return Self.ics(
            MeetingCalendar.ics(name: "\(person.name): meetings", meetings: meetings.sorted { $0.date < $1.date }, host: Self.host(request)) {
                Site.meeting($0.partnershipID, $0.id)
            }, name: "\(FileName.slug(person.name))-meetings.ics")
    }

    static func host(_ request: Request) -> String {
        let host = (request.head.authority ?? "hallmark").split(separator: ":").first.map(String.init) ?? "hallmark"
        return String(
            host.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-") }.map(Character.init).prefix(100))
    }

    static func ics(_ text: String, name: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/calendar; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    package func newMeeting(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .runMeetings)
        let input = ["title": p.kind == .subGroup ? p.name : "Partnership Board", "start_time": "14:00", "end_time": "16:00", "count": "4"]
        return HTMLResponse(MeetingListView.form(p, editing: nil, form: FormModel(input: input), layout: context.layout("Schedule a meeting", Layout.crumbs(to: p))))
    }

    package func create(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .runMeetings)
        do {
            _ = try await deps.schedule(context.form, in: p, by: visitor.author)
            return redirect(to: Site.meetings(p.id), notice: .meetingsScheduled)
        } catch let failure as ValidationFailure {
            return try HTMLResponse(
                MeetingListView.form(p, editing: nil, form: FormModel(input: context.form, failure: failure), layout: context.layout("Schedule a meeting", Layout.crumbs(to: p))),
                status: .unprocessableContent
            ).response(from: request, context: context)
        }
    }

    package func edit(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, m, _) = try await deps.meeting(context, .runMeetings)
        let input = [
            "title": m.title, "date": m.date.iso, "start_time": m.startTime, "end_time": m.endTime, "venue": m.venue ?? "", "online_link": m.onlineLink ?? "",
            "status": m.status.rawValue,
        ]
        return HTMLResponse(MeetingListView.form(p, editing: m, form: FormModel(input: input), layout: context.layout("Change the meeting", Self.crumbs(p, m))))
    }

    package func update(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, visitor) = try await deps.meeting(context, .runMeetings)
        do {
            let draft = try MeetingDraft.validate(context.form, withStatus: true)
            _ = try await deps.meetings.update(m.id, in: p.id, to: draft, by: visitor.author)
            return redirect(to: Site.meeting(p.id, m.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try HTMLResponse(
                MeetingListView.form(p, editing: m, form: FormModel(input: context.form, failure: failure), layout: context.layout("Change the meeting", Self.crumbs(p, m))),
                status: .unprocessableContent
            ).response(from: request, context: context)
        }
    }

    /// The way back to a meeting, for the pages about it.
    static func crumbs(_ p: Partnership, _ m: Meeting) -> [(label: String, href: String)] {
        Layout.crumbs(to: p) + [("Meetings", Site.meetings(p.id)), (m.name, Site.meeting(p.id, m.id))]
    }

    package func show(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, m, visitor) = try await deps.meeting(context, .readMeetings)
        let all = try await deps.meetings.meetings(of: p.id)
        let attendance = try await deps.minutes.attendance(at: m.id)
        let packs = try await deps.papers.packs(of: m.id)
        let page = MeetingPage(
            partnership: p, meeting: m, items: try await deps.meetings.items(of: m.id), papers: try await deps.papers.papers(of: m.id),
            decisions: try await deps.minutes.decisions(at: m.id), actions: try await deps.minutes.actions(of: p.id),
            quorum: attendance.isEmpty ? nil : try await deps.quorum(of: m), attendanceRecorded: attendance.count,
            packs: packs, agendaVersion: try await deps.papers.agendaVersion(of: m.id), packsUnderWay: try await MeetingJobs.packsUnderWay(for: m.id, deps.jobs),
            packFailure: try await MeetingJobs.packFailure(for: m.id, since: packs.last?.createdAt, deps.jobs),
            approvable: m.status.counts ? all.filter { $0.date < m.date && $0.status.counts && !$0.minutesApproved } : [],
            approvedHere: all.filter { $0.minutesApprovedAt == m.id },
            canRun: visitor.user.role.may(.runMeetings), canPrintPacks: deps.packPrinter != nil)
        return HTMLResponse(MeetingPageView.render(page, layout: context.layout(m.name, Layout.crumbs(to: p) + [("Meetings", Site.meetings(p.id))])))
    }

    package func agendaCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, _) = try await deps.meeting(context, .readMeetings)
        let papers = BoardPackContents.latest(try await deps.papers.papers(of: m.id))
        return MeetingPageView.agendaCSV(try await deps.meetings.items(of: m.id), papers: papers)
            .response(filename: "\(FileName.slug(p.name))-\(m.date.iso)-agenda.csv")
    }

    /// Every decision of the partnership's meetings, exempt ones too (the members' record).
    package func decisionsCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        let meetings = Dictionary(uniqueKeysWithValues: try await deps.meetings.meetings(of: p.id).map { ($0.id, $0) })
        let rows = try await deps.minutes.decisions(of: p.id).map { entry -> [String] in
            let d = entry.decision, m = meetings[entry.meetingID]
            return [
                m?.date.iso ?? "", m?.title ?? "", entry.item, entry.exempt ? "yes" : "no", d.text, d.votesFor.map(String.init) ?? "", d.votesAgainst.map(String.init) ?? "",
                d.abstentions.map(String.init) ?? "",
            ]
        }
        return CSVDocument(headers: ["meeting_date", "meeting", "item", "exempt", "decision", "votes_for", "votes_against", "abstentions"], rows: rows)
            .response(filename: "\(FileName.slug(p.name))-decisions.csv")
    }

    /// Publishing puts the agenda and public papers on the public site and prints both packs.
    package func publish(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, visitor) = try await deps.meeting(context, .runMeetings)
        guard let choice = context.form["published"], ["yes", "no"].contains(choice) else {
            throw HTTPError(.unprocessableContent, message: "Say whether the meeting is to be published (yes or no)")
        }
        let published = choice == "yes"
        try await deps.meetings.setPublished(m.id, in: p.id, published, by: visitor.author)
        if published, deps.packPrinter != nil {
            for audience in PackAudience.allCases {
                try await MeetingJobs.enqueuePack(.init(partnership: p.id, meeting: m.id, audience: audience, by: visitor.author.label, userID: visitor.user.id), deps.jobs)
            }
        }
        return redirect(to: Site.meeting(p.id, m.id), notice: .meetingPublished)
    }

    package func printPack(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, visitor) = try await deps.meeting(context, .runMeetings)
        guard let audience = PackAudience(rawValue: context.form["audience"] ?? "") else {
            throw HTTPError(.unprocessableContent, message: "Choose whether the pack is for members or the public")
        }
        guard deps.packPrinter != nil else {
            throw HTTPError(.serviceUnavailable, message: "This server cannot print board packs: it needs Chromium, qpdf and pdfinfo")
        }
        try await MeetingJobs.enqueuePack(.init(partnership: p.id, meeting: m.id, audience: audience, by: visitor.author.label, userID: visitor.user.id), deps.jobs)
        return redirect(to: Site.meeting(p.id, m.id), notice: .packRequested)
    }

    package func pack(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, _) = try await deps.meeting(context, .readMeetings)
        guard let (pack, pdf) = try await deps.papers.packPDF(try context.id("pack"), of: m.id) else { throw AccessRefused.notFound }
        return Self.file(pdf, type: "application/pdf", name: "\(FileName.slug(p.name))-\(m.date.iso)-\(pack.audience.rawValue)-pack-v\(pack.version).pdf")
    }

    /// A paper as it was uploaded, whatever its format; exempt ones too, for members.
    package func paper(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (_, m, _) = try await deps.meeting(context, .readMeetings)
        guard let paper = try await deps.papers.find(try context.id("paper"), of: m.id) else { throw AccessRefused.notFound }
        return Self.file(try await deps.papers.content(paper.id).body, type: paper.format.mediaType, name: Self.downloadName(paper))
    }

    static func downloadName(_ paper: Paper) -> String {
        let base = FileName.slug(paper.title)
        return "\(base.isEmpty ? "paper" : base)-v\(paper.version).\(paper.format == .text ? "txt" : paper.format.rawValue)"
    }

    static func file(_ data: Data, type: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type,
                .contentDisposition: "attachment; filename=\"\(String(name.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" }.map(Character.init)))\"",
                .init("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}
