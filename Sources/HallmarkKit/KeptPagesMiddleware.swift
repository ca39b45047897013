import HallmarkDomain
import HallmarkStore
import Hummingbird

/// Signed-in pages kept as last rendered, so that reading one again costs the session's one
/// query rather than the page's. A kept page is a pure function of what is stored (the change
/// count, read with the session), the day, the address with its query, and the session (whose
/// user, grants and CSRF token the page shows): those are its key, so it can never outlive what
/// it shows. Only the routes listed are kept: pages that are a function of those things alone,
/// never one that writes on being read (casework, whose every view is logged) or shows a job's
/// progress. Only complete answers (200) are kept; errors and redirects pass through.
package struct KeptPagesMiddleware: RouterMiddleware {
    package typealias Context = HallmarkContext

    package struct Key: Hashable, Sendable {
        let session: String
        let address: String
        let day: String
    }

    package struct Page: Sendable {
        let headers: HTTPFields
        let body: ByteBuffer
        /// What keeping it costs: its bytes, its address (which the key holds), and a kilobyte
        /// for its headers and its place in the table.
        let cost: Int

        var response: Response { Response(status: .ok, headers: headers, body: .init(byteBuffer: body)) }
    }

    let routes: [Route]
    let pages: KeptWhileCurrent<Key, Page>
    /// No page's own address is longer; a longer one is answered but not kept, so that one
    /// user's made-up addresses cannot fill the table with keys.
    package static let longestAddress = 1024

    /// `budget`: the bytes of pages each server instance keeps.
    package init(routes: [Route], budget: Int = 64 << 20) {
        self.routes = routes
        pages = KeptWhileCurrent(budget: budget) { $0.cost }
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let address = request.uri.description
        guard request.method == .get, context.visitor != nil, let session = context.session, let changes = context.changes,
            address.utf8.count <= Self.longestAddress
        else { return try await next(request, context) }
        let segments = Route.segments(request.uri.path)
        guard routes.contains(where: { $0.matches(segments) }) else { return try await next(request, context) }
        let key = Key(session: session.tokenHash, address: address, day: CalendarDate.today().iso)
        if let page = pages.value(key, at: changes) { return page.response }
        let response = try await next(request, context)
        guard response.status == .ok else { return response }
        let body = try await BodyCollector.collect(response.body)
        let page = Page(headers: response.headers, body: body, cost: body.capacity + address.utf8.count + session.tokenHash.utf8.count + 1024)
        pages.keep(page, for: key, at: changes)
        return page.response
    }
}

/// Reads a response's body into one buffer.
private struct BodyCollector: ResponseBodyWriter {
    final class Bytes { var buffer = ByteBuffer() }
    let bytes: Bytes

    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let bytes = Bytes()
        try await body.write(BodyCollector(bytes: bytes))
        return bytes.buffer
    }

    /// A page comes as one buffer of its exact size, kept as it is; only a body written in parts
    /// is copied into one.
    mutating func write(_ buffer: ByteBuffer) async throws {
        if bytes.buffer.readableBytes == 0 {
            bytes.buffer = buffer
        } else {
            var buffer = buffer
            bytes.buffer.writeBuffer(&buffer)
        }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
