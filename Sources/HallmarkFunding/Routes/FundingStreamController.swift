import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// The partnership's money for a year, and its funding streams: read by its members, kept by
/// those who keep its budget.
package struct FundingStreamController {
    package let deps: FundingService

    package init(deps: FundingService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.funding.path, use: overview)
        router.post(Site.fundingStreams.path, use: add)
        router.get(Site.fundingStreamsCSV.path, use: csv)
        router.get(Site.fundingPrioritiesCSV.path, use: prioritiesCSV)
        router.get(Site.fundingStream.path, use: streamForm)
        router.post(Site.fundingStream.path, use: update)
    }

    private func page(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ year: FinancialYear, form: FormModel, status: HTTPResponse.Status) async throws
        -> HTMLResponse
    {
        let model = FundingView.Model(
            year: year, streams: try await deps.streams.streams(of: p.id, in: year), lines: try await deps.budgets.lines(of: p.id, in: year),
            reminders: ServiceReminders.due(try await deps.commissioning.services(of: p.id), on: .today()), pools: try await deps.pools.funds(of: p.id),
            canEdit: visitor.user.role.may(.manageBudget))
        return HTMLResponse(
            FundingView.render(p, model, form: form, layout: context.layout("Funding and spending \(year)", Layout.crumbs(to: p))), status: status)
    }

    package func overview(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readFunding)
        let year = try FundingService.year(request)
        return try await page(context, p, visitor, year, form: FormModel(input: ["year": year.description]), status: .ok)
    }

    package func csv(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let year = try FundingService.year(request)
        return FundingView.streamsCSV(try await deps.streams.streams(of: p.id, in: year))
            .response(filename: "\(FileName.slug(p.name))-funding-streams-\(year.startYear).csv")
    }

    package func prioritiesCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let year = try FundingService.year(request)
        return FundingView.prioritiesCSV(try await deps.budgets.lines(of: p.id, in: year))
            .response(filename: "\(FileName.slug(p.name))-spend-by-priority-\(year.startYear).csv")
    }

    package func add(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageBudget)
        do {
            let stream = try await deps.streams.add(try FundingStreamDraft.validate(context.form), to: p.id, by: visitor.author)
            return redirect(to: Site.funding(p.id) + "?year=\(stream.year)", notice: .streamSaved)
        } catch let failure as ValidationFailure {
            let year = FinancialYear(context.form["year"] ?? "") ?? FinancialYear(containing: .today())
            return try await page(context, p, visitor, year, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    private func stream(_ context: HallmarkContext) async throws -> (Partnership, Visitor, FundingStream) {
        let (p, visitor) = try await deps.register.partnership(context, .manageBudget)
        guard let stream = try await deps.streams.find(try context.id("stream"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, stream)
    }

    private func crumbs(_ p: Partnership, _ s: FundingStream) -> [(label: String, href: String)] {
        Layout.crumbs(to: p) + [("Funding \(s.year)", Site.funding(p.id) + "?year=\(s.year)")]
    }

    package func streamForm(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _, s) = try await stream(context)
        let input = [
            "year": s.year.description, "name": s.name, "source": s.source.rawValue, "funder": s.funder, "amount": s.amount.exact, "ends_on": s.endsOn?.iso ?? "",
            "conditions": s.conditions,
        ]
        return HTMLResponse(FundingView.stream(p, s, form: FormModel(input: input), layout: context.layout(s.name, crumbs(p, s))))
    }

    package func update(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, s) = try await stream(context)
        do {
            let saved = try await deps.streams.update(s.id, in: p.id, to: try FundingStreamDraft.validate(context.form), by: visitor.author)
            return redirect(to: Site.funding(p.id) + "?year=\(saved.year)", notice: .streamSaved)
        } catch let failure as ValidationFailure {
            return try HTMLResponse(
                FundingView.stream(p, s, form: FormModel(input: context.form, failure: failure), layout: context.layout(s.name, crumbs(p, s))), status: .unprocessableContent
            ).response(from: request, context: context)
        }
    }
}
