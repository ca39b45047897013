import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// Reviews of arrangements and mergers as JSON, by the same rules as the pages: the county's,
/// for everyone who sees it; a merger's steps recorded by those who restructure.
package struct RestructuringAPIController {
    package let deps: RestructuringService

    package init(deps: RestructuringService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.arrangementReviewsAPI.path, use: reviews)
        router.get(Site.arrangementReviewAPI.path, use: review)
        router.get(Site.mergersAPI.path, use: mergers)
        router.post(Site.mergerAgreementsAPI.path, use: agree)
        router.post(Site.mergerApprovalsAPI.path, use: approve)
        router.post(Site.mergerCompleteAPI.path, use: complete)
    }

    struct ReviewSummary: Encodable {
        let id: Int64
        let title: String
        let openedOn: String
        let recommendedOptionId: Int64?
    }

    /// Reviews and mergers are kept by a county strategy group; asked of a CSP or a sub-group,
    /// the list is empty rather than not found, since the partnership itself is there.
    private func keeper(_ context: HallmarkContext) async throws -> Partnership? {
        let (p, _) = try await deps.register.partnership(context, .readRegister)
        return p.kind == .countyStrategyGroup ? p : nil
    }

    package func reviews(_ request: Request, context: HallmarkContext) async throws -> Response {
        guard let county = try await keeper(context) else { return try jsonResponse([ReviewSummary]()) }
        return try jsonResponse(
            try await deps.reviews.reviews(of: county.id).map {
                ReviewSummary(id: $0.id.rawValue, title: $0.title, openedOn: $0.openedOn.iso, recommendedOptionId: $0.recommendedOptionID?.rawValue)
            })
    }

    struct Hours: Encodable {
        let organisationId: Int64
        let organisation: String
        let hours: Double
    }

    struct ProposedRecord: Encodable {
        let name: String
        let districts: [String]
        let boards: Int
        let residents: Int
        let crimes: Int
        let harm: Double
        let forces: [String]
        let crossesForces: Bool
        let allocationPence: Int64?
        let allocationTodayPence: Int64?
    }

    struct OptionRecord: Encodable {
        let id: Int64?
        let name: String
        let summary: String
        let strengths: String
        let weaknesses: String
        let risks: String
        let boards: Int
        let meetingsPerYear: Int
        let meetingHours: Double
        let hoursByOrganisation: [Hours]
        let partnerships: [ProposedRecord]
        let themes: [Theme]
        let fundingProblem: String?
    }

    struct PositionRecord: Encodable {
        let stakeholder: String
        let optionId: Int64?
        let position: String
        let source: String
        let statedOn: String
    }

    struct ReviewRecord: Encodable {
        let id: Int64
        let title: String
        let openedOn: String
        let area: [District]
        let crimePeriod: String?
        let formula: ReviewFormula
        /// Today's structure first (its id null), then each option.
        let options: [OptionRecord]
        let hoursGivenLastYear: [Hours]
        let positions: [PositionRecord]
        let recommendedOptionId: Int64?
        let recommendation: String
    }

    package func review(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (county, _) = try await deps.county(context, .readRegister)
        guard let r = try await deps.reviews.review(try context.id("review"), in: county.id) else { throw AccessRefused.notFound }
        let c = try await deps.comparison(r, county: county, on: .today())
        let names = Dictionary(c.organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        func hours(_ h: [RecordID<Organisation>: Double]) -> [Hours] {
            h.sorted { $0.key.rawValue < $1.key.rawValue }.map { Hours(organisationId: $0.key.rawValue, organisation: names[$0.key] ?? "", hours: $0.value) }
        }
        let words: [ArrangementOption?] = [nil] + c.options.map { $0 }
        let structures = [c.today] + c.options.map(\.structure)
        let options = zip(c.figures, zip(words, structures)).map { f, pair in
            let (o, s) = pair
            return OptionRecord(
                id: o?.id.rawValue, name: f.name, summary: o?.summary ?? "Today’s structure", strengths: o?.strengths ?? "", weaknesses: o?.weaknesses ?? "",
                risks: o?.risks ?? "", boards: f.burden.boards, meetingsPerYear: f.burden.meetingsPerYear, meetingHours: f.burden.meetingHours,
                hoursByOrganisation: hours(f.burden.hoursByOrganisation),
                partnerships: f.partnerships.map {
                    ProposedRecord(
                        name: $0.name, districts: $0.districts.map(\.code.value), boards: $0.boards, residents: $0.residents, crimes: $0.crimes, harm: $0.harm,
                        forces: $0.coterminosity.forces, crossesForces: $0.coterminosity.crossesForces, allocationPence: $0.funding?.pence,
                        allocationTodayPence: $0.fundingToday?.pence)
                }, themes: s.themes, fundingProblem: f.fundingProblem)
        }
        let positions = try await deps.reviews.positions(of: r.id).map {
            PositionRecord(stakeholder: $0.stakeholder, optionId: $0.optionID?.rawValue, position: $0.position, source: $0.source, statedOn: $0.statedOn.iso)
        }
        return try jsonResponse(
            ReviewRecord(
                id: r.id.rawValue, title: r.title, openedOn: r.openedOn.iso, area: c.area, crimePeriod: c.facts.period, formula: r.formula, options: options,
                hoursGivenLastYear: hours(c.attended), positions: positions, recommendedOptionId: r.recommendedOptionID?.rawValue, recommendation: r.recommendation))
    }

    struct AgreementRecord: Encodable {
        let organisationId: Int64
        let organisation: String
        let agreement: Approval?
    }

    struct MergerRecord: Encodable {
        let id: Int64
        let kind: String
        let sources: [Int64]
        let successors: [Successor]
        let members: String
        let subGroups: String
        let terms: String
        let proposedOn: String
        let effectiveOn: String
        let stage: String
        let crossesForces: Bool
        let outstanding: [String]
        let agreements: [AgreementRecord]
        let pccApproval: Approval?
        let secretaryOfStateApproval: Approval?
        let completedOn: String?
    }

    struct Successor: Encodable {
        let name: String
        let onsCode: String
        let districts: [String]
    }

    package func mergers(_ request: Request, context: HallmarkContext) async throws -> Response {
        guard let county = try await keeper(context) else { return try jsonResponse([MergerRecord]()) }
        return try jsonResponse(try await deps.progress(ofMergersIn: county).map(record))
    }

    func record(_ g: MergerProgress) -> MergerRecord {
        let m = g.merger
        return
            MergerRecord(
                id: m.id.rawValue, kind: m.kind.lowercased(), sources: m.sources.map(\.rawValue),
                successors: m.successors.map { Successor(name: $0.name, onsCode: $0.onsCode.value, districts: $0.districts.map(\.code.value)) },
                members: m.members.rawValue, subGroups: m.subGroups.rawValue, terms: m.terms.rawValue,
                proposedOn: m.proposedOn.iso, effectiveOn: m.effectiveOn.iso, stage: g.stage, crossesForces: g.crossesForces, outstanding: g.outstanding(on: .today()),
                agreements: g.agreements.map { AgreementRecord(organisationId: $0.organisation.id.rawValue, organisation: $0.organisation.name, agreement: $0.agreement) },
                pccApproval: m.pccApproval, secretaryOfStateApproval: m.secretaryOfStateApproval, completedOn: m.completedOn?.iso)
    }

    /// What the step routes read: the forms' fields, in JSON.
    static let kinds: [String: APIRequest.MemberKind] = ["organisation_id": .id, "approver": .text, "by": .text, "on": .date, "document": .text]

    /// Runs one step of a merger and answers with the merger as it then stands.
    private func step(
        _ request: Request, _ context: HallmarkContext, readsBody: Bool = true, _ body: @escaping (Merger, Visitor, [String: String]) async throws -> Void
    ) async throws -> Response {
        let (county, visitor) = try await deps.county(context, .restructure)
        guard let merger = try await deps.mergers.merger(try context.id("merger"), in: county.id) else { throw AccessRefused.notFound }
        try await body(merger, visitor, readsBody ? try await APIRequest.fields(request, context, kinds: Self.kinds) : [:])
        return try jsonResponse(record(try await deps.progress(of: try await deps.mergers.merger(merger.id, in: county.id) ?? merger)))
    }

    package func agree(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await step(request, context) { merger, visitor, input in
            var v = Validator(input)
            let organisation: RecordID<Organisation>? = v.id("organisation_id", label: "responsible authority")
            try v.check()
            let approval = try RestructuringForms.approval(input, today: .today())
            try await deps.mergers.agree(merger.id, in: merger.partnershipID, organisation: organisation!, approval, by: visitor.author)
        }
    }

    package func approve(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await step(request, context) { merger, visitor, input in
            var v = Validator(input)
            let approver = v.choice("approver", label: "approver", as: MergerRepository.Approver.self)
            try v.check()
            let approval = try RestructuringForms.approval(input, today: .today())
            try await deps.mergers.approve(merger.id, in: merger.partnershipID, as: approver!, approval, crossesForces: deps.crossesForces(merger), by: visitor.author)
        }
    }

    /// Completes today, if every step is done and the effective date has come (422 saying what is missing if not).
    package func complete(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await step(request, context, readsBody: false) { merger, visitor, _ in
            _ = try await deps.mergers.complete(merger.id, in: merger.partnershipID, on: .today(), crossesForces: deps.crossesForces(merger), by: visitor.author)
        }
    }
}
