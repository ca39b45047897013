import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Plot
import Testing

/// The frame of every page, the summary lists and the partnership diagram's labels are written
/// as text; each reference here is the same thing as it was written before: Plot's tree of
/// elements, or the diagram's count of characters.
@Suite("Pages written as text")
struct LayoutTests {
    /// The frame as Plot wrote it, before it was written as text.
    static func plotPage(
        title: String, header: Node<HTML.BodyContext>, breadcrumbs: [(label: String, href: String)], notice: Notice?, footer: Node<HTML.BodyContext>,
        _ content: [Node<HTML.BodyContext>]
    ) -> String {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", plainText: "\(title) – Hallmark"),
                .link(.rel(.stylesheet), .href(SiteAssets.stylesheetHref)),
                .link(.rel(.icon), .href("data:,"))
            ),
            .body(
                .a(.class("skip-link"), .href("#main"), .plainText("Skip to main content")),
                header,
                .div(
                    .class("page"),
                    .if(
                        !breadcrumbs.isEmpty,
                        .nav(.class("breadcrumbs"), .ariaLabel("Breadcrumb"), .ol(.forEach(breadcrumbs) { crumb in .li(.a(.href(crumb.href), .plainText(crumb.label))) }))),
                    .main(
                        .id("main"),
                        .unwrap(notice) { notice in .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.plainText(notice.message))) },
                        .group(content))
                ),
                .footer(
                    .class("site-footer"), footer,
                    .p(
                        .plainText("Hallmark – the working system of a Community Safety Partnership. "),
                        .plainText("Crime data © Crown copyright, Open Government Licence v3.0.")))
            )
        ).render()
    }

    static func plotHeader(_ visitor: Visitor?, csrf: String) -> Node<HTML.BodyContext> {
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
                                    .method(.post), .action(Site.signOut()), .class("inline-form"), Forms.csrf(csrf),
                                    .button(.type(.submit), .class("link-button"), .plainText("Sign out"))))
                        )
                    },
                    .if(visitor == nil, .li(.a(.href(Site.signIn()), .plainText("Sign in"))))
                )
            )
        )
    }

    static let words = ["", "Blaby", "Fish & chips", "a < b > c", "\u{600}<img src=x onerror=alert(1) x=", "\"quoted\" 'single'", "Café 🇬🇧", "&amp;", "O’Brien"]

    @Test("Every page's frame is byte for byte the frame Plot wrote: every role, signed out, crumbs, notices and the public frame")
    func frameAsPlot() {
        var random = SystemRandomNumberGenerator()
        func word() -> String { Self.words.randomElement(using: &random)! }
        for _ in 0..<500 {
            let role = Role.allCases.randomElement(using: &random)!
            let visitor =
                Bool.random(using: &random)
                ? Visitor(user: User(id: 7, email: "sam@council.example", name: word(), role: role, disabled: false), scope: .all) : nil
            let crumbs = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                (label: word(), href: ["/partnerships", "/partnerships/3", "/partnerships/3/plan"].randomElement(using: &random)!)
            }
            let notice = Bool.random(using: &random) ? Notice.allCases.randomElement(using: &random) : nil
            let content: [Node<HTML.BodyContext>] = [
                .h1(.plainText(word())), .p(.class("lead"), .plainText(word()), .a(.href("/x"), "more")), .raw("<p>" + TextContent.escape(word()) + "</p>"),
            ]
            let title = word(), csrf = Secrets.token()
            let layout = Layout(title: title, visitor: visitor, csrfToken: csrf, breadcrumbs: crumbs, notice: notice)
            let written = layout.render(content[0], content[1], content[2])
            #expect(written == Self.plotPage(title: title, header: Self.plotHeader(visitor, csrf: csrf), breadcrumbs: crumbs, notice: notice, footer: .empty, content))

            let publicPage = PublicLayout(title: title, breadcrumbs: crumbs).render(content[0], content[1])
            let publicHeader: Node<HTML.BodyContext> = .header(
                .class("site-header public"),
                .a(.class("site-name"), .href(Site.publicPartnerships()), "Community safety partnerships"),
                .nav(.ariaLabel("Main"), .ul(.li(.a(.href(Site.publicPartnerships()), "Partnerships")))))
            let publicFooter: Node<HTML.BodyContext> = .p(.plainText("Public information about the partnerships. Staff: "), .a(.href(Site.signIn()), "sign in"))
            #expect(publicPage == Self.plotPage(title: title, header: publicHeader, breadcrumbs: crumbs, notice: nil, footer: publicFooter, Array(content[0...1])))
        }
    }

    @Test("Summary lists, hidden words in links and buttons are byte for byte what Plot writes")
    func markupAsPlot() {
        var random = SystemRandomNumberGenerator()
        func word() -> String { Self.words.randomElement(using: &random)! }
        for _ in 0..<1000 {
            let (text, hidden, href, token) = (word(), word(), "/partnerships/3/members/\(Int.random(in: 1...99, using: &random))/edit", Secrets.token())
            #expect(
                CellMarkup.link(href, text, hidden: hidden)
                    == Node<HTML.BodyContext>.a(.href(href), .plainText(text), .span(.class("visually-hidden"), .plainText(hidden))).render())
            #expect(CellMarkup.link(href, text, class: "button") == Node<HTML.BodyContext>.a(.class("button"), .href(href), .plainText(text)).render())
            let form = Node<HTML.BodyContext>.form(
                .method(.post), .action(href), .class("inline-form"), Forms.csrf(token),
                .button(.type(.submit), .class("link-button"), .plainText(text), .span(.class("visually-hidden"), .plainText(hidden))))
            #expect(CellMarkup.button(action: href, csrf: token, text, hidden: hidden) == form.render())

            let items = (0..<Int.random(in: 0...4, using: &random)).map { _ in (label: word(), value: Node<HTML.BodyContext>.plainText(word())) }
            let plot = Node<HTML.BodyContext>.dl(.class("summary-list"), .forEach(items) { item in .group(.dt(.plainText(item.label)), .dd(item.value)) })
            #expect(SummaryList(items: items).node.render() == plot.render())
        }
    }

    /// A label's lines as they were found before ASCII names were counted in bytes: every line
    /// counted again in characters for every word.
    static func linesByCharacter(_ text: String, width: Int) -> [String] {
        var lines: [String] = [""]
        for word in text.split(separator: " ") {
            if lines[lines.count - 1].isEmpty {
                lines[lines.count - 1] = String(word)
            } else if lines[lines.count - 1].count + 1 + word.count <= width {
                lines[lines.count - 1] += " " + word
            } else {
                lines.append(String(word))
            }
        }
        if lines.count > 2 { lines = [lines[0], lines[1] + "…"] }
        return lines.map { $0.count > width + 1 ? String($0.prefix(width)) + "…" : $0 }
    }

    @Test("A diagram label is broken into the same lines whether counted in bytes or in characters")
    func labelLines() {
        var random = SystemRandomNumberGenerator()
        let pieces = [
            "Blaby", "Community", "Safety", "Partnership", "and", "Rutland", "Hinckley", "Bosworth", "", " ", "Leicestershire-and-Rutland-Safer-Communities",
            "Café", "\u{301}joined", "🇬🇧", "Ynys Môn",
        ]
        for _ in 0..<5000 {
            let name = (0..<Int.random(in: 0...9, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined(separator: " ")
            let width = Int.random(in: 4...30, using: &random)
            #expect(StructureDiagram.wrap(name, width: width) == Self.linesByCharacter(name, width: width), "\(name) \(width)")
        }
        // Beyond ASCII the characters are counted: "Café" is four, not five bytes' worth.
        #expect(StructureDiagram.wrap("Café Safety Partnership", width: 10) == ["Café", "Safety…"])
    }
}
