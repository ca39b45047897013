import Hummingbird
import Plot

/// The page that asks once more before a single button takes something off or withdraws it,
/// in the GOV.UK way: the question names the record, says what follows, and sends the same
/// form again with "confirmed" set, or goes back with nothing changed. Asked only once the
/// person may do it and the record is found, so that the question never answers for someone
/// who may not, nor asks about something already gone.
package struct Confirmation: Sendable {
    /// The heading, naming the record: "Remove the event “Residents’ meeting”?".
    package let question: String
    /// What happens to it, and what is kept.
    package let consequence: String
    /// The button that does it: "Yes, remove the event".
    package let button: String
    /// The record's own page, for "No, go back".
    package let back: String

    package init(question: String, consequence: String, button: String, back: String) {
        self.question = question
        self.consequence = consequence
        self.button = button
        self.back = back
    }

    static let field = "confirmed"

    /// Nil when the form came from this page; otherwise the page that asks.
    package func ask(_ request: Request, _ context: HallmarkContext, caption: String, crumbs: [(label: String, href: String)]) throws -> Response? {
        if context.form[Self.field] == "yes" { return nil }
        let layout = context.layout(question, crumbs)
        return try HTMLResponse(
            layout.render(
                .span(.class("caption"), .plainText(caption)),
                .h1(.plainText(question)),
                .p(.plainText(consequence)),
                .form(
                    .method(.post), .action(request.uri.path), .novalidate(),
                    Forms.csrf(layout.csrfToken),
                    Forms.carried(context) { $0 == Self.field },
                    .input(.type(.hidden), .name(Self.field), .value("yes")),
                    .div(
                        .class("button-group"),
                        .button(.type(.submit), .class("button warning"), .plainText(button)),
                        .a(.href(back), "No, go back"))))
        ).response(from: request, context: context)
    }
}
