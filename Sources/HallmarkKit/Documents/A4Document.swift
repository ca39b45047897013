import Plot

/// A document to print on A4 and take into a meeting: the strategic assessment now, and board
/// packs, plans, allocation statements and annual reports as they come. It stands alone (its
/// stylesheet inside it), carries its title and status in every printed page's top margin and
/// "Page n of m" at the foot, opens with its title, status, data fingerprint and contents, and
/// is divided into numbered sections, each listed in the contents. Tables are the kit's
/// `DataTable` (captioned, with a CSV download) and charts its SVG charts.
package struct A4Document: Sendable {
    /// The document's title: the page title and its heading.
    package let title: String
    /// The line above the heading, such as the period covered.
    package let kicker: String
    /// What the top-left margin of every printed page says.
    package let marginTitle: String
    /// Where the document stands (draft, approved at a meeting): under the heading and in the
    /// top-right margin of every printed page.
    package let status: String
    /// A digest of every figure in it, so that two copies can be told apart at a glance.
    package let fingerprint: String?
    /// The sections in order, by element id and title: the contents, and each section's heading.
    package let sections: [(id: String, title: String)]
    /// The `class` of the `main` element, for a document's own styles.
    package let style: String

    package init(
        title: String, kicker: String, marginTitle: String, status: String, fingerprint: String?, sections: [(id: String, title: String)],
        style: String = "page"
    ) {
        self.title = title
        self.kicker = kicker
        self.marginTitle = marginTitle
        self.status = status
        self.fingerprint = fingerprint
        self.sections = sections
        self.style = style
    }

    /// A numbered part of the document, headed by its title in the contents.
    package func section(_ id: String, _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        Self.section(id, of: sections, nodes)
    }

    /// A section of a document whose sections are `sections`, before the document is made.
    package static func section(_ id: String, of sections: [(id: String, title: String)], _ nodes: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> {
        .section(.id(id), .h2(.plainText(sections.first { $0.id == id }!.title)), .group(nodes))
    }

    /// The whole document. Printed, its first page is a title page: the title, status,
    /// fingerprint and contents, with the sections from the next page on.
    /// - Parameter toolbar: on screen only (never printed): links and forms for the reader.
    /// - Parameter footnotes: the notes cited in `body`, listed after it.
    package func render(toolbar: Node<HTML.BodyContext> = .empty, footnotes: Footnotes = Footnotes(), _ body: [Node<HTML.BodyContext>]) -> String {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")), .link(.rel(.icon), .href("data:,")),
                .element(named: "title", plainText: title),
                .element(named: "style", plainText: SiteAssets.stylesheetText),
                .raw("<style>\(Self.pageMargins(title: marginTitle, status: status))</style>")),
            .body(
                .main(
                    .id("main"), .class(style),
                    toolbar,
                    .span(.class("caption"), .plainText(kicker)),
                    .h1(.plainText(title)),
                    .raw(Self.statusLine(status)),
                    .unwrap(fingerprint) { .p(.class("hint"), .plainText("Data fingerprint \($0)")) },
                    .nav(
                        .ariaLabel("Contents"), .class("contents"), .h2("Contents"),
                        .ol(.forEach(sections) { s in .li(.a(.href("#\(s.id)"), .plainText(s.title))) })),
                    .group(body),
                    footnotes.list
                ))
        ).render()
    }

    /// A document as stored, shown with another status (such as its approval at a meeting) in
    /// its status line and every printed page's margin; the stored copy is never rewritten.
    package static func withStatus(_ html: String, stored: String, shown: String) -> String {
        html.replacingOccurrences(of: statusLine(stored), with: statusLine(shown))
            .replacingOccurrences(of: "@top-right { content: \(cssString(stored)); }", with: "@top-right { content: \(cssString(shown)); }")
    }

    /// The status line's element, which `withStatus` finds again.
    static func statusLine(_ text: String) -> String { "<p id=\"status\" class=\"status\">\(AttributeText.escape(text))</p>" }

    /// What every printed page carries in its margins: the title, the status and the page number.
    static func pageMargins(title: String, status: String) -> String {
        "@media print { @page { @top-left { content: \(cssString(title)); } @top-right { content: \(cssString(status)); } "
            + "@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages); } } }"
    }

    /// Text as a CSS string: quotes and backslashes escaped, and "<" too, so that no name can
    /// close the style element.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": out += "\\" + String(scalar)
            case "<": out += "\\3C "
            case "\n", "\r": out += "\\A "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
