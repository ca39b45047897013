import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// Pooled funds: read by the partnership's members, kept by those who keep its budget.
package struct PooledFundController {
    package let deps: FundingService

    package init(deps: FundingService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.pooledFunds.path, use: list)
        router.post(Site.pooledFunds.path, use: add)
        router.get(Site.pooledFund.path, use: statement)
        router.get(Site.pooledFundCSV.path, use: csv)
        router.get(Site.poolMovementsCSV.path, use: movementsCSV)
        router.post(Site.poolContributors.path, use: addContributor)
        router.post(Site.poolMovements.path, use: record)
    }

    private func listPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel, status: HTTPResponse.Status) async throws -> HTMLResponse {
        HTMLResponse(
            PooledFundView.list(
                p, funds: try await deps.pools.funds(of: p.id), canEdit: visitor.user.role.may(.manageBudget), form: form,
                layout: context.layout("Pooled funds", Layout.crumbs(to: p))), status: status)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readFunding)
        return try await listPage(context, p, visitor, form: FormModel(input: ["year": FinancialYear(containing: .today()).description]), status: .ok)
    }

    package func add(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageBudget)
        do {
            let fund = try await deps.pools.add(try PoolForms.fund(context.form), to: p.id, by: visitor.author)
            return redirect(to: Site.pooledFund(p.id, fund.id), notice: .fundSaved)
        } catch let failure as ValidationFailure {
            return try await listPage(context, p, visitor, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    private func fund(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor, PoolStatement) {
        let (p, visitor) = try await deps.register.partnership(context, permission)
        guard let statement = try await deps.pools.statement(try context.id("fund"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, statement)
    }

    private func statementPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ s: PoolStatement, failed: (String, FormModel)?) -> HTMLResponse {
        HTMLResponse(
            PooledFundView.statement(
                p, s, canEdit: visitor.user.role.may(.manageBudget), failed: failed, csrf: context.csrfToken,
                layout: context.layout(s.fund.name, Layout.crumbs(to: p) + [("Pooled funds", Site.pooledFunds(p.id))])),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    package func statement(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor, s) = try await fund(context, .readFunding)
        return statementPage(context, p, visitor, s, failed: nil)
    }

    package func csv(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _, s) = try await fund(context, .readFunding)
        return PooledFundView.csv(s).response(filename: "\(FileName.slug(p.name))-\(FileName.slug(s.fund.name))-\(s.fund.year.startYear).csv")
    }

    package func movementsCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _, s) = try await fund(context, .readFunding)
        return PooledFundView.movementsCSV(s).response(filename: "\(FileName.slug(p.name))-\(FileName.slug(s.fund.name))-\(s.fund.year.startYear)-movements.csv")
    }

    package func addContributor(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, s) = try await fund(context, .manageBudget)
        do {
            let (name, parts) = try PoolForms.contributor(context.form)
            _ = try await deps.pools.addContributor(name, parts: parts, to: s.fund.id, in: p.id, by: visitor.author)
            return redirect(to: Site.pooledFund(p.id, s.fund.id), notice: .contributorAdded)
        } catch let failure as ValidationFailure {
            return try statementPage(context, p, visitor, s, failed: ("contributor", FormModel(input: context.form, failure: failure))).response(from: request, context: context)
        }
    }

    package func record(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, s) = try await fund(context, .manageBudget)
        do {
            let m = try PoolForms.movement(context.form)
            _ = try await deps.pools.record(m.amount, contributor: m.contributor, on: m.on, note: m.note, in: s.fund.id, of: p.id, by: visitor.author)
            return redirect(to: Site.pooledFund(p.id, s.fund.id), notice: .movementRecorded)
        } catch let failure as ValidationFailure {
            return try statementPage(context, p, visitor, s, failed: ("movement", FormModel(input: context.form, failure: failure))).response(from: request, context: context)
        }
    }
}
