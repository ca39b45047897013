import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

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
    }

    /// The year asked for (`?year=2026/27`), by default the current one; an unknown year is refused.
    private func year(_ request: Request) throws -> FinancialYear {
        guard let raw = request.uri.queryParameters.get("year") else { return FinancialYear(containing: .today()) }
        guard let year = FinancialYear(String(raw)) else {
            throw HTTPError(.unprocessableContent, message: "year must be a financial year like 2026/27")
        }
        return year
    }

    private func page(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ year: FinancialYear, form: FormModel, status: HTTPResponse.Status) async throws
        -> HTMLResponse
    {
        HTMLResponse(
            BudgetView.render(
                p, year: year, lines: try await budgets.lines(of: p.id, in: year), canEdit: visitor.user.role.may(.manageBudget), form: form,
                layout: context.layout("Budget \(year)", Layout.crumbs(to: p))), status: status)
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
        var input = ["name": line.name, "budget": line.budget.exact, "committed": line.committed.exact]
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
