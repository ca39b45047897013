import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkMeetings
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Testing

/// The board pack as printed, read back with poppler's `pdftotext`: cover and agenda, each item's
/// papers in agenda order, "Page n of m" on every page (papers' pages too), and the public pack
/// without the exempt item. Needs Chromium, qpdf and poppler, which `scripts/test` installs.
@Suite("Board packs", .enabled(if: BoardPackPrinter.find(printer: PDFPrinter.find()) != nil))
struct BoardPackTests {
    /// A paper of `pages` pages, each saying which page of which paper it is, at a page size of its own.
    static func paper(_ name: String, pages: Int, size: String = "A4") async throws -> Data {
        let body = (1...pages).map { "<section><p>\(name) page \($0)</p></section>" }.joined()
        let html =
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(name)</title><style>@page { size: \(size); } section { break-after: page; } section:last-child { break-after: auto; }</style></head><body>\(body)</body></html>"
        return try await PDFPrinter.find()!.pdf(html: html)
    }

    /// Each page's text, from the first.
    static func pages(_ pdf: Data) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-pack-test-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [file.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    struct Outline: Decodable {
        struct Mark: Decodable {
            let title: String
            let destpageposfrom1: Int
        }
        let outlines: [Mark]
    }

    /// The PDF as a file of its own, for a program to read.
    static func file(_ pdf: Data) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-pack-test-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        return file
    }

    static func page(_ pages: [String], containing text: String) -> Int? {
        pages.firstIndex { $0.contains(text) }
    }

    @Test func thePackHoldsEveryPaperInAgendaOrderWithContinuousPageNumbers() async throws {
        try await withStore(.sqlite) { store in
            let site = try await TestSite.build(store)
            let service = site.deps.meetings, a = site.cspA.id, author = ChangeAuthor.system("test")
            let m = site.meetings.a
            let first = try await service.meetings.addItem(ItemDraft(title: "Violence reduction", purpose: .decision, durationMinutes: 20), to: m.id, in: a, by: author)
            let exempt = try await service.meetings.addItem(
                ItemDraft(title: "Case review CONFIDENTIAL", purpose: .discussion, durationMinutes: 10, exemptReason: "Schedule 12A paragraph 1"), to: m.id, in: a, by: author)
            let last = try await service.meetings.addItem(ItemDraft(title: "Budget", purpose: .information, durationMinutes: 10), to: m.id, in: a, by: author)
            func add(_ item: AgendaItem, _ title: String, _ format: PaperFormat, _ bytes: Data) async throws {
                _ = try await service.papers.add(
                    PaperUpload(title: title, fileName: "\(title).\(format.rawValue)", format: format, bytes: bytes), to: item.id, of: m.id, in: a, by: author)
            }
            try await add(first, "A strategy", .pdf, try await Self.paper("PAPER ONE", pages: 3))
            try await add(first, "B annex", .pdf, try await Self.paper("PAPER TWO", pages: 2, size: "letter landscape"))
            try await add(exempt, "Case file", .pdf, try await Self.paper("PAPER SECRET", pages: 2))
            try await add(last, "Spend", .csv, Data("Line,Amount\nIDVA service,12000\n".utf8))
            for audience in PackAudience.allCases {
                try await MeetingJobs.enqueuePack(.init(partnership: a, meeting: m.id, audience: audience, by: "test", userID: nil), service.jobs)
                let job = try #require(try await service.jobs.claim(kinds: [MeetingJobs.packKind], instance: "test"))
                _ = try await MeetingJobs.packHandler(service)(job) { _ in }
            }
            let packs = try await service.papers.packs(of: m.id)
            let members = try #require(packs.last { $0.audience == .members }), open = try #require(packs.last { $0.audience == .public })

            let text = try Self.pages(try #require(try await service.papers.packPDF(members.id, of: m.id)).1)
            #expect(text.count == members.pages)
            for (n, page) in text.enumerated() { #expect(page.contains("Page \(n + 1) of \(text.count)"), "page \(n + 1)") }
            let agenda = try await service.meetings.items(of: m.id).map(\.id)
            let number = { (item: AgendaItem) in agenda.firstIndex(of: item.id)! + 1 }
            let order = [
                "Agenda", "Item \(number(first)): Violence reduction", "PAPER ONE page 1", "PAPER ONE page 3", "PAPER TWO page 1", "PAPER TWO page 2",
                "Item \(number(exempt)): Case review CONFIDENTIAL", "PAPER SECRET page 1", "IDVA service",
            ]
            let places = order.map { Self.page(text, containing: $0) }
            #expect(places.allSatisfy { $0 != nil }, "\(zip(order, places).filter { $0.1 == nil }.map(\.0))")
            #expect(places.compactMap { $0 } == places.compactMap { $0 }.sorted(), "\(zip(order, places).map { "\($0.0): \($0.1 ?? -1)" })")
            // A bookmark for the agenda and each item, each at its divider.
            let outline = try await BoardPackPrinter.find(printer: PDFPrinter.find())!.qpdf.run(
                ["--json", "--json-key=outlines", try Self.file(try #require(try await service.papers.packPDF(members.id, of: m.id)).1).path], timeout: .seconds(60))
            let marks = try JSONDecoder().decode(Outline.self, from: outline.output).outlines
            // Items with no papers (the standing items here) have no divider and no bookmark: four items have papers.
            #expect(marks.count == 1 + 4)
            #expect(marks.first?.title == "Agenda")
            let violence = try #require(marks.first { $0.title.hasSuffix("Violence reduction") })
            #expect(violence.destpageposfrom1 == Self.page(text, containing: "Item \(number(first)): Violence reduction")! + 1)
            // The papers' own pages, one per page of theirs.
            #expect(Self.page(text, containing: "PAPER ONE page 1")! + 2 == Self.page(text, containing: "PAPER ONE page 3")!)

            let publicText = try Self.pages(try #require(try await service.papers.packPDF(open.id, of: m.id)).1)
            for (n, page) in publicText.enumerated() { #expect(page.contains("Page \(n + 1) of \(publicText.count)")) }
            let whole = publicText.joined()
            #expect(!whole.contains("PAPER SECRET") && !whole.contains("CONFIDENTIAL"))
            #expect(whole.contains("PAPER ONE page 3") && whole.contains("IDVA service"))
            #expect(publicText.count == text.count - 3, "the exempt item's divider and its two pages are left out")
            #expect(open.sha256.count == 64 && open.sha256 != members.sha256)
        }
    }

    @Test("A Word paper is converted to PDF as a job; one LibreOffice cannot read is named as not printed", .enabled(if: PaperConverter.find() != nil))
    func wordPapersAreConvertedOrSayWhyNot() async throws {
        try await withStore(.sqlite) { store in
            let site = try await TestSite.build(store)
            let service = site.deps.meetings, a = site.cspA.id, m = site.meetings.a, item = site.meetings.itemA, author = ChangeAuthor.system("test")
            // A real .docx, written by LibreOffice from plain text.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-docx-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data("WORD PAPER TEXT".utf8).write(to: folder.appendingPathComponent("note.txt"))
            _ = try await PaperConverter.find()!.soffice.run(
                [
                    "-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)", "--headless", "--convert-to", "docx", "--outdir", folder.path,
                    folder.appendingPathComponent("note.txt").path,
                ], timeout: .seconds(120), environment: ["HOME": folder.path, "PATH": "/usr/bin:/bin"])
            let docx = try Data(contentsOf: folder.appendingPathComponent("note.docx"))
            var broken = Data([0x50, 0x4B, 0x03, 0x04])
            broken.append(Data((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
            for (title, bytes) in [("Good", docx), ("Broken", broken)] {
                let paper = try await service.papers.add(
                    try await service.intake.check(title: title, fileName: "\(title).docx", bytes: bytes), to: item.id, of: m.id, in: a, by: author)
                #expect(paper.conversion == "waiting")
                try await MeetingJobs.enqueueConversion(of: paper.id, service.jobs, by: nil)
                let job = try #require(try await service.jobs.claim(kinds: [MeetingJobs.conversionKind], instance: "test"))
                _ = try await MeetingJobs.conversionHandler(service)(job) { _ in }
            }
            let papers = Dictionary(uniqueKeysWithValues: try await service.papers.papers(of: m.id).map { ($0.title, $0) })
            #expect(papers["Good"]?.conversion == "converted")
            #expect(papers["Broken"]?.conversion.hasPrefix("not converted: LibreOffice could not read it") == true, "\(papers["Broken"]?.conversion ?? "")")
            #expect(try await service.papers.content(papers["Broken"]!.id).pdf == nil)
            try await MeetingJobs.enqueuePack(.init(partnership: a, meeting: m.id, audience: .members, by: "test", userID: nil), service.jobs)
            let job = try #require(try await service.jobs.claim(kinds: [MeetingJobs.packKind], instance: "test"))
            _ = try await MeetingJobs.packHandler(service)(job) { _ in }
            let pack = try #require(try await service.papers.packs(of: m.id).last { $0.audience == .members })
            let text = try Self.pages(try #require(try await service.papers.packPDF(pack.id, of: m.id)).1).joined()
            #expect(text.contains("WORD PAPER TEXT"))
            #expect(text.contains("Not printed in this pack: Broken"))
        }
    }

    @Test("A printed document reaches no file on the server and runs no script")
    func printingIsConfined() async throws {
        let html = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><p>VISIBLE</p>
            <iframe src="file:///etc/passwd" width="600" height="400"></iframe><script>document.body.append("SCRIPT RAN")</script></body></html>
            """
        let text = try Self.pages(try await PDFPrinter.find()!.pdf(html: html)).joined()
        #expect(text.contains("VISIBLE"))
        #expect(!text.contains("root:"))
        #expect(!text.contains("SCRIPT RAN"))
    }
}
