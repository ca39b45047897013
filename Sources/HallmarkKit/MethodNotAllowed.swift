import Hummingbird

/// A path that exists, asked for with a method it does not take, is answered 405 with the
/// methods it does take (RFC 9110), not "not found".
package struct MethodNotAllowedMiddleware: RouterMiddleware {
    package typealias Context = HallmarkContext
    /// Each route's path, split into segments ("{id}" matches any one), with its methods.
    package let routes: [(segments: [Substring], methods: Set<HTTPRequest.Method>)]

    package init(routes: [(path: String, method: HTTPRequest.Method)]) {
        let grouped = Dictionary(grouping: routes, by: \.path)
        self.routes = grouped.map { path, entries in
            var methods = Set(entries.map(\.method))
            if methods.contains(.get) { methods.insert(.head) }
            return (path.split(separator: "/"), methods)
        }
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            throw notAllowed(request) ?? error
        } catch AccessRefused.notFound {
            // A record's own address matched a form's ("…/events/remove" as the event "remove"),
            // whose handler found no such record.
            throw notAllowed(request) ?? AccessRefused.notFound
        }
    }

    /// The 405 for a path whose routes take other methods, or nil. Where routes of several
    /// shapes match, the one with the most fixed segments is the path meant: "…/events/remove"
    /// is the removal's address, not an event's.
    private func notAllowed(_ request: Request) -> HTTPError? {
        let segments = request.uri.path.split(separator: "/")
        let matching = routes.compactMap { route -> (fixed: Int, methods: Set<HTTPRequest.Method>)? in
            guard route.segments.count == segments.count,
                zip(route.segments, segments).allSatisfy({ pattern, actual in Self.isParameter(pattern) || pattern == actual })
            else { return nil }
            return (route.segments.filter { !Self.isParameter($0) }.count, route.methods)
        }
        let closest = matching.map(\.fixed).max()
        let allowed = matching.filter { $0.fixed == closest }.reduce(into: Set<HTTPRequest.Method>()) { $0.formUnion($1.methods) }
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return nil }
        let methods = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        // Someone who opens a form's address in the browser (a bookmark, the back button) is
        // told what it is in words; a program calling the API is told the methods.
        let forms = allowed == [.post] && !request.uri.path.hasPrefix("/api/") && [.get, .head].contains(request.method)
        return HTTPError(
            .methodNotAllowed, headers: [.allow: methods],
            message: forms
                ? "This address only receives forms sent from Hallmark’s pages, and has no page of its own. Go back to the page you were on."
                : "\(request.method.rawValue) is not used here; this address takes \(methods).")
    }

    static func isParameter(_ segment: Substring) -> Bool { segment.hasPrefix("{") || segment.hasPrefix(":") }
}
