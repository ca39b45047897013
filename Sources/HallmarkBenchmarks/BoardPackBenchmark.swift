import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkMeetings

/// A board pack of 40 papers and about 300 pages (the case), printed as the job prints it:
/// Chromium for the cover, agenda and dividers, qpdf to join, a page-number overlay. The
/// reference is `pdfunite` (poppler) joining the same 40 papers with nothing added, in the same run.
func boardPackBenchmark(folder: URL) async throws {
    guard let printer = PDFPrinter.find(), let packPrinter = BoardPackPrinter.find(printer: printer),
        let pdfunite = ExternalProgram.find(["pdfunite"], variable: "HALLMARK_PDFUNITE")
    else {
        print("Board pack: skipped (needs chromium, qpdf, pdfinfo and pdfunite)")
        return
    }
    let papersFolder = folder.appendingPathComponent("board-pack-papers")
    try FileManager.default.createDirectory(at: papersFolder, withIntermediateDirectories: true)
    // 40 papers of 7 or 8 pages (300 in all), written once and kept for later runs.
    var papers: [URL] = []
    for n in 1...40 {
        let file = papersFolder.appendingPathComponent("paper-\(n).pdf")
        if !FileManager.default.fileExists(atPath: file.path) {
            let pages = n <= 20 ? 8 : 7
            let body = (1...pages).map { page in
                "<section><h1>Paper \(n)</h1><p>Page \(page) of paper \(n).</p>"
                    + String(
                        repeating:
                            "<p>The partnership’s analysts reviewed the quarter’s figures for violence, burglary and anti-social behaviour, with the actions agreed and their owners.</p>",
                        count: 12)
                    + "</section>"
            }.joined()
            let html =
                "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Paper \(n)</title><style>section { break-after: page; } section:last-child { break-after: auto; }</style></head><body>\(body)</body></html>"
            try await printer.pdf(html: html).write(to: file)
        }
        papers.append(file)
    }
    let data = try papers.map { try Data(contentsOf: $0) }
    let meeting = Meeting(
        id: 1, partnershipID: 1, title: "Partnership Board", date: CalendarDate("2027-03-14")!, startTime: "14:00", endTime: "17:00", venue: "Council Offices",
        onlineLink: nil, status: .scheduled, published: false, minutesApprovedAt: nil)
    let items = (1...40).map { n in
        AgendaItem(
            id: RecordID(Int64(n)), meetingID: 1, position: n, title: "Item of business \(n)", presenter: "Officer \(n)", purpose: .discussion, durationMinutes: 4,
            exemptReason: nil, standing: nil, minute: nil)
    }
    let contents = BoardPackContents(agenda: items, entries: items.enumerated().map { BoardPackContents.Entry(number: $0.offset + 1, item: $0.element, pdfs: [data[$0.offset]]) })
    let skeleton = BoardPackDocument.skeleton(
        partnership: Partnership(id: 1, kind: .communitySafetyPartnership, name: "Benchmark Community Safety Partnership"), meeting: meeting, contents: contents, audience: .members
    )

    let joined = folder.appendingPathComponent("board-pack-pdfunite.pdf")
    let referenceStart = DispatchTime.now().uptimeNanoseconds
    _ = try await pdfunite.run(papers.map(\.path) + [joined.path], timeout: .seconds(300))
    let reference = Double(DispatchTime.now().uptimeNanoseconds - referenceStart) / 1e9
    let start = DispatchTime.now().uptimeNanoseconds
    let (pdf, pages) = try await packPrinter.print(skeleton: skeleton, papers: contents.entries.map(\.pdfs))
    let time = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(
        String(
            format: "Board pack, 40 papers, %d pages (%.1f MB)          %8.3f s   pdfunite of the papers alone %.3f s (ratio %.2f); target under 30 s",
            pages, Double(pdf.count) / 1_048_576, time, reference, reference / time))
}
