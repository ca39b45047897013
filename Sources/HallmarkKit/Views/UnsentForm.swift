import Foundation
import Hummingbird
import Plot

/// A form refused for its token is not lost: what was typed comes back on the refusal page. A
/// person still signed in whose page was only older than their session (they signed in again
/// in another tab) may send it again from there, once the browser says the form came from this
/// site; anyone else is shown it to copy, since it may have been sent by another site.
package enum UnsentForm {
    /// The fields worth showing, in the form's order: what was typed or chosen, not the token,
    /// not a choice of record by its number ("risk_id"), not a password, not those left empty.
    static func typed(_ context: HallmarkContext) -> [(name: String, value: String)] {
        context.formOrder.compactMap { name in
            guard let value = context.form[name], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !never(name), !name.hasSuffix("id") else { return nil }
            return (name, value)
        }
    }

    /// Fields never written back onto a page, nor carried: secrets, the token, and the answer to
    /// "are you sure?", which is asked again when the form is sent again.
    static func never(_ name: String) -> Bool {
        ["csrf_token", "confirmed"].contains(name) || ["password", "secret", "token"].contains { name.lowercased().contains($0) }
    }

    /// A field's name as a heading: "withdrawn_reason" → "Withdrawn reason".
    static func label(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Whether the browser says the form was sent from one of this site's own pages.
    static func fromThisSite(_ request: Request) -> Bool {
        if request.headers[.init("Sec-Fetch-Site")!] == "same-origin" { return true }
        guard let origin = request.headers[.init("Origin")!], let host = request.head.authority else { return false }
        return origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) == host
    }

    /// The page the form came from, when the browser says (same-origin pages send it), for
    /// "Sign in again" to return to.
    static func cameFrom(_ request: Request) -> String? {
        guard let referer = request.headers[.referer], let url = URL(string: referer), url.host != nil else { return nil }
        let path = url.path + (url.query.map { "?\($0)" } ?? "")
        return path.hasPrefix("/") && !path.hasPrefix("//") ? path : nil
    }

    /// The refusal page with what was typed; nil when nothing was, or when the form did not come
    /// from this site (its text, another site's, is not shown as if it were this one's).
    static func page(_ request: Request, context: HallmarkContext) -> (title: String, html: String)? {
        let typed = typed(context)
        guard !typed.isEmpty, fromThisSite(request), request.uri.path != Site.signIn() else { return nil }
        let resend = context.visitor != nil && !context.csrfToken.isEmpty
        let title = "Your form was not sent"
        let layout = context.layout(title)
        let shown: Node<HTML.BodyContext> = .dl(
            .class("summary-list"),
            .forEach(typed) { field in .group(.dt(.plainText(label(field.name))), .dd(.pre(.class("message"), .plainText(field.value)))) })
        let html =
            resend
            ? layout.render(
                .h1(.plainText(title)),
                .p("The page it came from was opened before you last signed in, so nothing was saved. This is what it held; send it again if it is still right."),
                shown,
                .form(
                    .method(.post), .action(request.uri.path), .novalidate(),
                    Forms.csrf(layout.csrfToken),
                    Forms.carried(context, leavingOut: never),
                    .button(.type(.submit), .class("button"), "Send it again")))
            : layout.render(
                .h1(.plainText(title)),
                .p("You had been signed out, so nothing was saved. What you typed is below: copy it, sign in again, and send it from the page once more."),
                shown,
                .p(
                    .a(
                        .href(
                            cameFrom(request).map {
                                Site.signIn() + "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=?+"))) ?? "")
                            } ?? Site.signIn()), "Sign in again")))
        return (title, html)
    }
}
