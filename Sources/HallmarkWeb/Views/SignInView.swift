import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkPlan
import Plot

enum SignInView {
    struct Model {
        var email: String = ""
        var next: String = ""
        var failure: ValidationFailure? = nil
    }

    static func render(_ model: Model, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(model.failure),
            .h1("Sign in"),
            .form(
                .method(.post), .action(Site.signIn()), .novalidate(),
                Forms.csrf(layout.csrfToken),
                .input(.type(.hidden), .name("next"), .value(AttributeText.escape(model.next))),
                Forms.text(
                    .init(name: "email", label: "Email address", error: model.failure?.message(for: "email")),
                    value: model.email, type: .email, autocomplete: "username"),
                Forms.text(
                    .init(name: "password", label: "Password", error: model.failure?.message(for: "password")),
                    value: nil, type: .password, autocomplete: "current-password"),
                Forms.submit("Sign in")
            )
        )
    }
}

enum HomeView {
    static let dueSoonDays = 14

    static func render(actions: [(action: PlanAction, partnershipID: RecordID<Partnership>, priority: String)], today: CalendarDate, layout: Layout) -> String {
        layout.render(
            .h1("Hallmark"),
            .unwrap(actions.isEmpty ? nil : actions) { actions in
                .section(
                    .class("warning"), .attribute(named: "aria-labelledby", value: "your-actions"),
                    .h2(.id("your-actions"), "Your actions due"),
                    .ul(
                        .forEach(actions) { a in
                            .li(
                                .a(.href(Site.planAction(a.partnershipID, a.action.id)), .plainText(a.action.title)),
                                .plainText(" (\(a.priority)): " + (a.action.overdue(on: today) ? "overdue since \(a.action.dueOn.long)" : "due \(a.action.dueOn.long)")))
                        }))
            },
            .p(
                .class("lead"), "The working system of a Community Safety Partnership: its members and meetings, ",
                "its strategic assessment from police.uk crime data, its plan, its money and its results."),
            .if(
                layout.visitor == nil,
                .p(.a(.href(Site.signIn()), "Sign in"), " to see your partnership's register.")),
            .unwrap(layout.visitor) { _ in .p(.a(.href(Site.partnerships()), "Go to your partnerships")) },
            .p(.a(.href(Site.publicPartnerships()), "The partnerships' public information"), " (no sign-in needed).")
        )
    }
}
