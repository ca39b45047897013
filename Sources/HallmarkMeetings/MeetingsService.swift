import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// What the meetings' routes and jobs work with: the register's partnerships and people, the
/// meetings' repositories, and the programs that print packs and convert papers.
package struct MeetingsService: Sendable {
    package let register: RegisterService
    /// Prints documents (the annual report) to PDF; nil without Chromium.
    package let printer: PDFPrinter?
    /// Prints packs; nil when the server lacks Chromium, qpdf or pdfinfo.
    package let packPrinter: BoardPackPrinter?
    /// Converts Word and Excel papers to PDF; nil when the server has no LibreOffice.
    package let converter: PaperConverter?
    package let intake: PaperIntake

    package init(
        register: RegisterService, printer: PDFPrinter? = PDFPrinter.find(), converter: PaperConverter? = PaperConverter.find(), intake: PaperIntake = PaperIntake()
    ) {
        self.register = register
        self.printer = printer
        self.packPrinter = BoardPackPrinter.find(printer: printer)
        self.converter = converter
        self.intake = intake
    }

    package var store: Store { register.store }
    package var meetings: MeetingRepository { MeetingRepository(store: store) }
    package var minutes: MinutesRepository { MinutesRepository(store: store) }
    package var papers: PaperRepository { PaperRepository(store: store) }
    package var terms: TermsRepository { TermsRepository(store: store) }
    package var jobs: JobQueue { JobQueue(store: store) }

    /// The partnership and meeting the path names, if the visitor may do `permission` there.
    package func meeting(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Meeting, Visitor) {
        let (p, visitor) = try await register.partnership(context, permission)
        guard let meeting = try await meetings.find(try context.id("meeting"), in: p.id) else { throw AccessRefused.notFound }
        return (p, meeting, visitor)
    }

    /// Schedules a meeting, or a series when `repeat` names a frequency and `count` how many,
    /// from a form's or an API request's fields, each with the standing items of the terms in force.
    package func schedule(_ input: [String: String], in p: Partnership, by author: ChangeAuthor) async throws -> [Meeting] {
        let (draft, dates) = try MeetingDraft.schedule(input)
        let standing = try await terms.inForce(for: p.id).terms.standingItems
        return try await meetings.create(
            dates.map {
                var d = draft; d.date = $0; return d
            }, in: p.id, standing: standing, by: author)
    }

    /// The seats of the partnership current on a day, with the names and types a quorum needs.
    package func seats(of partnershipID: RecordID<Partnership>, on day: CalendarDate) async throws -> [MemberEntry] {
        try await register.memberships.entries(of: partnershipID).filter { $0.membership.isCurrent(on: day) }
    }

    /// Whether the meeting is quorate on the attendance recorded, under the terms in force.
    package func quorum(of meeting: Meeting) async throws -> Quorum.Finding {
        let rule = try await terms.inForce(for: meeting.partnershipID, on: meeting.date).terms.quorum
        let seats = try await seats(of: meeting.partnershipID, on: meeting.date)
        let attendance = try await minutes.attendance(at: meeting.id)
        let organisations = try await register.organisations.all()
        let types = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.type) })
        let names = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.name) })
        return Quorum.assess(
            rule,
            seats: seats.map { entry in
                Quorum.Seat(
                    vote: entry.membership.vote, organisationID: entry.membership.organisationID,
                    organisationType: entry.membership.organisationID.flatMap { types[$0] },
                    status: attendance[entry.membership.id]?.status ?? .absent)
            }, organisationNames: names)
    }
}
