import Crypto
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

@Suite("Operations and the API document")
struct OperationsTests {
    @Test("/healthz answers when the database does, and /metrics counts requests by route")
    func probes() async throws {
        try await withSite(.sqlite) { site, client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.headers[.setCookie] == nil, "probes need no session")
            #expect(health.headers[.init("X-Request-Id")!]?.isEmpty == false)
            _ = try await client.execute(uri: "/partnerships/999", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(site.tokens[.administrator]!)"])
            #expect(metrics.text.contains("# TYPE hallmark_http_requests_total counter"))
            #expect(metrics.text.contains(#"hallmark_http_requests_total{method="GET",route="/healthz",status="200"} 1"#))
            // Counted by pattern, so ids never multiply the series.
            #expect(metrics.text.contains(#"route="/partnerships/{id}""#) || metrics.text.contains(#"route="/partnerships/:id""#))
            #expect(!metrics.text.contains("/partnerships/999"))
        }
    }

    @Test("A page's own styles are allowed by their exact hashes and nothing else")
    func inlineStyles() throws {
        let first = "p { color: #0b0c0c; }"
        let second = "h1 { margin: 0; } /* « non-ASCII » */"
        let html = "<html><head><style>\(first)</style></head><body><p>x</p><style>\(second)</style><p>after</p></body></html>"
        let hash = { (css: String) in "'sha256-" + Data(SHA256.hash(data: Data(css.utf8))).base64EncodedString() + "'" }
        #expect(ContentSecurityPolicy.allowingStyles(of: html) == ContentSecurityPolicy.policy(styles: "'self' \(hash(first)) \(hash(second))"))
        #expect(ContentSecurityPolicy.allowingStyles(of: "<p>no styles</p>") == nil)
        #expect(ContentSecurityPolicy.allowingStyles(of: "<style>never closed") == nil)
        #expect(ContentSecurityPolicy.allowingStyles(of: "<style></style>") == ContentSecurityPolicy.policy(styles: "'self' \(hash(""))"))
    }

    /// The search sixteen places at a time, against the plain one a byte at a time on random
    /// text made of the needles and pieces of them, so that near misses are everywhere.
    @Test("Styles are found sixteen places at a time exactly where a byte at a time finds them")
    func styleSearch() {
        let plain = { (needle: String, bytes: [UInt8], from: Int) -> Int? in
            let wanted = Array(needle.utf8)
            guard bytes.count >= wanted.count, from <= bytes.count - wanted.count else { return nil }
            return (max(from, 0)...(bytes.count - wanted.count)).first { Array(bytes[$0..<($0 + wanted.count)]) == wanted }
        }
        let pieces = ["<style>", "</style>", "<styl", "</st", "<s", "<", "/", "x", " ", "style>", "é"].map { Array($0.utf8) }
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &random)).flatMap { _ in pieces.randomElement(using: &random)! }
            let from = Int.random(in: 0...max(bytes.count, 1), using: &random)
            bytes.withUnsafeBufferPointer { page in
                #expect(ContentSecurityPolicy.find("<style>", in: page, from: from) == plain("<style>", bytes, from), "\(bytes) from \(from)")
                #expect(ContentSecurityPolicy.find("</style>", in: page, from: from) == plain("</style>", bytes, from), "\(bytes) from \(from)")
            }
        }
    }

    @Test("Security headers are on every response")
    func headers() async throws {
        try await withSite(.sqlite) { site, client in
            for path in ["/", "/sign-in", "/no-such-page", "/assets/site.css"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.headers[.init("Content-Security-Policy")!]?.contains("frame-ancestors 'none'") == true, "\(path)")
                #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff", "\(path)")
            }
            // Assets carry a tag of their bytes; a browser holding them is told so, with no body.
            for path in ["/assets/site.css", "/assets/progress.js"] {
                let first = try await client.execute(uri: path, method: .get)
                let tag = try #require(first.headers[.eTag], "\(path)")
                #expect(first.status == .ok && first.headers[.cacheControl] == "public, max-age=3600" && first.body.readableBytes > 100)
                let again = try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: tag])
                #expect(again.status == .notModified && again.body.readableBytes == 0 && again.headers[.eTag] == tag)
                #expect(try await client.execute(uri: path, method: .get, headers: [.ifNoneMatch: "\"stale\""]).status == .ok)
                // At the address pages link to, which carries the version, it may be kept for a year;
                // an old version's address gets today's bytes for an hour.
                let versioned = try await client.execute(uri: "\(path)?v=\(SiteAssets.version(tag))", method: .get)
                #expect(versioned.status == .ok && versioned.headers[.cacheControl] == "public, max-age=31536000, immutable" && versioned.body == first.body)
                let old = try await client.execute(uri: "\(path)?v=0123456789ab", method: .get)
                #expect(old.headers[.cacheControl] == "public, max-age=3600" && old.body == first.body)
            }
            let page = try await client.execute(uri: "/sign-in", method: .get)
            #expect(page.text.contains("href=\"\(SiteAssets.stylesheetHref)\"") && SiteAssets.stylesheetHref.hasPrefix("/assets/site.css?v="))
            let missing = try await client.execute(uri: "/no-such-page", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("Page not found"))
        }
    }

    @Test("The OpenAPI document is valid JSON, OpenAPI 3.1, and lists exactly the API's routes")
    func openAPIMatchesRoutes() async throws {
        try await withSite(.sqlite) { site, client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) /api/v1\(path)") }
            }
            let router = buildRouter(site.deps)
            let served = Set(router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains(" /api/v1/") })
            #expect(
                documented == served, "documented but not served: \(documented.subtracting(served).sorted()); served but not documented: \(served.subtracting(documented).sorted())"
            )
            // Every $ref points at a schema that exists.
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let text = response.text
            let refs = text.components(separatedBy: "\"#/components/schemas/").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas[ref] != nil, "missing schema \(ref)") }
        }
    }
}
