import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird
import Plot

/// The partnership's standing record: the action log, terms of reference and their signatures,
/// attendance over a period, and the annual report to scrutiny.
package struct GovernanceController {
    package let deps: MeetingsService

    package init(deps: MeetingsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.actionLog.path, use: actionLog)
        router.get(Site.actionLogCSV.path, use: actionLogCSV)
        router.get(Site.action.path, use: action)
        router.post(Site.action.path, use: updateAction)
        router.get(Site.termsOfReference.path, use: terms)
        router.post(Site.termsOfReference.path, use: saveTerms)
        router.get(Site.editTermsOfReference.path, use: editTerms)
        router.get(Site.termsVersion.path, use: termsVersion)
        router.post(Site.approveTermsVersion.path, use: approveTerms)
        router.post(Site.signOffs.path, use: signOff)
        router.get(Site.attendanceReport.path, use: attendanceReport)
        router.get(Site.attendanceReportCSV.path, use: attendanceReportCSV)
        router.get(Site.annualReport.path, use: annualReport)
        router.get(Site.annualReportPDF.path, use: annualReportPDF)
    }

    package func actionLog(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        return HTMLResponse(ActionLogView.render(p, actions: try await deps.minutes.actions(of: p.id), today: .today(), layout: context.layout("Action log", Layout.crumbs(to: p))))
    }

    package func actionLogCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        return ActionLogView.csv(try await deps.minutes.actions(of: p.id)).response(filename: "\(FileName.slug(p.name))-actions.csv")
    }

    private func actionPage(_ context: HallmarkContext, form: FormModel, status: HTTPResponse.Status) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readMeetings)
        let id: RecordID<Action> = try context.id("action")
        guard let entry = try await deps.minutes.actions(of: p.id).first(where: { $0.action.id == id }) else { throw AccessRefused.notFound }
        let all = try await deps.meetings.meetings(of: p.id)
        let raised = all.first { $0.id == entry.action.meetingID }?.date ?? .today()
        // The meetings that could have heard an update: held since the action was raised.
        let since = all.filter { $0.date >= raised && $0.date <= .today() && $0.status != .cancelled }
        return HTMLResponse(
            ActionLogView.action(
                p, entry, meetings: since, canUpdate: entry.mayBeUpdated(by: visitor.user.role, email: visitor.user.email), form: form,
                layout: context.layout("Action", Layout.crumbs(to: p) + [("Action log", Site.actionLog(p.id))])), status: status)
    }

    package func action(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try await actionPage(context, form: FormModel(), status: .ok)
    }

    package func updateAction(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .submitPapers)
        let id: RecordID<Action> = try context.id("action")
        guard let entry = try await deps.minutes.actions(of: p.id).first(where: { $0.action.id == id }) else { throw AccessRefused.notFound }
        guard entry.mayBeUpdated(by: visitor.user.role, email: visitor.user.email) else { throw AccessRefused.forbidden }
        do {
            var v = Validator(context.form)
            let text = v.text("update", label: "progress", maxLength: 4000)
            let status = v.choice("status", label: "status", as: ActionStatus.self)
            let meeting: RecordID<Meeting>? = v.id("meeting", label: "meeting", required: false)
            if let meeting, try await deps.meetings.find(meeting, in: p.id) == nil { v.fail("meeting", "Select one of the listed meetings") }
            try v.check()
            _ = try await deps.minutes.update(id, in: p.id, text: text!, status: status!, at: meeting, by: visitor.author)
            return redirect(to: Site.action(p.id, id), notice: .actionUpdated)
        } catch let failure as ValidationFailure {
            return try await actionPage(context, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent).response(from: request, context: context)
        } catch StoreError.notFound {
            throw AccessRefused.notFound
        }
    }

    package func terms(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readMeetings)
        return HTMLResponse(
            TermsView.render(
                p, inForce: try await deps.terms.inForce(for: p.id), versions: try await deps.terms.versions(of: p.id),
                organisations: try await deps.register.organisations.all(), canRun: visitor.user.role.may(.runMeetings),
                layout: context.layout("Terms of reference", Layout.crumbs(to: p))))
    }

    package func editTerms(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .runMeetings)
        return HTMLResponse(
            TermsView.form(
                p, organisations: try await deps.register.partnerships.authorities(of: p.id),
                form: FormModel(input: TermsView.input(try await deps.terms.inForce(for: p.id).terms)),
                layout: context.layout("Draft terms of reference", Layout.crumbs(to: p) + [("Terms of reference", Site.termsOfReference(p.id))])))
    }

    package func saveTerms(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .runMeetings)
        let organisations = try await deps.register.partnerships.authorities(of: p.id)
        do {
            let terms = try TermsView.validate(context.form, organisations: organisations)
            let voting = try await deps.seats(of: p.id, on: .today()).filter { $0.membership.vote == .voting }.count
            if voting > 0, terms.quorum.votingMembers > voting {
                throw ValidationFailure(
                    field: "quorum_count", message: "The partnership has \(voting) voting member\(voting == 1 ? "" : "s") now: a quorum cannot need more than that")
            }
            let version = try await deps.terms.saveDraft(terms, for: p.id, by: visitor.author)
            return redirect(to: Site.termsVersion(p.id, version.id), notice: .termsSaved)
        } catch let failure as ValidationFailure {
            return try HTMLResponse(
                TermsView.form(
                    p, organisations: organisations, form: FormModel(input: context.form, failure: failure),
                    layout: context.layout("Draft terms of reference", Layout.crumbs(to: p) + [("Terms of reference", Site.termsOfReference(p.id))])),
                status: .unprocessableContent
            ).response(from: request, context: context)
        }
    }

    private func versionPage(_ context: HallmarkContext, form: FormModel, status: HTTPResponse.Status) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readMeetings)
        guard let (version, terms) = try await deps.terms.terms(try context.id("version"), in: p.id) else { throw AccessRefused.notFound }
        return HTMLResponse(
            TermsView.version(
                p, version, terms, signOffs: try await deps.terms.signOffs(of: version.id), organisations: try await deps.register.partnerships.authorities(of: p.id),
                held: try await heldMeetings(p), canRun: visitor.user.role.may(.runMeetings), form: form,
                layout: context.layout(version.title, Layout.crumbs(to: p) + [("Terms of reference", Site.termsOfReference(p.id))])), status: status)
    }

    /// Meetings held, latest first: where terms are approved.
    private func heldMeetings(_ p: Partnership) async throws -> [Meeting] {
        try await deps.meetings.meetings(of: p.id).filter { $0.status.counts && $0.date <= .today() }.reversed()
    }

    package func termsVersion(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try await versionPage(context, form: FormModel(), status: .ok)
    }

    package func approveTerms(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .runMeetings)
        let id: RecordID<RecordVersion> = try context.id("version")
        guard try await deps.terms.terms(id, in: p.id) != nil else { throw AccessRefused.notFound }
        do {
            var v = Validator(context.form)
            let meetingID: RecordID<Meeting>? = v.id("meeting", label: "meeting that approved it")
            let meeting = try await heldMeetings(p).first { $0.id == meetingID }
            if meetingID != nil, meeting == nil { v.fail("meeting", "Select one of the listed meetings") }
            if !v.flag("confirm") { v.fail("confirm", "Tick the box to confirm the board approved this version") }
            try v.check()
            _ = try await deps.terms.records.approve(id, in: p.id, meeting: meeting!.name, by: visitor.author)
            return redirect(to: Site.termsVersion(p.id, id), notice: .versionApproved)
        } catch let failure as ValidationFailure {
            return try await versionPage(context, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent).response(from: request, context: context)
        }
    }

    package func signOff(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .runMeetings)
        let id: RecordID<RecordVersion> = try context.id("version")
        guard let (version, _) = try await deps.terms.terms(id, in: p.id) else { throw AccessRefused.notFound }
        do {
            var v = Validator(context.form)
            let organisation: RecordID<Organisation>? = v.id("organisation_id", label: "authority")
            let signedBy = v.text("signed_by", label: "name of who signed")
            let day = v.date("signed_on", label: "date signed")
            if !version.isApproved { v.fail("organisation_id", "Only an approved version can be signed") }
            if let organisation, !(try await deps.register.partnerships.authorities(of: p.id)).contains(where: { $0.id == organisation }) {
                v.fail("organisation_id", "Select one of this partnership’s organisations")
            }
            if let day, day > .today() { v.fail("signed_on", "The date signed cannot be in the future") }
            try v.check()
            try await deps.terms.signOff(id, in: p.id, organisation: organisation!, signedBy: signedBy!, on: day!, by: visitor.author)
            return redirect(to: Site.termsVersion(p.id, id), notice: .signOffRecorded)
        } catch let failure as ValidationFailure {
            return try await versionPage(context, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// The period asked for, by default the last twelve months to today; both ends checked.
    private func period(_ request: Request) -> (from: CalendarDate, to: CalendarDate, failure: ValidationFailure?) {
        let today = CalendarDate.today()
        let query = ["from": request.uri.queryParameters.get("from") ?? "", "to": request.uri.queryParameters.get("to") ?? ""]
        var v = Validator(query)
        let from = v.date("from", label: "first day", required: false) ?? today.adding(days: -365)
        let to = v.date("to", label: "last day", required: false) ?? today
        if to < from { v.fail("to", "The last day must be on or after the first day") }
        return v.errors.isEmpty ? (from, to, nil) : (today.adding(days: -365), today, ValidationFailure(v.errors))
    }

    private func report(_ p: Partnership, from: CalendarDate, to: CalendarDate) async throws -> AttendanceReport {
        let meetings = try await deps.meetings.meetings(of: p.id).filter { from <= $0.date && $0.date <= to }
        let seats = try await deps.register.memberships.entries(of: p.id).map { e in
            AttendanceReport.Seat(
                membershipID: e.membership.id, person: e.personName, organisation: e.organisationName, nominatedBy: e.nominatedByName, start: e.membership.startDate,
                end: e.membership.endDate)
        }
        let attendance = try await deps.minutes.attendance(at: meetings.map(\.id)).mapValues { $0.mapValues(\.status) }
        return AttendanceReport.make(meetings: meetings, seats: seats, attendance: attendance)
    }

    package func attendanceReport(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        let (from, to, failure) = period(request)
        return HTMLResponse(
            AttendanceReportView.render(
                p, try await report(p, from: from, to: to), from: from, to: to, failure: failure, layout: context.layout("Attendance", Layout.crumbs(to: p))),
            status: failure == nil ? .ok : .unprocessableContent)
    }

    package func attendanceReportCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        let (from, to, failure) = period(request)
        if let failure { throw HTTPError(.unprocessableContent, message: failure.errors.map(\.message).joined(separator: ". ")) }
        let report = try await report(p, from: from, to: to)
        let by = request.uri.queryParameters.get("by") ?? "person"
        let parts = ["person": report.byPerson, "organisation": report.byOrganisation, "nominating-body": report.byNominatingBody]
        guard let rows = parts[by] else { throw HTTPError(.unprocessableContent, message: "by must be person, organisation or nominating-body") }
        return AttendanceReportView.csv(rows).response(filename: "\(FileName.slug(p.name))-attendance-by-\(by)-\(from.iso)-to-\(to.iso).csv")
    }

    /// The financial year asked for as its first calendar year (`?year=2025` for 2025/26); by default the last one ended.
    private func annual(_ request: Request, context: HallmarkContext) async throws -> AnnualReport {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        let today = CalendarDate.today()
        let lastEnded = today.month >= 4 ? today.year - 1 : today.year - 2
        let raw = request.uri.queryParameters.get("year")
        guard let year = raw.map({ Int($0) }) ?? lastEnded, (2000...today.year).contains(year) else {
            throw HTTPError(.unprocessableContent, message: "year must be the financial year’s first calendar year, from 2000 to \(today.year), like \(lastEnded)")
        }
        let start = CalendarDate(year: year, month: 4, day: 1)!, end = CalendarDate(year: year + 1, month: 3, day: 31)!
        let meetings = try await deps.meetings.meetings(of: p.id).filter { start <= $0.date && $0.date <= end }
        let ids = Set(meetings.map(\.id))
        let byID = Dictionary(uniqueKeysWithValues: meetings.map { ($0.id, $0) })
        let actions = try await deps.minutes.actions(of: p.id).filter { ids.contains($0.action.meetingID) }
        let terms = try await deps.terms.versions(of: p.id).first(where: \.isApproved)
        let assessments = try await VersionedRecords(store: deps.store, kind: "strategic assessment").versions(of: p.id).filter { v in
            let day = CalendarDate.today(now: Date(timeIntervalSince1970: Double(v.approvedAt ?? v.createdAt)))
            return start <= day && day <= end
        }
        return AnnualReport(
            partnership: p, start: start, meetings: meetings, report: try await report(p, from: start, to: end),
            decisions: try await deps.minutes.publicDecisions(of: p.id).compactMap { d in byID[d.meetingID].map { ($0, d.item, d.decision) } }, actionsRaised: actions.count,
            actionsClosed: actions.filter { $0.action.status.closed }.count, actionsOpen: actions.filter { $0.action.status == .open }.count,
            assessments: assessments.reversed(), terms: terms)
    }

    package func annualReport(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let report = try await annual(request, context: context)
        let p = report.partnership
        let toolbar: Node<HTML.BodyContext> = .nav(
            .class("toolbar"), .ariaLabel("Document"),
            .p(
                .a(.href(Site.meetings(p.id)), "Back to the meetings"), .plainText(" · "),
                .a(.href(Site.annualReport(p.id) + "?year=\(report.start.year - 1)"), .plainText("Year before")), .plainText(" · "),
                .if(deps.printer != nil, .a(.href(Site.annualReportPDF(p.id) + "?year=\(report.start.year)"), "PDF"))))
        return HTMLResponse(report.html(toolbar: toolbar))
    }

    package func annualReportPDF(_ request: Request, context: HallmarkContext) async throws -> Response {
        let report = try await annual(request, context: context)
        return try await PDFPrinter.response(
            deps.printer, html: report.html(), name: "\(FileName.slug(report.partnership.name))-annual-report-\(report.start.year).pdf", what: "report")
    }
}
