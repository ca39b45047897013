import Plot

/// The frame of the public pages: what residents see without signing in. No staff navigation,
/// no session, nothing about the reader; a way to the staff sign-in at the foot.
package struct PublicLayout {
    package let title: String
    package var breadcrumbs: [(label: String, href: String)] = []

    package init(title: String, breadcrumbs: [(label: String, href: String)] = []) {
        self.title = title
        self.breadcrumbs = breadcrumbs
    }

    package func render(_ content: Node<HTML.BodyContext>...) -> String {
        Layout.page(
            title: title,
            header: .header(
                .class("site-header public"),
                .a(.class("site-name"), .href(Site.publicPartnerships()), "Community safety partnerships"),
                .nav(.ariaLabel("Main"), .ul(.li(.a(.href(Site.publicPartnerships()), "Partnerships"))))),
            breadcrumbs: breadcrumbs, notice: nil,
            footer: .p(.plainText("Public information about the partnerships. Staff: "), .a(.href(Site.signIn()), "sign in")),
            content)
    }
}
