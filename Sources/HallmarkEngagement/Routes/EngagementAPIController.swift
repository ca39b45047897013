import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// The partnership's engagement as JSON: consultations with their results, events, "you said,
/// we did", and the self-assessment's rounds with their results where the page shows them.
/// Never who answered: no consultation response has an author, and a round's results are
/// summaries by section, with an anonymous round's comments as text alone.
package struct EngagementAPIController {
    package let deps: EngagementService

    package init(deps: EngagementService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.engagementAPI.path, use: api)
    }

    struct Choice: Encodable {
        let choice: String
        let count: Int
        let answered: Int
        let percent: Double?
        let ci95Low: Double?
        let ci95High: Double?
    }

    struct WrittenAnswer: Encodable {
        let text: String
        let theme: String
    }

    struct Question: Encodable {
        let question: ConsultationQuestion
        let answered: Int
        let choices: [Choice]
        let writtenAnswers: [WrittenAnswer]
    }

    struct ConsultationRecord: Encodable {
        let consultation: Consultation
        let responses: Int
        let questions: [Question]
    }

    struct Section: Encodable {
        let section: String
        /// Absent, with every figure, where too few rated the section of an anonymous round.
        let ratings: Int?
        let withheld: Bool
        let median: Double?
        let lowerQuartile: Double?
        let upperQuartile: Double?
        let lowest: Int?
        let highest: Int?
        let agreeingPercent: Double?
        let medianChange: Double?
    }

    struct Round: Encodable {
        let round: SelfAssessmentRound
        let respondents: Int
        /// Absent while the round is open, or when too few answered an anonymous one.
        let sections: [Section]?
        let comments: [String]?
    }

    struct EngagementRecord: Encodable {
        let consultations: [ConsultationRecord]
        let events: [EngagementEvent]
        let youSaidWeDid: [YouSaidWeDid]
        let selfAssessment: [Round]
    }

    package func api(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readPlan)
        var consultations: [ConsultationRecord] = []
        for c in try await deps.consultations.consultations(of: p.id) {
            let questions = try await deps.consultations.results(of: c).map { r in
                Question(
                    question: r.question, answered: r.answered,
                    choices: r.choices.map {
                        Choice(
                            choice: $0.choice, count: $0.count, answered: $0.answered, percent: $0.percent, ci95Low: $0.interval?.low, ci95High: $0.interval?.high)
                    }, writtenAnswers: r.texts.map { WrittenAnswer(text: $0.text, theme: $0.theme) })
            }
            consultations.append(ConsultationRecord(consultation: c, responses: try await deps.consultations.responses(to: c), questions: questions))
        }
        var rounds: [Round] = []
        for round in try await deps.selfAssessment.rounds(of: p.id) {
            let results = try await deps.shownResults(of: round)
            rounds.append(
                Round(
                    round: round, respondents: try await deps.selfAssessment.respondents(of: round),
                    sections: results.map { r in
                        r.sections.map {
                            Section(
                                section: $0.section, ratings: $0.withheld ? nil : $0.count, withheld: $0.withheld, median: $0.median, lowerQuartile: $0.lowerQuartile,
                                upperQuartile: $0.upperQuartile,
                                lowest: $0.lowest, highest: $0.highest, agreeingPercent: $0.agreeing, medianChange: r.change(in: $0.section))
                        }
                    }, comments: results.map { r in r.comments.map { round.anonymous ? $0.text : "\($0.by): \($0.text)" } }))
        }
        return try jsonResponse(
            EngagementRecord(
                consultations: consultations, events: try await deps.engagement.events(of: p.id), youSaidWeDid: try await deps.engagement.items(of: p.id),
                selfAssessment: rounds))
    }
}
