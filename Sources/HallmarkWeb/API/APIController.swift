import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// The JSON API under /api/v1: the same resources and the same authorisation as the pages,
/// for machine clients holding an API token. Field names are snake_case, as in the forms.
struct APIController {
    let deps: Dependencies

    func register(on router: Router<HallmarkContext>) {
        let api = router.group("/api/v1")
        api.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: OpenAPIDocument.bytes))
        }
        api.get("/partnerships") { _, context in
            let visitor = try context.require(.readRegister)
            return try jsonResponse(try await deps.register.visible(to: visitor))
        }
        api.post("/partnerships") { request, context in
            let visitor = try context.require(.createPartnership)
            var input = try await Self.fields(request, context)
            if input["kind"] == PartnershipKind.subGroup.rawValue { input["kind"] = "" }
            let created = try await deps.partnerships.create(try PartnershipDraft.validate(input), by: visitor.author)
            return try jsonResponse(created, status: .created)
        }
        api.get("/partnerships/:id") { _, context in
            let (p, _) = try await deps.register.partnership(context, .readRegister)
            return try jsonResponse(
                PartnershipDetail(
                    partnership: p, districts: try await deps.partnerships.districts(of: p.id),
                    authorities: try await deps.partnerships.authorities(of: p.id),
                    subGroups: try await deps.partnerships.children(of: p.id)))
        }
        api.post("/partnerships/:id/sub-groups") { request, context in
            let (p, visitor) = try await deps.register.partnership(context, .editRegister)
            var input = try await Self.fields(request, context)
            input["kind"] = PartnershipKind.subGroup.rawValue
            input["parent_id"] = String(p.id)
            return try jsonResponse(try await deps.partnerships.create(try PartnershipDraft.validate(input), by: visitor.author), status: .created)
        }
        api.get("/partnerships/:id/members") { _, context in
            let (p, _) = try await deps.register.partnership(context, .readRegister)
            return try jsonResponse(try await deps.memberships.entries(of: p.id))
        }
        api.post("/partnerships/:id/members") { request, context in
            let (p, visitor) = try await deps.register.partnership(context, .editRegister)
            let draft = try MembershipDraft.validate(try await Self.fields(request, context))
            let problems = try await MembershipController.choices(p, visitor, deps.register).check(draft)
            if !problems.isEmpty { throw ValidationFailure(problems) }
            return try jsonResponse(try await deps.memberships.create(draft, in: p.id, by: visitor.author), status: .created)
        }
        api.post("/partnerships/:id/people") { request, context in
            let (p, visitor) = try await deps.register.partnership(context, .editPeople)
            let draft = try PersonDraft.validate(try await Self.fields(request, context))
            return try jsonResponse(try await deps.people.create(draft, keptBy: p.id, by: visitor.author), status: .created)
        }
        api.get("/people/:id") { _, context in
            let visitor = try context.require(.readRegister)
            let id: RecordID<Person> = try context.id("id")
            guard let person = try await deps.people.find(id),
                try await deps.people.partnershipsMentioning(id).contains(where: visitor.scope.contains)
            else { throw AccessRefused.notFound }
            return try jsonResponse(person)
        }
        api.get("/organisations") { _, context in
            try context.require(.readRegister)
            return try jsonResponse(try await deps.organisations.all())
        }
        api.post("/organisations") { request, context in
            let visitor = try context.require(.editOrganisations)
            let draft = try OrganisationDraft.validate(try await Self.fields(request, context))
            return try jsonResponse(try await deps.organisations.create(draft, by: visitor.author), status: .created)
        }
        api.get("/organisations/:id") { _, context in
            try context.require(.readRegister)
            guard let organisation = try await deps.organisations.find(try context.id("id")) else { throw AccessRefused.notFound }
            return try jsonResponse(organisation)
        }
        api.get("/crime/months") { _, context in
            try context.require(.readCrimeData)
            return try jsonResponse(try await deps.crime.monthsAvailable().map(ForceMonthsBody.init))
        }
        api.get("/crime/imports") { _, context in
            let visitor = try context.require(.readCrimeData)
            try await deps.crime.closeInterruptedImports(lease: deps.settings.importLeaseSeconds)
            return try jsonResponse(try await deps.crime.imports().map { $0.shown(to: visitor) })
        }
        // Counts by area, month and type for the areas in the caller's reach, as CSV.
        api.get("/crime/counts") { request, context in
            let visitor = try context.require(.readCrimeData)
            try APIRequest.refuseEmpty(["from", "to", "level"], in: request)
            let query = request.uri.queryParameters
            guard let level = query.get("level").flatMap(CrimeExtract.Level.init(rawValue:)) else {
                throw ValidationFailure(field: "level", message: "level must be one of: \(CrimeExtract.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let period = try CrimePeriod.parse(from: query.get("from"), to: query.get("to"), latest: try await deps.crime.latestMonth())
            var within: Set<String>? = nil
            if !visitor.scope.everything {
                var districts = Set<String>()
                for p in try await deps.register.visible(to: visitor) {
                    districts.formUnion(try await CrimeArea.districts(of: p, deps.partnerships).map(\.code.value))
                }
                within = districts
            }
            let text = try await CrimeExtract.csv(level: level, months: period.range, within: within, deps: deps.crimeData)
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        api.get("/partnerships/:id/crime") { request, context in
            try APIRequest.refuseEmpty(["from", "to"], in: request)
            let (_, result) = try await CrimeDataController.figures(deps.crimeData, request, context)
            return try jsonResponse(try result.get().1)
        }
    }

    struct ForceMonthsBody: Encodable {
        let force: String
        let forceArea: String?
        let months: [String]
        let missingMonths: [String]

        init(_ held: ForceMonths) {
            force = held.force
            forceArea = held.forceArea
            months = held.months.map(MonthNumber.text)
            missingMonths = held.gaps.map(MonthNumber.text)
        }
    }

    struct PartnershipDetail: Encodable {
        let partnership: Partnership
        let districts: [District]
        let authorities: [Organisation]
        let subGroups: [Partnership]
    }

    /// What a JSON member the API reads must be. Ids are numbers and the rest text, as the
    /// OpenAPI document says; members the API does not read may be text, numbers or null.
    static let memberKinds: [String: APIRequest.MemberKind] = [
        "name": .text, "purpose": .text, "kind": .text, "type": .text, "ons_code": .text, "sub_group_type": .text,
        "email": .text, "job_title": .text, "vote": .text, "office": .text, "start_date": .date, "end_date": .date,
        "parent_id": .id, "person_id": .id, "organisation_id": .id, "nominated_by_id": .id, "deputy_for_person_id": .id,
    ]

    static func fields(_ request: Request, _ context: HallmarkContext) async throws -> [String: String] {
        try await APIRequest.fields(request, context, kinds: memberKinds)
    }
}

func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    try jsonResponse(value, status: status)
}
