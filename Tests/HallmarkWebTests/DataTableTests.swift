import HallmarkDomain
import HallmarkKit
import Plot
import Testing

/// `DataTable` writes its table as text; the reference is the same table built as Plot's tree of
/// elements, as it was before, and rendered by Plot.
@Suite("Data tables")
struct DataTableTests {
    static func plotTable(_ table: DataTable) -> String {
        guard !table.cells.isEmpty else { return Node<HTML.BodyContext>.p(.class("empty"), .plainText(table.caption + ": " + table.empty)).render() }
        let rendered = table.cells
        let numeric = Set(
            table.headers.indices.filter { column in
                let cells = rendered.compactMap { column < $0.count ? $0[column] : nil }.filter { !["", "–", "No change"].contains($0) }
                return !cells.isEmpty && cells.allSatisfy(DataTable.isNumber)
            })
        let node: Node<HTML.BodyContext> = .div(
            .class("table-wrap"), .attribute(named: "role", value: "region"),
            .attribute(named: "aria-label", value: AttributeText.escape(table.caption)), .attribute(named: "tabindex", value: "0"),
            .table(
                .caption(.plainText(table.caption)),
                .thead(
                    .tr(
                        .forEach(table.headers.enumerated()) { column, header in
                            .element(
                                named: "th",
                                nodes: [
                                    Node<HTML.BodyContext>.attribute(named: "scope", value: "col"),
                                    .attribute(named: "class", value: numeric.contains(column) ? "number" : nil), .plainText(header),
                                ])
                        })),
                .tbody(
                    .forEach(rendered) { row in
                        .tr(.forEach(row.enumerated()) { column, cell in numeric.contains(column) ? .td(.class("number"), .raw(cell)) : .td(.raw(cell)) })
                    })
            ),
            .unwrap(table.csvHref) { href in .p(.class("export"), .a(.href(href), .plainText("Download “" + table.caption + "” as CSV"))) }
        )
        return node.render()
    }

    static let words = [
        "", "Burglary", "12,345", "4.5%", "-1.2", "+21%", "< 0.001", "3 (2.1%)", "£1,234.56", "–", "Fish & chips", "\u{600}<img src=x onerror=alert(1) x=",
        "\"quoted\" 'single'", "a > b", "Café 🇬🇧", "0.727", "1.", "&amp;", "−£5.00", "No change", "Option 2",
    ]

    @Test("A table written as text is byte for byte the table Plot writes, for any caption, headers, cells and link")
    func sameAsPlot() {
        var random = SystemRandomNumberGenerator()
        func word() -> String { Self.words.randomElement(using: &random)! }
        for _ in 0..<3000 {
            let headers = (0..<Int.random(in: 1...6, using: &random)).map { _ in word() }
            let rows: [[Node<HTML.BodyContext>]] = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                (0..<Int.random(in: 0...headers.count + 1, using: &random)).map { _ -> Node<HTML.BodyContext> in
                    let text = word()
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: return .raw("<strong>" + TextContent.escape(text) + "</strong>")
                    case 1: return .a(.href("/partnerships/1?q=" + AttributeText.escape(text)), .plainText(text))
                    default: return .plainText(text)
                    }
                }
            }
            let href = [nil, "", "/partnerships/7/assessment/tables/types.csv?to=2024-03", "tables/history.csv"].randomElement(using: &random)!
            let table = DataTable(caption: word(), headers: headers, rows: rows, csvHref: href, empty: word())
            #expect(table.node.render() == Self.plotTable(table), "\(table.caption) \(headers) \(String(describing: href))")
        }
    }

    /// Cells written as markup are the cells Plot writes from the same nodes.
    @Test("Cell markup is byte for byte what Plot writes for the same text, totals and links")
    func cellMarkupAsPlot() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...3, using: &random)).map { _ in Self.words.randomElement(using: &random)! }.joined(separator: " ")
            let href = ["/partnerships/3/crime/lsoa/E01025633?from=2023-01&to=2023-12", "/partnerships/1", "tables/history.csv"].randomElement(using: &random)!
            #expect(CellMarkup.text(text) == Node<HTML.BodyContext>.plainText(text).render())
            #expect(CellMarkup.strong(text) == Node<HTML.BodyContext>.strong(.plainText(text)).render())
            #expect(CellMarkup.link(href, text) == Node<HTML.BodyContext>.a(.href(href), .plainText(text)).render())
        }
        #expect(CellMarkup.strong("All crimes (not anti-social behaviour)") == Node<HTML.BodyContext>.strong("All crimes (not anti-social behaviour)").render())
    }

    @Test("A column of changes is set as figures, its changes of nothing too; a table may name its columns of figures")
    func alignment() {
        func numeric(_ column: [String], figures: Set<Int>? = nil) -> Bool {
            var table = DataTable(caption: "c", headers: ["h"], rows: column.map { [.plainText($0)] })
            table.figures = figures
            return table.markup.contains("<th scope=\"col\" class=\"number\">")
        }
        #expect(numeric(["+£5.00", "−£1,234.56", "", "–", "No change"]))
        #expect(!numeric(["No change"]))
        #expect(!numeric(["£5.00", "Not comparable"]))
        #expect(numeric(["£5.00", "Not comparable"], figures: [0]))
        #expect(!numeric(["£5.00"], figures: []))
    }

    @Test("A change reads alike wherever it is shown: signed with a minus sign, and nothing said as no change")
    func changes() {
        #expect(Format.change(Money(pence: -75_300)) == "−£753.00" && Format.change(Money(pence: 1)) == "+£0.01")
        #expect(Format.change(Money.zero) == "No change")
        #expect(Format.percentChange(-10) == "−10.0%" && Format.percentChange(0.04) == "No change" && Format.percentChange(0.05) == "+0.1%")
        #expect(Format.change(-0.3) { String(format: "%.0f", $0) } == "No change")
        // Each is read as a figure, so that its column lines up and stays on one line.
        for cell in [Format.change(Money(pence: -75_300)), Format.percentChange(12.5), Format.change(7) { "\(Int($0))" }] {
            #expect(DataTable.isNumber(cell), "\(cell)")
        }
    }

    @Test("ASCII cells read byte by byte are figures exactly when read character by character")
    func numbersByByte() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["0", "1", "9", "12", ",", ".", "%", "(", ")", " ", "<", "> ", "< ", "+", "-", "<strong>", "</strong>", "\r\n", "a", "£", "−", "3 (2.1%)"]
        var figures = 0
        for _ in 0..<200_000 {
            let cell = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(DataTable.isNumber(cell) == DataTable.isNumberByCharacter(cell), "\(cell.debugDescription)")
            if DataTable.isNumber(cell) { figures += 1 }
        }
        #expect(figures > 1000, "enough of the cells are figures to test both answers")
    }
}
