import HallmarkDomain
import HallmarkKit
import HallmarkPlan
import HallmarkRegister
import HallmarkStore

/// What the engagement routes work with: the register, the self-assessment's store, and the
/// plan its improvement actions join.
package struct EngagementService: Sendable {
    package let register: RegisterService
    /// The public consultation form's defences against machines.
    package var formCheck: PublicFormCheck

    package init(register: RegisterService, formKey: FormKey) {
        self.register = register
        self.formCheck = PublicFormCheck(formKey: formKey, store: register.store)
    }

    package var consultations: ConsultationRepository { ConsultationRepository(store: store) }
    package var engagement: EngagementRepository { EngagementRepository(store: store) }

    /// The signature of the moment a consultation's form was shown.
    package func stamp(_ c: Consultation, at time: Int64) async throws -> String {
        try await formCheck.stamp("consultation \(c.id)", at: time)
    }

    package var store: Store { register.store }
    package var selfAssessment: SelfAssessmentRepository { SelfAssessmentRepository(store: store) }
    package var plans: PlanRepository { PlanRepository(store: store) }

    /// The plan's priority the improvement actions go under: found, or added with its reason.
    static let improvementPriority = "Hallmarks improvement plan"

    /// Adds an improvement action to the partnership plan (the transformation plan, under the
    /// priority for the Hallmarks' improvements) and links it to the round and section.
    package func addImprovement(
        _ form: PlanForms.Action, section: String, to round: SelfAssessmentRound, by author: ChangeAuthor
    ) async throws -> PlanAction {
        var priority = try await plans.priorities(of: round.partnershipID).first { $0.title == Self.improvementPriority && !$0.withdrawn }
        if priority == nil {
            priority = try await plans.addPriority(
                PlanForms.Priority(title: Self.improvementPriority, reason: "Improvement actions from the Hallmarks of Effective Practice self-assessment", theme: ""),
                version: nil, evidence: "", to: round.partnershipID, by: author)
        }
        var action = form
        action.plan = .transformation
        let added = try await plans.addAction(action, ownerName: form.ownerOrganisation, to: priority!, by: author)
        try await selfAssessment.addImprovement(section: section, actionID: added.id.rawValue, to: round, by: author)
        return added
    }

    /// A round's results as every page, export and API answer shows them: once the round has
    /// closed, and for an anonymous round only when enough answered.
    package func shownResults(of round: SelfAssessmentRound) async throws -> SelfAssessmentResults? {
        guard !round.open(on: .today()) else { return nil }
        let results = try await selfAssessment.results(of: round, previous: try await previous(to: round))
        return round.anonymous && results.responses < Hallmarks.fewestToShow ? nil : results
    }

    /// The round closed before this one, to compare with: never an anonymous round too few
    /// answered, whose results are not shown, so that no change gives them away.
    package func previous(to round: SelfAssessmentRound) async throws -> SelfAssessmentRound? {
        for earlier in try await selfAssessment.rounds(of: round.partnershipID) where earlier.id != round.id && earlier.closesOn <= round.closesOn {
            guard !earlier.open(on: .today()) else { continue }
            if earlier.anonymous, try await selfAssessment.respondents(of: earlier) < Hallmarks.fewestToShow { continue }
            return earlier
        }
        return nil
    }
}
