import Foundation
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// Signing in and out. Sign-in is limited per email address and per client address, with
/// the counts kept in the database so that every server instance sees the same ones.
struct AccountController {
    let deps: Dependencies

    static let window: Int64 = 15 * 60
    static let maxFailuresPerEmail = 5
    static let maxFailuresPerClient = 20

    func register(on router: Router<HallmarkContext>) {
        router.get(Site.signIn.path) { request, context in
            let next = Self.safeNext(request.uri.queryParameters.get("next")) ?? ""
            return HTMLResponse(SignInView.render(.init(next: next), layout: context.layout("Sign in")))
        }
        router.post(Site.signIn.path, use: signIn)
        router.post(Site.signOut.path) { _, context in
            if let session = context.session { try await deps.accounts.deleteSession(tokenHash: session.tokenHash) }
            var response = redirect(to: "/")
            response.setCookie(
                Cookie(
                    name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/",
                    secure: deps.settings.secureCookies, httpOnly: true, sameSite: .lax))
            return response
        }
    }

    func signIn(_ request: Request, context: HallmarkContext) async throws -> Response {
        let email = (context.form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = context.form["password"] ?? ""
        let next = Self.safeNext(context.form["next"])
        func refuse(_ failure: ValidationFailure, status: HTTPResponse.Status) throws -> Response {
            let page = SignInView.render(.init(email: email, next: next ?? "", failure: failure), layout: context.layout("Sign in"))
            return try HTMLResponse(page, status: status).response(from: request, context: context)
        }

        var missing: [FieldError] = []
        if email.isEmpty { missing.append(.init(field: "email", message: "Enter your email address")) }
        if password.isEmpty { missing.append(.init(field: "password", message: "Enter your password")) }
        if !missing.isEmpty { return try refuse(ValidationFailure(missing), status: .unprocessableContent) }

        let failures = try await deps.accounts.failedSignIns(email: email, client: context.clientAddress, since: now() - Self.window)
        if failures.email >= Self.maxFailuresPerEmail || failures.client >= Self.maxFailuresPerClient {
            return try refuse(
                ValidationFailure(
                    field: "email",
                    message:
                        "There have been too many attempts to sign in. Wait 15 minutes and try again, or ask your administrator to reset your password."),
                status: .tooManyRequests)
        }

        let found = try await deps.accounts.passwordHash(email: email)
        let hash = found?.1 ?? deps.decoyHash
        let verified = deps.hasher.verify(password, against: hash)
        guard let (user, _) = found, verified, !user.disabled else {
            try await deps.accounts.recordSignIn(email: email, client: context.clientAddress, succeeded: false)
            return try refuse(ValidationFailure(field: "email", message: "The email address or password is not right"), status: .unauthorized)
        }
        try await deps.accounts.recordSignIn(email: email, client: context.clientAddress, succeeded: true)

        // A new session on sign-in, so that a session fixed before sign-in is worthless after it.
        if let old = context.session, !old.tokenHash.isEmpty { try await deps.accounts.deleteSession(tokenHash: old.tokenHash) }
        let token = Secrets.token()
        try await deps.accounts.createSession(
            tokenHash: Secrets.hash(token), userID: user.id, csrfToken: Secrets.token(),
            lifetime: deps.settings.sessionLifetimeSeconds)
        // The start page first: it shows what the person has due before anything else.
        var response = redirect(to: next ?? Site.home())
        response.setCookie(SessionMiddleware(deps).sessionCookie(token))
        return response
    }

    /// Only a path on this site: never another site, so the sign-in page cannot be used to send
    /// people elsewhere. Browsers drop tabs and line breaks from an address and read a backslash
    /// as a slash, so "/\t/evil.example" would become "//evil.example": anything but printable
    /// ASCII, and the address is not used.
    static func safeNext(_ raw: String?) -> String? {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"),
            raw.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
        else { return nil }
        return raw
    }

    private func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
