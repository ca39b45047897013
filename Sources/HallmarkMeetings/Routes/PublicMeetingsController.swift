import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird
import Plot

/// Meetings on the public site: published meetings only, exempt items named only as exempt, and
/// only the papers of items that are not exempt.
package struct PublicMeetingsController {
    package let deps: MeetingsService

    package init(deps: MeetingsService) { self.deps = deps }

    package func register(on router: RouterGroup<HallmarkContext>) {
        router.get(Site.publicMeetings.path, use: list)
        router.get(Site.publicMeetingsCalendar.path, use: calendar)
        router.get(Site.publicMeeting.path, use: show)
        router.get(Site.publicPaper.path, use: paper)
        router.get(Site.publicPack.path, use: pack)
    }

    /// A partnership (not a sub-group: its meetings are its parent's business) as the public sees it.
    private func partnership(_ context: HallmarkContext) async throws -> Partnership {
        let id: RecordID<Partnership> = try context.id("id")
        guard let p = try await deps.register.partnerships.find(id), p.kind != .subGroup else { throw AccessRefused.notFound }
        return p
    }

    private func published(_ p: Partnership) async throws -> [Meeting] {
        try await deps.meetings.meetings(of: p.id).filter(\.published)
    }

    private func meeting(_ context: HallmarkContext) async throws -> (Partnership, Meeting) {
        let p = try await partnership(context)
        let id: RecordID<Meeting> = try context.id("meeting")
        guard let m = try await published(p).first(where: { $0.id == id }) else { throw AccessRefused.notFound }
        return (p, m)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let p = try await partnership(context)
        return HTMLResponse(PublicMeetingsView.list(p, meetings: try await published(p), today: .today()))
    }

    package func calendar(_ request: Request, context: HallmarkContext) async throws -> Response {
        let p = try await partnership(context)
        return MeetingController.ics(
            MeetingCalendar.ics(name: "\(p.name) meetings", meetings: try await published(p), host: MeetingController.host(request)) { Site.publicMeeting(p.id, $0.id) },
            name: "\(FileName.slug(p.name))-meetings.ics")
    }

    /// The latest version of each public paper, by item.
    private func publicPapers(_ m: Meeting) async throws -> (items: [AgendaItem], papers: [RecordID<AgendaItem>: [Paper]]) {
        let items = try await deps.meetings.items(of: m.id)
        let open = Set(items.filter { !$0.exempt }.map(\.id))
        return (items, BoardPackContents.latest(try await deps.papers.papers(of: m.id)).filter { open.contains($0.key) })
    }

    package func show(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, m) = try await meeting(context)
        let (items, papers) = try await publicPapers(m)
        let pack = try await deps.papers.currentPublicPack(of: m.id)
        let open = Set(items.filter { !$0.exempt }.map(\.id))
        let decisions = m.minutesApproved ? try await deps.minutes.decisions(at: m.id).filter { open.contains($0.itemID) } : []
        return HTMLResponse(PublicMeetingsView.meeting(p, m, items: items, papers: papers, publicPack: pack, decisions: decisions))
    }

    package func paper(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (_, m) = try await meeting(context)
        let id: RecordID<Paper> = try context.id("paper")
        guard let paper = try await publicPapers(m).papers.values.joined().first(where: { $0.id == id }) else { throw AccessRefused.notFound }
        return MeetingController.file(try await deps.papers.content(paper.id).body, type: paper.format.mediaType, name: MeetingController.downloadName(paper))
    }

    package func pack(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m) = try await meeting(context)
        guard let latest = try await deps.papers.currentPublicPack(of: m.id),
            let (pack, pdf) = try await deps.papers.packPDF(latest.id, of: m.id)
        else { throw AccessRefused.notFound }
        return MeetingController.file(pdf, type: "application/pdf", name: "\(FileName.slug(p.name))-\(m.date.iso)-public-pack-v\(pack.version).pdf")
    }
}

extension PublicMeetingsController {
    /// Meetings' part of a partnership's public home: the next published meetings, and the
    /// latest one held, whose agenda and public papers are a click away.
    package static func home(_ deps: MeetingsService) -> PublicHomeSection {
        PublicHomeSection { p, today in
            let published = try await deps.meetings.meetings(of: p.id).filter(\.published)
            let comingUp = Array(published.filter { $0.date >= today }.prefix(3))
            let latest = published.last { $0.date < today }
            return .section(
                .attribute(named: "aria-labelledby", value: "meetings"),
                .h2(.id("meetings"), "Meetings and papers"),
                PublicMeetingsView.table("Meetings coming up", p, comingUp),
                .unwrap(latest) { m in
                    .p(
                        .plainText("The latest meeting: "), .a(.href(Site.publicMeeting(p.id, m.id)), .plainText("\(m.title), \(m.date.long)")),
                        .plainText(", with its agenda and public papers."))
                },
                .p(.a(.href(Site.publicMeetings(p.id)), .plainText("Every meeting of \(p.name)"))))
        }
    }
}
