import Foundation
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// Loads the browser session and the signed-in user, and refuses any form submission whose
/// CSRF token does not match the session's. The JSON API is exempt: it takes bearer tokens
/// only, never cookies, so a forged cross-site request has nothing to ride on.
///
/// A visitor who has not signed in gets no session row: only a page that shows them a form
/// (the sign-in page) gives them a cookie, holding a random nonce whose signature is the form's
/// token (see `FormKey`).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = HallmarkContext
    static let cookieName = "hallmark_session"
    /// Paths that never need to know who is asking: probes and static files.
    static let sessionless = [Site.healthz(), "/assets/"]
    /// Pages that show a form to a visitor who has not signed in.
    static let anonymousForms: Set<String> = [Site.signIn()]
    /// Paths a machine client reaches with a bearer token.
    static func takesBearer(_ path: String) -> Bool { path.hasPrefix("/api/") || path == Site.metrics() }
    /// Forms that send files. Their bodies are streamed to disk by the route, which checks the
    /// CSRF token (the form's first field) before writing anything: see `MultipartUpload`.
    static let uploads: [Route] = [Site.crimeImport, Site.itemPapers, Site.budgetImport, Site.indicatorImport]

    /// Whether the path is one of the routes that take files, whose handlers read the body as it arrives.
    static func takesUploads(_ path: String) -> Bool {
        let segments = Route.segments(path)
        return uploads.contains { $0.matches(segments) }
    }
    /// A pre-sign-in cookie's value starts so; a session token (base64url) never holds a dot.
    static let anonymousPrefix = "a."

    let accounts: AccountRepository
    let partnerships: PartnershipRepository
    let settings: Settings
    let formKey: FormKey
    let visitors = KeptWhileCurrent<Int64, Visitor>(budget: 1024)

    init(_ deps: Dependencies) {
        accounts = deps.accounts
        partnerships = deps.partnerships
        settings = deps.settings
        formKey = deps.formKey
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let path = request.uri.path
        context.notice = request.uri.queryParameters.get("saved").flatMap(Notice.init(rawValue:))

        if Self.sessionless.contains(where: { path.hasPrefix($0) }) { return try await next(request, context) }
        // The public pages: never a session, whoever asks, so that they can be cached and no row
        // is written for a visitor. Their forms are read here but carry no CSRF token, since there
        // is no session for another site to ride on; they are limited per address instead.
        if path.hasPrefix(Site.publicPages) {
            if request.method == .post { try await Self.readForm(&request, into: &context) }
            return try await next(request, context)
        }
        if Self.takesBearer(path), let bearer = request.headers[.authorization] {
            if bearer.hasPrefix("Bearer "),
                let user = try await accounts.user(apiTokenHash: Secrets.hash(String(bearer.dropFirst(7)))), !user.disabled
            {
                context.visitor = try await visitor(for: user)
            }
            return try await next(request, context)
        }
        if path.hasPrefix("/api/") { return try await next(request, context) }

        if let token = request.cookies[Self.cookieName]?.value {
            if token.hasPrefix(Self.anonymousPrefix) {
                let nonce = String(token.dropFirst(Self.anonymousPrefix.count))
                context.session = Session(tokenHash: "", userID: nil, csrfToken: try await formKey.token(for: nonce, accounts), expiresAt: 0)
            } else {
                let (session, changes) = try await accounts.session(tokenHash: Secrets.hash(token))
                context.session = session
                context.changes = changes
                if request.method == .get || request.method == .head { context.readsKeptAt = changes }
                if let userID = session?.userID { context.visitor = try await visitor(userID, at: changes) }
            }
        }

        if request.method == .post, Self.takesUploads(path),
            (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data")
        {
            guard context.session != nil else { throw CSRFRefused() }
        } else if request.method == .post {
            try await Self.readForm(&request, into: &context)
            guard let session = context.session, Secrets.equal(context.form["csrf_token"] ?? "", session.csrfToken) else {
                // Answered here, where the context holds the form and who is signed in, so
                // that the page can give back what was typed.
                return try ErrorPages.response(for: CSRFRefused(), request: request, context: context)
            }
        } else if context.session == nil, request.method == .get || request.method == .head, Self.anonymousForms.contains(path) {
            let nonce = Secrets.token()
            context.session = Session(tokenHash: "", userID: nil, csrfToken: try await formKey.token(for: nonce, accounts), expiresAt: 0)
            context.issuedSessionToken = Self.anonymousPrefix + nonce
        }

        var response = try await next(request, context)
        if let token = context.issuedSessionToken {
            response.setCookie(sessionCookie(token))
        }
        return response
    }

    /// A submitted form's fields. Refused, never repaired: a byte that is not UTF-8 would
    /// otherwise be stored as U+FFFD.
    static func readForm(_ request: inout Request, into context: inout Context) async throws {
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard (request.headers[.contentType] ?? "").hasPrefix("application/x-www-form-urlencoded") else {
            throw HTTPError(.unsupportedMediaType, message: "Forms must be sent as application/x-www-form-urlencoded")
        }
        guard let body = String(validating: buffer.readableBytesView, as: UTF8.self), let form = try? FormBody.parseInOrder(body) else {
            throw HTTPError(.badRequest, message: "The form could not be read: it was not sent as UTF-8 text")
        }
        (context.form, context.formOrder) = form
    }

    func sessionCookie(_ token: String) -> Cookie {
        Cookie(
            name: Self.cookieName, value: token, maxAge: Int(settings.sessionLifetimeSeconds), path: "/",
            secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// The user with their scope, as the store stood at `changes`: every change to a user, their
    /// grants or the partnerships moves the count on, so a kept visitor is never out of date.
    func visitor(_ userID: Int64, at changes: Int64) async throws -> Visitor? {
        if let kept = visitors.value(userID, at: changes) { return kept }
        guard let user = try await accounts.user(id: userID), !user.disabled else { return nil }
        let visitor = try await visitor(for: user)
        visitors.keep(visitor, for: userID, at: changes)
        return visitor
    }

    func visitor(for user: User) async throws -> Visitor {
        if user.role.seesEveryPartnership { return Visitor(user: user, scope: .all) }
        let granted = try await accounts.grantedPartnerships(of: user.id)
        return Visitor(user: user, scope: PartnershipScope(granted: granted, parents: try await partnerships.tree()))
    }
}
