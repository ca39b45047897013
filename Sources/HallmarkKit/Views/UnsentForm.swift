import Hummingbird
import Plot

/// A form refused for its token is not lost: what was typed comes back on the refusal page. A
/// person still signed in whose page was only older than their session (they signed in again
/// in another tab) may send it again from there, once the browser says the form came from this
/// site; anyone else is shown it to copy, since it may have been sent by another site.
package enum UnsentForm {
    /// The fields worth showing: not the token, not those left empty.
    static func typed(_ form: [String: String]) -> [(name: String, value: String)] {
        form.filter { $0.key != "csrf_token" && !$0.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
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

    /// The refusal page with what was typed; nil when nothing was, so that the plain refusal serves.
    static func page(_ request: Request, context: HallmarkContext) -> (title: String, html: String)? {
        let typed = typed(context.form)
        guard !typed.isEmpty else { return nil }
        let resend = context.visitor != nil && !context.csrfToken.isEmpty && fromThisSite(request)
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
                    .forEach(context.form.filter { $0.key != "csrf_token" }.sorted { $0.key < $1.key }) { field in
                        .input(.type(.hidden), .name(AttributeText.escape(field.key)), .value(AttributeText.escape(field.value)))
                    },
                    .button(.type(.submit), .class("button"), "Send it again")))
            : layout.render(
                .h1(.plainText(title)),
                .p(
                    .plainText(
                        context.visitor == nil
                            ? "You had been signed out, so nothing was saved. What you typed is below: copy it, sign in again, and send it from the page once more."
                            : "It did not come with this site’s own mark, so nothing was saved: it may have been sent from another site. What it held is below, to copy if it was yours."
                    )),
                shown,
                .p(.a(.href(context.visitor == nil ? Site.signIn() : Site.home()), .plainText(context.visitor == nil ? "Sign in again" : "Go to the start page"))))
        return (title, html)
    }
}
