import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkKit
import HallmarkRegister

/// What goes into a pack, item by item, for one audience: the agenda (a public pack names an
/// exempt item only as exempt), and for each item included, its latest papers: PDFs to follow its
/// divider, written papers and CSV tables printed on the divider itself, and the papers that
/// cannot be printed (a workbook the server could not convert), named so that readers know.
package struct BoardPackContents: Sendable {
    package struct Entry: Sendable {
        package var number: Int
        package var item: AgendaItem
        package var pdfs: [Data]
        package var printed: [Paper]
        package var written: [(title: String, text: String, format: PaperFormat)]
        package var notPrinted: [Paper]

        package init(
            number: Int, item: AgendaItem, pdfs: [Data] = [], printed: [Paper] = [], written: [(title: String, text: String, format: PaperFormat)] = [], notPrinted: [Paper] = []
        ) {
            self.number = number
            self.item = item
            self.pdfs = pdfs
            self.printed = printed
            self.written = written
            self.notPrinted = notPrinted
        }
    }

    package var agenda: [AgendaItem]
    package var entries: [Entry]

    package init(agenda: [AgendaItem], entries: [Entry]) {
        self.agenda = agenda
        self.entries = entries
    }

    /// The latest version of each paper, by item, in the order the papers were first added.
    package static func latest(_ papers: [Paper]) -> [RecordID<AgendaItem>: [Paper]] {
        let versions = Dictionary(grouping: papers) { "\($0.itemID)|\($0.title)" }
        let latest = versions.values.compactMap { all in all.max { $0.version < $1.version }.map { ($0, all.map(\.id).min()!) } }
        return Dictionary(grouping: latest, by: \.0.itemID).mapValues { $0.sorted { $0.1 < $1.1 }.map(\.0) }
    }

    package static func gather(_ meeting: Meeting, audience: PackAudience, _ service: MeetingsService) async throws -> BoardPackContents {
        let agenda = try await service.meetings.items(of: meeting.id)
        let papers = latest(try await service.papers.papers(of: meeting.id))
        var entries: [Entry] = []
        for (n, item) in agenda.enumerated() where audience == .members || !item.exempt {
            var entry = Entry(number: n + 1, item: item, pdfs: [], printed: [], written: [], notPrinted: [])
            for paper in papers[item.id] ?? [] {
                let content = try await service.papers.content(paper.id)
                switch paper.format {
                case .text, .csv: entry.written.append((paper.title, String(decoding: content.body, as: UTF8.self), paper.format))
                case .pdf, .docx, .xlsx:
                    if let pdf = content.pdf {
                        entry.pdfs.append(pdf)
                        entry.printed.append(paper)
                    } else {
                        entry.notPrinted.append(paper)
                    }
                }
            }
            // An item with no papers (apologies, a verbal update) is on the agenda but has no page of its own.
            if !entry.pdfs.isEmpty || !entry.written.isEmpty || !entry.notPrinted.isEmpty { entries.append(entry) }
        }
        return BoardPackContents(agenda: agenda, entries: entries)
    }
}

/// The pack's own pages: cover, agenda and one divider per item. Its only headings are the
/// agenda's and each divider's `<h1>`, since every heading becomes a bookmark that places an item.
package enum BoardPackDocument {
    package static func skeleton(partnership: Partnership, meeting: Meeting, contents: BoardPackContents, audience: PackAudience) -> String {
        let e = AttributeText.escape
        var html = """
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>\(e(meeting.name)) – \(e(audience.label))</title><style>
            @page { size: A4; margin: 20mm 18mm 22mm; }
            body { font: 11pt/1.45 Arial, Helvetica, sans-serif; color: #0b0c0c; }
            section { break-after: page; } section:last-child { break-after: auto; }
            .cover .partnership { font-size: 16pt; margin-top: 30%; } .cover .title { font-size: 28pt; font-weight: bold; margin: 6pt 0 18pt; }
            h1 { font-size: 20pt; margin: 0 0 12pt; }
            table { border-collapse: collapse; width: 100%; font-size: 10pt; } th, td { border-bottom: 1px solid #b1b4b6; text-align: left; padding: 4pt; vertical-align: top; }
            .meta { color: #505a5f; } .written p { margin: 0 0 8pt; } .paper-title { font-weight: bold; margin-top: 12pt; }
            </style></head><body>
            <section class="cover"><p class="partnership">\(e(partnership.name))</p><p class="title">\(e(meeting.title))</p>
            <p>\(e(meeting.date.long)), \(e(meeting.startTime)) to \(e(meeting.endTime))</p>
            \(meeting.venue.map { "<p>\(e($0))</p>" } ?? "")\(meeting.onlineLink.map { "<p>Online: \(e($0))</p>" } ?? "")
            <p class="meta">\(e(audience.label))\(audience == .public ? ": items exempt from publication are not included" : ": includes exempt items; not for publication")</p></section>
            <section><h1>Agenda</h1><table><thead><tr><th>Item</th><th>Title</th><th>Presenter</th><th style="width: 8em">Purpose</th><th>Time</th></tr></thead><tbody>
            """
        var clock = minutes(meeting.startTime)
        for (n, item) in contents.agenda.enumerated() {
            let time = String(format: "%02d:%02d", clock / 60 % 24, clock % 60)
            clock += item.durationMinutes
            if audience == .public, item.exempt {
                html += "<tr><td>\(n + 1)</td><td>Exempt item: not open to the public (\(e(item.exemptReason ?? "")))</td><td></td><td></td><td>\(time)</td></tr>"
            } else {
                html +=
                    "<tr><td>\(n + 1)</td><td>\(e(item.title))\(item.exempt ? " (exempt)" : "")</td><td>\(e(item.presenter ?? ""))</td><td>\(e(item.purpose.label))</td><td>\(time)</td></tr>"
            }
        }
        html += "</tbody></table></section>"
        for entry in contents.entries {
            html += "<section><h1>Item \(entry.number): \(e(entry.item.title))</h1>"
            if entry.item.exempt { html += "<p><strong>Not for publication: \(e(entry.item.exemptReason ?? ""))</strong></p>" }
            html +=
                "<p class=\"meta\">\(e(entry.item.purpose.label))\(entry.item.presenter.map { "; presented by \(e($0))" } ?? "")\(entry.item.exempt ? "; exempt: \(e(entry.item.exemptReason ?? ""))" : "")</p>"
            if !entry.printed.isEmpty {
                html += "<p>Papers that follow:</p><ul>" + entry.printed.map { "<li>\(e($0.title))</li>" }.joined() + "</ul>"
            }
            for paper in entry.notPrinted {
                html += "<p>Not printed in this pack: \(e(paper.title)) (\(e(paper.format.label))). Download it from the meeting’s page in Hallmark.</p>"
            }
            for written in entry.written {
                html += "<div class=\"written\"><p class=\"paper-title\">\(e(written.title))</p>"
                if written.format == .csv {
                    let rows = written.text.split(whereSeparator: \.isNewline).map { CSVRecord.fields($0) }
                    html +=
                        "<table>"
                        + rows.enumerated().map { n, cells in
                            "<tr>" + cells.map { n == 0 ? "<th>\(e($0))</th>" : "<td>\(e($0))</td>" }.joined() + "</tr>"
                        }.joined() + "</table>"
                } else {
                    html += written.text.components(separatedBy: "\n\n").map { "<p>\(e($0))</p>" }.joined()
                }
                html += "</div>"
            }
            html += "</section>"
        }
        return html + "</body></html>"
    }

    static func minutes(_ time: String) -> Int {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        return parts.count == 2 ? parts[0] * 60 + parts[1] : 0
    }
}
