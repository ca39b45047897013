import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// Organisations are shared reference data: every signed-in user may read them.
package struct OrganisationController {
    package let deps: RegisterService

    package init(deps: RegisterService) {
        self.deps = deps
    }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.organisations.path) { _, context in
            let visitor = try context.require(.readRegister)
            return HTMLResponse(
                OrganisationListView.render(
                    try await deps.organisations.all(), canCreate: visitor.user.role.may(.editOrganisations),
                    layout: context.layout("Organisations")))
        }
        router.get(Site.organisationsCSV.path) { _, context in
            try context.require(.readRegister)
            return OrganisationListView.csv(try await deps.organisations.all()).response(filename: "organisations.csv")
        }
        router.get(Site.newOrganisation.path) { request, context in
            try context.require(.editOrganisations)
            let back = try await Self.returnPartnership(request.uri.queryParameters.get("for"), context)
            return HTMLResponse(
                OrganisationFormView.render(
                    form: FormModel(), forPartnership: back,
                    layout: context.layout("Add an organisation", [("Organisations", Site.organisations())])))
        }
        router.post(Site.organisations.path) { request, context in
            let visitor = try context.require(.editOrganisations)
            let back = try await Self.returnPartnership(context.form["for_partnership"], context)
            do {
                let created = try await deps.organisations.create(try OrganisationDraft.validate(context.form), by: visitor.author)
                // Added on the way to listing it on a partnership: back there, with it chosen.
                if let back { return redirect(to: Site.newAuthority(back) + "?organisation=\(created.id)", notice: .organisationAdded) }
                return redirect(to: Site.organisation(created.id), notice: .organisationAdded)
            } catch let failure as ValidationFailure {
                let page = OrganisationFormView.render(
                    form: FormModel(input: context.form, failure: failure), forPartnership: back,
                    layout: context.layout("Add an organisation", [("Organisations", Site.organisations())]))
                return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
            }
        }
        router.get(Site.editOrganisation.path) { _, context in
            try context.require(.editOrganisations)
            guard let organisation = try await deps.organisations.find(try context.id("id")) else { throw AccessRefused.notFound }
            return HTMLResponse(
                OrganisationFormView.render(
                    form: FormModel(input: ["name": organisation.name, "type": organisation.type.rawValue]),
                    editing: organisation, layout: context.layout("Change \(organisation.name)", Self.crumbs(organisation))))
        }
        router.post(Site.organisation.path) { request, context in
            let visitor = try context.require(.editOrganisations)
            guard let organisation = try await deps.organisations.find(try context.id("id")) else { throw AccessRefused.notFound }
            do {
                _ = try await deps.organisations.update(organisation.id, to: try OrganisationDraft.validate(context.form), by: visitor.author)
                return redirect(to: Site.organisation(organisation.id), notice: .changesSaved)
            } catch let failure as ValidationFailure {
                let page = OrganisationFormView.render(
                    form: FormModel(input: context.form, failure: failure), editing: organisation,
                    layout: context.layout("Change \(organisation.name)", Self.crumbs(organisation)))
                return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
            }
        }
        router.get(Site.organisation.path) { _, context in
            let visitor = try context.require(.readRegister)
            guard let organisation = try await deps.organisations.find(try context.id("id")) else { throw AccessRefused.notFound }
            let partnerships = try await deps.organisations.partnerships(of: organisation.id).filter { visitor.scope.contains($0.id) }
            return HTMLResponse(
                OrganisationView.render(
                    organisation, partnerships: partnerships, canEdit: visitor.user.role.may(.editOrganisations),
                    layout: context.layout(organisation.name, [("Organisations", Site.organisations())])))
        }
    }

    package static func crumbs(_ o: Organisation) -> [(label: String, href: String)] {
        [("Organisations", Site.organisations()), (o.name, Site.organisation(o.id))]
    }

    /// The partnership to go back to once the organisation is added, if the visitor may list
    /// organisations on it; anything else is ignored.
    package static func returnPartnership(_ raw: String?, _ context: HallmarkContext) async throws -> RecordID<Partnership>? {
        guard let raw, let id = RecordID<Partnership>(raw), let visitor = context.visitor,
            visitor.scope.contains(id), visitor.user.role.may(.editRegister)
        else { return nil }
        return id
    }
}
