import Plot

/// A data table with a caption, column headers with scope, and a link to the same rows as CSV.
package struct DataTable {
    package let caption: String
    package let headers: [String]
    /// Each cell's markup, as written between `<td>` and `</td>`.
    package let cells: [[String]]
    package var csvHref: String? = nil
    package var empty: String = "None recorded."
    /// The columns of figures, for a table that knows them better than its cells' text says
    /// ("No change" or "Not comparable" among amounts); nil to tell them by their cells.
    package var figures: Set<Int>? = nil

    package init(caption: String, headers: [String], rows: [[Node<HTML.BodyContext>]], csvHref: String? = nil, empty: String = "None recorded.") {
        self.init(caption: caption, headers: headers, markup: rows.map { $0.map { $0.render() } }, csvHref: csvHref, empty: empty)
    }

    /// Cells given as markup already written (see `CellMarkup`), for tables of hundreds of
    /// cells: Plot renders each node of the other initialiser on its own, which was a sixth of a
    /// crime page's time.
    package init(caption: String, headers: [String], markup cells: [[String]], csvHref: String? = nil, empty: String = "None recorded.") {
        self.caption = caption
        self.headers = headers
        self.cells = cells
        self.csvHref = csvHref
        self.empty = empty
    }

    /// A column whose every filled cell is a number (12,345 · 4.5% · -1.2 · < 0.001 · 3 (2.1%) ·
    /// −£5.00) is set right-aligned, as figures are in print, so that their places line up. "–"
    /// and "No change" hold a figure's place.
    /// Read by hand rather than with a regular expression, which cost a crime page four fifths of
    /// its speed (every cell of every table is asked).
    package static func isNumber(_ cell: String) -> Bool {
        // Most cells are ASCII, where a character is a byte (a CR LF pair, one character, is no
        // figure either way), and bytes are read many times faster than characters.
        var cell = cell
        return cell.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } ? isASCIINumber(bytes[...]) : nil } ?? isNumberByCharacter(cell)
    }

    /// `isNumberByCharacter` for ASCII text, read byte by byte.
    private static func isASCIINumber(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        func starts(_ s: Slice<UnsafeBufferPointer<UInt8>>, _ prefix: StaticString) -> Bool {
            s.starts(with: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        }
        func ends(_ s: Slice<UnsafeBufferPointer<UInt8>>, _ suffix: StaticString) -> Bool {
            s.reversed().starts(with: UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount).reversed())
        }
        var s = text
        if starts(s, "<strong>"), ends(s, "</strong>") { s = s.dropFirst(8).dropLast(9) }
        if starts(s, "< ") {
            s = s.dropFirst(2)
        } else if let sign = s.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            s = s.dropFirst()
        }
        if s.last == UInt8(ascii: ")"), let open = s.firstIndex(of: UInt8(ascii: "(")), open > s.startIndex, s[open - 1] == UInt8(ascii: " ") {
            s = s[..<(open - 1)]
        }
        if s.last == UInt8(ascii: "%") { s = s.dropLast() }
        guard let first = s.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        var point = false, decimals = 0
        for c in s {
            if c == UInt8(ascii: ","), !point { continue }
            if c == UInt8(ascii: "."), !point {
                point = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) else { return false }
            if point { decimals += 1 }
        }
        return !point || decimals > 0
    }

    /// The rules, read character by character: for text beyond ASCII (£, −), and the reference
    /// the byte-by-byte reading is tested against.
    package static func isNumberByCharacter(_ cell: String) -> Bool {
        var s = Substring(cell)
        // A total set in bold is still a figure.
        if s.hasPrefix("<strong>"), s.hasSuffix("</strong>") { s = s.dropFirst(8).dropLast(9) }
        if s.hasPrefix("< ") {
            s = s.dropFirst(2)
        } else if let sign = s.first, sign == "+" || sign == "-" || sign == "−" {
            s = s.dropFirst()
        }
        // An amount of money: £1,234.56.
        if s.hasPrefix("£") { s = s.dropFirst() }
        // A share or note in brackets after the figure: "3 (2.1%)".
        if s.hasSuffix(")"), let open = s.firstIndex(of: "("), open > s.startIndex, s[s.index(before: open)] == " " {
            s = s[..<s.index(before: open)]
        }
        if s.hasSuffix("%") { s = s.dropLast() }
        guard let first = s.first, first.isASCII, first.isNumber else { return false }
        var point = false, decimals = 0
        for c in s {
            if c == ",", !point { continue }
            if c == ".", !point {
                point = true
                continue
            }
            guard c.isASCII, c.isNumber else { return false }
            if point { decimals += 1 }
        }
        return !point || decimals > 0
    }

    package var node: Node<HTML.BodyContext> { .raw(markup) }

    package var markup: String {
        guard !cells.isEmpty else { return "<p class=\"empty\">" + TextContent.escape("\(caption): \(empty)") + "</p>" }
        let rendered = cells
        let numericColumns = headers.indices.map { column in
            if let figures { return figures.contains(column) }
            let cells = rendered.compactMap { column < $0.count ? $0[column] : nil }.filter { !$0.isEmpty && $0 != "–" && $0 != Format.noChange }
            return !cells.isEmpty && cells.allSatisfy(Self.isNumber)
        }
        let numeric = { (column: Int) in column < numericColumns.count && numericColumns[column] }
        // A region of its own that takes the keyboard's focus, so that a table wider than a
        // phone can be scrolled sideways without a mouse. Written as text, byte for byte as Plot
        // writes the same elements (a test holds it to that): a page's tables are most of its
        // elements, and Plot's tree of them was a sixth of an assessment's time.
        let label = AttributeText.escape(caption)
        var html = "<div class=\"table-wrap\" role=\"region\"" + (label.isEmpty ? "" : " aria-label=\"" + label + "\"") + " tabindex=\"0\">"
        html += "<table><caption>" + TextContent.escape(caption) + "</caption><thead><tr>"
        for (column, header) in headers.enumerated() {
            html += (numeric(column) ? "<th scope=\"col\" class=\"number\">" : "<th scope=\"col\">") + TextContent.escape(header) + "</th>"
        }
        html += "</tr></thead><tbody>"
        // Appended piece by piece: joining a cell's pieces first made a string for each.
        html.reserveCapacity(html.utf8.count + rendered.reduce(0) { $0 + $1.reduce(24 * $1.count + 9) { $0 + $1.utf8.count } })
        for row in rendered {
            html += "<tr>"
            for (column, cell) in row.enumerated() {
                html += numeric(column) ? "<td class=\"number\">" : "<td>"
                html += cell
                html += "</td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table>"
        if let csvHref {
            // Plot writes an attribute's value as given, and leaves out an empty one.
            let link = csvHref.isEmpty ? "<a>" : "<a href=\"" + csvHref + "\">"
            html += "<p class=\"export\">" + link + TextContent.escape("Download “\(caption)” as CSV") + "</a></p>"
        }
        return html + "</div>"
    }
}

/// A table cell's markup written directly, byte for byte as Plot writes the same nodes.
package enum CellMarkup {
    /// As `.plainText(text)`.
    package static func text(_ text: String) -> String { TextContent.escape(text) }

    /// As `.strong(.plainText(text))`: a total.
    package static func strong(_ text: String) -> String { "<strong>" + TextContent.escape(text) + "</strong>" }

    /// As `.a(.href(href), .plainText(text))`, with `.class(name)` before the address when given,
    /// and `.span(.class("visually-hidden"), .plainText(hidden))` after the words when given: the
    /// rest of a link's name, heard by a screen reader, where the words on the screen do not stand
    /// alone. Plot writes an address as given, so `href` must be one built from a route and
    /// checked values, never text a person typed.
    package static func link(_ href: String, _ text: String, class name: String? = nil, hidden: String? = nil) -> String {
        (name.map { "<a class=\"" + $0 + "\" href=\"" } ?? "<a href=\"") + href + "\">" + TextContent.escape(text) + (hidden.map(visuallyHidden) ?? "") + "</a>"
    }

    /// As a `.form` posting to `action`, with the CSRF token and one button that looks like a
    /// link (`Forms.csrf`, `.button(.type(.submit), .class("link-button"), …)`).
    package static func button(action: String, csrf: String, _ text: String, hidden: String? = nil) -> String {
        "<form method=\"post\" action=\"" + action + "\" class=\"inline-form\"><input type=\"hidden\" name=\"csrf_token\" value=\"" + csrf
            + "\"/><button type=\"submit\" class=\"link-button\">" + TextContent.escape(text) + (hidden.map(visuallyHidden) ?? "") + "</button></form>"
    }

    private static func visuallyHidden(_ text: String) -> String { "<span class=\"visually-hidden\">" + TextContent.escape(text) + "</span>" }
}

/// A list of label–value pairs for a record's key facts.
package struct SummaryList {
    /// Each label, and its value's markup as written between `<dd>` and `</dd>`.
    package let items: [(label: String, value: String)]

    package init(items: [(label: String, value: Node<HTML.BodyContext>)]) {
        self.init(markup: items.map { ($0.label, $0.value.render()) })
    }

    /// Values given as markup already written (see `CellMarkup`).
    package init(markup items: [(label: String, value: String)]) {
        self.items = items
    }

    /// Written as text, byte for byte as Plot writes `.dl(.class("summary-list"), .dt(…), .dd(…))`.
    package var markup: String {
        var html = "<dl class=\"summary-list\">"
        for item in items { html += "<dt>" + TextContent.escape(item.label) + "</dt><dd>" + item.value + "</dd>" }
        return html + "</dl>"
    }

    package var node: Node<HTML.BodyContext> { .raw(markup) }
}
