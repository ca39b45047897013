import Foundation
import HallmarkDomain
import HallmarkStore
import Hummingbird

/// Loads the browser session and the signed-in user, and refuses any form submission whose
/// CSRF token does not match the session's. The JSON API is exempt: it takes bearer tokens
/// only, never cookies, so a forged cross-site request has nothing to ride on.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = HallmarkContext
    static let cookieName = "hallmark_session"
    /// Paths that never show a form, so need no session: probes and the stylesheet.
    static let sessionless = ["/healthz", "/metrics", "/assets/"]
    /// Forms that send files. Their bodies are streamed to disk by the route, which checks the
    /// CSRF token (the form's first field) before writing anything: see `MultipartUpload`.
    static let uploads: Set<String> = ["/crime-data/import"]

    let accounts: AccountRepository
    let partnerships: PartnershipRepository
    let settings: Settings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let isAPI = request.uri.path.hasPrefix("/api/")

        if isAPI {
            if let bearer = request.headers[.authorization], bearer.hasPrefix("Bearer ") {
                if let user = try await accounts.user(apiTokenHash: Secrets.hash(String(bearer.dropFirst(7)))), !user.disabled {
                    context.visitor = try await visitor(for: user)
                }
            }
            return try await next(request, context)
        }

        if let token = request.cookies[Self.cookieName]?.value,
           let session = try await accounts.session(tokenHash: Secrets.hash(token)) {
            context.session = session
            if let userID = session.userID, let user = try await accounts.user(id: userID), !user.disabled {
                context.visitor = try await visitor(for: user)
            }
        }

        if request.method == .post, Self.uploads.contains(request.uri.path),
           (request.headers[.contentType] ?? "").lowercased().hasPrefix("multipart/form-data") {
            guard context.session != nil else { throw CSRFRefused() }
        } else if request.method == .post {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            let body = String(buffer: buffer)
            let contentType = request.headers[.contentType] ?? ""
            guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
                throw HTTPError(.unsupportedMediaType, message: "Forms must be sent as application/x-www-form-urlencoded")
            }
            do {
                context.form = try FormBody.parse(body)
            } catch {
                throw HTTPError(.badRequest, message: "The form could not be read: it was not sent as UTF-8 text")
            }
            guard let session = context.session, Secrets.equal(context.form["csrf_token"] ?? "", session.csrfToken) else {
                throw CSRFRefused()
            }
        } else if context.session == nil, request.method == .get,
                  !Self.sessionless.contains(where: { request.uri.path.hasPrefix($0) }) {
            // Every page may hold a form (sign-in, sign-out), so every visitor gets a session
            // to carry the form's CSRF token.
            let token = Secrets.token()
            let session = Session(tokenHash: Secrets.hash(token), userID: nil, csrfToken: Secrets.token(),
                                  expiresAt: 0)
            try await accounts.createSession(tokenHash: session.tokenHash, userID: nil, csrfToken: session.csrfToken,
                                             lifetime: settings.sessionLifetimeSeconds)
            context.session = session
            context.issuedSessionToken = token
        }

        var response = try await next(request, context)
        if let token = context.issuedSessionToken {
            response.setCookie(sessionCookie(token))
        }
        return response
    }

    func sessionCookie(_ token: String) -> Cookie {
        Cookie(name: Self.cookieName, value: token, maxAge: Int(settings.sessionLifetimeSeconds), path: "/",
               secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
    }

    func visitor(for user: User) async throws -> Visitor {
        if user.role.seesEveryPartnership { return Visitor(user: user, scope: .all) }
        let granted = try await accounts.grantedPartnerships(of: user.id)
        return Visitor(user: user, scope: PartnershipScope(granted: granted, parents: try await partnerships.tree()))
    }
}

/// A form arrived without this browser's CSRF token: it may have been sent by another site.
struct CSRFRefused: Error {}
