import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkDomain
import HallmarkFunding
import HallmarkPlan
import HallmarkStore

/// A plan for two demo partnerships (the coordinator's, Charnwood, and Blaby), built from their
/// real assessments of the latest twelve months held: each assessment saved and approved, its
/// three highest themes taken as priorities, each with a strategy, two actions (one late) with
/// milestones, and a third withdrawn on the last; the first two published on the public site
/// in plain words, the third not, and a fourth published and then withdrawn; an indicator of each computed from the crime
/// store, an entered one with five quarters and an entered monthly one. Needs the demo's crime;
/// loading twice changes nothing.
enum DemoPlan {
    static func load(_ deps: Dependencies) async throws {
        guard let last = try await deps.crime.latestMonth() else { return }
        let author = ChangeAuthor.system("demo loader")
        let all = try await deps.partnerships.all()
        let chosen = all.filter { $0.kind == .communitySafetyPartnership && ($0.name.hasPrefix("Charnwood") || $0.name.hasPrefix("Blaby")) }
        let coordinator = try await deps.accounts.user(email: "coordinator@demo.hallmark.test")
        let today = CalendarDate.today()
        for p in chosen where try await deps.plan.plans.priorities(of: p.id).isEmpty {
            let draft = try await StrategicAssessment.build(p, to: last, deps: deps.assessment)
            let figures = String(decoding: try draft.json(), as: UTF8.self)
            let version = try await deps.assessment.versions.saveDraft(
                partnershipID: p.id, period: draft.period, fingerprint: draft.fingerprint, settingsJSON: "{}", figuresJSON: figures, tablesJSON: try draft.tablesJSON(),
                html: { [id = p.id] in draft.html(partnershipID: id, version: $0) }, by: author)
            _ = try await deps.assessment.versions.approve(version.id, in: p.id, meeting: "Partnership Board, \(today.adding(days: -120).long)", by: author)
            let lines = try await deps.funding.budgets.lines(of: p.id, in: FinancialYear(containing: today))
            let owner = p.name.hasPrefix("Charnwood") ? coordinator : nil
            for (n, theme) in PlanService.themes(fromFigures: figures).prefix(3).enumerated() {
                let priority = try await deps.plan.plans.addPriority(
                    PlanForms.Priority(title: theme.name, reason: "", theme: theme.name), version: version.id, evidence: theme.evidence, to: p.id, by: author)
                if n < 2 {
                    try await deps.plan.plans.setPublicSummary(
                        "We are working on \(theme.name.lowercased()), one of the problems that harms people here most. Police and council teams focus on the places where it happens most often, and we work with residents to prevent it.",
                        of: priority.id, in: p.id, by: author)
                }
                let strategy = try await deps.plan.plans.addStrategy(
                    (title: "Focus on the places and people most affected", description: "Police and council teams work the repeat locations the assessment names"),
                    to: priority, by: author)
                let actions = [
                    ("Problem-solving plan for the worst-affected neighbourhoods", "Leicestershire Police", today.adding(days: -14 + n * 30)),
                    (
                        "Prevention campaign with partners and residents", DemoCounty.councilName(p.name.replacingOccurrences(of: " Community Safety Partnership", with: "")),
                        today.adding(days: 60 + n * 30)
                    ),
                ]
                for (k, (title, organisation, due)) in actions.enumerated() {
                    let action = try await deps.plan.plans.addAction(
                        PlanForms.Action(
                            title: title, ownerOrganisation: organisation, ownerUserID: owner?.id, dueOn: due,
                            budgetLineID: k == 1 ? lines.dropFirst(n % max(lines.count, 1)).first?.id.rawValue : nil, plan: k == 1 && n == 0 ? .transformation : .operational,
                            strategyID: k == 0 ? strategy.id : nil),
                        ownerName: owner?.name ?? organisation, to: priority, by: author)
                    let first = try await deps.plan.plans.addMilestone(
                        (title: k == 0 ? "Repeat locations mapped with partners" : "Materials agreed", dueOn: due.adding(days: -45)), to: action, in: p.id, by: author)
                    if due.adding(days: -45) < today { try await deps.plan.plans.setMilestone(first.id, of: action, doneOn: due.adding(days: -47), in: p.id, by: author) }
                    _ = try await deps.plan.plans.addMilestone((title: "Review at the board", dueOn: due), to: action, in: p.id, by: author)
                    _ = try await deps.plan.plans.addProgress(
                        to: action.id, in: p.id, status: k == 0 ? .atRisk : .onTrack,
                        note: k == 0 ? "Patrol plan agreed; analysis of repeat locations delayed by staff absence" : "Campaign materials agreed with partners",
                        byName: "demo loader",
                        by: author)
                }
                _ = try await deps.plan.plans.addRisk(
                    (
                        risk: "Partners’ staff drawn away to other demands", likelihood: 3 + n % 2, impact: 3, mitigation: "Named leads in each agency; reviewed at every board",
                        owner: "Community Safety Manager"
                    ), to: priority, by: author)
                let types = theme.members.compactMap(CrimeType.init(rawValue:))
                if !types.isEmpty {
                    let reading = try await deps.plan.readings(
                        of: p,
                        [
                            Indicator(
                                id: 0, partnershipID: p.id, priorityID: nil, name: "", definition: "", unit: "", polarity: .lowerIsBetter, crimeTypes: types, baseline: nil,
                                target: nil, tolerance: 5, owner: "")
                        ])[0]
                    let baseline = reading.values.first?.value
                    _ = try await deps.plan.plans.addIndicator(
                        Indicator(
                            id: 0, partnershipID: p.id, priorityID: priority.id, name: "\(theme.name) per 1,000 residents",
                            definition:
                                "Recorded crime of \(types.map(\.rawValue).joined(separator: ", ")) in the partnership’s area each quarter, per 1,000 residents (police.uk)",
                            unit: "crimes per 1,000 residents a quarter", polarity: .lowerIsBetter, crimeTypes: types, baseline: baseline,
                            target: n == 1 ? nil : baseline.map { ($0 * 0.95 * 100).rounded() / 100 }, tolerance: 5, rule: n == 1 ? .significance : .target,
                            owner: "Community Safety Manager"), by: author)
                }
                if n == 0 {
                    let entered = try await deps.plan.plans.addIndicator(
                        Indicator(
                            id: 0, partnershipID: p.id, priorityID: priority.id, name: "Proven reoffending of the IOM cohort",
                            definition: "Share of the Integrated Offender Management cohort proven to reoffend within twelve months", unit: "% of the cohort",
                            polarity: .lowerIsBetter, crimeTypes: [], baseline: 38, target: 32, tolerance: 10, owner: "IOM lead, Probation Service East Midlands"), by: author)
                    // The last quarter ended before this month, and the three before it.
                    var quarterEnd = today.year * 12 + today.month - 2
                    while quarterEnd % 3 != 2 { quarterEnd -= 1 }
                    for (q, value) in [38.2, 37.5, 36.0, 35.2, 34.1].enumerated() {
                        try await deps.plan.plans.saveValue(
                            IndicatorValue(month: quarterEnd - (4 - q) * 3, value: value, source: "IOM performance report"), of: entered, by: author)
                    }
                }
                if n == 1 {
                    let monthly = try await deps.plan.plans.addIndicator(
                        Indicator(
                            id: 0, partnershipID: p.id, priorityID: priority.id, name: "Anti-social behaviour reports to the council",
                            definition: "Reports of anti-social behaviour made to the council’s community safety team each month", unit: "reports",
                            polarity: .lowerIsBetter, crimeTypes: [], baseline: 120, target: 110, tolerance: 10, owner: "Community Safety Manager", frequency: .monthly),
                        by: author)
                    let lastMonth = today.year * 12 + today.month - 2
                    let counts = [131, 126, 118, 124, 115, 109, 121, 117, 112, 108, 113, 106, 104]
                    try await deps.plan.plans.saveValues(
                        counts.enumerated().map { IndicatorValue(month: lastMonth - (counts.count - 1 - $0) * 1, value: Double($1), source: "Council ASB case system") },
                        of: monthly, by: author)
                }
                if n == 2 {
                    let withdrawn = try await deps.plan.plans.addAction(
                        PlanForms.Action(
                            title: "Mobile CCTV pilot", ownerOrganisation: "Leicestershire Police", ownerUserID: nil, dueOn: today.adding(days: 90), budgetLineID: nil),
                        ownerName: "Leicestershire Police", to: priority, by: author)
                    _ = try await deps.plan.plans.addProgress(
                        to: withdrawn.id, in: p.id, status: .withdrawn, note: "Withdrawn: the county’s own CCTV review will cover it", byName: "demo loader", by: author)
                }
            }
            // Once published, then withdrawn: kept in the plan, gone from the public site.
            let rural = try await deps.plan.plans.addPriority(
                PlanForms.Priority(title: "Rural crime", reason: "Raised by parish councils", theme: ""), version: nil, evidence: "", to: p.id, by: author)
            try await deps.plan.plans.setPublicSummary(
                "We are working with farmers and parish councils against thefts of machinery and fuel.", of: rural.id, in: p.id, by: author)
            try await deps.plan.plans.withdrawPriority(rural.id, reason: "Taken into the county’s rural crime plan", on: today, in: p.id, by: author)
        }
    }
}
