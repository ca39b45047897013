import HallmarkDomain
import HallmarkStore
import Hummingbird
import Plot

/// One capability's part of a partnership's home page on the public site: the plan gives its
/// priorities and progress, meetings the next meetings and papers, engagement the open
/// consultations and "you said, we did". The register's page puts them together without
/// knowing any of them, so the layers still run one way.
package struct PublicHomeSection: Sendable {
    package let render: @Sendable (_ partnership: Partnership, _ today: CalendarDate) async throws -> Node<HTML.BodyContext>

    package init(_ render: @escaping @Sendable (_ partnership: Partnership, _ today: CalendarDate) async throws -> Node<HTML.BodyContext>) {
        self.render = render
    }
}

/// Public pages as last rendered, so that residents' visits cost one count of the audit log
/// rather than a page's worth of queries. A page depends only on what is recorded and on the
/// day (what is "coming up", what is open), and every change is recorded in the audit log:
/// keyed by the log's length and the day, no entry outlives what it shows, on any instance.
package actor PublicPageCache {
    package struct Key: Hashable, Sendable {
        let path: String
        let changes: Int64
        let day: String
    }

    private var pages: [Key: String] = [:]
    private var order: [Key] = []
    package static let capacity = 128

    package init() {}

    /// The key a page has now: also its entity tag, so that a browser revalidating gets a 304.
    package static func key(_ path: String, store: Store, today: CalendarDate) async throws -> Key {
        Key(path: path, changes: try await AuditLog.version(in: store), day: today.iso)
    }

    package func page(_ key: Key) -> String? { pages[key] }

    package func keep(_ html: String, for key: Key) {
        guard pages.updateValue(html, forKey: key) == nil else { return }
        order.append(key)
        if order.count > Self.capacity { pages[order.removeFirst()] = nil }
    }
}

extension PublicPageCache.Key {
    package var entityTag: String { "\"\(changes)-\(day)\"" }
}

extension PublicPageCache {
    /// The page at the request's path: a 304 when the browser already holds this version, the
    /// kept copy when there is one, or `make`'s page, kept for the next visitor.
    package nonisolated func response(
        to request: Request, context: some RequestContext, store: Store, today: CalendarDate = .today(), make: @Sendable () async throws -> String
    ) async throws -> Response {
        let key = try await Self.key(request.uri.path, store: store, today: today)
        if request.headers[.ifNoneMatch] == key.entityTag {
            return Response(status: .notModified, headers: [.eTag: key.entityTag])
        }
        let html: String
        if let kept = await page(key) {
            html = kept
        } else {
            html = try await make()
            await keep(html, for: key)
        }
        var response = try HTMLResponse(html).response(from: request, context: context)
        response.headers[.eTag] = key.entityTag
        return response
    }
}
