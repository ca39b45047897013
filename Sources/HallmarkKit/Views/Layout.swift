import Foundation
import HallmarkDomain
import Plot

/// The frame every page shares: skip link, header with navigation, breadcrumbs, main, footer.
package struct Layout {
    package let title: String
    package let visitor: Visitor?
    package let csrfToken: String
    package var breadcrumbs: [(label: String, href: String)] = []
    package var notice: Notice? = nil

    package init(title: String, visitor: Visitor?, csrfToken: String, breadcrumbs: [(label: String, href: String)] = [], notice: Notice? = nil) {
        self.title = title
        self.visitor = visitor
        self.csrfToken = csrfToken
        self.breadcrumbs = breadcrumbs
        self.notice = notice
    }

    /// The way back to a partnership's page, for the pages about it.
    package static func crumbs(to p: Partnership) -> [(label: String, href: String)] {
        [("Partnerships", Site.partnerships()), (p.name, Site.partnership(p.id))]
    }

    package func render(_ content: Node<HTML.BodyContext>...) -> String {
        Self.page(title: title, header: header, breadcrumbs: breadcrumbs, notice: notice, content)
    }

    /// The frame of every page, staff and public: head, skip link, the header given,
    /// breadcrumbs, main with any notice, and the footer. Its words are `.plainText`, not
    /// string literals, which Plot escapes a character at a time on every page.
    package static func page(
        title: String, header: Node<HTML.BodyContext>, breadcrumbs: [(label: String, href: String)], notice: Notice?,
        footer: Node<HTML.BodyContext> = .empty, _ content: [Node<HTML.BodyContext>]
    ) -> String {
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Plot's .title also writes og:title and twitter:title attributes without escaping
                // quotes; the plain element is escaped as text and is all a page needs.
                .element(named: "title", plainText: "\(title) – Hallmark"),
                .link(.rel(.stylesheet), .href(SiteAssets.stylesheetHref)),
                // No icon: without this line every browser asks for /favicon.ico and logs a 404.
                .link(.rel(.icon), .href("data:,"))
            ),
            .body(
                .a(.class("skip-link"), .href("#main"), .plainText("Skip to main content")),
                header,
                .div(
                    .class("page"),
                    .if(
                        !breadcrumbs.isEmpty,
                        .nav(
                            .class("breadcrumbs"), .ariaLabel("Breadcrumb"),
                            .ol(.forEach(breadcrumbs) { crumb in .li(.a(.href(crumb.href), .plainText(crumb.label))) })
                        )),
                    .main(
                        .id("main"),
                        .unwrap(notice) { notice in
                            .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.plainText(notice.message)))
                        },
                        .group(content))
                ),
                .footer(
                    .class("site-footer"),
                    footer,
                    .p(
                        .plainText("Hallmark – the working system of a Community Safety Partnership. "),
                        .plainText("Crime data © Crown copyright, Open Government Licence v3.0.")))
            )
        )
        return html.render()
    }

    private var header: Node<HTML.BodyContext> {
        .header(
            .class("site-header"),
            .a(.class("site-name"), .href(Site.home()), .plainText("Hallmark")),
            .nav(
                .ariaLabel("Main"),
                .ul(
                    .unwrap(visitor) { visitor in
                        .group(
                            .li(.a(.href(Site.partnerships()), .plainText("Partnerships"))),
                            .li(.a(.href(Site.organisations()), .plainText("Organisations"))),
                            .if(visitor.user.role.may(.readCrimeData), .li(.a(.href(Site.crimeData()), .plainText("Crime data")))),
                            .if(visitor.user.role.may(.readAuditLog), .li(.a(.href(Site.audit()), .plainText("Audit log")))),
                            .if(visitor.user.role.may(.manageOutbox), .li(.a(.href(Site.outbox()), .plainText("E-mail")))),
                            .li(.span(.class("signed-in-as"), .plainText("\(visitor.user.name) (\(visitor.user.role.label))"))),
                            .li(
                                .form(
                                    .method(.post), .action(Site.signOut()), .class("inline-form"),
                                    Forms.csrf(csrfToken),
                                    .button(.type(.submit), .class("link-button"), .plainText("Sign out"))))
                        )
                    },
                    .if(visitor == nil, .li(.a(.href(Site.signIn()), .plainText("Sign in"))))
                )
            )
        )
    }
}

/// Words and formats as council staff write them.
package enum Format {
    package static func date(_ date: CalendarDate?) -> String { date?.long ?? "" }

    /// Who saved something, as a page names them: "Carys Coordinator", without the address
    /// the audit label carries ("Carys Coordinator <coordinator@…>").
    package static func author(_ label: String) -> String {
        label.split(separator: "<").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? label
    }

    package static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "d MMMM yyyy, HH:mm"
        return formatter.string(from: date)
    }
}
