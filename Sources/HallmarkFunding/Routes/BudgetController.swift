import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird
import Plot

/// A partnership's budget, year by year: read by its members, kept by its coordinator.
package struct BudgetController {
    package let deps: FundingService

    package init(deps: FundingService) { self.deps = deps }

    package var budgets: BudgetRepository { BudgetRepository(store: deps.store) }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.budget.path, use: budget)
        router.post(Site.budget.path, use: add)
        router.get(Site.budgetCSV.path, use: csv)
        router.get(Site.budgetLine.path, use: lineForm)
        router.post(Site.budgetLine.path, use: update)
        router.post(Site.budgetImport.path, use: importFile)
        router.get(Site.budgetPaper.path, use: paper)
        router.get(Site.budgetPaperPDF.path, use: paperPDF)
        router.get(Site.projection.path, use: projection)
        router.get(Site.projectionCSV.path, use: projectionCSV)
    }

    private func year(_ request: Request) throws -> FinancialYear { try FundingService.year(request) }

    private func page(
        _ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ year: FinancialYear, form: FormModel, importForm: FormModel = FormModel(),
        status: HTTPResponse.Status
    ) async throws -> HTMLResponse {
        HTMLResponse(
            BudgetView.render(
                p, year: year, lines: try await budgets.lines(of: p.id, in: year), canEdit: visitor.user.role.may(.manageBudget), form: form, importForm: importForm,
                layout: context.layout("Budget \(year)", Layout.crumbs(to: p))), status: status)
    }

    /// A spreadsheet's CSV of the year's lines, sent as a file: every line added or brought up to
    /// date, or, at the first problem, none, with the row and column named.
    package func importFile(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageBudget)
        let year = try year(request)
        let failure = try await SpreadsheetUpload.receive(
            request, context, tooLarge: "The file is larger than 1 MB, and a budget’s CSV is far smaller: check that it is the right file",
            notAForm: "Send the file from the budget page’s form (as multipart/form-data)"
        ) { _, text in
            _ = try await budgets.importLines(try BudgetImport.read(text), to: p.id, in: year, by: visitor.author)
        }
        guard let failure else { return redirect(to: Site.budget(p.id) + "?year=\(year)", notice: .budgetImported) }
        return try await page(context, p, visitor, year, form: FormModel(), importForm: FormModel(failure: failure), status: .unprocessableContent)
            .response(from: request, context: context)
    }

    private func paperModel(_ request: Request, _ p: Partnership) async throws -> BudgetPaper.Model {
        let year = try year(request)
        let raw = request.uri.queryParameters.get("kind").map { String($0) } ?? BudgetPaper.Kind.monitoring.rawValue
        guard let kind = BudgetPaper.Kind(rawValue: raw) else { throw HTTPError(.unprocessableContent, message: "kind must be monitoring or year-end") }
        return BudgetPaper.Model(
            partnership: p, year: year, kind: kind, lines: try await budgets.lines(of: p.id, in: year), streams: try await deps.streams.streams(of: p.id, in: year),
            pools: try await deps.pools.statements(of: p.id), services: try await deps.commissioning.services(of: p.id), today: .today())
    }

    package func paper(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let m = try await paperModel(request, p)
        let query = "?year=\(m.year)&kind=\(m.kind.rawValue)"
        let toolbar: Node<HTML.BodyContext> = .nav(
            .class("toolbar"), .ariaLabel("Paper"),
            .a(.href(Site.funding(p.id) + "?year=\(m.year)"), "Back to funding and spending"),
            .if(deps.printer != nil, .a(.href(Site.budgetPaperPDF(p.id) + query), .class("button"), "Download as PDF")))
        return HTMLResponse(BudgetPaper.html(m, toolbar: toolbar))
    }

    package func paperPDF(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let m = try await paperModel(request, p)
        return try await PDFPrinter.response(
            deps.printer, html: BudgetPaper.html(m), name: "\(FileName.slug(p.name))-\(m.kind.rawValue)-\(m.year.startYear).pdf", what: "paper")
    }

    private func projected(_ request: Request, _ p: Partnership) async throws -> (Projection?, FormModel, String) {
        let input = FormBody.query(request.uri.query)
        let defaults = FinancialYear(containing: .today())
        do {
            let a = try Projection.assumptions(input, defaultYear: defaults)
            let streams = try await deps.streams.streams(of: p.id)
            let income = Dictionary(grouping: streams, by: \.year).mapValues { $0.map(\.amount).reduce(.zero, +) }
            let base = try await budgets.lines(of: p.id, in: a.from).map(\.budget).reduce(.zero, +)
            var shown = input
            for (key, value) in [
                "from": a.from.description, "years": "\(a.years)", "cost_growth": "\(Double(a.costGrowth) / 100)", "income_change": "\(Double(a.incomeChange) / 100)",
            ] where (shown[key] ?? "").isEmpty {
                shown[key] = value
            }
            // Keys are the requester's text as much as values are, and a link's attribute would
            // otherwise carry a quote in one as markup: both are percent-encoded.
            let key = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_"))
            let query = shown.keys.sorted().map {
                "\($0.addingPercentEncoding(withAllowedCharacters: key) ?? "")=\(shown[$0]!.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            return (Projection.compute(a, income: income, baseSpend: base), FormModel(input: shown), query)
        } catch let failure as ValidationFailure {
            return (nil, FormModel(input: input, failure: failure), "")
        }
    }

    package func projection(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let (projection, form, query) = try await projected(request, p)
        return HTMLResponse(
            ProjectionView.render(p, projection, form: form, query: query, layout: context.layout("Projection", Layout.crumbs(to: p))),
            status: projection == nil ? .unprocessableContent : .ok)
    }

    package func projectionCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let (projection, form, _) = try await projected(request, p)
        guard let projection else { throw HTTPError(.unprocessableContent, message: form.failure?.errors.map(\.message).joined(separator: ". ") ?? "") }
        return ProjectionView.csv(projection).response(filename: "\(FileName.slug(p.name))-projection-\(projection.assumptions.from.startYear).csv")
    }

    package func budget(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readFunding)
        return try await page(context, p, visitor, try year(request), form: FormModel(), status: .ok)
    }

    package func csv(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let year = try year(request)
        return BudgetView.csv(try await budgets.lines(of: p.id, in: year), year: year)
            .response(filename: "\(FileName.slug(p.name))-budget-\(year.startYear)-\(String(format: "%02d", (year.startYear + 1) % 100)).csv")
    }

    package func add(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageBudget)
        let year = try year(request)
        do {
            _ = try await budgets.add(try BudgetLineDraft.validate(context.form), to: p.id, in: year, by: visitor.author)
            return redirect(to: Site.budget(p.id) + "?year=\(year)", notice: .budgetLineSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, year, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    private func line(_ context: HallmarkContext) async throws -> (Partnership, Visitor, BudgetLine) {
        let (p, visitor) = try await deps.register.partnership(context, .manageBudget)
        guard let line = try await budgets.find(try context.id("line"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, line)
    }

    package func lineForm(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _, line) = try await line(context)
        var input = ["name": line.name, "budget": line.budget.exact, "committed": line.committed.exact, "priority": line.priority]
        for (n, s) in line.spent.enumerated() { input["spent_q\(n + 1)"] = s.exact }
        return HTMLResponse(
            BudgetView.line(
                p, line, form: FormModel(input: input),
                layout: context.layout(line.name, Layout.crumbs(to: p) + [("Budget \(line.year)", Site.budget(p.id) + "?year=\(line.year)")])))
    }

    package func update(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, line) = try await line(context)
        do {
            _ = try await budgets.update(line.id, in: p.id, to: try BudgetLineDraft.validate(context.form), by: visitor.author)
            return redirect(to: Site.budget(p.id) + "?year=\(line.year)", notice: .budgetLineSaved)
        } catch let failure as ValidationFailure {
            return try HTMLResponse(
                BudgetView.line(
                    p, line, form: FormModel(input: context.form, failure: failure),
                    layout: context.layout(line.name, Layout.crumbs(to: p) + [("Budget \(line.year)", Site.budget(p.id) + "?year=\(line.year)")])),
                status: .unprocessableContent
            ).response(from: request, context: context)
        }
    }
}
