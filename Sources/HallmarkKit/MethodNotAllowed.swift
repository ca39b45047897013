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
            let segments = request.uri.path.split(separator: "/")
            let allowed = routes.filter { route in
                route.segments.count == segments.count
                    && zip(route.segments, segments).allSatisfy { pattern, actual in pattern.hasPrefix("{") || pattern.hasPrefix(":") || pattern == actual }
            }.reduce(into: Set<HTTPRequest.Method>()) { $0.formUnion($1.methods) }
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            throw HTTPError(
                .methodNotAllowed, headers: [.allow: allowed.map(\.rawValue).sorted().joined(separator: ", ")],
                message: "\(request.method.rawValue) is not used here; this address takes \(allowed.map(\.rawValue).sorted().joined(separator: ", ")).")
        }
    }
}
