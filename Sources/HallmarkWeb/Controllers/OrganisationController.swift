import HallmarkDomain
import HallmarkStore
import Hummingbird

/// Organisations are shared reference data: every signed-in user may read them.
struct OrganisationController {
    let deps: Dependencies

    func register(on router: Router<HallmarkContext>) {
        router.get("/organisations") { _, context in
            let visitor = try context.require(.readRegister)
            return HTMLResponse(OrganisationListView.render(try await deps.organisations.all(), canCreate: visitor.user.role.may(.editOrganisations),
                                                            layout: context.layout("Organisations")))
        }
        router.get("/organisations.csv") { _, context in
            try context.require(.readRegister)
            return OrganisationListView.csv(try await deps.organisations.all()).response(filename: "organisations.csv")
        }
        router.get("/organisations/new") { _, context in
            try context.require(.editOrganisations)
            return HTMLResponse(OrganisationFormView.render(form: FormModel(), layout: context.layout("Add an organisation", [("Organisations", "/organisations")])))
        }
        router.post("/organisations") { request, context in
            let visitor = try context.require(.editOrganisations)
            do {
                let created = try await deps.organisations.create(try OrganisationDraft.validate(context.form), by: visitor.author)
                return redirect(to: "/organisations/\(created.id)", notice: .organisationAdded)
            } catch let failure as ValidationFailure {
                let page = OrganisationFormView.render(form: FormModel(input: context.form, failure: failure),
                                                       layout: context.layout("Add an organisation", [("Organisations", "/organisations")]))
                return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
            }
        }
        router.get("/organisations/:id") { _, context in
            let visitor = try context.require(.readRegister)
            guard let organisation = try await deps.organisations.find(try context.id("id")) else { throw AccessRefused.notFound }
            let partnerships = try await deps.organisations.partnerships(of: organisation.id).filter { visitor.scope.contains($0.id) }
            return HTMLResponse(OrganisationView.render(organisation, partnerships: partnerships,
                                                        layout: context.layout(organisation.name, [("Organisations", "/organisations")])))
        }
    }
}
