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
            #expect(future.status == .unprocessableContent && String(buffer: future.body).contains("The day it was held cannot be in the future"))
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
            let alphas = audit.filter { $0.partnershipID == a.rawValue }
            #expect(alphas.filter { $0.subject == "you said, we did" }.count == 4 && alphas.contains { $0.subject == "engagement event" })
            // Another partnership's item cannot be published from here.
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.post(Site.youSaidWeDidPublish(a), ["item": "\(hidden.id)", "published": "yes"]).status == .forbidden)
        }
    }

    @Test("An event and an answer recorded wrongly are changed or removed; an event an answer names stays until the answer names another", arguments: Backend.allCases)
    func changedAndRemoved(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, repo = site.deps.engagement.engagement, author = ChangeAuthor.system("test")
            let event = try await repo.addEvent(
                (kind: .wardWalk, heldOn: CalendarDate("2026-10-01")!, place: "Park Estat", attendance: 81, issues: ""), to: a, by: author)
            let item = try await repo.addItem(
                (said: "Lights out on Park Road", did: "Mended", eventID: event.id, actionID: nil, published: true), to: a, by: author)
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            #expect(try await coordinator.get(Site.engagement(a)).text.contains(Site.engagementEvent(a, event.id)))

            // The event: a bad change is named and changes nothing; a good one is saved.
            let page = try await coordinator.get(Site.engagementEvent(a, event.id))
            #expect(page.status == .ok && page.text.contains("value=\"Park Estat\""))
            let future = ["kind": "ward_walk", "held_on": CalendarDate.today().adding(days: 2).iso, "place": "Park Estate", "attendance": "18"]
            let refused = try await coordinator.post(Site.engagementEvent(a, event.id), future)
            #expect(refused.status == .unprocessableContent && refused.text.contains("The day it was held cannot be in the future"))
            #expect(try await repo.event(event.id, in: a) == event)
            let fixed = ["kind": "ward_walk", "held_on": "2026-10-02", "place": "Park Estate", "attendance": "18", "issues": "Street lights"]
            #expect(try await coordinator.post(Site.engagementEvent(a, event.id), fixed).status == .seeOther)
            let changed = try #require(try await repo.event(event.id, in: a))
            #expect(changed.place == "Park Estate" && changed.attendance == 18 && changed.heldOn == CalendarDate("2026-10-02") && changed.issues == "Street lights")

            // It stays while an answer names it.
            let kept = try await coordinator.post(Site.removeEngagementEvent(a), ["event": "\(event.id)"])
            #expect(kept.status == .unprocessableContent && kept.text.contains("A “you said, we did” answer was raised at this event, so it stays"))
            #expect(try await repo.event(event.id, in: a) != nil)

            // The answer: changed to name no event and come off the public site, then removed.
            let answer = ["said": "Lights out on Park Road", "did": "Mended within the week", "event_id": "", "action_id": ""]
            #expect(try await coordinator.post(Site.youSaidWeDidItem(a, item.id), answer).status == .seeOther)
            let now = try #require(try await repo.item(item.id, in: a))
            #expect(now.did == "Mended within the week" && now.eventID == nil && !now.published)
            #expect(!String(buffer: try await client.execute(uri: Site.publicYouSaidWeDid(a), method: .get).body).contains("Lights out on Park Road"))
            let removedEvent = try await coordinator.postConfirming(
                Site.removeEngagementEvent(a), ["event": "\(event.id)"], asks: "Remove the event “Ward walk, Park Estate, 2 October 2026”?",
                stillThere: { try await repo.event(event.id, in: a) != nil })
            #expect(removedEvent.status == .seeOther)
            #expect(try await repo.event(event.id, in: a) == nil)
            let removedItem = try await coordinator.postConfirming(
                Site.removeYouSaidWeDid(a), ["item": "\(item.id)"], asks: "Remove the answer to “Lights out on Park Road”?",
                stillThere: { try await repo.item(item.id, in: a) != nil })
            #expect(removedItem.status == .seeOther)
            #expect(try await repo.item(item.id, in: a) == nil)

            // The plan's actions are offered named with their priority; a withdrawn one is not offered.
            let offered = try await coordinator.get(Site.engagement(a)).text
            #expect(offered.contains("\(site.plan.ownedAction.title) (for "))
            try await site.deps.store.withConnection { db in
                try await db.raw("UPDATE plan_actions SET status = 'withdrawn' WHERE id = \(bind: site.plan.ownedAction.id)").run()
            }
            #expect(!(try await coordinator.get(Site.engagement(a)).text.contains("\(site.plan.ownedAction.title) (for ")))

            // Another partnership's records are not found from here, nor removed.
            let b = site.cspB.id
            let theirs = try await repo.addEvent((kind: .other, heldOn: CalendarDate("2026-09-01")!, place: "Elsewhere", attendance: 5, issues: ""), to: b, by: author)
            #expect(try await coordinator.get(Site.engagementEvent(a, theirs.id)).status == .notFound)
            let stray = try await coordinator.post(Site.removeEngagementEvent(a), ["event": "\(theirs.id)"])
            #expect(stray.status == .unprocessableContent && stray.text.contains("That event is no longer recorded: it may have been removed already"))
            #expect(try await repo.event(theirs.id, in: b) != nil)

            let audit = try await AuditLog.entries(in: site.deps.store, limit: 50, offset: 0)
            #expect(audit.filter { $0.subject == "engagement event" && $0.action == .delete }.count == 1)
            #expect(audit.filter { $0.subject == "you said, we did" && $0.action == .delete }.count == 1)
            #expect(audit.filter { $0.subject == "engagement event" && $0.action == .update }.count == 1)
        }
    }
}
