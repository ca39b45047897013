import Foundation

/// Prints a document to PDF through headless Chromium (Debian's `chromium`), exactly as a
/// browser's "Save as PDF" would: A4, with the document's own page margins and page numbers.
/// Optional: without Chromium on the server, documents are printed from the browser instead.
package struct PDFPrinter: Sendable {
    /// Why a document could not be printed, in words for the reader.
    package struct Failed: Error, CustomStringConvertible {
        package let description: String
    }

    /// The Chromium program.
    package let chromium: String
    /// Longest a document may take to print before it is given up.
    package let timeout: Duration

    package init(chromium: String, timeout: Duration = .seconds(60)) {
        self.chromium = chromium
        self.timeout = timeout
    }

    /// Chromium as named by `HALLMARK_CHROMIUM`, or found on the PATH; nil when there is none.
    package static func find(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFPrinter? {
        return ExternalProgram.find(["chromium", "chromium-browser", "google-chrome"], variable: "HALLMARK_CHROMIUM", environment).map { PDFPrinter(chromium: $0.path) }
    }

    /// At most two Chromiums print at once on one server, each taking a core or so, and at most
    /// eight documents wait their turn: beyond that the server says it is busy, rather than
    /// letting a queue grow that nobody may still be waiting for.
    private static let printing = PrintingSlots(2, waiting: 8)

    /// The document with a policy that lets it load nothing (no frames, scripts, files or
    /// addresses) but its own styles and inline pictures: it is printed from a file, and a file
    /// may otherwise reach other files on the server.
    static func confined(_ html: String) -> String {
        let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:\">"
        guard let head = html.range(of: "<head>") else { return "<!DOCTYPE html><html><head>\(policy)</head><body>\(html)</body></html>" }
        return html.replacingCharacters(in: head, with: "<head>" + policy)
    }

    /// Too many documents are being printed on this server just now.
    package struct Busy: Error, CustomStringConvertible {
        package var description: String { "Many documents are being printed just now. Try again in a minute, or print the page from your browser" }
    }

    /// The document as PDF. It is printed from a file of its own, with the network closed, so a
    /// document can reach nothing beyond itself. With `outline`, its headings become the PDF's
    /// bookmarks.
    package func pdf(html: String, outline: Bool = false) async throws -> Data {
        try await Self.printing.run {
            let folder = try ScratchFolder.make("print")
            defer { ScratchFolder.remove(folder) }
            let page = folder.appendingPathComponent("document.html"), output = folder.appendingPathComponent("document.pdf")
            try Data(Self.confined(html).utf8).write(to: page)
            let outcome = try await ExternalProgram(path: chromium).run(
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--disable-background-networking",
                    "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                    "--no-pdf-header-footer", "--print-to-pdf=\(output.path)",
                ] + (outline ? ["--generate-pdf-document-outline"] : []) + [page.absoluteString], timeout: timeout)
            // Chromium can end with 0 having written nothing: the file itself is the proof.
            guard outcome.status == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF".utf8)) else {
                throw Failed(description: "The document could not be printed to PDF (Chromium stopped with status \(outcome.status)). Print it from the browser instead.")
            }
            return pdf
        }
    }
}

/// A fixed number of places; work beyond them waits its turn.
package actor PrintingSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private let mostWaiting: Int

    package init(_ count: Int, waiting mostWaiting: Int) {
        free = count
        self.mostWaiting = mostWaiting
    }

    package func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if free > 0 {
            free -= 1
        } else {
            guard waiting.count < mostWaiting else { throw PDFPrinter.Busy() }
            await withCheckedContinuation { waiting.append($0) }
        }
        defer {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
        return try await work()
    }
}
