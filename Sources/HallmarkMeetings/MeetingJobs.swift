import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore

/// The meetings' long work, run by any instance from the jobs table: printing a board pack, and
/// converting a Word or Excel paper to PDF.
package enum MeetingJobs {
    package static let packKind = "board-pack"
    package static let conversionKind = "paper-conversion"

    package struct PackArguments: Codable, Sendable {
        package var partnership: RecordID<Partnership>
        package var meeting: RecordID<Meeting>
        package var audience: PackAudience
        package var by: String
        package var userID: Int64?

        package init(partnership: RecordID<Partnership>, meeting: RecordID<Meeting>, audience: PackAudience, by: String, userID: Int64?) {
            self.partnership = partnership
            self.meeting = meeting
            self.audience = audience
            self.by = by
            self.userID = userID
        }
    }

    package struct ConversionArguments: Codable, Sendable {
        package var paper: RecordID<Paper>
    }

    package static func enqueuePack(_ arguments: PackArguments, _ jobs: JobQueue) async throws {
        _ = try await jobs.enqueue(kind: packKind, arguments: try JSONText.string(arguments), by: arguments.userID)
    }

    package static func enqueueConversion(of paper: RecordID<Paper>, _ jobs: JobQueue, by userID: Int64?) async throws {
        _ = try await jobs.enqueue(kind: conversionKind, arguments: try JSONText.string(ConversionArguments(paper: paper)), by: userID)
    }

    /// The packs of a meeting waiting to be printed or being printed, by audience.
    package static func packsUnderWay(for meeting: RecordID<Meeting>, _ jobs: JobQueue) async throws -> Set<PackAudience> {
        Set(
            try await jobs.unfinished(kind: packKind).compactMap { job in
                (try? JSONDecoder().decode(PackArguments.self, from: Data(job.arguments.utf8))).flatMap { $0.meeting == meeting ? $0.audience : nil }
            })
    }

    /// Why the latest attempt to print one of the meeting's packs failed, if it failed after the
    /// latest pack was printed: said on the meeting's page, so that nobody waits for a pack that will not come.
    package static func packFailure(for meeting: RecordID<Meeting>, since latestPack: Int64?, _ jobs: JobQueue) async throws -> String? {
        for job in try await jobs.failed(kind: packKind) {
            guard let arguments = try? JSONDecoder().decode(PackArguments.self, from: Data(job.arguments.utf8)), arguments.meeting == meeting else { continue }
            return job.createdAt >= (latestPack ?? 0) ? (job.error ?? "It stopped without saying why") : nil
        }
        return nil
    }

    package static func packHandler(_ service: MeetingsService) -> JobHandler {
        { job, report in
            let arguments = try JSONDecoder().decode(PackArguments.self, from: Data(job.arguments.utf8))
            guard let printer = service.packPrinter else { throw BoardPackPrinter.Failed(description: "This server cannot print board packs (it lacks Chromium, qpdf or pdfinfo)") }
            guard let partnership = try await service.register.partnerships.find(arguments.partnership),
                let meeting = try await service.meetings.find(arguments.meeting, in: arguments.partnership)
            else { throw StoreError.notFound("Meeting \(arguments.meeting)") }
            try await report("Gathering the papers")
            // Read before the papers: a change made while printing leaves this pack out of date.
            let agendaVersion = try await service.papers.agendaVersion(of: meeting.id)
            let contents = try await BoardPackContents.gather(meeting, audience: arguments.audience, service)
            try await report("Printing")
            let skeleton = BoardPackDocument.skeleton(partnership: partnership, meeting: meeting, contents: contents, audience: arguments.audience)
            let (pdf, pages) = try await printer.print(skeleton: skeleton, papers: contents.entries.map { $0.pdfs })
            let pack = try await service.papers.addPack(
                pdf, pages: pages, audience: arguments.audience, agendaVersion: agendaVersion, for: meeting.id, in: partnership.id,
                by: ChangeAuthor(userID: arguments.userID, label: arguments.by))
            return "\(pack.audience.label), version \(pack.version): \(pages) pages"
        }
    }

    package static func conversionHandler(_ service: MeetingsService) -> JobHandler {
        { job, _ in
            let arguments = try JSONDecoder().decode(ConversionArguments.self, from: Data(job.arguments.utf8))
            let paper = try await service.store.withConnection { db in
                try await db.raw("SELECT format FROM papers WHERE id = \(bind: arguments.paper)").first()?.column("format", String.self)
            }
            guard let format = paper.flatMap(PaperFormat.init(rawValue:)) else { throw StoreError.notFound("Paper \(arguments.paper)") }
            guard let converter = service.converter else {
                try await service.papers.converted(arguments.paper, pdf: nil, outcome: "not converted: this server has no LibreOffice")
                return "No LibreOffice"
            }
            let body = try await service.papers.content(arguments.paper).body
            do {
                let pdf = try await converter.pdf(of: body, format: format)
                try await service.papers.converted(arguments.paper, pdf: pdf, outcome: "converted")
                return "Converted"
            } catch let failed as PaperConverter.Failed {
                try await service.papers.converted(arguments.paper, pdf: nil, outcome: "not converted: \(failed.description)")
                return "Not converted"
            }
        }
    }
}
