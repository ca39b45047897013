import Foundation
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
import Testing

@Suite("Sessions, CSRF and sign-in")
struct SecurityTests {
    @Test("A form sent without the CSRF token, or with another one, is refused and changes nothing", arguments: Backend.allCases)
    func csrf(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            try await browser.get("/organisations/new")
            let before = try await site.deps.organisations.all()
            let missing = try await browser.post("/organisations", ["name": "Forged Ltd", "type": "other"], csrf: false)
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("Your form was not sent"))
            let wrong = try await browser.post("/organisations", ["name": "Forged Ltd", "type": "other", "csrf_token": "not-the-token"])
            #expect(wrong.status == .forbidden)
            #expect(try await site.deps.organisations.all() == before)
            // With the token, the same form works: the refusal above was the token's doing.
            let good = try await browser.post("/organisations", ["name": "Genuine Ltd", "type": "other"])
            #expect(good.status == .seeOther)
            #expect(try await site.deps.organisations.all().count == before.count + 1)
        }
    }

    /// Nothing typed is lost to a refused token: someone whose page was older than their session
    /// sends it again from the refusal; a form from another site, or sent once signed out, is
    /// only shown back to copy.
    @Test("A form refused for its token gives back what was typed, and may be sent again only from this site", arguments: Backend.allCases)
    func unsentFormsAreGivenBack(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            try await browser.get("/organisations/new")
            let before = try await site.deps.organisations.all()
            let typed = ["name": "Riverside \"Housing\" & Co", "type": "other"]
            let thisSite: HTTPFields = [.init("Sec-Fetch-Site")!: "same-origin"]
            let stale = try await browser.post("/organisations", typed.merging(["csrf_token": "from-an-older-page"]) { $1 }, headers: thisSite)
            #expect(stale.status == .forbidden && stale.text.contains("<title>Your form was not sent"))
            #expect(stale.text.contains("Housing") && stale.text.contains("&amp; Co") && !stale.text.contains("\"Housing\" & Co") && stale.text.contains("Send it again"))
            #expect(try await site.deps.organisations.all() == before)
            let again = try Browser.hiddenFields(of: stale.text, action: "/organisations")
            #expect(again["name"] == typed["name"] && again["csrf_token"] != "from-an-older-page")
            #expect(try await browser.post("/organisations", again).status == .seeOther)
            #expect(try await site.deps.organisations.all().contains { $0.name == "Riverside \"Housing\" & Co" })

            // From another site: shown back, never offered to send, nothing saved.
            let elsewhere: HTTPFields = [.init("Origin")!: "https://elsewhere.example", .init("Sec-Fetch-Site")!: "cross-site"]
            let foreign = try await browser.post("/organisations", ["name": "Forged Ltd", "type": "other", "csrf_token": "guessed"], headers: elsewhere)
            #expect(
                foreign.status == .forbidden && foreign.text.contains("Your form was not sent") && !foreign.text.contains("Forged Ltd"),
                "another site's words are not shown as this one's")
            #expect(!foreign.text.contains("<form method=\"post\" action=\"/organisations\""))
            // Signed out: what was typed, and the way to sign in again and back to the page.
            let cameFrom: HTTPFields = [.init("Sec-Fetch-Site")!: "same-origin", .referer: "http://localhost/organisations/new"]
            let signedOut = try await Browser(client).post("/organisations", ["name": "Typed after the session ended", "type": "other"], csrf: false, headers: cameFrom)
            #expect(signedOut.status == .forbidden && signedOut.text.contains("You had been signed out") && signedOut.text.contains("Typed after the session ended"))
            #expect(signedOut.text.contains("<a href=\"/sign-in?next=/organisations/new\">Sign in again</a>") && !signedOut.text.contains("Send it again"))
            // A password is never written back, and "are you sure?" is asked again, not carried.
            let signIn = Browser(client)
            try await signIn.get("/sign-in")
            let stalePassword = try await signIn.post(
                "/sign-in", ["email": TestSite.email(.analyst), "password": TestSite.password, "csrf_token": "old"], headers: thisSite)
            #expect(stalePassword.status == .forbidden && !stalePassword.text.contains(TestSite.password))
            let risk = try await browser.post(
                Site.removeRisk(site.cspA.id, site.plan.priorityA.id), ["risk_id": "1", "confirmed": "yes", "csrf_token": "old"], headers: thisSite)
            #expect(risk.status == .forbidden && !risk.text.contains("name=\"confirmed\"") && !risk.text.contains("Risk id"))
            #expect(try await site.deps.organisations.all().count == before.count + 1)
        }
    }

    @Test("Signing in issues a new session; signing out ends it", arguments: Backend.allCases)
    func sessionLifecycle(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let anonymousCookie = try #require(browser.cookie)
            let response = try await browser.post("/sign-in", ["email": TestSite.email(.analyst), "password": TestSite.password])
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"), "no Secure flag unless HALLMARK_SECURE_COOKIES is set")
            #expect(browser.cookie != anonymousCookie, "the pre-sign-in session must not survive sign-in")
            #expect(try await browser.get("/partnerships").status == .ok)

            // The old anonymous cookie does not carry the signed-in user.
            let old = try await client.execute(uri: "/partnerships", method: .get, headers: [.cookie: anonymousCookie])
            #expect(old.status == .seeOther)

            let signedIn = try #require(browser.cookie)
            try await browser.post("/sign-out", [:])
            let after = try await client.execute(uri: "/partnerships", method: .get, headers: [.cookie: signedIn])
            #expect(after.status == .seeOther, "a signed-out session must not work again")
        }
    }

    @Test("Secure cookies behind TLS")
    func secureCookies() async throws {
        try await withStore(.sqlite) { store in
            let deps = Dependencies(store: store, settings: Settings(secureCookies: true, bcryptCost: 4))
            try await Application(router: buildRouter(deps)).test(.router) { client in
                let response = try await client.execute(uri: "/sign-in", method: .get)
                #expect(response.headers[.setCookie]?.contains("; Secure") == true)
            }
        }
    }

    @Test("Wrong passwords are refused, and repeated failures lock the address out for a while", arguments: Backend.allCases)
    func rateLimit(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.get("/sign-in")
            let email = TestSite.email(.coordinator)
            let unknown = try await browser.post("/sign-in", ["email": "nobody@example.org", "password": "whatever it is"])
            let wrong = try await browser.post("/sign-in", ["email": email, "password": "not the password"])
            #expect(wrong.status == .unauthorized)
            // The same words whether the account exists or not.
            #expect(unknown.text.contains("The email address or password is not right"))
            #expect(wrong.text.contains("The email address or password is not right"))
            #expect(wrong.text.contains("value=\"\(email)\""), "the email address typed is kept")
            for _ in 0..<4 { try await browser.post("/sign-in", ["email": email, "password": "still wrong"]) }
            let locked = try await browser.post("/sign-in", ["email": email, "password": TestSite.password])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("too many attempts"))
            // Another account is not locked by this one's failures.
            let other = Browser(client)
            try await other.signIn(as: .analyst)
        }
    }

    @Test("After sign-in, only a path on this site is followed")
    func openRedirect() async throws {
        try await withSite(.sqlite) { site, client in
            for (next, expected) in [
                ("/organisations", "/organisations"), ("https://evil.example/", "/"),
                ("//evil.example/", "/"), ("/\\evil.example", "/"),
            ] {
                let browser = Browser(client)
                try await browser.get("/sign-in")
                let response = try await browser.post("/sign-in", ["email": TestSite.email(.analyst), "password": TestSite.password, "next": next])
                #expect(response.headers[.location] == expected, "next=\(next)")
            }
        }
    }

    @Test("The API takes bearer tokens only: cookies and bad tokens get 401")
    func apiTokens() async throws {
        try await withSite(.sqlite) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            let withCookie = try await client.execute(uri: "/api/v1/partnerships", method: .get, headers: [.cookie: browser.cookie!])
            #expect(withCookie.status == .unauthorized)
            let badToken = try await client.execute(uri: "/api/v1/partnerships", method: .get, headers: [.authorization: "Bearer hm_wrong"])
            #expect(badToken.status == .unauthorized)
            let good = try await client.execute(uri: "/api/v1/partnerships", method: .get, headers: [.authorization: "Bearer \(site.tokens[.analyst]!)"])
            #expect(good.status == .ok)
            let names = try JSONDecoder().decode([[String: AnyDecodable]].self, from: Data(good.body.readableBytesView)).compactMap { $0["name"]?.text }
            #expect(names == ["Alpha CSP", "Alpha JAG"])
        }
    }
}

/// Enough of JSON to read back names and ids in tests.
struct AnyDecodable: Decodable {
    let text: String?
    let number: Int64?
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        text = try? c.decode(String.self)
        number = try? c.decode(Int64.self)
    }
}

@Suite("Escaping by code point")
struct AttributeEscapingTests {
    /// A "<" or a quote joined into one character with the mark before or after it is still markup.
    @Test func marksJoinedToMarkupAreEscapedAllTheSame() {
        #expect(AttributeText.escape("\u{600}<iframe") == "\u{600}&lt;iframe")
        #expect(AttributeText.escape("Combo A\"\u{301} autofocus") == "Combo A&quot;\u{301} autofocus")
        #expect(AttributeText.escape("a'b>c&d") == "a&#39;b&gt;c&amp;d")
        #expect(CSVDocument.field("=\u{301}HYPERLINK(1)").unicodeScalars.starts(with: "'=".unicodeScalars))
    }

    @Test("Text is escaped by code point, and text with nothing to escape is kept as it is")
    func textByCodePoint() {
        #expect(TextContent.escape("\u{600}<img src=x onerror=alert(1) x=") == "\u{600}&lt;img src=x onerror=alert(1) x=")
        #expect(TextContent.escape("Fish & chips <b>, 3 > 2, &amp;") == "Fish &amp; chips &lt;b&gt;, 3 &gt; 2, &amp;amp;")
        #expect(TextContent.escape("Café ‘O’Neill’ \"Bridge\" 🇬🇧") == "Café ‘O’Neill’ \"Bridge\" 🇬🇧")
        #expect(TextContent.escape("") == "")
    }

    /// Session tokens are stored and found by this hash, so it must not change: the published
    /// test vector of SHA-256, and hexadecimal as printf writes it for every byte.
    @Test func hashesAndHexadecimal() {
        #expect(Secrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let bytes = (0...255).map(UInt8.init) + (0..<64).map { _ in UInt8.random(in: 0...255) }
        #expect(Secrets.hex(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(Secrets.hex([]) == "")
    }

    /// Byte by byte, as the tables escape, against code point by code point, on random text
    /// mixing markup, joining marks, accents and emoji.
    @Test(
        "Escaping by byte equals escaping by code point",
        arguments: [
            (MarkupEntities.text, ["&": "&amp;", "<": "&lt;", ">": "&gt;"]),
            (MarkupEntities.drawing, ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"]),
            (MarkupEntities.attribute, ["&": "&amp;", "\"": "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;"]),
        ] as [(MarkupEntities, [Unicode.Scalar: String])])
    func byteEqualsCodePoint(_ entities: MarkupEntities, _ expected: [Unicode.Scalar: String]) {
        let pieces: [Unicode.Scalar] = ["a", "Z", " ", "&", "<", ">", "\"", "'", "\u{600}", "\u{301}", "é", "‘", "🇬", "🇧", "£", "\u{0}", "\u{7F}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) { scalars.append(pieces.randomElement(using: &generator)!) }
            let text = String(scalars)
            let byCodePoint = text.unicodeScalars.map { expected[$0] ?? String($0) }.joined()
            #expect(entities.escape(text) == byCodePoint, "\(Array(text.unicodeScalars))")
        }
    }

    /// Plot's `.text`, `.element(named:text:)` and interpolated text where a node goes all escape
    /// character by character, so none of them may write a page; `.plainText` takes their place.
    @Test("No view writes text with Plot's own escaping")
    func noPlotText() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let plotText = try Regex(#"(^|[^\w)\]?>])\.text\(|Node(<[^>]*>)?\.text\(|element\(named: [^,]+, text:"#)
        let elements = "a|p|li|td|th|h[1-6]|span|strong|em|dd|dt|caption|label|button|option|legend|summary|small|figcaption|b|code|div"
        let interpolated = try Regex(#"\.(\#(elements))\(([^"]*?,\s*)?"[^"]*\\\("#)
        var found: [String] = []
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)! where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            guard text.contains("import Plot") else { continue }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(plotText) || line.contains(interpolated) {
                found.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
