import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// Allocations of a grant among the partnerships beneath one, saved as statements and approved;
/// and the check of any statement's totals.
package struct FundingController {
    package let deps: FundingService

    package init(deps: FundingService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.allocations.path, use: allocations)
        router.post(Site.allocations.path, use: save)
        router.post(Site.allocationPreview.path, use: preview)
        router.get(Site.allocationVersion.path, use: statement)
        router.post(Site.approveAllocation.path, use: approve)
        router.get(Site.allocationCSV.path, use: statementCSV)
        router.get(Site.allocationPDF.path, use: statementPDF)
        router.get(Site.reconciliation.path, use: reconciliationForm)
        router.post(Site.reconciliation.path, use: reconcile)
    }

    private func page(
        _ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel, preview: Allocation?, comparison: AllocationComparison? = nil, note: String? = nil,
        status: HTTPResponse.Status
    ) async throws -> HTMLResponse {
        HTMLResponse(
            AllocationsView.render(
                p, children: try await children(p), versions: try await deps.statements.versions(of: p.id), form: form, preview: preview, comparison: comparison, note: note,
                canAllocate: visitor.user.role.may(.allocateFunding), layout: context.layout("Allocations", Layout.crumbs(to: p))), status: status)
    }

    /// The partnerships a pot is shared among: those directly beneath, sub-groups apart.
    private func children(_ p: Partnership) async throws -> [Partnership] {
        try await deps.register.partnerships.children(of: p.id).filter { $0.kind != .subGroup && $0.endedOn == nil }
    }

    package func allocations(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readFunding)
        var input = [
            "method": AllocationRequest.Method.proRata.rawValue, "year": FinancialYear(containing: .today()).next.description, "weight_population": "50", "weight_crime": "50",
        ]
        // The latest approved statement's amounts are this year's earlier amounts.
        if let latest = try await deps.statements.versions(of: p.id).first(where: \.isApproved), let saved = try await deps.saved(latest.id, of: p) {
            input["basis"] = "the \(saved.request.year) allocation"
            for (child, line) in zip(try await children(p), saved.allocation.lines) where child.onsCode?.value == line.recipient.code || "\(child.id)" == line.recipient.code {
                input["previous_\(child.id)"] = line.amount.exact.replacingOccurrences(of: "£", with: "")
            }
        }
        // The needs formula's inputs, from the data the system holds.
        let kids = try await children(p)
        var note: String? = nil
        if visitor.user.role.may(.allocateFunding), !kids.isEmpty, let needs = try await deps.needs(of: kids) {
            for child in kids {
                guard let f = needs.figures[child.id] else { continue }
                input["population_\(child.id)"] = "\(f.residents)"
                input["crime_\(child.id)"] = "\(f.crimes)"
                input["harm_\(child.id)"] = String(format: "%.0f", f.harm)
            }
            note =
                "Population (ONS mid-2020 estimates of the partnerships’ areas), recorded crime and harm-weighted crime (police.uk, anti-social behaviour apart, \(needs.period); harm by the standard sentencing-based table) are filled in from the data held; change them if you use other figures."
        }
        return try await page(context, p, visitor, form: FormModel(input: input), preview: nil, note: note, status: .ok)
    }

    private func recipients(_ p: Partnership) async throws -> [(id: String, recipient: Recipient)] {
        try await children(p).map { (id: "\($0.id)", recipient: Recipient(code: $0.onsCode?.value ?? "\($0.id)", name: $0.name)) }
    }

    private func read(_ context: HallmarkContext, _ p: Partnership) async throws -> (AllocationRequest, Allocation) {
        let recipients = try await recipients(p)
        guard !recipients.isEmpty else { throw ValidationFailure(field: "pot", message: "There are no partnerships beneath \(p.name) to allocate to") }
        let request = try AllocationRequest.validate(context.form, recipients: recipients)
        return (request, try request.allocate())
    }

    /// The preview beside the approved statements and the other methods the form's figures allow.
    private func comparison(_ context: HallmarkContext, _ p: Partnership, _ previewed: Allocation) async throws -> AllocationComparison {
        let recipients = try await recipients(p)
        var approved: [(year: FinancialYear, allocation: Allocation)] = []
        for v in try await deps.statements.versions(of: p.id) where v.isApproved {
            if let saved = try await deps.saved(v.id, of: p), !approved.contains(where: { $0.year == saved.request.year }) {
                approved.append((saved.request.year, saved.allocation))
            }
        }
        let methods = AllocationRequest.Method.allCases.compactMap { method -> Allocation? in
            var input = context.form
            input["method"] = method.rawValue
            return try? AllocationRequest.validate(input, recipients: recipients).allocate()
        }
        return AllocationComparison(recipients: recipients.map(\.recipient), approved: approved, methods: methods, preview: previewed)
    }

    package func preview(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .allocateFunding)
        do {
            let (_, allocation) = try await read(context, p)
            return try await page(
                context, p, visitor, form: FormModel(input: context.form), preview: allocation, comparison: try await comparison(context, p, allocation), status: .ok
            ).response(from: request, context: context)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, form: FormModel(input: context.form, failure: failure), preview: nil, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    package func save(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .allocateFunding)
        do {
            let (allocationRequest, allocation) = try await read(context, p)
            let version = try await deps.save(allocationRequest, allocation, for: p, savedBy: visitor.user.name, by: visitor.author)
            return redirect(to: Site.allocationVersion(p.id, version.id), notice: .allocationSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, form: FormModel(input: context.form, failure: failure), preview: nil, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    /// The statement as stored, with the status its record holds now (its approval, if given).
    private func stored(_ context: HallmarkContext, _ p: Partnership) async throws -> (RecordVersion, String) {
        let id: RecordID<RecordVersion> = try context.id("version")
        guard let found = try await deps.statements.parts(["statement.html", "status"], of: id, in: p.id), let html = found.parts["statement.html"],
            let stored = found.parts["status"]
        else { throw AccessRefused.notFound }
        return (found.version, ApprovableDocument.shown(html, stored: stored, version: found.version))
    }

    /// The statement as saved, shown with the approval its record holds; with the approval form
    /// for those who may record it.
    package func statement(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readFunding)
        return try await statementPage(context, p, visitor, meeting: "", problems: [])
    }

    private func statementPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, meeting: String, problems: [(field: String, message: String)]) async throws
        -> HTMLResponse
    {
        let (v, page) = try await stored(context, p)
        var links = [(text: "Back to the allocations", href: Site.allocations(p.id)), (text: "Download the lines as CSV", href: Site.allocationCSV(p.id, v.id))]
        if deps.printer != nil { links.append((text: "Download as PDF", href: Site.allocationPDF(p.id, v.id))) }
        return HTMLResponse(
            ApprovableDocument.page(
                page, label: "Statement", links: links,
                approveAction: visitor.user.role.may(.allocateFunding) && !v.isApproved ? Site.approveAllocation(p.id, v.id) : nil, what: "this allocation",
                csrf: context.csrfToken, meeting: meeting, problems: problems),
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    package func statementPDF(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let (v, page) = try await stored(context, p)
        return try await PDFPrinter.response(deps.printer, html: page, name: "\(FileName.slug(p.name))-allocation-statement-\(v.id).pdf", what: "statement")
    }

    package func statementCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let id: RecordID<RecordVersion> = try context.id("version")
        guard let saved = try await deps.saved(id, of: p) else { throw AccessRefused.notFound }
        return AllocationStatement.csv(saved.allocation).response(filename: "\(FileName.slug(p.name))-allocation-\(saved.request.year.startYear)-statement-\(id).csv")
    }

    package func approve(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .allocateFunding)
        let id: RecordID<RecordVersion> = try context.id("version")
        guard try await deps.statements.version(id, in: p.id) != nil else { throw AccessRefused.notFound }
        let problems = try await ApprovableDocument.record(context.form, what: "this allocation") { meeting in
            _ = try await deps.statements.approve(id, in: p.id, meeting: meeting, by: visitor.author)
        }
        if problems.isEmpty { return redirect(to: Site.allocationVersion(p.id, id), notice: .versionApproved) }
        return try await statementPage(context, p, visitor, meeting: context.form["meeting"] ?? "", problems: problems).response(from: request, context: context)
    }

    package func reconciliationForm(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        return HTMLResponse(ReconciliationView.render(p, form: FormModel(), found: nil, totals: 0, layout: context.layout("Check a statement", Layout.crumbs(to: p))))
    }

    /// A check only: nothing is stored.
    package func reconcile(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let layout = context.layout("Check a statement", Layout.crumbs(to: p))
        let text = context.form["statement"] ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return HTMLResponse(
                ReconciliationView.render(
                    p, form: FormModel(failure: ValidationFailure(field: "statement", message: "Paste the statement, first row the column names")), found: nil, totals: 0,
                    layout: layout), status: .unprocessableContent)
        }
        do {
            let statement = try StatementCSV.read(text)
            let found = Reconciliation.check(statement)
            let totals = statement.rows.filter { $0.kind == .total }.flatMap(\.amounts).compactMap { $0 }.count
            return HTMLResponse(ReconciliationView.render(p, form: FormModel(input: ["statement": text]), found: found, totals: totals, layout: layout))
        } catch {
            return HTMLResponse(
                ReconciliationView.render(
                    p, form: FormModel(input: ["statement": text], failure: ValidationFailure(field: "statement", message: error.description)), found: nil, totals: 0,
                    layout: layout), status: .unprocessableContent)
        }
    }
}
