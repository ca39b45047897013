import Foundation
import HallmarkDomain
import HallmarkStore
import Hummingbird

/// Members of a partnership and the people on its register.
struct MembershipController {
    let deps: Dependencies

    func register(on router: Router<HallmarkContext>) {
        router.get("/partnerships/:id/members.csv", use: membersCSV)
        router.get("/partnerships/:id/members/new", use: newMember)
        router.post("/partnerships/:id/members", use: createMember)
        router.get("/partnerships/:id/members/:membership/end", use: endForm)
        router.post("/partnerships/:id/members/:membership/end", use: end)
        router.get("/partnerships/:id/people/new", use: newPerson)
        router.post("/partnerships/:id/people", use: createPerson)
        router.get("/people/:person", use: showPerson)
    }

    func membersCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await PartnershipController.partnership(deps, context, .readRegister)
        let slug = p.name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return PartnershipView.membersCSV(try await deps.memberships.entries(of: p.id)).response(filename: "\(slug)-members.csv")
    }

    /// The people a visitor may choose from: those of the partnerships they can see.
    private func choosablePeople(_ visitor: Visitor) async throws -> [Person] {
        let ids = visitor.scope.everything ? Set(try await deps.partnerships.tree().map(\.id)) : visitor.scope.visible
        return try await deps.people.all(in: ids)
    }

    private func memberForm(_ p: Partnership, _ visitor: Visitor, _ form: FormModel, _ context: HallmarkContext,
                            status: HTTPResponse.Status) async throws -> HTMLResponse {
        let model = MemberFormView.Model(partnership: p, form: form, people: try await choosablePeople(visitor),
                                         organisations: try await deps.organisations.all())
        return HTMLResponse(MemberFormView.render(model, layout: context.layout("Add a member", PartnershipController.crumbs(p))), status: status)
    }

    func newMember(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await PartnershipController.partnership(deps, context, .editRegister)
        var input = ["start_date": CalendarDate.today().iso]
        // Just added to the register from this partnership: chosen already, if the visitor may choose them.
        if let raw = request.uri.queryParameters.get("person"), let id = Int64(raw),
           try await choosablePeople(visitor).contains(where: { $0.id == id }) {
            input["person_id"] = String(id)
        }
        return try await memberForm(p, visitor, FormModel(input: input), context, status: .ok)
    }

    func createMember(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await PartnershipController.partnership(deps, context, .editRegister)
        do {
            let draft = try MembershipDraft.validate(context.form)
            // Ids of people in partnerships the visitor cannot see are treated as not listed.
            let choosable = Set(try await choosablePeople(visitor).map(\.id))
            var v = Validator(context.form)
            if !choosable.contains(draft.personID) { v.fail("person_id", "Select one of the listed people") }
            if let deputy = draft.deputyForPersonID, !choosable.contains(deputy) { v.fail("deputy_for_person_id", "Select one of the listed people") }
            try v.check()
            _ = try await deps.memberships.create(draft, in: p.id, by: visitor.author)
            return redirect(to: "/partnerships/\(p.id)#members", notice: .memberAdded)
        } catch let failure as ValidationFailure {
            return try await memberForm(p, visitor, FormModel(input: context.form, failure: failure), context, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    private func membership(_ p: Partnership, _ context: HallmarkContext) async throws -> MemberEntry {
        let id = try context.id("membership")
        guard let entry = try await deps.memberships.entries(of: p.id).first(where: { $0.membership.id == id }) else {
            throw AccessRefused.notFound
        }
        return entry
    }

    func endForm(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await PartnershipController.partnership(deps, context, .editRegister)
        let entry = try await membership(p, context)
        return HTMLResponse(EndMembershipView.render(entry, partnership: p, form: FormModel(input: ["end_date": CalendarDate.today().iso]),
                                                     layout: context.layout("End membership", PartnershipController.crumbs(p))))
    }

    func end(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await PartnershipController.partnership(deps, context, .editRegister)
        let entry = try await membership(p, context)
        do {
            var v = Validator(context.form)
            let day = v.date("end_date", label: "last day of membership")
            try v.check()
            _ = try await deps.memberships.end(entry.membership.id, on: day!, by: visitor.author)
            return redirect(to: "/partnerships/\(p.id)#members", notice: .membershipEnded)
        } catch let failure as ValidationFailure {
            let page = EndMembershipView.render(entry, partnership: p, form: FormModel(input: context.form, failure: failure),
                                                layout: context.layout("End membership", PartnershipController.crumbs(p)))
            return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func newPerson(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await PartnershipController.partnership(deps, context, .editPeople)
        return HTMLResponse(PersonFormView.render(partnership: p, form: FormModel(), layout: context.layout("Add a person", PartnershipController.crumbs(p))))
    }

    func createPerson(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await PartnershipController.partnership(deps, context, .editPeople)
        do {
            let person = try await deps.people.create(try PersonDraft.validate(context.form), keptBy: p.id, by: visitor.author)
            return redirect(to: "/partnerships/\(p.id)/members/new?person=\(person.id)", notice: .personAdded)
        } catch let failure as ValidationFailure {
            let page = PersonFormView.render(partnership: p, form: FormModel(input: context.form, failure: failure),
                                             layout: context.layout("Add a person", PartnershipController.crumbs(p)))
            return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func showPerson(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let visitor = try context.require(.readRegister)
        let id = try context.id("person")
        guard let person = try await deps.people.find(id),
              try await deps.people.partnershipsMentioning(id).contains(where: visitor.scope.contains) else {
            throw AccessRefused.notFound
        }
        let visible = try await PartnershipController.visible(deps, visitor)
        let names = Dictionary(uniqueKeysWithValues: visible.map { ($0.id, $0.name) })
        // Only seats on partnerships the visitor may see.
        let seats = try await deps.memberships.entries(forPerson: id).filter { visitor.scope.contains($0.membership.partnershipID) }
        return HTMLResponse(PersonView.render(person, seats: seats, partnershipNames: names, today: CalendarDate.today(),
                                              layout: context.layout(person.name, [("Partnerships", "/partnerships")])))
    }
}
