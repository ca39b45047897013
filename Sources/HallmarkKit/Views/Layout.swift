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
    /// breadcrumbs, main with any notice, and the footer. Written as text, byte for byte as Plot
    /// wrote the same elements (a test holds it to that): Plot's tree of the frame was a tenth of a
    /// register page's time at first view. `header` and `footer` are markup; addresses come from
    /// routes, and every word is escaped as text.
    package static func page(
        title: String, header: String, breadcrumbs: [(label: String, href: String)], notice: Notice?, footer: String = "",
        _ content: [Node<HTML.BodyContext>]
    ) -> String {
        var html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/>"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        html += "<title>" + TextContent.escape(title) + " – Hallmark</title>"
        html += "<link rel=\"stylesheet\" href=\"" + SiteAssets.stylesheetHref + "\"/>"
        // No icon: without this line every browser asks for /favicon.ico and logs a 404.
        html += "<link rel=\"icon\" href=\"data:,\"/></head>"
        html += "<body><a class=\"skip-link\" href=\"#main\">Skip to main content</a>" + header + "<div class=\"page\">"
        if !breadcrumbs.isEmpty {
            html += "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol>"
            for crumb in breadcrumbs { html += "<li>" + CellMarkup.link(crumb.href, crumb.label) + "</li>" }
            html += "</ol></nav>"
        }
        html += "<main id=\"main\">"
        if let notice { html += "<div class=\"notice\" role=\"status\"><p>" + TextContent.escape(notice.message) + "</p></div>" }
        html += Node<HTML.BodyContext>.group(content).render()
        html += "</main></div><footer class=\"site-footer\">" + footer
        html += "<p>Hallmark – the working system of a Community Safety Partnership. Crime data © Crown copyright, Open Government Licence v3.0.</p>"
        return html + "</footer></body></html>"
    }

    /// The links of the staff header, each for those whose role may follow it (nil: everyone signed in).
    static let navigation: [(label: String, route: Route, permission: Permission?)] = [
        ("Partnerships", Site.partnerships, nil), ("Organisations", Site.organisations, nil), ("Crime data", Site.crimeData, .readCrimeData),
        ("Audit log", Site.audit, .readAuditLog), ("E-mail", Site.outbox, .manageOutbox),
    ]

    private var header: String {
        var html = "<header class=\"site-header\">" + CellMarkup.link(Site.home(), "Hallmark", class: "site-name") + "<nav aria-label=\"Main\"><ul>"
        if let visitor {
            for item in Self.navigation where item.permission.map(visitor.user.role.may) ?? true {
                html += "<li>" + CellMarkup.link(item.route(), item.label) + "</li>"
            }
            html += "<li><span class=\"signed-in-as\">" + TextContent.escape("\(visitor.user.name) (\(visitor.user.role.label))") + "</span></li>"
            html += "<li>" + CellMarkup.button(action: Site.signOut(), csrf: csrfToken, "Sign out") + "</li>"
        } else {
            html += "<li>" + CellMarkup.link(Site.signIn(), "Sign in") + "</li>"
        }
        return html + "</ul></nav></header>"
    }
}

/// Words and formats as council staff write them.
package enum Format {
    package static func date(_ date: CalendarDate?) -> String { date?.long ?? "" }

    /// Who saved something, as a page names them (see `Wording.person`).
    package static func author(_ label: String) -> String { Wording.person(label) }

    /// A change as a page shows it: its size written as the figures beside it are (`written`
    /// is given the size, never negative), signed with + or a minus sign (not a hyphen);
    /// `noChange` when the size, as written, is nothing. A table sets it as a figure, on one
    /// line, so that the sign never ends a line alone.
    package static func change(_ value: Double, written: (Double) -> String) -> String {
        let size = written(abs(value))
        guard size.contains(where: { ("1"..."9").contains($0) }) else { return noChange }
        return (value > 0 ? "+" : "−") + size
    }

    /// Said for a change of nothing; a table takes it, like "–", as a figure's place.
    package static let noChange = "No change"

    /// A change of money: +£5.00, −£753.00, "No change".
    package static func change(_ money: Money) -> String { change(Double(money.pence)) { Money(pence: Int64($0)).exact } }

    /// A change in per cent, to a tenth: +2.5%, −10.0%, "No change".
    package static func percentChange(_ value: Double) -> String { change(value) { String(format: "%.1f%%", $0) } }

    package static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "d MMMM yyyy, HH:mm"
        return formatter.string(from: date)
    }
}
