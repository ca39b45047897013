import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// Working on a meeting: its agenda items and their papers, minutes, decisions and actions;
/// attendance; and approving an earlier meeting's minutes.
package struct AgendaController {
    package let deps: MeetingsService

    package init(deps: MeetingsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.post(Site.agendaItems.path, use: addItem)
        router.get(Site.agendaItem.path, use: item)
        router.post(Site.agendaItem.path, use: updateItem)
        router.post(Site.moveAgendaItem.path, use: move)
        router.post(Site.removeAgendaItem.path, use: remove)
        router.post(Site.itemMinute.path, use: minute)
        router.post(Site.itemDecisions.path, use: decide)
        router.post(Site.itemActions.path, use: addAction)
        router.post(Site.itemPapers.path, use: upload)
        router.get(Site.attendance.path, use: attendance)
        router.post(Site.attendance.path, use: saveAttendance)
        router.post(Site.approveMinutes.path, use: approveMinutes)
    }

    package func addItem(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, visitor) = try await deps.meeting(context, .runMeetings)
        let draft: ItemDraft
        do {
            draft = try ItemDraft.validate(context.form)
        } catch {
            // The short form sits on the meeting's page; a failure is shown on the item form of its own.
            return try HTMLResponse(
                context.layout("Add an item", MeetingController.crumbs(p, m)).render(
                    Forms.errorSummary(error), .span(.class("caption"), .plainText(m.name)), .h1("Add an item of business"),
                    .form(
                        .method(.post), .action(Site.agendaItems(p.id, m.id)), .novalidate(), Forms.csrf(context.csrfToken),
                        ItemForm.fields(FormModel(input: context.form, failure: error)), Forms.submit("Add to the agenda"))),
                status: .unprocessableContent
            ).response(from: request, context: context)
        }
        let item = try await deps.meetings.addItem(draft, to: m.id, in: p.id, by: visitor.author)
        return redirect(to: Site.agendaItem(p.id, m.id, item.id), notice: .itemAdded)
    }

    /// The item's page, with the visitor's failed form (if any) shown again with its errors.
    private func itemPage(_ context: HallmarkContext, _ permission: Permission, failed: (String, FormModel)? = nil) async throws -> HTMLResponse {
        let (p, m, visitor) = try await deps.meeting(context, permission)
        let items = try await deps.meetings.items(of: m.id)
        let itemID: RecordID<AgendaItem> = try context.id("item")
        guard let index = items.firstIndex(where: { $0.id == itemID }) else { throw AccessRefused.notFound }
        let ids = visitor.scope.everything ? Set(try await deps.register.partnerships.tree().map(\.id)) : visitor.scope.visible
        let page = ItemPage(
            partnership: p, meeting: m, item: items[index], number: index + 1, itemCount: items.count,
            papers: try await deps.papers.papers(of: m.id).filter { $0.itemID == itemID },
            decisions: try await deps.minutes.decisions(at: m.id).filter { $0.itemID == itemID },
            actions: try await deps.minutes.actions(of: p.id).filter { $0.action.itemID == itemID },
            people: try await deps.register.people.all(in: ids), organisations: try await deps.register.partnerships.authorities(of: p.id),
            voters: try await voters(m), canRun: visitor.user.role.may(.runMeetings), canSubmit: visitor.user.role.may(.submitPapers),
            papersOpen: CalendarDate.today() <= m.date,
            approvable: m.status.counts ? try await deps.meetings.meetings(of: p.id).filter { $0.date < m.date && $0.status.counts && !$0.minutesApproved } : [],
            failed: failed)
        return HTMLResponse(
            ItemPageView.render(page, layout: context.layout(items[index].title, MeetingController.crumbs(p, m))),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    /// Voting members counted present, for the most votes a decision may have.
    private func voters(_ m: Meeting) async throws -> Int {
        try await deps.quorum(of: m).counted
    }

    package func item(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try await itemPage(context, .readMeetings)
    }

    /// Runs a change to an item; a problem with the input shows the item's page with that form's errors.
    /// - Parameter toMeeting: go back to the meeting afterwards rather than to the item (which,
    ///   taken off the agenda, is no longer there).
    private func change(
        _ request: Request, _ context: HallmarkContext, form: String, _ permission: Permission = .runMeetings, toMeeting: Bool = false,
        _ work: (Partnership, Meeting, RecordID<AgendaItem>, Visitor) async throws -> Notice
    ) async throws -> Response {
        let (p, m, visitor) = try await deps.meeting(context, permission)
        let itemID: RecordID<AgendaItem> = try context.id("item")
        guard try await deps.meetings.item(itemID, of: m.id) != nil else { throw AccessRefused.notFound }
        return try await change(request, context, p, m, itemID, visitor, form: form, permission, toMeeting: toMeeting, work)
    }

    /// The same, for an item already found.
    private func change(
        _ request: Request, _ context: HallmarkContext, _ p: Partnership, _ m: Meeting, _ itemID: RecordID<AgendaItem>, _ visitor: Visitor, form: String,
        _ permission: Permission, toMeeting: Bool, _ work: (Partnership, Meeting, RecordID<AgendaItem>, Visitor) async throws -> Notice
    ) async throws -> Response {
        do {
            let notice = try await work(p, m, itemID, visitor)
            return redirect(to: toMeeting ? Site.meeting(p.id, m.id) : Site.agendaItem(p.id, m.id, itemID), notice: notice)
        } catch let failure as ValidationFailure {
            return try await itemPage(context, permission, failed: (form, FormModel(input: context.form, failure: failure))).response(from: request, context: context)
        }
    }

    package func updateItem(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "item") { p, m, item, visitor in
            _ = try await deps.meetings.updateItem(item, of: m.id, in: p.id, to: try ItemDraft.validate(context.form), by: visitor.author)
            return .changesSaved
        }
    }

    package func move(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "move") { p, m, item, visitor in
            var v = Validator(context.form)
            let place = v.whole("position", label: "place", in: 1...1000)
            try v.check()
            try await deps.meetings.move(item, of: m.id, in: p.id, to: place!, by: visitor.author)
            return .itemMoved
        }
    }

    package func remove(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, visitor) = try await deps.meeting(context, .runMeetings)
        // Sent again (Back, then Reload) once it has gone: said so, not "not found".
        guard let item = try await deps.meetings.item(try context.id("item"), of: m.id) else {
            return redirect(to: Site.meeting(p.id, m.id), notice: .itemAlreadyRemoved)
        }
        if let page = try Confirmation(
            question: "Take “\(item.title)” off the agenda?",
            consequence: "The items after it are renumbered, and a pack printed before needs printing again. The audit log keeps what it said.",
            button: "Yes, take it off the agenda", back: Site.agendaItem(p.id, m.id, item.id)
        ).ask(request, context, caption: p.name, crumbs: MeetingController.crumbs(p, m)) {
            return page
        }
        return try await change(request, context, p, m, item.id, visitor, form: "remove", .runMeetings, toMeeting: true) { p, m, item, visitor in
            try await deps.meetings.removeItem(item, of: m.id, in: p.id, by: visitor.author)
            return .itemRemoved
        }
    }

    package func minute(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "minute") { p, m, item, visitor in
            var v = Validator(context.form)
            let text = v.text("minute", label: "minute", maxLength: 20000)
            try v.check()
            try await deps.meetings.minute(item, of: m.id, in: p.id, text, by: visitor.author)
            return .changesSaved
        }
    }

    package func decide(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "decision") { p, m, item, visitor in
            let draft = try DecisionDraft.validate(context.form, voters: try await voters(m))
            _ = try await deps.minutes.addDecision(draft, under: item, of: m.id, in: p.id, by: visitor.author)
            return .decisionRecorded
        }
    }

    package func addAction(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "action") { p, m, item, visitor in
            let draft = try ActionDraft.validate(context.form)
            try await checkOwner(draft, p, visitor)
            _ = try await deps.minutes.addAction(draft, under: item, of: m.id, in: p.id, by: visitor.author)
            return .actionAdded
        }
    }

    /// The owner must be someone the visitor can see, and an organisation of the partnership's.
    private func checkOwner(_ draft: ActionDraft, _ p: Partnership, _ visitor: Visitor) async throws {
        var problems: [FieldError] = []
        if let id = draft.ownerPersonID {
            let person = try await deps.register.people.find(id)
            if person == nil || !visitor.scope.contains(person!.partnershipID) { problems.append(.init(field: "owner_person_id", message: "Select one of the listed people")) }
        }
        if let id = draft.ownerOrganisationID, !(try await deps.register.partnerships.authorities(of: p.id)).contains(where: { $0.id == id }) {
            problems.append(.init(field: "owner_organisation_id", message: "Select one of this partnership’s organisations"))
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
    }

    /// A paper: a file sent with the form (read as it arrives, never beyond the limit), or text written in the page.
    package func upload(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, visitor) = try await deps.meeting(context, .submitPapers)
        let itemID: RecordID<AgendaItem> = try context.id("item")
        guard try await deps.meetings.item(itemID, of: m.id) != nil else { throw AccessRefused.notFound }
        let limit = PaperIntake.limit + 256 * 1024
        guard
            let upload = MultipartUpload(
                contentType: request.headers[.contentType] ?? "", limit: limit,
                tooLarge: "The paper is larger than \(PaperIntake.limit / 1024 / 1024) MB. Make it smaller (compress its pictures) or split it into parts")
        else { throw HTTPError(.badRequest, message: "Send the paper from the item’s page (as multipart/form-data)") }
        let folder = try ScratchFolder.make("paper-upload")
        defer { ScratchFolder.remove(folder) }
        var fields: [String: String] = [:]
        do {
            let session = context.session
            let received = try await upload.receive(request.body, into: folder) { token in
                guard let session, Secrets.equal(token, session.csrfToken) else { throw CSRFRefused() }
            }
            fields = received.fields
            var v = Validator(fields)
            let title = v.text("paper_title", label: "paper’s title")
            let text = v.text("text", label: "paper", required: false, maxLength: 60_000)
            if received.files.isEmpty, text == nil, v.errors.isEmpty { v.fail("paper", "Choose a file, or write the paper in the box") }
            if received.files.count > 1 { v.fail("paper", "Send one file at a time") }
            try v.check()
            let paper: PaperUpload
            if let file = received.files.first {
                let bytes = try Data(contentsOf: file.path)
                paper = try await deps.intake.check(title: title!, fileName: file.name, bytes: bytes)
            } else {
                paper = PaperUpload(title: title!, fileName: "\(FileName.slug(title!)).txt", format: .text, bytes: Data(text!.utf8))
            }
            let stored = try await deps.papers.add(paper, to: itemID, of: m.id, in: p.id, by: visitor.author)
            if stored.format == .docx || stored.format == .xlsx { try await MeetingJobs.enqueueConversion(of: stored.id, deps.jobs, by: visitor.user.id) }
            return redirect(to: Site.agendaItem(p.id, m.id, itemID), notice: .paperAdded)
        } catch {
            let failure: ValidationFailure
            switch error {
            case let f as ValidationFailure: failure = f
            case let refused as MultipartUpload.Refused: failure = ValidationFailure(field: "paper", message: refused.description)
            case let refused as PaperIntake.Refused: failure = ValidationFailure(field: "paper", message: refused.description)
            default: throw error
            }
            fields.removeValue(forKey: "csrf_token")
            return try await itemPage(context, .submitPapers, failed: ("paper", FormModel(input: fields, failure: failure))).response(from: request, context: context)
        }
    }

    package func attendance(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try await attendancePage(context, failure: nil)
    }

    private func attendancePage(_ context: HallmarkContext, failure: ValidationFailure?) async throws -> HTMLResponse {
        let (p, m, visitor) = try await deps.meeting(context, .readMeetings)
        return HTMLResponse(
            AttendanceFormView.render(
                p, m, seats: try await deps.seats(of: p.id, on: m.date), attendance: try await deps.minutes.attendance(at: m.id), quorum: try await deps.quorum(of: m),
                rule: try await deps.terms.inForce(for: p.id, on: m.date).terms.quorum, canRun: visitor.user.role.may(.runMeetings), failure: failure,
                layout: context.layout("Attendance", MeetingController.crumbs(p, m))),
            status: failure == nil ? .ok : .unprocessableContent)
    }

    package func saveAttendance(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, visitor) = try await deps.meeting(context, .runMeetings)
        do {
            guard context.form["recorded"] == "yes" else {
                throw ValidationFailure(field: "recorded", message: "Send the attendance from the attendance form")
            }
            var v = Validator(context.form)
            var records: [Attendance] = []
            for seat in try await deps.seats(of: p.id, on: m.date) {
                let id = seat.membership.id
                let status = v.choice("seat-\(id)", label: "attendance of \(seat.personName)", as: AttendanceStatus.self)
                let deputy = v.text("deputy-\(id)", label: "deputy’s name", required: false)
                if status == .deputy, deputy == nil, (context.form["deputy-\(id)"] ?? "").isEmpty {
                    v.fail("deputy-\(id)", "Enter the name of the deputy who came for \(seat.personName)")
                } else if status != .deputy, deputy != nil {
                    v.fail("deputy-\(id)", "\(seat.personName) is not recorded as sending a deputy: choose “Sent a deputy” or clear the deputy’s name")
                }
                if let status { records.append(Attendance(membershipID: id, status: status, deputyName: status == .deputy ? deputy : nil)) }
            }
            try v.check()
            try await deps.minutes.saveAttendance(records, at: m.id, in: p.id, by: visitor.author)
            return redirect(to: Site.attendance(p.id, m.id), notice: .attendanceSaved)
        } catch let failure as ValidationFailure {
            return try await attendancePage(context, failure: failure).response(from: request, context: context)
        }
    }

    package func approveMinutes(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, m, visitor) = try await deps.meeting(context, .runMeetings)
        var v = Validator(context.form)
        let previous: RecordID<Meeting>? = v.id("previous", label: "meeting whose minutes were approved")
        guard let previous, v.errors.isEmpty, try await deps.meetings.find(previous, in: p.id) != nil else {
            throw HTTPError(.unprocessableContent, message: "Select one of the listed meetings")
        }
        guard v.flag("confirm") else {
            throw HTTPError(.unprocessableContent, message: "Tick the box to confirm the meeting approved these minutes: once approved, that meeting’s record is frozen")
        }
        do {
            try await deps.minutes.approveMinutes(of: previous, at: m.id, in: p.id, by: visitor.author)
        } catch let failure as ValidationFailure {
            throw HTTPError(.unprocessableContent, message: failure.errors.map(\.message).joined(separator: ". "))
        }
        return redirect(to: Site.meeting(p.id, m.id), notice: .minutesApproved)
    }
}
