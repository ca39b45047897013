import Foundation
import HallmarkDomain
import HallmarkEngagement
import HallmarkKit
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Events held with residents and "you said, we did", on both databases: recorded and checked,
/// linked to the event and the plan action, and on the public site only once published.
@Suite("Engagement events and you said, we did")
struct EngagementTests {
    @Test("An event and its answers are recorded; the public site shows only what was published", arguments: Backend.allCases)
    func eventsAndAnswers(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.engagement(a))
            let future = try await coordinator.post(
                Site.engagementEvents(a), ["kind": "face_the_people", "held_on": CalendarDate.today().adding(days: 3).iso, "place": "Town Hall", "attendance": "40"])
            #expect(future.status == .unprocessableContent && String(buffer: future.body).contains("Record an event once it has been held"))
            let crowd = try await coordinator.post(Site.engagementEvents(a), ["kind": "ward_walk", "held_on": "2026-10-01", "place": "Park Estate", "attendance": "-2"])
            #expect(crowd.status == .unprocessableContent && String(buffer: crowd.body).contains("Number who came must be a whole number from 0 to 100,000"))
            #expect(
                try await coordinator.post(
                    Site.engagementEvents(a), ["kind": "face_the_people", "held_on": "2026-10-01", "place": "Town Hall", "attendance": "42", "issues": "Parking on pavements"]
                ).status == .seeOther)
            let event = try #require(try await site.deps.engagement.engagement.events(of: a).first)
            let stray = try await coordinator.post(Site.youSaidWeDid(a), ["said": "X", "did": "Y", "action_id": "999999"])
            #expect(stray.status == .unprocessableContent && String(buffer: stray.body).contains("Select one of the plan’s actions"))
            let said = ["said": "Cars park on the pavement by the school", "did": "Parking enforcement every school morning since November", "event_id": "\(event.id)"]
            #expect(try await coordinator.post(Site.youSaidWeDid(a), said.merging(["action_id": "\(site.plan.ownedAction.id)", "published": "yes"]) { $1 }).status == .seeOther)
            #expect(try await coordinator.post(Site.youSaidWeDid(a), ["said": "Not yet public", "did": "Still deciding"]).status == .seeOther)
            let items = try await site.deps.engagement.engagement.items(of: a)
            #expect(items.count == 2 && items.filter(\.published).count == 1)
            #expect(items.first { $0.published }?.eventID == event.id && items.first { $0.published }?.actionID == site.plan.ownedAction.id.rawValue)

            let shown = String(buffer: try await client.execute(uri: Site.publicYouSaidWeDid(a), method: .get).body)
            #expect(shown.contains("Cars park on the pavement by the school") && shown.contains("Raised at: Face the People session, Town Hall, 1 October 2026"))
            #expect(!shown.contains("Not yet public"))
            // Published, then taken off again: each audited.
            let hidden = try #require(items.first { !$0.published })
            #expect(try await coordinator.post(Site.youSaidWeDidPublish(a), ["item": "\(hidden.id)", "published": "yes"]).status == .seeOther)
            #expect(String(buffer: try await client.execute(uri: Site.publicYouSaidWeDid(a), method: .get).body).contains("Not yet public"))
            #expect(try await coordinator.post(Site.youSaidWeDidPublish(a), ["item": "\(hidden.id)", "published": "no"]).status == .seeOther)
            #expect(!String(buffer: try await client.execute(uri: Site.publicYouSaidWeDid(a), method: .get).body).contains("Not yet public"))
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 50, offset: 0)
            #expect(audit.filter { $0.subject == "you said, we did" }.count == 4 && audit.contains { $0.subject == "engagement event" })
            // Another partnership's item cannot be published from here.
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.post(Site.youSaidWeDidPublish(a), ["item": "\(hidden.id)", "published": "yes"]).status == .forbidden)
        }
    }
}
