import Foundation
import HallmarkKit
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
