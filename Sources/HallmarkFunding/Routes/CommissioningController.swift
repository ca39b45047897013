import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// Commissioned services: read by the partnership's members, kept by those who keep its budget.
package struct CommissioningController {
    package let deps: FundingService

    package init(deps: FundingService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.services.path, use: list)
        router.post(Site.services.path, use: add)
        router.get(Site.servicesCSV.path, use: csv)
        router.get(Site.service.path, use: serviceForm)
        router.post(Site.service.path, use: update)
    }

    private func listPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel, status: HTTPResponse.Status) async throws -> HTMLResponse {
        let services = try await deps.commissioning.services(of: p.id)
        return HTMLResponse(
            ServiceView.list(
                p, services: services, reminders: ServiceReminders.due(services, on: .today()), canEdit: visitor.user.role.may(.manageBudget), form: form,
                layout: context.layout("Commissioned services", Layout.crumbs(to: p))), status: status)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readFunding)
        return try await listPage(context, p, visitor, form: FormModel(), status: .ok)
    }

    package func csv(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        return ServiceView.csv(try await deps.commissioning.services(of: p.id)).response(filename: "\(FileName.slug(p.name))-commissioned-services.csv")
    }

    package func add(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageBudget)
        do {
            _ = try await deps.commissioning.add(try CommissionedServiceDraft.validate(context.form), to: p.id, by: visitor.author)
            return redirect(to: Site.services(p.id), notice: .serviceSaved)
        } catch let failure as ValidationFailure {
            return try await listPage(context, p, visitor, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    private func service(_ context: HallmarkContext) async throws -> (Partnership, Visitor, CommissionedService) {
        let (p, visitor) = try await deps.register.partnership(context, .manageBudget)
        guard let s = try await deps.commissioning.find(try context.id("service"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, s)
    }

    private func crumbs(_ p: Partnership) -> [(label: String, href: String)] {
        Layout.crumbs(to: p) + [("Commissioned services", Site.services(p.id))]
    }

    package func serviceForm(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _, s) = try await service(context)
        return HTMLResponse(ServiceView.service(p, s, form: FormModel(input: ServiceView.input(s)), layout: context.layout(s.name, crumbs(p))))
    }

    package func update(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, s) = try await service(context)
        do {
            _ = try await deps.commissioning.update(s.id, in: p.id, to: try CommissionedServiceDraft.validate(context.form), by: visitor.author)
            return redirect(to: Site.services(p.id), notice: .serviceSaved)
        } catch let failure as ValidationFailure {
            return try HTMLResponse(
                ServiceView.service(p, s, form: FormModel(input: context.form, failure: failure), layout: context.layout(s.name, crumbs(p))), status: .unprocessableContent
            ).response(from: request, context: context)
        }
    }
}
