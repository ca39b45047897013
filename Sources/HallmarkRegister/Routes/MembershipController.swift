import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// Members of a partnership and the people on its register.
package struct MembershipController {
    package let deps: RegisterService

    package init(deps: RegisterService) {
        self.deps = deps
    }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.membersCSV.path, use: membersCSV)
        router.get(Site.newMember.path, use: newMember)
        router.post(Site.members.path, use: createMember)
        router.get(Site.editMember.path, use: editMember)
        router.post(Site.member.path, use: updateMember)
        router.get(Site.endMember.path, use: endForm)
        router.post(Site.endMember.path, use: end)
        router.get(Site.newPerson.path, use: newPerson)
        router.post(Site.people.path, use: createPerson)
        router.get(Site.person.path, use: showPerson)
        router.get(Site.editPerson.path, use: editPerson)
        router.post(Site.person.path, use: updatePerson)
    }

    package func membersCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.partnership(context, .readRegister)
        let slug = p.name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return PartnershipView.membersCSV(try await deps.memberships.entries(of: p.id)).response(filename: "\(slug)-members.csv")
    }

    /// What a seat on `p` may be given: this partnership's organisations to represent, its current
    /// members to deputise for, and anyone on the register as a nominating body.
    package struct Choices {
        package let people: [Person]
        package let organisations: [Organisation]
        package let nominators: [Organisation]
        package let members: [Person]

        /// The problems with a draft whose choices are not among these.
        package func check(_ draft: MembershipDraft) -> [FieldError] {
            var problems: [FieldError] = []
            if !people.contains(where: { $0.id == draft.personID }) { problems.append(.init(field: "person_id", message: "Select one of the listed people")) }
            if let id = draft.organisationID, !organisations.contains(where: { $0.id == id }) {
                problems.append(.init(field: "organisation_id", message: "Select one of this partnership’s organisations, or add the organisation to the partnership first"))
            }
            if let id = draft.deputyForPersonID, !members.contains(where: { $0.id == id }) {
                problems.append(.init(field: "deputy_for_person_id", message: "Select one of this partnership’s current members"))
            }
            return problems
        }
    }

    package static func choices(_ p: Partnership, _ visitor: Visitor, _ deps: RegisterService) async throws -> Choices {
        let ids = visitor.scope.everything ? Set(try await deps.partnerships.tree().map(\.id)) : visitor.scope.visible
        let people = try await deps.people.all(in: ids)
        let today = CalendarDate.today()
        let current = Set(try await deps.memberships.entries(of: p.id).filter { $0.membership.isCurrent(on: today) }.map(\.membership.personID))
        return Choices(
            people: people, organisations: try await deps.partnerships.authorities(of: p.id),
            nominators: try await deps.organisations.all(), members: people.filter { current.contains($0.id) })
    }

    private func memberForm(
        _ p: Partnership, _ visitor: Visitor, _ form: FormModel, _ context: HallmarkContext,
        editing: MemberEntry? = nil, status: HTTPResponse.Status
    ) async throws -> HTMLResponse {
        let choices = try await Self.choices(p, visitor, deps)
        let model = MemberFormView.Model(
            partnership: p, form: form, people: choices.people, organisations: choices.organisations,
            nominators: choices.nominators, members: choices.members, editing: editing)
        let title = editing == nil ? "Add a member" : "Change a membership"
        return HTMLResponse(MemberFormView.render(model, layout: context.layout(title, Layout.crumbs(to: p))), status: status)
    }

    package func newMember(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        var input = ["start_date": CalendarDate.today().iso]
        // Just added to the register from this partnership: chosen already, if the visitor may choose them.
        if let raw = request.uri.queryParameters.get("person"), let id = RecordID<Person>(raw),
            try await Self.choices(p, visitor, deps).people.contains(where: { $0.id == id })
        {
            input["person_id"] = String(id)
        }
        return try await memberForm(p, visitor, FormModel(input: input), context, status: .ok)
    }

    package func createMember(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        do {
            let draft = try MembershipDraft.validate(context.form)
            // Ids outside the choices (another partnership's people, say) are treated as not listed.
            let problems = try await Self.choices(p, visitor, deps).check(draft)
            if !problems.isEmpty { throw ValidationFailure(problems) }
            _ = try await deps.memberships.create(draft, in: p.id, by: visitor.author)
            return redirect(to: Site.partnership(p.id) + "#members", notice: .memberAdded)
        } catch let failure as ValidationFailure {
            return try await memberForm(p, visitor, FormModel(input: context.form, failure: failure), context, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    package func editMember(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        let entry = try await membership(p, context)
        let m = entry.membership
        let input = [
            "person_id": String(m.personID), "office": m.office.rawValue, "vote": m.vote.rawValue,
            "organisation_id": m.organisationID.map(String.init) ?? "", "nominated_by_id": m.nominatedByID.map(String.init) ?? "",
            "deputy_for_person_id": m.deputyForPersonID.map(String.init) ?? "", "start_date": m.startDate.iso, "end_date": m.endDate?.iso ?? "",
        ]
        return try await memberForm(p, visitor, FormModel(input: input), context, editing: entry, status: .ok)
    }

    package func updateMember(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        let entry = try await membership(p, context)
        var input = context.form
        // The seat's person stays, whatever the form claims.
        input["person_id"] = String(entry.membership.personID)
        do {
            let draft = try MembershipDraft.validate(input)
            var choices = try await Self.choices(p, visitor, deps)
            // A seat may keep what it already had, though the choices have moved on since.
            let kept = choices.nominators.filter { $0.id == entry.membership.organisationID }
            choices = Choices(
                people: choices.people + (try await deps.people.find(entry.membership.personID).map { [$0] } ?? []),
                organisations: choices.organisations + kept, nominators: choices.nominators, members: choices.members)
            let problems = choices.check(draft)
            if !problems.isEmpty { throw ValidationFailure(problems) }
            _ = try await deps.memberships.update(entry.membership.id, to: draft, by: visitor.author)
            return redirect(to: Site.partnership(p.id) + "#members", notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await memberForm(p, visitor, FormModel(input: input, failure: failure), context, editing: entry, status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    private func membership(_ p: Partnership, _ context: HallmarkContext) async throws -> MemberEntry {
        let id: RecordID<Membership> = try context.id("membership")
        guard let entry = try await deps.memberships.entries(of: p.id).first(where: { $0.membership.id == id }) else {
            throw AccessRefused.notFound
        }
        return entry
    }

    package func endForm(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.partnership(context, .editRegister)
        let entry = try await membership(p, context)
        return HTMLResponse(
            EndMembershipView.render(
                entry, partnership: p, form: FormModel(input: ["end_date": CalendarDate.today().iso]),
                layout: context.layout("End membership", Layout.crumbs(to: p))))
    }

    package func end(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.partnership(context, .editRegister)
        let entry = try await membership(p, context)
        do {
            var v = Validator(context.form)
            let day = v.date("end_date", label: "last day of membership")
            try v.check()
            _ = try await deps.memberships.end(entry.membership.id, on: day!, by: visitor.author)
            return redirect(to: Site.partnership(p.id) + "#members", notice: .membershipEnded)
        } catch let failure as ValidationFailure {
            let page = EndMembershipView.render(
                entry, partnership: p, form: FormModel(input: context.form, failure: failure),
                layout: context.layout("End membership", Layout.crumbs(to: p)))
            return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    package func newPerson(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.partnership(context, .editPeople)
        return HTMLResponse(PersonFormView.render(partnership: p, form: FormModel(), layout: context.layout("Add a person", Layout.crumbs(to: p))))
    }

    package func createPerson(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.partnership(context, .editPeople)
        do {
            let person = try await deps.people.create(try PersonDraft.validate(context.form), keptBy: p.id, by: visitor.author)
            return redirect(to: Site.member(p.id, "new") + "?person=\(person.id)", notice: .personAdded)
        } catch let failure as ValidationFailure {
            let page = PersonFormView.render(
                partnership: p, form: FormModel(input: context.form, failure: failure),
                layout: context.layout("Add a person", Layout.crumbs(to: p)))
            return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// A person the visitor may see: one named by a partnership in their reach.
    private func person(_ context: HallmarkContext, _ permission: Permission) async throws -> (Person, Visitor) {
        let visitor = try context.signedIn()
        let id: RecordID<Person> = try context.id("person")
        guard let person = try await deps.people.find(id),
            try await deps.people.partnershipsMentioning(id).contains(where: visitor.scope.contains)
        else {
            throw AccessRefused.notFound
        }
        try context.require(permission)
        return (person, visitor)
    }

    package func editPerson(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (person, _) = try await person(context, .editPeople)
        let input = ["name": person.name, "job_title": person.jobTitle ?? "", "email": person.email ?? ""]
        return HTMLResponse(
            PersonFormView.render(
                partnership: nil, editing: person, form: FormModel(input: input),
                layout: context.layout("Change \(person.name)’s details", [("People", Site.person(person.id))])))
    }

    package func updatePerson(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (person, visitor) = try await person(context, .editPeople)
        do {
            _ = try await deps.people.update(person.id, to: try PersonDraft.validate(context.form), by: visitor.author)
            return redirect(to: Site.person(person.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            let page = PersonFormView.render(
                partnership: nil, editing: person, form: FormModel(input: context.form, failure: failure),
                layout: context.layout("Change \(person.name)’s details", [("People", Site.person(person.id))]))
            return try HTMLResponse(page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    package func showPerson(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (person, visitor) = try await person(context, .readRegister)
        let id = person.id
        let visible = try await deps.visible(to: visitor, at: context.readsKeptAt)
        let names = Dictionary(uniqueKeysWithValues: visible.map { ($0.id, $0.name) })
        // Only seats on partnerships the visitor may see.
        let seats = try await deps.memberships.entries(forPerson: id).filter { visitor.scope.contains($0.membership.partnershipID) }
        return HTMLResponse(
            PersonView.render(
                person, seats: seats, partnershipNames: names, today: CalendarDate.today(),
                canEdit: visitor.user.role.may(.editPeople),
                layout: context.layout(person.name, [("Partnerships", Site.partnerships())])))
    }
}
