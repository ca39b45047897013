import HallmarkStore
import Hummingbird

/// The public route group's rules: its pages may be cached by browsers and proxies (they hold
/// nothing about the reader, and no session is made for them), and its forms are limited per
/// client address, counted in the database so every server instance counts the same.
package struct PublicPagesMiddleware: RouterMiddleware {
    package typealias Context = HallmarkContext
    /// Five minutes: a published page changes rarely, and a change shows soon enough.
    package static let cacheControl = "public, max-age=300"

    let forms: RateLimit

    package init(forms: RateLimit) { self.forms = forms }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .post, try await !forms.allows("\(request.uri.path) \(context.clientAddress)") {
            throw HTTPError(.tooManyRequests, message: "Too many forms were sent from your connection in the last minute. Wait a minute, then send it again")
        }
        var response = try await next(request, context)
        if request.method == .get || request.method == .head, response.status == .ok {
            response.headers[.cacheControl] = Self.cacheControl
        }
        return response
    }
}
