import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// A partnership's draft strategic assessment: the printable document and every figure as JSON.
package struct AssessmentController {
    package let deps: AssessmentService

    package init(deps: AssessmentService) {
        self.deps = deps
    }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.assessment.path, use: document)
        router.get(Site.assessmentJSON.path, use: figures)
        router.get(Site.assessmentPDF.path, use: documentPDF)
        router.get(Site.assessmentAPI.path, use: figures)
        router.get(Site.assessmentTable.path, use: table)
        router.get(Site.assessmentVersions.path, use: versions)
        router.post(Site.assessmentVersions.path, use: saveDraft)
        router.get(Site.assessmentVersion.path, use: storedDocument)
        router.get(Site.assessmentVersionTable.path, use: storedTable)
        router.get(Site.assessmentVersionPDF.path, use: storedDocumentPDF)
        router.get(Site.approveAssessmentVersion.path, use: approvalForm)
        router.post(Site.approveAssessmentVersion.path, use: approve)
    }

    package var repository: AssessmentRepository { AssessmentRepository(store: deps.store) }

    package func versions(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readCrimeData)
        let latest = try await deps.crime.latestMonth().map(MonthNumber.text) ?? ""
        return try await versionsPage(p, visitor, context, form: FormModel(input: ["to": latest]), status: .ok)
    }

    private func versionsPage(_ p: Partnership, _ visitor: Visitor, _ context: HallmarkContext, form: FormModel, status: HTTPResponse.Status) async throws -> HTMLResponse {
        HTMLResponse(
            AssessmentVersionsView.render(
                p, versions: try await repository.versions(of: p.id),
                canDraft: visitor.user.role.may(.draftAssessment), canApprove: visitor.user.role.may(.approveAssessment),
                canPrintPDF: deps.printer != nil, form: form, layout: context.layout("Assessment versions", Layout.crumbs(to: p))), status: status)
    }

    package func saveDraft(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .draftAssessment)
        do {
            var v = Validator(context.form)
            let to = v.month("to", label: "last month")
            try v.check()
            let assessment = try await self.assessment(p, to: to.map(MonthNumber.text))
            // The same data, settings and months give the same figures: a second copy adds nothing.
            if let same = try await repository.versions(of: p.id).first(where: { $0.fingerprint == assessment.fingerprint && $0.period == assessment.period }) {
                throw ValidationFailure(
                    field: "to", message: "Version \(same.id) already holds exactly these figures for \(assessment.period) (the same data and settings), so nothing new was saved")
            }
            _ = try await repository.saveDraft(
                partnershipID: p.id, period: assessment.period, fingerprint: assessment.fingerprint,
                settingsJSON: try WorkingSettings.json(assessment.settings), figuresJSON: String(decoding: try assessment.json(), as: UTF8.self),
                tablesJSON: try assessment.tablesJSON(),
                html: { assessment.html(partnershipID: p.id, version: $0) }, by: visitor.author)
            return redirect(to: Site.assessmentVersions(p.id), notice: .versionSaved)
        } catch let failure as ValidationFailure {
            return try await versionsPage(p, visitor, context, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    package func storedDocument(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        HTMLResponse(try await storedHTML(context).html)
    }

    /// A saved version's document as saved, with the approval its record holds, if any.
    private func storedHTML(_ context: HallmarkContext) async throws -> (html: String, name: String) {
        let (p, _) = try await deps.register.partnership(context, .readCrimeData)
        guard let stored = try await repository.document(try context.id("version"), in: p.id) else { throw AccessRefused.notFound }
        return (AssessmentDocument.shown(stored.html, version: stored.version), "\(FileName.slug(p.name))-assessment-version-\(stored.version.id).pdf")
    }

    package func storedDocumentPDF(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (html, name) = try await storedHTML(context)
        return try await pdf(html, name: name)
    }

    /// The draft as PDF, exactly as the page prints.
    package func documentPDF(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .readCrimeData)
        let a = try await assessment(p, to: request.uri.queryParameters.get("to"))
        let html = a.html(partnershipID: p.id, canChangeSettings: visitor.user.role.may(.draftAssessment), canPrintPDF: false)
        return try await pdf(html, name: "\(FileName.slug(p.name))-assessment-\(a.months.last ?? "").pdf")
    }

    private func pdf(_ html: String, name: String) async throws -> Response {
        try await PDFPrinter.response(deps.printer, html: html, name: name)
    }

    /// One table of a saved version as CSV, exactly as it was saved.
    package func storedTable(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readCrimeData)
        let version: RecordID<AssessmentVersion> = try context.id("version")
        guard let name = Self.tableName(context), let json = try await repository.tables(version, in: p.id),
            let tables = try? JSONDecoder().decode([String: [[String]]].self, from: Data(json.utf8)),
            let rows = tables[name], let headers = rows.first
        else { throw AccessRefused.notFound }
        return CSVDocument(headers: headers, rows: Array(rows.dropFirst())).response(filename: Self.fileName(p, "version-\(version)-\(name)"))
    }

    /// The table a CSV route names, `trends.csv` → `trends`.
    package static func tableName(_ context: HallmarkContext) -> String? {
        guard let file = context.parameters.get("table"), file.hasSuffix(".csv") else { return nil }
        return String(file.dropLast(4))
    }

    package static func fileName(_ p: Partnership, _ table: String) -> String {
        "\(FileName.slug(p.name))-assessment-\(table).csv"
    }

    /// A draft of this partnership's, for its approval page; another's, or an approved one, is not offered.
    private func draftToApprove(_ p: Partnership, _ context: HallmarkContext) async throws -> AssessmentVersion {
        guard let version = try await repository.version(try context.id("version"), in: p.id) else { throw AccessRefused.notFound }
        return version
    }

    private func approvalPage(
        _ p: Partnership, _ version: AssessmentVersion, _ context: HallmarkContext, form: FormModel,
        status: HTTPResponse.Status
    ) -> HTMLResponse {
        let crumbs = Layout.crumbs(to: p) + [("Assessment versions", Site.assessmentVersions(p.id))]
        return HTMLResponse(
            AssessmentVersionsView.approval(
                p, version: version, form: form,
                layout: context.layout("Record the board’s approval", crumbs)), status: status)
    }

    package func approvalForm(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .approveAssessment)
        return approvalPage(p, try await draftToApprove(p, context), context, form: FormModel(), status: .ok)
    }

    package func approve(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .approveAssessment)
        // Another partnership's version is not found, whatever the form holds.
        let version = try await draftToApprove(p, context)
        do {
            var v = Validator(context.form)
            let meeting = v.text("meeting", label: "meeting", maxLength: 200)
            let day = v.date("meeting_date", label: "date of the meeting")
            if let day, day > CalendarDate.today() { v.fail("meeting_date", "The date of the meeting must be today or earlier: record an approval once the board has given it") }
            if !v.flag("confirm") { v.fail("confirm", "Tick the box to confirm that the board approved version \(version.id)") }
            try v.check()
            let held = "\(meeting!), \(day!.long)"
            _ = try await repository.approve(version.id, in: p.id, meeting: held, by: visitor.author)
            return redirect(to: Site.assessmentVersions(p.id), notice: .versionApproved)
        } catch let failure as ValidationFailure {
            return try approvalPage(p, version, context, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    /// The assessment for the 12 months ending `to` (YYYY-MM), by default the latest month held.
    package func assessment(_ request: Request, _ context: HallmarkContext) async throws -> StrategicAssessment {
        let (p, _) = try await deps.register.partnership(context, .readCrimeData)
        return try await assessment(p, to: request.uri.queryParameters.get("to"), at: context.readsKeptAt)
    }

    /// - Parameter changes: see `HallmarkContext.readsKeptAt`.
    package func assessment(_ p: Partnership, to raw: String?, at changes: Int64? = nil) async throws -> StrategicAssessment {
        try await deps.assessments.draft(p, to: try await lastMonth(raw, at: changes), deps: deps, at: changes)
    }

    /// The last month asked for, by default the latest held.
    private func lastMonth(_ raw: String?, at changes: Int64?) async throws -> Int {
        var asked = Validator(["to": raw ?? ""])
        let month = asked.month("to", label: "last month", required: false)
        try asked.check()
        guard let held = try await deps.crime.monthsHeld(at: changes) else {
            throw ValidationFailure(field: "to", message: "No crime is stored yet: an analyst imports police.uk files first")
        }
        // A period ending where no force has published anything would be a document of zeros.
        let last = month ?? held.upperBound
        guard held.contains(last) else {
            throw ValidationFailure(
                field: "to",
                message: "Crime is held from \(MonthNumber.long(held.lowerBound)) to \(MonthNumber.long(held.upperBound)): choose a last month in that range")
        }
        return last
    }

    package func document(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readCrimeData)
        let last = try await lastMonth(request.uri.queryParameters.get("to"), at: context.readsKeptAt)
        return HTMLResponse(
            try await deps.assessments.document(
                p, to: last, deps: deps, at: context.readsKeptAt, canChangeSettings: visitor.user.role.may(.draftAssessment),
                canPrintPDF: deps.printer != nil))
    }

    /// One table of the document as CSV, e.g. `trends.csv`.
    package func table(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readCrimeData)
        guard let name = Self.tableName(context) else { throw AccessRefused.notFound }
        let a = try await assessment(p, to: request.uri.queryParameters.get("to"), at: context.readsKeptAt)
        guard let table = AssessmentTable.named(name, a) else { throw AccessRefused.notFound }
        return table.csv.response(filename: Self.fileName(p, name))
    }

    package func figures(_ request: Request, context: HallmarkContext) async throws -> Response {
        if request.uri.path.hasPrefix("/api/") { try APIRequest.refuseEmpty(["to"], in: request) }
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try await assessment(request, context).json())))
    }
}
