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

/// Public pages as last rendered, so that residents' visits cost one read of the change count
/// rather than a page's worth of queries. A page depends only on what is recorded and on the
/// day (what is "coming up", what is open), and every change moves the count on (see
/// `ChangeCount`): kept for the count and the day, no page outlives what it shows, on any instance.
package final class PublicPageCache: Sendable {
    package struct Key: Hashable, Sendable {
        let path: String
        let changes: Int64
        let day: String
    }

    private let pages = KeptWhileCurrent<Key, String>(budget: 128)

    package init() {}

    /// The key a page has now: also its entity tag, so that a browser revalidating gets a 304.
    package static func key(_ path: String, store: Store, today: CalendarDate) async throws -> Key {
        Key(path: path, changes: try await AuditLog.version(in: store), day: today.iso)
    }
}

extension PublicPageCache.Key {
    package var entityTag: String { "\"\(changes)-\(day)\"" }
}

extension PublicPageCache {
    /// The page at the request's path: a 304 when the browser already holds this version, the
    /// kept copy when there is one, or `make`'s page, kept for the next visitor.
    package func response(
        to request: Request, context: some RequestContext, store: Store, today: CalendarDate = .today(), make: @Sendable () async throws -> String
    ) async throws -> Response {
        let key = try await Self.key(request.uri.path, store: store, today: today)
        if request.headers[.ifNoneMatch] == key.entityTag {
            return Response(status: .notModified, headers: [.eTag: key.entityTag])
        }
        let html = try await pages.value(key, at: key.changes) { try await make() }
        var response = try HTMLResponse(html).response(from: request, context: context)
        response.headers[.eTag] = key.entityTag
        return response
    }
}
