import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird
import Plot

/// A member's calendar subscription: a link with a secret in it that a calendar program can
/// follow with no session, giving every meeting of the partnerships the member may see.
package struct CalendarLinkController {
    package let deps: MeetingsService

    package init(deps: MeetingsService) { self.deps = deps }

    package var links: CalendarLinks { CalendarLinks(store: deps.store) }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.calendarLink.path, use: page)
        router.post(Site.calendarLink.path, use: make)
        router.get(Site.calendarFeed.path, use: feed)
    }

    private func render(_ context: HallmarkContext, link: String?, hasLink: Bool) -> HTMLResponse {
        let layout = context.layout("Your meetings calendar")
        return HTMLResponse(
            layout.render(
                .h1("Your meetings calendar"),
                .p(
                    "Add the meetings of every partnership you sit on to Outlook, Google Calendar or your phone: make a link here, then add it to your calendar as a subscription (“from the internet”, “by URL”). Changes to meetings reach your calendar when it next looks."
                ),
                .p("The link works without signing in, so keep it to yourself. Making a new link stops the old one working."),
                .unwrap(link) { link in
                    .div(
                        .class("notice"), .attribute(named: "role", value: "status"), .p(.plainText("Your calendar link (shown only now): ")),
                        .p(.element(named: "code", plainText: link)))
                },
                .form(
                    .method(.post), .action(Site.calendarLink()),
                    Forms.csrf(layout.csrfToken),
                    Forms.submit(hasLink || link != nil ? "Make a new link (the old one stops working)" : "Make my calendar link"))))
    }

    package func page(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let visitor = try context.require(.readMeetings)
        return render(context, link: nil, hasLink: try await links.hasLink(visitor.user.id))
    }

    package func make(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let visitor = try context.require(.readMeetings)
        let token = try await links.make(for: visitor.user.id, by: visitor.author)
        let host = request.head.authority ?? "localhost"
        let local = host.hasPrefix("127.") || host.hasPrefix("localhost") || host.hasPrefix("[::1]")
        return render(context, link: "\(request.head.scheme ?? (local ? "http" : "https"))://\(host)\(Site.calendarFeed(token))", hasLink: true)
    }

    /// The meetings of every partnership the link's owner may see now; an unknown link, or one
    /// whose owner is disabled or no longer reads meetings, is not found.
    package func feed(_ request: Request, context: HallmarkContext) async throws -> Response {
        guard let token = context.parameters.get("token"), token.utf8.count <= 100, let userID = try await links.user(for: token),
            let user = try await AccountRepository(store: deps.store).user(id: userID), !user.disabled, user.role.may(.readMeetings)
        else { throw AccessRefused.notFound }
        let scope: PartnershipScope =
            user.role.seesEveryPartnership
            ? .all
            : PartnershipScope(
                granted: try await AccountRepository(store: deps.store).grantedPartnerships(of: user.id), parents: try await deps.register.partnerships.tree())
        var meetings: [Meeting] = []
        var names: [RecordID<Partnership>: String] = [:]
        for p in try await deps.register.partnerships.all() where scope.contains(p.id) {
            meetings += try await deps.meetings.meetings(of: p.id)
            names[p.id] = p.name
        }
        return MeetingController.ics(
            MeetingCalendar.ics(
                name: "\(user.name): meetings", meetings: meetings.sorted { ($0.date, $0.startTime) < ($1.date, $1.startTime) }, host: MeetingController.host(request),
                summary: { "\(names[$0.partnershipID] ?? ""): \($0.title)" }, link: { Site.meeting($0.partnershipID, $0.id) }), name: "meetings.ics")
    }
}
