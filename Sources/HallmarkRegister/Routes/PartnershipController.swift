import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// The partnership register: list, page, new partnerships and sub-groups, areas, authorities.
package struct PartnershipController {
    package let deps: RegisterService
    /// Structure diagrams drawn at the change count, for every visitor who sees the same
    /// partnerships: a tenth of a partnership's page at first view was drawing it.
    let diagrams = KeptWhileCurrent<StructureDiagram.Key, String>(budget: 4 << 20, cost: { $0.utf8.count })
    /// Who sits on each partnership, as read at the change count: at first view its page
    /// otherwise asked the database twice more than the list of partnerships does.
    let seats = KeptWhileCurrent<RecordID<Partnership>, Seats>(budget: 512)

    /// A partnership's responsible authorities and its members, past and present.
    struct Seats: Sendable {
        let authorities: [Organisation]
        let members: [MemberEntry]
    }

    package init(deps: RegisterService) {
        self.deps = deps
    }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.partnerships.path, use: list)
        router.get(Site.partnershipsCSV.path, use: listCSV)
        router.get(Site.newPartnership.path, use: newPartnership)
        router.post(Site.partnerships.path, use: createPartnership)
        router.get(Site.partnership.path, use: show)
        router.get(Site.newSubGroup.path, use: newSubGroup)
        router.post(Site.subGroups.path, use: createSubGroup)
        router.get(Site.newDistrict.path, use: newDistrict)
        router.post(Site.districts.path, use: createDistrict)
        router.get(Site.newAuthority.path, use: newAuthority)
        router.post(Site.authorities.path, use: createAuthority)
        router.post(Site.removeAuthority.path, use: removeAuthority)
        router.get(Site.editPartnership.path, use: editForm)
        router.post(Site.partnership.path, use: update)
    }

    /// The partnerships the visitor may see, in the register's order.
    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let visitor = try context.require(.readRegister)
        let model = PartnershipListView.Model(partnerships: try await deps.visible(to: visitor, at: context.readsKeptAt), canCreate: visitor.user.role.may(.createPartnership))
        return HTMLResponse(PartnershipListView.render(model, layout: context.layout("Partnerships")))
    }

    package func listCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let visitor = try context.require(.readRegister)
        return PartnershipListView.csv(try await deps.visible(to: visitor, at: context.readsKeptAt)).response(filename: "partnerships.csv")
    }

    package func show(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.partnership(context, .readRegister)
        let register = try await deps.partnerships.asStored(at: context.readsKeptAt)
        let all = register.partnerships.filter { visitor.scope.contains($0.id) }
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        // Draw from the highest ancestor the visitor may see.
        var root = p
        while let parentID = root.parentID, let parent = byID[parentID] { root = parent }
        let seated = try await seats.value(p.id, at: context.readsKeptAt) {
            Seats(authorities: try await deps.partnerships.authorities(of: p.id), members: try await deps.memberships.entries(of: p.id))
        }
        let drawing = StructureDiagram(partnerships: all, rootID: root.id, highlightID: p.id)
        let model = PartnershipView.Model(
            partnership: p,
            parent: p.parentID.flatMap { byID[$0] },
            districts: register.districts(of: p.id),
            authorities: seated.authorities,
            members: seated.members,
            subGroups: register.children(of: p.id),
            diagram: await diagrams.value(drawing.key, at: context.readsKeptAt) { drawing.svg },
            today: CalendarDate.today(),
            canEdit: visitor.user.role.may(.editRegister))
        return HTMLResponse(PartnershipView.render(model, layout: context.layout(p.name, [("Partnerships", Site.partnerships())])))
    }

    package func newPartnership(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try context.require(.createPartnership)
        return try await partnershipForm(FormModel(), context: context, status: .ok)
    }

    private func partnershipForm(_ form: FormModel, context: HallmarkContext, status: HTTPResponse.Status) async throws -> HTMLResponse {
        let groups = try await deps.partnerships.all().filter { $0.kind == .countyStrategyGroup }
        return HTMLResponse(
            PartnershipFormView.render(
                form, parent: nil, countyGroups: groups,
                layout: context.layout("Add a partnership", [("Partnerships", Site.partnerships())])), status: status)
    }

    package func createPartnership(_ request: Request, context: HallmarkContext) async throws -> Response {
        let visitor = try context.require(.createPartnership)
        var input = context.form
        if input["kind"] == PartnershipKind.subGroup.rawValue {
            // Sub-groups are added from their parent's page, where the parent is checked.
            input["kind"] = ""
        }
        do {
            let created = try await deps.partnerships.create(try PartnershipDraft.validate(input), by: visitor.author)
            return redirect(to: Site.partnership(created.id), notice: .partnershipAdded)
        } catch let failure as ValidationFailure {
            return try await partnershipForm(FormModel(input: context.form, failure: failure), context: context, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    package func newSubGroup(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.partnership(context, .editRegister)
        return subGroupForm(FormModel(), parent: p, context: context, status: .ok)
    }

    private func subGroupForm(_ form: FormModel, parent: Partnership, context: HallmarkContext, status: HTTPResponse.Status) -> HTMLResponse {
        HTMLResponse(
            PartnershipFormView.render(
                form, parent: parent, countyGroups: [],
                layout: context.layout("Add a sub-group", Layout.crumbs(to: parent))), status: status)
    }

    package func createSubGroup(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        var input = context.form
        // The parent is the page's partnership, whatever the form claims.
        input["kind"] = PartnershipKind.subGroup.rawValue
        input["parent_id"] = String(p.id)
        do {
            let created = try await deps.partnerships.create(try PartnershipDraft.validate(input), by: visitor.author)
            return redirect(to: Site.partnership(created.id), notice: .subGroupAdded)
        } catch let failure as ValidationFailure {
            return try subGroupForm(FormModel(input: input, failure: failure), parent: p, context: context, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    package func newDistrict(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.partnership(context, .editRegister)
        return HTMLResponse(DistrictFormView.render(partnership: p, form: FormModel(), layout: context.layout("Add a district", Layout.crumbs(to: p))))
    }

    package func createDistrict(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        do {
            try await deps.partnerships.addDistrict(try DistrictDraft.validate(context.form).district, to: p.id, by: visitor.author)
            return redirect(to: Site.partnership(p.id) + "#areas", notice: .districtAdded)
        } catch let failure as ValidationFailure {
            let page = DistrictFormView.render(
                partnership: p, form: FormModel(input: context.form, failure: failure),
                layout: context.layout("Add a district", Layout.crumbs(to: p)))
            return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    package func newAuthority(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.partnership(context, .editRegister)
        // Back from adding an organisation to the register: it is chosen already.
        let chosen = request.uri.queryParameters.get("organisation").flatMap { RecordID<Organisation>($0) }.map(String.init)
        return HTMLResponse(
            AuthorityFormView.render(
                partnership: p, organisations: try await deps.organisations.all(),
                form: FormModel(input: chosen.map { ["organisation_id": $0] } ?? [:]),
                layout: context.layout("Add an organisation", Layout.crumbs(to: p))))
    }

    package func removeAuthority(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        let id: RecordID<Organisation> = .init(try context.id("organisation"))
        if let organisation = try await deps.partnerships.authorities(of: p.id).first(where: { $0.id == id }),
            let page = try Confirmation(
                question: "Remove \(organisation.name) from \(p.name)’s responsible authorities?",
                consequence: "It stays in the list of organisations, and the audit log records that it was listed.", button: "Yes, remove it",
                back: Site.partnership(p.id) + "#authorities"
            ).ask(request, context, caption: p.name, crumbs: Layout.crumbs(to: p))
        {
            return page
        }
        try await deps.partnerships.removeAuthority(id, from: p.id, by: visitor.author)
        return redirect(to: Site.partnership(p.id) + "#authorities", notice: .authorityRemoved)
    }

    package func editForm(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.partnership(context, .editRegister)
        return HTMLResponse(
            PartnershipEditView.render(
                p, form: FormModel(input: ["name": p.name, "purpose": p.purpose ?? ""]),
                layout: context.layout("Change \(p.name)", Layout.crumbs(to: p))))
    }

    package func update(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        do {
            var v = Validator(context.form)
            let name = v.text("name", label: "name", maxLength: 120)
            let purpose = v.text("purpose", label: "purpose", required: false, maxLength: 1000)
            try v.check()
            _ = try await deps.partnerships.update(p.id, name: name!, purpose: purpose, by: visitor.author)
            return redirect(to: Site.partnership(p.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try HTMLResponse(
                PartnershipEditView.render(
                    p, form: FormModel(input: context.form, failure: failure),
                    layout: context.layout("Change \(p.name)", Layout.crumbs(to: p))), status: .unprocessableContent
            )
            .response(from: request, context: context)
        }
    }

    package func createAuthority(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        do {
            var v = Validator(context.form)
            let organisationID: RecordID<Organisation>? = v.id("organisation_id", label: "organisation")
            try v.check()
            try await deps.partnerships.addAuthority(organisationID!, to: p.id, by: visitor.author)
            return redirect(to: Site.partnership(p.id) + "#authorities", notice: .authorityAdded)
        } catch let failure as ValidationFailure {
            let page = AuthorityFormView.render(
                partnership: p, organisations: try await deps.organisations.all(),
                form: FormModel(input: context.form, failure: failure),
                layout: context.layout("Add an organisation", Layout.crumbs(to: p)))
            return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
        }
    }
}
