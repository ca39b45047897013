import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// Recorded crime: what is held, imports with their progress and reports, and each
/// partnership's figures down to the street-level location.
package struct CrimeDataController {
    package let deps: CrimeDataService

    package init(deps: CrimeDataService) {
        self.deps = deps
    }
    /// The most one upload may hold. A national year is larger: that is the command line's job.
    package static let uploadLimit = 1024 * 1024 * 1024

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.crimeData.path, use: overview)
        router.get(Site.crimeImport.path, use: importForm)
        router.post(Site.crimeImport.path, use: upload)
        router.get(Site.importJob.path, use: job)
        router.get(Site.importJobStatus.path, use: jobStatus)
        router.get(Site.crimeImportReport.path, use: importReport)
        router.get(Site.crime.path, use: partnershipCrime)
        router.get(Site.crimeByTypeCSV.path, use: typeCSV)
        router.get(Site.crimeLSOAsCSV.path, use: lsoaCSV)
        router.get(Site.crimeOutcomesCSV.path, use: outcomeCSV)
        router.get(Site.crimeLSOA.path, use: lsoaPage)
        router.get(Site.crimeLSOACrimesCSV.path, use: lsoaCrimesCSV)
    }

    package func overview(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let visitor = try context.require(.readCrimeData)
        try await deps.crime.closeInterruptedImports(lease: deps.settings.importLeaseSeconds)
        return HTMLResponse(
            CrimeStoreView.render(
                forces: try await deps.crime.monthsAvailable(), imports: try await deps.crime.imports().map { $0.shown(to: visitor) },
                canImport: visitor.user.role.may(.importCrimeData), layout: context.layout("Crime data")))
    }

    package func importForm(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try context.require(.importCrimeData)
        return Self.formPage(context)
    }

    /// The upload form, with why the last upload was refused if it was.
    package static func formPage(_ context: HallmarkContext, problem: String? = nil) -> HTMLResponse {
        HTMLResponse(
            CrimeImportView.form(
                layout: context.layout("Import police.uk files", [("Crime data", Site.crimeData())]),
                limitMB: uploadLimit / 1_000_000, problem: problem),
            status: problem == nil ? .ok : .badRequest)
    }

    /// Receives the files, unpacks any zip, and starts the import in the background.
    package func upload(_ request: Request, context: HallmarkContext) async throws -> Response {
        let visitor = try context.require(.importCrimeData)
        guard let upload = MultipartUpload(contentType: request.headers[.contentType] ?? "", limit: Self.uploadLimit) else {
            throw HTTPError(.badRequest, message: "Send the files from the import page's form (as multipart/form-data)")
        }
        let folder = try UploadFolders.make()
        var source = "Upload"
        do {
            let session = context.session
            let received = try await upload.receive(request.body, into: folder) { token in
                guard let session, Secrets.equal(token, session.csrfToken) else { throw CSRFRefused() }
            }
            source = String(("Upload: " + received.files.map(\.name).joined(separator: ", ")).prefix(500))
            guard !received.files.isEmpty else {
                throw MultipartUpload.Refused(description: "Choose at least one police.uk file to import")
            }
            for file in received.files where file.name.lowercased().hasSuffix(".zip") {
                let zip = file.path
                _ = try await BlockingWork.run {
                    try PoliceUKZip.extractStreetFiles(from: zip, into: zip.deletingLastPathComponent(), limit: PoliceUKZip.uploadLimit)
                }
                try FileManager.default.removeItem(at: file.path)
            }
            let rule = CrimeImporter.ReplacementRule(
                forceAreas: try await Self.replaceableForceAreas(deps, visitor),
                allowShrinking: received.fields["replace_smaller"] == "yes")
            let job = try await ImportJobs.enqueue(
                .init(
                    folder: folder, source: source, acceptValidRows: received.fields["accept_valid_rows"] == "yes", replacing: rule,
                    by: visitor.author), jobs: deps.jobs)
            return redirect(to: Site.importJob(job))
        } catch {
            try? FileManager.default.removeItem(at: folder)
            let problem: String
            switch error {
            case let refused as MultipartUpload.Refused: problem = refused.description
            case let refused as PoliceUKZip.Refused:
                problem = refused.description + " Nothing was stored."
                // On the record like any other attempt, under the names the user sent.
                try await deps.crime.recordRefusal(source: source, message: problem, by: visitor.author)
            default: throw error
            }
            // The form again, saying what was wrong beside the files.
            return try Self.formPage(context, problem: problem).response(from: request, context: context)
        }
    }

    /// The force areas whose months this visitor may replace: those where they may see every
    /// partnership (an administrator, or a county officer given the whole county).
    package static func replaceableForceAreas(_ deps: CrimeDataService, _ visitor: Visitor) async throws -> Set<String>? {
        if visitor.scope.everything { return nil }
        let visible = Set(try await deps.register.visible(to: visitor).compactMap(\.onsCode?.value))
        let byForce = Dictionary(grouping: deps.areas.districts, by: \.forceCode.value).mapValues { Set($0.map(\.cspCode.value)) }
        return Set(byForce.filter { $0.value.isSubset(of: visible) }.keys)
    }

    /// An import the visitor started, as its job page shows it; anyone else's is not found.
    private func job(_ context: HallmarkContext) async throws -> (ImportJobs.Status, CrimeImporter.Report?) {
        let visitor = try context.require(.importCrimeData)
        let lease = deps.settings.importLeaseSeconds
        try await deps.jobs.closeLapsed(lease: lease)
        try await deps.crime.closeInterruptedImports(lease: lease)
        guard let job = try await deps.jobs.find(try context.id("job")), job.kind == ImportJobs.kind, job.userID == visitor.user.id else {
            throw AccessRefused.notFound
        }
        guard let record = ImportJobs.record(of: job), let progress = try await deps.crime.progress(ofImport: record) else {
            return (ImportJobs.Status(waiting: job), nil)
        }
        let shown = ImportJobs.Status(id: job.id, progress)
        let report = shown.state == .running ? nil : try await deps.crime.report(ofImport: record).flatMap(CrimeImporter.Report.stored)
        return (shown, report)
    }

    package func job(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (job, report) = try await job(context)
        return HTMLResponse(CrimeImportView.job(job, report: report, layout: context.layout("Import", [("Crime data", Site.crimeData())])))
    }

    package func jobStatus(_ request: Request, context: HallmarkContext) async throws -> Response {
        try JSONErrors.encode(try await job(context).0, status: .ok)
    }

    package func importReport(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let visitor = try context.require(.readCrimeData)
        let id = try context.id("id")
        guard let summary = try await deps.crime.importSummary(id)?.shown(to: visitor) else { throw AccessRefused.notFound }
        let report = try await deps.crime.report(ofImport: id).flatMap(CrimeImporter.Report.stored)
        return HTMLResponse(
            ImportReportView.render(
                summary, report: report, canImport: visitor.user.role.may(.importCrimeData), layout: context.layout("Import \(id)", [("Crime data", Site.crimeData())])))
    }

    // MARK: A partnership's figures

    /// The months asked for in `from` and `to`, by default the latest 12 held.
    package static func period(_ deps: CrimeDataService, _ request: Request, at changes: Int64? = nil) async throws -> CrimePeriod {
        let query = request.uri.queryParameters
        return try CrimePeriod.parse(from: query.get("from"), to: query.get("to"), latest: try await deps.crime.latestMonth(at: changes))
    }

    /// The partnership and the period asked for; a period that cannot be read is shown back
    /// on the page with the reason.
    package static func figures(_ deps: CrimeDataService, _ request: Request, _ context: HallmarkContext) async throws -> (
        Partnership, Result<(CrimePeriod, CrimeFigures), ValidationFailure>
    ) {
        let (p, _) = try await deps.register.partnership(context, .readCrimeData)
        do {
            let period = try await Self.period(deps, request, at: context.readsKeptAt)
            return (p, .success((period, try await CrimeFigures.load(p, period: period, deps, at: context.readsKeptAt))))
        } catch let failure as ValidationFailure {
            return (p, .failure(failure))
        }
    }

    package func partnershipCrime(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, result) = try await Self.figures(deps, request, context)
        let layout = context.layout("Recorded crime in \(p.name)", Layout.crumbs(to: p))
        let query = request.uri.queryParameters
        switch result {
        case .success(let (period, figures)):
            let form = FormModel(input: ["from": MonthNumber.text(period.from), "to": MonthNumber.text(period.to)])
            return HTMLResponse(CrimeDataView.render(p, figures: figures, period: period, form: form, names: deps.lsoaNames, layout: layout))
        case .failure(let failure):
            let form = FormModel(input: ["from": query.get("from") ?? "", "to": query.get("to") ?? ""], failure: failure)
            return HTMLResponse(CrimeDataView.render(p, figures: nil, period: nil, form: form, names: deps.lsoaNames, layout: layout), status: .unprocessableContent)
        }
    }

    package func typeCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, result) = try await Self.figures(deps, request, context)
        return CrimeDataView.typeCSV(try result.get().1).response(filename: "\(FileName.slug(p.name))-crime-by-type.csv")
    }

    package func lsoaCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, result) = try await Self.figures(deps, request, context)
        return CrimeDataView.lsoaCSV(try result.get().1, names: deps.lsoaNames).response(filename: "\(FileName.slug(p.name))-crime-by-lsoa.csv")
    }

    package func outcomeCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, result) = try await Self.figures(deps, request, context)
        return CrimeDataView.outcomeCSV(try result.get().1).response(filename: "\(FileName.slug(p.name))-crime-outcomes.csv")
    }

    /// One LSOA's crimes, if it lies in the partnership's area: another area's LSOA is not found.
    private func lsoaCrimes(_ request: Request, _ context: HallmarkContext) async throws -> (Partnership, String, CrimePeriod, [StoredCrime]) {
        let (p, _) = try await deps.register.partnership(context, .readCrimeData)
        let period = try await Self.period(deps, request, at: context.readsKeptAt)
        guard let lsoa = context.parameters.get("lsoa"), LSOA(lsoa) != nil else { throw AccessRefused.notFound }
        let districts = try await CrimeArea.districts(of: p, deps.partnerships, at: context.readsKeptAt)
        let inArea = try await deps.crime.lsoas(.district, districts.map(\.code.value)).contains { $0.lsoa == lsoa }
        guard inArea else { throw AccessRefused.notFound }
        return (p, lsoa, period, try await deps.crime.crimes(inLSOA: lsoa, months: period.range))
    }

    package func lsoaPage(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, lsoa, period, crimes) = try await lsoaCrimes(request, context)
        let crumbs = Layout.crumbs(to: p) + [("Recorded crime", Site.crime(p.id) + "?\(period.query)")]
        let name = deps.lsoaNames.name(of: lsoa)
        return HTMLResponse(
            LSOACrimeView.render(
                p, lsoa: lsoa, name: name, period: period, crimes: crimes,
                layout: context.layout(name ?? "LSOA \(lsoa)", crumbs)))
    }

    package func lsoaCrimesCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (_, lsoa, _, crimes) = try await lsoaCrimes(request, context)
        return LSOACrimeView.csv(crimes).response(filename: "\(lsoa)-crimes.csv")
    }
}
