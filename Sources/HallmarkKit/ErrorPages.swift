import Foundation
import HallmarkDomain
import HallmarkStore
import Hummingbird
import Logging
import NIOCore

/// The outermost layer: stamps every response with its request id, the security headers
/// and its metrics, and turns any error that escaped the inner layers into a page.
package struct ResponseStampMiddleware: RouterMiddleware {
    package typealias Context = HallmarkContext
    package let metrics: RequestMetrics

    package init(metrics: RequestMetrics) {
        self.metrics = metrics
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try ErrorPages.response(for: error, request: request, context: context)
        }
        response.headers[.init("X-Request-Id")!] = context.id
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if response.headers[.init(ContentSecurityPolicy.header)!] == nil {
            response.headers[.init(ContentSecurityPolicy.header)!] = ContentSecurityPolicy.standard
        }
        // Pages, CSVs and API answers hold data only their reader may see: no copy is kept on
        // the way or on disk unless a route says it may be (the stylesheet, say).
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        let elapsed = ContinuousClock.now - started
        metrics.record(
            method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
            status: response.status.code, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return response
    }
}

/// Inside the session layer, so that a refusal page still shows who is signed in.
package struct ErrorPagesMiddleware: RouterMiddleware {

    package init() {
    }
    package typealias Context = HallmarkContext

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try ErrorPages.response(for: error, request: request, context: context)
        }
    }
}

/// Turns every refusal and failure into words: a page for people, JSON for the API.
package enum ErrorPages {
    /// A page's title for the statuses a person meets, in words rather than the protocol's.
    static let titles: [HTTPResponse.Status: String] = [.notFound: "Page not found", .methodNotAllowed: "This address takes a form"]

    package static func response(for error: any Error, request: Request, context: HallmarkContext) throws -> Response {
        let isAPI = request.uri.path.hasPrefix("/api/")
        // A program reading a page's figures as JSON gets its refusal as JSON too; only someone
        // not signed in is still sent to the sign-in page, as a browser following the link is.
        let answersJSON = isAPI || request.uri.path.hasSuffix(".json")
        let (status, title, message): (HTTPResponse.Status, String, String)
        var extraHeaders = HTTPFields()
        switch error {
        case AccessRefused.signInRequired:
            if !isAPI {
                let next = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
                let encoded = next.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=?+"))) ?? "/"
                return redirect(to: Site.signIn() + "?next=\(encoded)")
            }
            (status, title, message) = (.unauthorized, "Sign in required", "Send an API token as 'Authorization: Bearer <token>'.")
        case AccessRefused.forbidden:
            (status, title, message) = (.forbidden, "You cannot do this", "Your role does not allow this. Ask your partnership's coordinator or an administrator if you need it.")
        case AccessRefused.notFound, StoreError.notFound:
            (status, title, message) = (.notFound, "Page not found", "There is nothing here, or it belongs to a partnership you are not a member of.")
        case is CSRFRefused:
            if !answersJSON, !request.uri.path.hasPrefix(Site.publicPages), let unsent = UnsentForm.page(request, context: context) {
                return try HTMLResponse(unsent.html, status: .forbidden).response(from: request, context: context)
            }
            (status, title, message) = (
                .forbidden, "Your form was not sent",
                "The form was open for too long, or was sent from another site. Go back, reload the page and try again. Nothing was saved."
            )
        case let failure as ValidationFailure:
            if answersJSON { return try JSONErrors.response(failure, status: .unprocessableContent) }
            (status, title, message) = (.unprocessableContent, "Please check what was asked for", failure.errors.map(\.message).joined(separator: ". "))
        case is NIOTooManyBytesError:
            (status, title, message) = (
                .contentTooLarge, "The form is too large",
                "A form may send at most \(context.maxUploadSize / 1_048_576) MB. Nothing was saved. Import police.uk files from the Crime data page, which takes larger files."
            )
        case let http as HTTPError:
            extraHeaders = http.headers
            (status, title, message) = (
                http.status, Self.titles[http.status] ?? http.status.reasonPhrase,
                http.status == .notFound ? "There is nothing at this address." : (http.body ?? http.status.reasonPhrase)
            )
        default:
            context.logger.error("Request failed", metadata: ["error": "\(String(reflecting: error))"])
            (status, title, message) = (
                .internalServerError, "Sorry, something went wrong",
                "Nothing you sent has been half-saved. Try again; if it happens again, tell your administrator the reference \(context.id)."
            )
        }
        if answersJSON {
            var response = try JSONErrors.response(status: status, message: message)
            response.headers.append(contentsOf: extraHeaders)
            // RFC 6750: a refusal for want of a token says which kind of token.
            if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
            return response
        }
        // A resident on the public pages sees their frame, and no word about partnerships' members.
        let isPublic = request.uri.path.hasPrefix(Site.publicPages)
        let page =
            isPublic
            ? PublicLayout(title: title).render(
                .h1(.plainText(title)), .p(.plainText(status == .notFound ? "There is nothing at this address." : message)),
                .p(.a(.href(Site.publicPartnerships()), "Go to the partnerships")))
            : ErrorView.render(title: title, message: message, layout: context.layout(title))
        var response = try HTMLResponse(page, status: status).response(from: request, context: context)
        response.headers.append(contentsOf: extraHeaders)
        return response
    }
}

/// Error bodies for the JSON API: `{"error": "...", "fields": [{"field": ..., "message": ...}]}`.
package enum JSONErrors {
    package struct Body: Encodable {
        package let error: String
        package let fields: [FieldError]
    }

    package static func response(_ failure: ValidationFailure, status: HTTPResponse.Status) throws -> Response {
        try encode(Body(error: "The request has problems: see fields", fields: failure.errors), status: status)
    }

    package static func response(status: HTTPResponse.Status, message: String) throws -> Response {
        try encode(Body(error: message, fields: []), status: status)
    }

    package static func encode(_ body: some Encodable, status: HTTPResponse.Status) throws -> Response {
        try jsonResponse(body, status: status, style: .stored)
    }
}

package enum ErrorView {
    package static func render(title: String, message: String, layout: Layout) -> String {
        layout.render(.h1(.plainText(title)), .p(.plainText(message)), .p(.a(.href(Site.home()), "Go to the start page")))
    }
}

/// A JSON answer: by default as the API gives every one, keys in snake_case and sorted.
package func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok, style: JSONText.Style = .api) throws -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try JSONText.data(value, style))))
}
