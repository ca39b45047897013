import HallmarkDomain
import HallmarkEngagement
import HallmarkPlan
import HallmarkStore

/// Two rounds of Charnwood's Hallmarks self-assessment, both closed: last year's, named, and
/// this year's, anonymous, rated a little higher where the partnership worked on it, with
/// comments and an improvement action in the plan. Loading twice changes nothing.
enum DemoSelfAssessment {
    static func load(_ deps: Dependencies) async throws {
        let author = ChangeAuthor.system("demo loader")
        guard let charnwood = try await deps.partnerships.all().first(where: { $0.kind == .communitySafetyPartnership && $0.name.hasPrefix("Charnwood") }),
            try await deps.engagement.selfAssessment.rounds(of: charnwood.id).isEmpty
        else { return }
        var members: [User] = []
        for email in ["admin", "county", "coordinator", "analyst", "board"] {
            if let user = try await deps.accounts.user(email: "\(email)@demo.hallmark.test") { members.append(user) }
        }
        let today = CalendarDate.today()
        let year = FinancialYear(containing: today)
        let comments = [
            "Decisions are clear, but actions drift between meetings", "The assessment is good; partners still send data late",
            "We rarely hear from residents outside the town centre", "", "Induction for new members would help",
        ]
        for (n, (title, anonymous)) in [("Self-assessment \(year.previous)", false), ("Self-assessment \(year)", true)].enumerated() {
            // Open until tomorrow so that the members can answer, then closed as the board did.
            let round = try await deps.engagement.selfAssessment.open(
                title: title, anonymous: anonymous, closesOn: today.adding(days: 1 + n), in: charnwood.id, by: author)
            for (m, user) in members.enumerated() {
                var ratings: [String: Int] = [:]
                for (s, section) in Hallmarks.sections.enumerated() {
                    for (k, statement) in section.statements.enumerated() {
                        // Leadership strong throughout, engagement the weakest; most sections a point better in the later round.
                        let base = section.hallmark.hasPrefix("Empowered") ? 4 : section.hallmark.hasPrefix("Community") ? 2 : 3
                        ratings[statement.code] = min(5, max(1, base + (m + s + k) % 3 - 1 + (n == 1 && s % 3 != 2 ? 1 : 0)))
                    }
                }
                try await deps.engagement.selfAssessment.answer(
                    SelfAssessmentAnswer(ratings: ratings, comment: comments[(m + n) % comments.count]), to: round, userID: user.id, name: user.name, by: author)
            }
            try await deps.engagement.selfAssessment.close(round, by: author)
            if n == 1 {
                _ = try await deps.engagement.addImprovement(
                    PlanForms.Action(
                        title: "Residents’ panel in each ward, reporting to the board", ownerOrganisation: "Charnwood Borough Council", ownerUserID: nil,
                        dueOn: today.adding(days: 150), budgetLineID: nil), section: "4.1", to: round, by: author)
            }
        }
    }
}
