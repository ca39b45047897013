import Foundation
import HallmarkKit
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The assessment printed to PDF by headless Chromium, read back with poppler's tools: what a
/// board member downloads is the A4 document, with its margins, and without the screen's controls.
@Suite("The assessment as PDF")
struct AssessmentPDFTests {
    /// What a poppler tool prints of a PDF.
    static func poppler(_ tool: String, _ pdf: ByteBuffer, _ arguments: [String] = []) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-test-\(UUID().uuidString).pdf")
        try Data(buffer: pdf).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments + [file.path] + (tool == "pdftotext" ? ["-"] : [])
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    @Test("the draft and a saved version download as A4 PDFs that read as the printed document")
    func downloads() async throws {
        try #require(PDFPrinter.find() != nil, "Chromium is needed: scripts/test installs Debian's chromium")
        try await withSite(.sqlite, crime: true) { site, client in
            let reader = Browser(client)
            try await reader.signIn(as: .boardMember)
            let base = "/partnerships/\(site.cspA.id)/assessment"
            #expect(try await reader.get("\(base)?to=2022-03").text.contains("href=\"\(base).pdf?to=2022-03\""))

            let draft = try await reader.get("\(base).pdf?to=2022-03")
            #expect(draft.status == .ok)
            #expect(draft.headers[.contentType] == "application/pdf")
            #expect(draft.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"") == true)
            let info = try Self.poppler("pdfinfo", draft.body)
            #expect(info.contains("(A4)"))
            let text = try Self.poppler("pdftotext", draft.body, ["-layout"])
            #expect(text.contains("Strategic assessment: \(site.cspA.name)"))
            #expect(text.contains("Status: draft, not yet approved by the board."))
            #expect(text.contains("Page 1 of"), "page numbers come from the document's own margins")
            #expect(text.contains("Executive summary") && text.contains("Methods and settings"))
            #expect(!text.contains("Download as PDF") && !text.contains("Versions and approval"), "the screen's controls are not printed")
            // The first page is the title page: title, status, fingerprint and contents, nothing else.
            let titlePage = try Self.poppler("pdftotext", draft.body, ["-layout", "-f", "1", "-l", "1"])
            #expect(titlePage.contains("Contents") && titlePage.contains("Data fingerprint"))
            #expect(!titlePage.contains("crimes in April 2021"), "the summary starts on the next page")
            // The notes cited in the text are listed at its end, without the screen's links back.
            #expect(text.contains("Notes") && text.contains("ONS mid-year population estimates"))
            #expect(!text.contains("Back to the text"))

            let version = try #require(site.assessmentVersionID)
            #expect(try await reader.get("\(base)/versions").text.contains("href=\"\(base)/versions/\(version)/document.pdf\""))
            let saved = try await reader.get("\(base)/versions/\(version)/document.pdf")
            #expect(saved.status == .ok)
            let savedText = try Self.poppler("pdftotext", saved.body, ["-layout"])
            #expect(savedText.contains("Data fingerprint") && savedText.contains("Saved version") == false)
        }
    }

    @Test("a server without Chromium offers no PDF, and asking for one says how to print instead")
    func withoutChromium() async throws {
        try await withStore(.sqlite) { store in
            let site = try await TestSite.build(store, crime: true)
            var logger = Logger(label: "hallmark-test")
            logger.logLevel = .warning
            let deps = Dependencies(store: store, settings: Settings(bcryptCost: 4), printer: nil)
            try await Application(router: buildRouter(deps), logger: logger).test(.router) { client in
                let reader = Browser(client)
                try await reader.signIn(as: .boardMember)
                let base = "/partnerships/\(site.cspA.id)/assessment"
                #expect(try await reader.get("\(base)?to=2022-03").text.contains(".pdf") == false)
                #expect(try await reader.get("\(base)/versions").text.contains("document.pdf") == false)
                let refused = try await reader.get("\(base).pdf?to=2022-03")
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.text.contains("print it from your browser"))
            }
        }
    }
}

@Suite("Printing slots")
struct PrintingSlotsTests {
    @Test("two print at once, a few wait, and beyond them the printer says it is busy")
    func busyBeyondTheQueue() async throws {
        let slots = PrintingSlots(2, waiting: 1)
        let started = Signal(), go = Signal(), refused = Signal()
        let printing = (0..<2).map { _ in
            Task {
                try await slots.run {
                    started.send(); await go.wait(); return 1
                }
            }
        }
        await started.wait()
        await started.wait()
        // Two more ask while both slots print: one may wait its turn, the other is refused at once.
        let asking = (0..<2).map { _ in
            Task { () -> Bool in
                do {
                    _ = try await slots.run { 2 }
                    return true
                } catch is PDFPrinter.Busy {
                    refused.send()
                    return false
                }
            }
        }
        await refused.wait()
        go.send()
        go.send()
        #expect(try await printing[0].value + printing[1].value == 2)
        let answers = [try await asking[0].value, try await asking[1].value]
        #expect(answers.sorted { !$0 && $1 } == [false, true], "one printed after waiting, one was refused")
        #expect(try await slots.run { 4 } == 4, "a slot is free again")
    }
}
