import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkMeetings
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The public route group: pages for residents with no session and no sign-in, cacheable,
/// showing nothing about people, and forms limited per address across every server instance.
@Suite("Public pages")
struct PublicPagesTests {
    static func sessions(_ store: Store) async throws -> Int {
        try await store.withConnection { db in try await db.raw("SELECT COUNT(*) AS n FROM sessions").first()!.column("n", Int.self) }
    }

    @Test("a resident reads the partnerships without a session; pages are cacheable and name no one", arguments: Backend.allCases)
    func residentReads(_ backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let before = try await Self.sessions(site.deps.store)
            let list = try await client.execute(uri: "/public/partnerships", method: .get)
            #expect(list.status == .ok)
            #expect(list.headers[.cacheControl] == "public, max-age=300")
            #expect(list.headers[.setCookie] == nil)
            #expect(list.text.contains(site.cspA.name) && list.text.contains(site.county.name))
            #expect(!list.text.contains(site.subGroupA.name), "sub-groups are listed on their partnership's page")
            #expect(!list.text.contains("Sign out"))

            let page = try await client.execute(uri: "/public/partnerships/\(site.cspA.id)", method: .get)
            #expect(page.status == .ok && page.headers[.setCookie] == nil)
            #expect(page.text.contains(site.subGroupA.name))
            #expect(page.text.contains("href=\"/public/partnerships/\(site.county.id)\""))
            for person in [site.personA, site.personB] { #expect(!page.text.contains(person.name)) }
            let county = try await client.execute(uri: "/public/partnerships/\(site.county.id)", method: .get)
            #expect(county.text.contains("href=\"/public/partnerships/\(site.cspA.id)\"") && county.text.contains(site.cspB.name), "a county group lists its partnerships")
            #expect(try await client.execute(uri: "/public/partnerships/\(site.subGroupA.id)", method: .get).status == .notFound)
            for other in ["0\(site.cspA.id)", "+\(site.cspA.id)"] {
                #expect(try await client.execute(uri: "/public/partnerships/\(other)", method: .get).status == .notFound, "one address a page")
            }
            let missing = try await client.execute(uri: "/public/partnerships/999999", method: .get)
            #expect(missing.status == .notFound && missing.text.contains("There is nothing at this address."))
            #expect(!missing.text.contains("member") && !missing.text.contains("Sign out"), "the public frame, not the staff one")
            #expect(try await Self.sessions(site.deps.store) == before, "no session row for a resident")
        }
    }

    /// What a resident finds on a partnership's home page is exactly what has been published:
    /// each part added and taken away again shows at the next visit, never a kept copy.
    @Test("the home page shows the published set and nothing else, never a stale copy, and a 304 for a browser holding this version", arguments: Backend.allCases)
    func homePage(_ backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let author = ChangeAuthor.system("test")
            let home = "/public/partnerships/\(a)"
            let before = try await Self.sessions(site.deps.store)
            let plans = site.deps.plan.plans
            let priority = site.plan.priorityA
            var page = try await client.execute(uri: home, method: .get)
            #expect(page.text.contains("The partnership has not published its priorities here yet.") && !page.text.contains("<h3>\(priority.title)</h3>"))
            let tag = try #require(page.headers[.eTag])
            #expect(try await client.execute(uri: home, method: .get, headers: [.ifNoneMatch: tag]).status == .notModified)

            // Published: shown at once, with its two actions' progress in words (both not started).
            try await plans.setPublicSummary("Fewer people hurt at home", of: priority.id, in: a, by: author)
            page = try await client.execute(uri: home, method: .get, headers: [.ifNoneMatch: tag])
            #expect(page.status == .ok && page.headers[.eTag] != tag, "a change makes a new version")
            #expect(page.text.contains("<h3>\(priority.title)</h3>") && page.text.contains("Fewer people hurt at home"))
            #expect(page.text.contains("Of its 2 actions, 2 have not started."))
            _ = try await plans.addProgress(to: site.plan.ownedAction.id, in: a, status: .done, note: "", byName: "test", by: author)
            #expect(try await client.execute(uri: home, method: .get).text.contains("Of its 2 actions, 1 is done and 1 has not started."))
            _ = try await plans.addProgress(to: site.plan.unownedAction.id, in: a, status: .withdrawn, note: "", byName: "test", by: author)
            #expect(try await client.execute(uri: home, method: .get).text.contains("It has one action, which is done."))
            #expect(try await client.execute(uri: "/public/partnerships/\(a)/plan", method: .get).text.contains("It has one action, which is done."))
            // The county's page names the priority under its partnership.
            #expect(try await client.execute(uri: "/public/partnerships/\(site.county.id)", method: .get).text.contains(priority.title))
            // Withdrawn: gone from both.
            try await plans.withdrawPriority(priority.id, reason: "Merged", on: .today(), in: a, by: author)
            #expect(!(try await client.execute(uri: home, method: .get).text.contains("Fewer people hurt at home")))
            #expect(!(try await client.execute(uri: "/public/partnerships/\(site.county.id)", method: .get).text.contains(priority.title)))

            // Meetings: the published one coming up; one not published, never.
            page = try await client.execute(uri: home, method: .get)
            #expect(page.text.contains(site.meetings.a.title) && page.text.contains("href=\"/public/partnerships/\(a)/meetings/\(site.meetings.a.id)\""))
            let hidden = try await site.deps.meetings.meetings.create(
                [MeetingDraft(title: "Closed planning session", date: .today().adding(days: 3), startTime: "10:00", endTime: "11:00", venue: "Town Hall")], in: a,
                standing: [], by: author)[0]
            #expect(!(try await client.execute(uri: home, method: .get).text.contains("Closed planning session")))
            try await site.deps.meetings.meetings.setPublished(hidden.id, in: a, true, by: author)
            #expect(try await client.execute(uri: home, method: .get).text.contains("Closed planning session"))

            // Consultations: the open one, not one that opens next week.
            let engagement = site.deps.engagement
            _ = try await engagement.consultations.add(
                (title: "Next week's survey", introduction: "", opensOn: .today().adding(days: 7), closesOn: .today().adding(days: 30), onePerDevice: false), to: a, by: author)
            page = try await client.execute(uri: home, method: .get)
            #expect(page.text.contains(site.consultationA.title) && !page.text.contains("Next week&#39;s survey") && !page.text.contains("Next week's survey"))

            // You said, we did: published only, and taken off again.
            let shown = try await engagement.engagement.addItem(
                (said: "Speeding on Mill Lane", did: "Speed checks every week", eventID: nil, actionID: nil, published: true), to: a, by: author)
            _ = try await engagement.engagement.addItem(
                (said: "Noise from the car park", did: "Not decided yet", eventID: nil, actionID: nil, published: false), to: a, by: author)
            page = try await client.execute(uri: home, method: .get)
            #expect(page.text.contains("Speeding on Mill Lane") && !page.text.contains("Noise from the car park"))
            try await engagement.engagement.publish(shown.id, false, in: a, by: author)
            #expect(!(try await client.execute(uri: home, method: .get).text.contains("Speeding on Mill Lane")))
            #expect(try await Self.sessions(site.deps.store) == before, "no session row for a resident")
        }
    }

    @Test("a public form is refused past its limit per address, counted in the database", arguments: Backend.allCases)
    func formsLimited(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let deps = Dependencies(store: store, settings: Settings(bcryptCost: 4), printer: nil)
            let router = buildRouter(deps)
            // A form of the public group's, as a later capability will add.
            router.group("/public/test").add(middleware: PublicPagesMiddleware(forms: RateLimit(store: store, limit: 3, clock: { 6_000 })))
                .post("form") { _, context in "received \(context.form["answer"] ?? "")" }
            try await Application(router: router).test(.router) { client in
                var answers: [HTTPResponse.Status] = []
                for _ in 0..<5 {
                    let sent = try await client.execute(
                        uri: "/public/test/form", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: "answer=yes"))
                    answers.append(sent.status)
                    if sent.status == .ok { #expect(sent.text == "received yes", "the form is read without a session or token") }
                    if sent.status == .tooManyRequests { #expect(sent.text.contains("Wait a minute")) }
                }
                #expect(answers == [.ok, .ok, .ok, .tooManyRequests, .tooManyRequests])
            }
        }
    }

    @Test("the limit counts every request exactly once when many arrive at once, and forgets the last window", arguments: Backend.allCases)
    func limitCounts(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let limit = RateLimit(store: store, limit: 10, windowSeconds: 60)
            let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<25 { group.addTask { try await limit.allows("form 192.0.2.1", at: 6_000) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(allowed == 10)
            #expect(try await limit.allows("form 192.0.2.2", at: 6_000), "another address has its own count")
            #expect(try await limit.allows("form 192.0.2.1", at: 6_060), "a new window starts afresh")
            let windows = try await store.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM rate_limits WHERE bucket = 'form 192.0.2.1'").first()!.column("n", Int.self)
            }
            #expect(windows == 1, "the old window was cleared")
        }
    }
}
