import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// What an attacker and a load test found the server doing wrong, each kept as a test.
@Suite("Hostile input")
struct HostileInputTests {
    @Test("A page number that would overflow the offset is refused in words, and the server goes on")
    func auditPageOverflow() async throws {
        try await withSite(.sqlite) { _, client in
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            for page in ["9223372036854775807", "-9223372036854775808", "0", "-1", "1000001", "two"] {
                let response = try await browser.get("/audit?page=\(page)")
                #expect(response.status == .badRequest, "page=\(page)")
                #expect(response.text.contains("The page must be a whole number from 1 to 1,000,000"))
            }
            #expect(try await browser.get("/audit?page=1000000").status == .ok)
            #expect(try await browser.get("/audit").status == .ok)
        }
    }

    /// A name that closes an attribute's quotes and adds its own. Quotes are allowed in names
    /// (O'Neill, "The Bridge" Project), so every attribute must escape them.
    static let breakout = "0;url=https://evil.example/\" http-equiv=\"refresh\" x=\""
    /// A name whose "<" is joined into one character with the mark before it (U+0600, which
    /// joins whatever follows). Escaped character by character, that "<" is not one, and stays
    /// markup to a browser: the name would open a tag of its own, here an image that runs script.
    static let joinedTag = "\u{600}<img src=x onerror=alert(1) x="

    /// Every page that shows the names of an organisation, a person and a partnership.
    static func pagesShowing(_ name: String, _ site: TestSite) async throws -> [String] {
        let author = ChangeAuthor.system("attacker")
        let organisation = try await site.deps.organisations.create(.init(name: name, type: .other), by: author)
        let person = try await site.deps.people.create(.init(name: name, jobTitle: name), keptBy: site.cspA.id, by: author)
        try await site.deps.store.withConnection { db in
            try await db.raw("UPDATE partnerships SET name = \(bind: name) WHERE id = \(bind: site.cspA.id)").run()
        }
        return [
            "/organisations", "/organisations/\(organisation.id)", "/people/\(person.id)", "/partnerships",
            "/partnerships/\(site.cspA.id)", "/partnerships/\(site.county.id)", "/partnerships/\(site.cspA.id)/crime",
            "/partnerships/\(site.cspA.id)/assessment", "/partnerships/\(site.cspA.id)/assessment/settings",
            "/partnerships/\(site.cspA.id)/assessment/versions", "/partnerships/\(site.cspA.id)/members/new", "/audit",
        ]
    }

    @Test("A name with quotes cannot add attributes to any page it appears on", arguments: Backend.allCases)
    func attributeInjection(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let pages = try await Self.pagesShowing(Self.breakout, site)
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            for page in pages {
                let response = try await browser.get(page)
                #expect(response.status == .ok, "\(page)")
                // In text the quotes are harmless; inside a tag they would add an attribute.
                #expect(
                    response.text.range(of: #"<[^>]*http-equiv="refresh"[^>]*>"#, options: .regularExpression) == nil,
                    "\(page) lets a name add an attribute")
                #expect(response.text.contains("http-equiv"), "\(page) shows the name")
                #expect(!response.text.contains("og:title"), "\(page)")
            }
        }
    }

    @Test("A name whose \"<\" is joined to the mark before it cannot open a tag on any page it appears on", arguments: Backend.allCases)
    func joinedMarkup(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let pages = try await Self.pagesShowing(Self.joinedTag, site)
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            for page in pages {
                let response = try await browser.get(page)
                #expect(response.status == .ok, "\(page)")
                #expect(!response.text.contains("<img"), "\(page) lets a name open a tag")
                #expect(response.text.contains("\u{600}&lt;img src=x"), "\(page) shows the name, escaped")
            }
        }
    }

    @Test("Twenty simultaneous saves of the assessment settings keep all twenty themes", arguments: Backend.allCases)
    func noLostUpdates(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            try await analyst.get("/partnerships/\(site.cspA.id)/assessment/settings")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        try await analyst.post(
                            "/partnerships/\(site.cspA.id)/assessment/settings/themes",
                            [
                                "theme-name": "Theme \(i)", "theme-evidence": "Evidence \(i)", "theme-harm": "3", "theme-volume": "3",
                                "theme-trend": "3", "theme-confidence": "Medium", "theme-classification": "Emerging",
                            ]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .seeOther })
            let json = try #require(try await AssessmentRepository(store: site.deps.store).settingsJSON(of: site.cspA.id))
            let settings = try JSONDecoder().decode(AssessmentSettings.self, from: Data(json.utf8))
            #expect(Set(settings.themes.map(\.name)) == Set((0..<20).map { "Theme \($0)" }))
        }
    }

    @Test("A body over the form limit answers 413 with the limit in words, signed in or not")
    func oversizedBody() async throws {
        try await withSite(.sqlite) { _, client in
            let big = ByteBuffer(string: "name=" + String(repeating: "a", count: 2 * 1024 * 1024))
            let anonymous = try await client.execute(
                uri: "/sign-in", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"], body: big)
            #expect(anonymous.status == .contentTooLarge)
            #expect(anonymous.text.contains("at most 1 MB"))
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            let signedIn = try await client.execute(
                uri: "/organisations", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: browser.cookie!], body: big)
            #expect(signedIn.status == .contentTooLarge)
        }
    }

    @Test("Visitors who have not signed in make no session rows; the sign-in form still works", arguments: Backend.allCases)
    func noAnonymousSessionRows(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            func sessions() async throws -> Int {
                try await site.deps.store.withConnection { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM sessions").first()!.decode(column: "n", as: Int.self)
                }
            }
            for path in ["/", "/no-such-page", "/partnerships", "/sign-in", "/sign-in"] {
                _ = try await client.execute(uri: path, method: .get)
            }
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.headers[.setCookie] == nil, "a page with no form sets no cookie")
            #expect(try await sessions() == 0)
            let browser = Browser(client)
            try await browser.signIn(as: .analyst)
            #expect(try await sessions() == 1)
            #expect(try await browser.get("/partnerships").status == .ok)
            // A forged pre-sign-in cookie with a token of the attacker's own is refused.
            let forged = try await client.execute(
                uri: "/sign-in", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "hallmark_session=a.attacker"],
                body: ByteBuffer(string: "email=x%40example.org&password=y&csrf_token=deadbeef"))
            #expect(forged.status == .forbidden)
        }
    }

    @Test("A form body that is not UTF-8 is refused, not stored with replacement characters")
    func invalidUTF8() async throws {
        try await withSite(.sqlite) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get("/organisations/new")
            let before = try await site.deps.organisations.all()
            var body = ByteBuffer(string: "csrf_token=\(browser.csrf)&type=other&name=Caf")
            body.writeBytes([0xE9, 0x20, 0x4C, 0x74, 0x64])  // "é Ltd" in Latin-1
            let response = try await client.execute(
                uri: "/organisations", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: browser.cookie!], body: body)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("not sent as UTF-8"))
            #expect(try await site.deps.organisations.all() == before)
        }
    }

    @Test("Signed-in pages, CSVs and API answers are not kept in caches; the stylesheet is")
    func cacheControl() async throws {
        try await withSite(.sqlite) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .analyst)
            for path in ["/partnerships", "/partnerships.csv", "/partnerships/\(site.cspA.id)"] {
                #expect(try await browser.get(path).headers[.cacheControl] == "no-store", "\(path)")
            }
            let api = try await client.execute(uri: "/api/v1/partnerships", method: .get, headers: [.authorization: "Bearer \(site.tokens[.analyst]!)"])
            #expect(api.headers[.cacheControl] == "no-store")
            #expect(try await browser.get("/assets/site.css").headers[.cacheControl]?.hasPrefix("public") == true)
        }
    }

    @Test(
        "After sign-in, only a plain path on this site is followed",
        arguments: ["/%09/evil.example", "/%0A/evil.example", "//evil.example", "/\\evil.example", "/%20/evil.example"])
    func nextIsOnlyThisSite(next: String) async throws {
        try await withSite(.sqlite) { _, client in
            let browser = Browser(client)
            let page = try await browser.get("/sign-in?next=\(next)")
            #expect(!page.text.contains("evil.example"), "the sign-in form must not carry \(next)")
            let decoded = next.removingPercentEncoding!
            let response = try await browser.post("/sign-in", ["email": TestSite.email(.analyst), "password": TestSite.password, "next": decoded])
            #expect(response.headers[.location] == "/")
        }
    }

    @Test("CSV cells holding a semicolon are quoted, for Excel in European locales")
    func semicolonsQuoted() async throws {
        try await withSite(.sqlite) { site, client in
            _ = try await site.deps.organisations.create(.init(name: "Smith; Jones and Partners", type: .other), by: .system("test"))
            let browser = Browser(client)
            try await browser.signIn(as: .analyst)
            let csv = try await browser.get("/organisations.csv").text
            #expect(csv.contains("\"Smith; Jones and Partners\""))
            #expect(CSVRecord.quoted("a;b") == "\"a;b\"")
        }
    }

    @Test("Server metrics are for administrators and their API tokens only")
    func metricsPrivate() async throws {
        try await withSite(.sqlite) { site, client in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .seeOther)
            let board = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(site.tokens[.boardMember]!)"])
            #expect(board.status == .forbidden)
            let admin = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(site.tokens[.administrator]!)"])
            #expect(admin.status == .ok)
            #expect(admin.text.contains("# TYPE hallmark_http_requests_total counter"))
        }
    }

    @Test("HEAD answers as GET does, without a body")
    func head() async throws {
        try await withSite(.sqlite) { _, client in
            let head = try await client.execute(uri: "/", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(try await client.execute(uri: "/healthz", method: .head).status == .ok)
        }
    }

    @Test("The API takes true and false for no text field", arguments: ["{\"name\": false, \"type\": \"other\"}", "{\"name\": true, \"type\": \"other\"}"])
    func apiBooleans(body: String) async throws {
        try await withSite(.sqlite) { site, client in
            let before = try await site.deps.organisations.all()
            let response = try await client.execute(
                uri: "/api/v1/organisations", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(site.tokens[.administrator]!)"], body: ByteBuffer(string: body))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("name must be text or a number, not true or false"))
            #expect(try await site.deps.organisations.all() == before)
        }
    }

    /// Each request the API's contract (its OpenAPI document) says is wrong, with the answer it must get.
    static let contractCases: [(method: HTTPRequest.Method, path: String, contentType: String, body: String, status: HTTPResponse.Status, says: String)] = [
        (.post, "/api/v1/organisations", "application/json", #"{"name": 0, "type": "other"}"#, .unprocessableContent, "name must be text, not a number"),
        (.post, "/api/v1/organisations", "application/json", #"{"name": 1e309, "type": "other"}"#, .unprocessableContent, "name is a number too large or too small to read"),
        (.post, "/api/v1/organisations", "application/json", #"{"name": [1], "type": "other"}"#, .unprocessableContent, "name must be text or a number, not a list or an object"),
        (.post, "/api/v1/organisations", "text/plain", #"{"name": "Plain Ltd", "type": "other"}"#, .unsupportedMediaType, "Send the request body as application"),
        (.post, "/api/v1/organisations", "application/json", "{\"name\": \"a<\u{0301}b\", \"type\": \"other\"}", .unprocessableContent, "must not contain < or >"),
        (.post, "/api/v1/partnerships", "application/json", #"{"kind": "county_group", "name": "G", "parent_id": 5}"#, .unprocessableContent, "reports to no other partnership"),
        (.delete, "/api/v1/partnerships", "application/json", "", .methodNotAllowed, "this address takes GET, HEAD, POST"),
    ]

    @Test("Requests the API's contract forbids are refused with the contract's answer")
    func contract() async throws {
        try await withSite(.sqlite, crime: true) { site, client in
            let before = try await site.deps.organisations.all()
            for c in Self.contractCases {
                let response = try await client.execute(
                    uri: c.path, method: c.method,
                    headers: [.contentType: c.contentType, .authorization: "Bearer \(site.tokens[.administrator]!)"], body: ByteBuffer(string: c.body))
                #expect(response.status == c.status, "\(c.method) \(c.path) \(c.body)")
                #expect(response.text.contains(c.says), "\(c.method) \(c.path): \(response.text)")
            }
            #expect(try await site.deps.organisations.all() == before)
            let delete = try await client.execute(uri: "/api/v1/partnerships", method: .delete, headers: [.authorization: "Bearer \(site.tokens[.administrator]!)"])
            #expect(delete.headers[.allow] == "GET, HEAD, POST")
            // A form's address opened in a browser is explained in words, not in methods.
            let opened = try await client.execute(uri: "/partnerships/\(site.cspA.id)/consultations/\(site.consultationA.id)/withdraw", method: .get)
            #expect(opened.status == .methodNotAllowed && opened.headers[.allow] == "POST")
            #expect(opened.text.contains("This address only receives forms sent from Hallmark’s pages") && !opened.text.contains("GET is not used"))
            #expect(opened.text.contains("<h1>This address takes a form</h1>") && !opened.text.contains("Method Not Allowed"))
            // A removal's address is also the shape of a record's ("…/events/remove" as the event "remove"): still the form's.
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            for path in ["engagement/events/remove", "engagement/you-said-we-did/remove", "consultations/\(site.consultationA.id)/questions/remove"] {
                let removal = try await coordinator.get("/partnerships/\(site.cspA.id)/\(path)")
                #expect(removal.status == .methodNotAllowed && removal.text.contains("<h1>This address takes a form</h1>"), "\(path)")
            }
            #expect(try await coordinator.get("/partnerships/\(site.cspA.id)/engagement/events/999999").status == .notFound, "a record that is not there is still not found")
            let anonymous = try await client.execute(uri: "/api/v1/partnerships", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
            for query in ["to=", "from=&to=2022-03"] {
                let empty = try await client.execute(
                    uri: "/api/v1/partnerships/\(site.cspA.id)/crime?\(query)", method: .get,
                    headers: [.authorization: "Bearer \(site.tokens[.administrator]!)"])
                #expect(empty.status == .unprocessableContent, "\(query)")
            }
            let assessment = try await client.execute(
                uri: "/api/v1/partnerships/\(site.cspA.id)/assessment?to=", method: .get,
                headers: [.authorization: "Bearer \(site.tokens[.administrator]!)"])
            #expect(assessment.status == .unprocessableContent)
        }
    }

    @Test(
        "An e-mail address with a line break or other white space in it is refused",
        arguments: ["ann@example.org\r\nbcc:x@evil.test", "ann@exam ple.org", "ann@exa\u{2003}mple.org"])
    func emailWhitespace(address: String) {
        var v = Validator(["email": address])
        #expect(v.email("email") == nil)
    }

    @Test("An import's record shows the importer's e-mail address to administrators only", arguments: [Role.analyst, .boardMember, .administrator])
    func importerAddress(role: Role) async throws {
        try await withSite(.sqlite) { site, client in
            let importer = ChangeAuthor(userID: nil, label: "Ann Analyst <ann@example.org>")
            let id = try await site.deps.crime.recordRefusal(source: "Upload: notes.csv", message: "Refused", by: importer)
            let browser = Browser(client)
            try await browser.signIn(as: role)
            for path in ["/crime-data/imports/\(id)", "/crime-data"] {
                let page = try await browser.get(path).text
                #expect(page.contains("Ann Analyst"))
                #expect(page.contains("ann@example.org") == (role == .administrator), "\(role) \(path)")
            }
            let api = try await client.execute(uri: "/api/v1/crime/imports", method: .get, headers: [.authorization: "Bearer \(site.tokens[role]!)"])
            #expect(api.text.contains("ann@example.org") == (role == .administrator))
        }
    }
}
