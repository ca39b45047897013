import Foundation
import HallmarkKit

/// Prints a board pack: the cover, agenda and a divider for each item (a document of Hallmark's
/// own, printed by Chromium with a bookmark per heading), each item's papers after its divider,
/// joined by qpdf, then "Page n of m" laid over the foot of every page, papers' pages too, on an
/// overlay printed page by page at each page's own size.
package struct BoardPackPrinter: Sendable {
    package let printer: PDFPrinter
    package let qpdf: ExternalProgram
    package let pdfinfo: ExternalProgram

    package init(printer: PDFPrinter, qpdf: ExternalProgram, pdfinfo: ExternalProgram) {
        self.printer = printer
        self.qpdf = qpdf
        self.pdfinfo = pdfinfo
    }

    /// All three programs, or nil when the server lacks any of them.
    package static func find(printer: PDFPrinter?) -> BoardPackPrinter? {
        guard let printer, let qpdf = ExternalProgram.find(["qpdf"], variable: "HALLMARK_QPDF"),
            let pdfinfo = ExternalProgram.find(["pdfinfo"], variable: "HALLMARK_PDFINFO")
        else { return nil }
        return BoardPackPrinter(printer: printer, qpdf: qpdf, pdfinfo: pdfinfo)
    }

    package struct Failed: Error, CustomStringConvertible {
        package let description: String
    }

    /// - Parameters:
    ///   - skeleton: the cover and agenda, then one `<h1>` per item in order, and no other
    ///     headings after the agenda's: each becomes the bookmark that places the item.
    ///   - papers: for each item, in order, the PDFs to follow its divider.
    package func print(skeleton: String, papers: [[Data]]) async throws -> (pdf: Data, pages: Int) {
        let folder = try ScratchFolder.make("pack")
        defer { ScratchFolder.remove(folder) }
        let skeletonFile = folder.appendingPathComponent("skeleton.pdf")
        try await printer.pdf(html: skeleton, outline: true).write(to: skeletonFile)

        // Where each item's divider fell: read from the skeleton's own bookmarks, since an agenda
        // or a written paper may run over several pages.
        let outline = try await run(qpdf, ["--json", "--json-key=outlines", skeletonFile.path])
        let marks = try JSONDecoder().decode(Outlines.self, from: outline).flat
        let skeletonPages = try await pageSizes(of: skeletonFile).count
        guard marks.count == papers.count + 1 else {
            throw Failed(description: "The pack's agenda printed with \(marks.count) bookmarks where \(papers.count + 1) were expected")
        }
        let starts = marks.dropFirst().map(\.destpageposfrom1)
        var pages = ["--pages", ".", starts.first.map { "1-\($0 - 1)" } ?? "1-z"]
        for (n, itemPapers) in papers.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1] - 1 : skeletonPages
            pages += [".", "\(starts[n])-\(end)"]
            for (m, paper) in itemPapers.enumerated() {
                let file = folder.appendingPathComponent("item-\(n + 1)-paper-\(m + 1).pdf")
                try paper.write(to: file)
                pages += [file.path, "1-z"]
            }
        }
        let merged = folder.appendingPathComponent("merged.pdf")
        _ = try await run(qpdf, [skeletonFile.path] + pages + ["--", merged.path], allowWarnings: true)

        let sizes = try await pageSizes(of: merged)
        let numbers = folder.appendingPathComponent("numbers.pdf")
        try await printer.pdf(html: Self.pageNumbers(sizes)).write(to: numbers)
        let final = folder.appendingPathComponent("pack.pdf")
        _ = try await run(qpdf, [merged.path, "--overlay", numbers.path, "--", final.path], allowWarnings: true)
        return (try Data(contentsOf: final), sizes.count)
    }

    private func run(_ program: ExternalProgram, _ arguments: [String], allowWarnings: Bool = false) async throws -> Data {
        let outcome = try await program.run(arguments, timeout: .seconds(300))
        // qpdf: 3 is "succeeded with warnings" (a paper it repaired on the way).
        guard outcome.status == 0 || (allowWarnings && outcome.status == 3) else {
            throw Failed(description: "The pack could not be put together: \(outcome.errorText.prefix(300))")
        }
        return outcome.output
    }

    /// Each page's width and height in points as it is shown (turned pages turned).
    private func pageSizes(of file: URL) async throws -> [(width: Double, height: Double)] {
        let text = String(decoding: try await run(pdfinfo, ["-f", "1", "-l", "1000000", file.path]), as: UTF8.self)
        var sizes: [Int: (Double, Double)] = [:], turns: [Int: Int] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 4, words[0] == "Page", let n = Int(words[1]) else { continue }
            if words[2] == "size:", words.count >= 6, let w = Double(words[3]), let h = Double(words[5]) { sizes[n] = (w, h) }
            if words[2] == "rot:", let r = Int(words[3]) { turns[n] = r }
        }
        return sizes.keys.sorted().map { n in
            let (w, h) = sizes[n]!
            return (turns[n] ?? 0) % 180 == 90 ? (h, w) : (w, h)
        }
    }

    /// A document of blank pages, each the size of the pack's page it will lie over, with only
    /// "Page n of m" at its foot.
    static func pageNumbers(_ sizes: [(width: Double, height: Double)]) -> String {
        var css = [
            "body{margin:0;font:9pt sans-serif}.p{position:relative;overflow:hidden;break-after:page}.p:last-child{break-after:auto}.f{position:absolute;bottom:7mm;left:0;right:0;text-align:center}"
        ]
        var names: [String: String] = [:]
        var body: [String] = []
        for (n, size) in sizes.enumerated() {
            let key = String(format: "%.2fx%.2f", size.width, size.height)
            if names[key] == nil {
                let name = "s\(names.count)"
                names[key] = name
                css.append(
                    String(
                        format: "@page %@{size:%.2fpt %.2fpt;margin:0} .%@{page:%@;width:%.2fpt;height:%.2fpt}", name, size.width, size.height, name, name, size.width, size.height)
                )
            }
            body.append("<div class=\"p \(names[key]!)\"><div class=\"f\">Page \(n + 1) of \(sizes.count)</div></div>")
        }
        return
            "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Page numbers</title><style>\(css.joined(separator: "\n"))</style></head><body>\(body.joined())</body></html>"
    }

    /// qpdf's JSON of a PDF's bookmarks.
    struct Outlines: Decodable {
        struct Mark: Decodable {
            let title: String
            let destpageposfrom1: Int
            let kids: [Mark]
        }
        let outlines: [Mark]

        var flat: [Mark] {
            func walk(_ marks: [Mark]) -> [Mark] { marks.flatMap { [$0] + walk($0.kids) } }
            return walk(outlines)
        }
    }
}
