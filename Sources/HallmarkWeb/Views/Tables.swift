import Plot

/// A data table with a caption, column headers with scope, and a link to the same rows as CSV.
struct DataTable {
    let caption: String
    let headers: [String]
    let rows: [[Node<HTML.BodyContext>]]
    var csvHref: String? = nil
    var empty: String = "None recorded."

    var node: Node<HTML.BodyContext> {
        guard !rows.isEmpty else { return .p(.class("empty"), .text("\(caption): \(empty)")) }
        // A region of its own that takes the keyboard's focus, so that a table wider than a
        // phone can be scrolled sideways without a mouse.
        return .div(.class("table-wrap"), .attribute(named: "role", value: "region"),
                    .attribute(named: "aria-label", value: AttributeText.escape(caption)), .attribute(named: "tabindex", value: "0"),
            .table(
                .caption(.text(caption)),
                .thead(.tr(.forEach(headers) { header in
                    .element(named: "th", nodes: [Node<HTML.BodyContext>.attribute(named: "scope", value: "col"), .text(header)])
                })),
                .tbody(.forEach(rows) { row in .tr(.forEach(row) { cell in .td(cell) }) })
            ),
            .unwrap(csvHref) { href in .p(.class("export"), .a(.href(href), .text("Download “\(caption)” as CSV"))) }
        )
    }
}

/// A list of label–value pairs for a record's key facts.
struct SummaryList {
    let items: [(label: String, value: Node<HTML.BodyContext>)]

    var node: Node<HTML.BodyContext> {
        .dl(.class("summary-list"), .forEach(items) { item in
            .group(.dt(.text(item.label)), .dd(item.value))
        })
    }
}
