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
            header: "<header class=\"site-header public\">" + CellMarkup.link(Site.publicPartnerships(), "Community safety partnerships", class: "site-name")
                + "<nav aria-label=\"Main\"><ul><li>" + CellMarkup.link(Site.publicPartnerships(), "Partnerships") + "</li></ul></nav></header>",
            breadcrumbs: breadcrumbs, notice: nil,
            footer: "<p>Public information about the partnerships. Staff: " + CellMarkup.link(Site.signIn(), "sign in") + "</p>",
            content)
    }
}
