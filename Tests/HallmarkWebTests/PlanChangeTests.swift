import Foundation
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import HallmarkPlan
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// The plan kept up after it is made, on both databases: strategies and milestones; priorities,
/// actions and indicators changed; an action withdrawn rather than deleted; and no link left
/// broken without a word.
@Suite("Plan changes and broken links")
struct PlanChangeTests {
    @Test("Strategies hold actions; a renamed priority keeps its money; one is withdrawn only once nothing under it is under way", arguments: Backend.allCases)
    func strategiesAndPriorities(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, priority = site.plan.priorityA
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.planPriority(a, priority.id))
            #expect(try await coordinator.post(Site.planStrategies(a, priority.id), ["strategy_title": "Support repeat victims"]).status == .seeOther)
            let twice = try await coordinator.post(Site.planStrategies(a, priority.id), ["strategy_title": "Support repeat victims"])
            #expect(twice.status == .unprocessableContent && String(buffer: twice.body).contains("already has a strategy called “Support repeat victims”"))
            let strategy = try #require(try await site.deps.plan.plans.strategies(of: a).first)
            // An action under the strategy; a strategy that is not this priority's is refused.
            let action = ["title": "IDVA drop-in", "owner_organisation": "Test Council", "due_on": "2027-03-31"]
            let stray = try await coordinator.post(Site.planActions(a, priority.id), action.merging(["strategy_id": "\(strategy.id.rawValue + 100)"]) { $1 })
            #expect(stray.status == .unprocessableContent && String(buffer: stray.body).contains("Select one of this priority’s strategies"))
            #expect(try await coordinator.post(Site.planActions(a, priority.id), action.merging(["strategy_id": "\(strategy.id)"]) { $1 }).status == .seeOther)
            #expect(try await site.deps.plan.plans.actions(of: a).first { $0.title == "IDVA drop-in" }?.strategyID == strategy.id)
            let page = String(buffer: try await coordinator.get(Site.planPriority(a, priority.id)).body)
            #expect(page.contains("Actions of the strategy “Support repeat victims”") && page.contains("Actions under no strategy"))

            // A budget line names the priority; renamed, the line follows it and its money stays on the priority.
            _ = try await BudgetRepository(store: site.deps.store).add(
                BudgetLineDraft(name: "Sanctuary scheme", budget: .pounds(8_000), committed: .zero, spent: [.pounds(1_500), .zero, .zero, .zero], priority: priority.title),
                to: a, in: FinancialYear("2026/27")!, by: .system("test"))
            let taken = try await coordinator.post(Site.changePriority(a, priority.id), ["priority_title": "", "priority_reason": "x"])
            #expect(taken.status == .unprocessableContent && String(buffer: taken.body).contains("Enter the priority’s title"))
            #expect(
                try await coordinator.post(Site.changePriority(a, priority.id), ["priority_title": "Domestic abuse and stalking", "priority_reason": "Repeat victims"]).status
                    == .seeOther)
            let lines = try await site.deps.funding.budgets.allLines(of: a)
            #expect(lines.first { $0.name == "Sanctuary scheme" }?.priority == "Domestic abuse and stalking")
            let renamed = String(buffer: try await coordinator.get(Site.planPriority(a, priority.id)).body)
            #expect(renamed.contains("<h1>Domestic abuse and stalking</h1>") && renamed.contains("Sanctuary scheme") && renamed.contains("£8,000.00"))

            // A strategy with an action under it stays; an empty one goes.
            let kept = try await coordinator.post(Site.removeStrategy(a, priority.id), ["strategy_id": "\(strategy.id)", "confirmed": "yes"])
            #expect(kept.status == .unprocessableContent && String(buffer: kept.body).contains("“Support repeat victims” has 1 action under it"))
            // Typed in paragraphs, with the line breaks a browser sends as CR LF, it reads so.
            let laidOut = ["strategy_title": "Spare", "strategy_description": "Locks and lighting.\r\n\r\nFirst: Long Street\r\nThen: the estate"]
            #expect(try await coordinator.post(Site.planStrategies(a, priority.id), laidOut).status == .seeOther)
            #expect(
                String(buffer: try await coordinator.get(Site.planPriority(a, priority.id)).body).contains(
                    "<p class=\"kept-lines\">Locks and lighting.</p><p class=\"kept-lines\">First: Long Street\nThen: the estate</p>"))
            let spare = try #require(try await site.deps.plan.plans.strategies(of: a).first { $0.title == "Spare" })
            let removed = try await coordinator.postConfirming(
                Site.removeStrategy(a, priority.id), ["strategy_id": "\(spare.id)"], asks: "Take the strategy “Spare” out of this priority?",
                stillThere: { try await site.deps.plan.plans.strategies(of: a).contains { $0.id == spare.id } })
            #expect(removed.status == .seeOther)
            #expect(try await site.deps.plan.plans.strategies(of: a).map(\.title) == ["Support repeat victims"])

            // Withdrawing it is refused while its actions are under way, each named; nothing changes.
            let refused = try await coordinator.post(Site.withdrawPriority(a, priority.id), ["withdrawn_reason": "Merged into the county’s priority"])
            #expect(refused.status == .unprocessableContent)
            #expect(
                String(buffer: refused.body).contains(
                    "“Domestic abuse and stalking” still has 3 actions under way (“Train call handlers”, “Review MARAC” and “IDVA drop-in”): mark each done, or withdraw it, first")
            )
            #expect(try await site.deps.plan.plans.priority(priority.id, in: a)?.withdrawn == false)
            for action in try await site.deps.plan.plans.actions(of: a) {
                #expect(try await coordinator.post(Site.planAction(a, action.id), ["status": "withdrawn", "note": "Merged"]).status == .seeOther)
            }
            #expect(try await coordinator.post(Site.withdrawPriority(a, priority.id), ["withdrawn_reason": ""]).status == .unprocessableContent)
            #expect(try await coordinator.post(Site.withdrawPriority(a, priority.id), ["withdrawn_reason": "Merged into the county’s priority"]).status == .seeOther)
            // Withdrawn, it stays on record with all under it, says so, and leaves the agreement and the public site.
            let withdrawn = try #require(try await site.deps.plan.plans.priority(priority.id, in: a))
            #expect(withdrawn.withdrawnOn == .today() && withdrawn.withdrawnReason == "Merged into the county’s priority")
            let stillHeld = (try await site.deps.plan.plans.actions(of: a).count, try await site.deps.plan.plans.indicators(of: a).count)
            #expect(stillHeld == (3, 1))
            let shown = String(buffer: try await coordinator.get(Site.planPriority(a, priority.id)).body)
            #expect(shown.contains("Withdrawn on \(CalendarDate.today().long)") && !shown.contains("Add an action"))
            #expect(String(buffer: try await coordinator.get(Site.plan(a)).body).contains("Domestic abuse and stalking (withdrawn)"))
            let county = Browser(client)
            try await county.signIn(as: .countyOfficer)
            #expect(!String(buffer: try await county.get(Site.agreementCSV(site.county.id)).body).contains("Domestic abuse"))
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 80, offset: 0)
            #expect(audit.contains { $0.subject == "plan strategy" && $0.action == .delete && $0.subjectID == spare.id.rawValue })
            #expect(audit.contains { $0.subject == "budget line" && $0.action == .update })
            #expect(audit.contains { $0.subject == "plan priority" && $0.action == .update && ($0.after ?? "").contains("Merged into the county") })
            // A board member changes none of it.
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.post(Site.changePriority(a, priority.id), ["priority_title": "Mine"]).status == .forbidden)
            #expect(try await board.post(Site.planStrategies(a, priority.id), ["strategy_title": "Mine"]).status == .forbidden)
        }
    }

    @Test("An action is changed and withdrawn by those who keep the plan, and its owner sets its milestones", arguments: Backend.allCases)
    func actionsAndMilestones(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, owned = site.plan.ownedAction, unowned = site.plan.unownedAction
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            try await board.get(Site.planAction(a, owned.id))
            // The owner may not withdraw, nor change the action itself.
            let withdraw = try await board.post(Site.planAction(a, owned.id), ["status": "withdrawn", "note": "Not needed"])
            #expect(withdraw.status == .unprocessableContent && String(buffer: withdraw.body).contains("Only those who keep the plan may withdraw an action"))
            #expect(try await board.post(Site.changeAction(a, owned.id), ["title": "Mine now"]).status == .forbidden)
            // Milestones: on or before the action's own date (30 June 2026).
            let late = try await board.post(Site.actionMilestones(a, owned.id), ["milestone_title": "Course run", "milestone_due_on": "2026-07-15"])
            #expect(late.status == .unprocessableContent && String(buffer: late.body).contains("on or before the action’s own due date, 30 June 2026"))
            #expect(try await board.post(Site.actionMilestones(a, owned.id), ["milestone_title": "Course run", "milestone_due_on": "2026-06-15"]).status == .seeOther)
            let course = try #require(try await site.deps.plan.plans.milestones(of: a).first { $0.title == "Course run" })
            #expect(try await board.post(Site.actionMilestone(a, owned.id, course.id), ["milestone": "reached"]).status == .seeOther)
            #expect(try await site.deps.plan.plans.milestones(of: a).first { $0.id == course.id }?.doneOn == .today())
            let future = try await board.post(Site.actionMilestone(a, owned.id, course.id), ["milestone": "reached", "done_on": "2099-01-01"])
            #expect(future.status == .unprocessableContent && String(buffer: future.body).contains("cannot be reached on a date still to come"))
            #expect(try await board.post(Site.actionMilestones(a, unowned.id), ["milestone_title": "Not mine", "milestone_due_on": "2026-06-01"]).status == .forbidden)
            // One set in error is taken out.
            #expect(try await board.post(Site.actionMilestones(a, owned.id), ["milestone_title": "Typo", "milestone_due_on": "1/6/2026"]).status == .seeOther)
            let typo = try #require(try await site.deps.plan.plans.milestones(of: a).first { $0.title == "Typo" })
            #expect(typo.dueOn == CalendarDate("2026-06-01"))
            let removed = try await board.postConfirming(
                Site.actionMilestone(a, owned.id, typo.id), ["milestone": "remove"], asks: "Take out the milestone “Typo”?",
                stillThere: { try await site.deps.plan.plans.milestones(of: a).contains { $0.id == typo.id } })
            #expect(removed.status == .seeOther)
            #expect(try await site.deps.plan.plans.milestones(of: a).contains { $0.id == typo.id } == false)
            let ownPage = String(buffer: try await board.get(Site.planAction(a, owned.id)).body)
            #expect(ownPage.contains("Course run") && ownPage.contains("Trainer booked") && !ownPage.contains("Change this action"))

            // Those who keep the plan change it: a bad date is refused and nothing changes.
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.planAction(a, unowned.id))
            let change = ["title": "Review MARAC referrals", "owner_organisation": "Test Police", "due_on": "2026-31-12", "plan": "transformation"]
            let bad = try await coordinator.post(Site.changeAction(a, unowned.id), change)
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("Change this action"))
            #expect(try await site.deps.plan.plans.action(unowned.id, in: a)?.title == "Review MARAC")
            #expect(try await coordinator.post(Site.changeAction(a, unowned.id), change.merging(["due_on": "2026-12-31"]) { $1 }).status == .seeOther)
            // The owned action's latest milestone falls on 15 June 2026: its action cannot move before it.
            let early = try await coordinator.post(
                Site.changeAction(a, owned.id), ["title": "Train call handlers", "owner_organisation": "Test Police", "due_on": "2026-05-01"])
            #expect(early.status == .unprocessableContent && String(buffer: early.body).contains("Its milestone “Course run” falls on 15 June 2026, after this date"))
            let changed = try #require(try await site.deps.plan.plans.action(unowned.id, in: a))
            #expect(changed.title == "Review MARAC referrals" && changed.dueOn == CalendarDate("2026-12-31") && changed.plan == .transformation)
            // Withdrawn with its reason: kept, listed, no longer overdue, and still followed from the indicator.
            #expect(
                try await coordinator.post(Site.planAction(a, owned.id), ["status": "withdrawn", "note": "Training now given by the county"]).status == .seeOther)
            let withdrawn = try #require(try await site.deps.plan.plans.action(owned.id, in: a))
            #expect(withdrawn.status == .withdrawn && !withdrawn.overdue(on: CalendarDate("2027-01-01")!))
            let indicator = String(buffer: try await coordinator.get(Site.indicator(a, site.plan.indicatorA.id)).body)
            #expect(indicator.contains("Train call handlers") && indicator.contains("(Withdrawn)"))
            let home = String(buffer: try await board.get(Site.home()).body)
            #expect(!home.contains("Train call handlers"), "a withdrawn action is nobody's to do")
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 50, offset: 0)
            #expect(audit.filter { $0.subject == "plan milestone" }.count == 5)  // the fixture's, added, reached, the typo added and taken out
            #expect(audit.contains { $0.subject == "plan action" && $0.action == .update && $0.subjectID == unowned.id.rawValue })
        }
    }

    @Test("An indicator is changed within its kind, and a value entered in error is taken out", arguments: Backend.allCases)
    func indicators(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, i = site.plan.indicatorA
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.indicator(a, i.id))
            #expect(try await coordinator.post(Site.indicatorValues(a, i.id), ["month": "2026-06", "value": "29", "source": "MARAC"]).status == .seeOther)
            let base = [
                "name": "Repeat referrals", "unit": "%", "polarity": "lower", "baseline": "30", "target": "20", "tolerance": "10", "owner": "MARAC chair",
                "frequency": "quarterly",
            ]
            let computed = try await coordinator.post(Site.changeIndicator(a, i.id), base.merging(["crime_types": "Burglary"]) { $1 })
            #expect(computed.status == .unprocessableContent && String(buffer: computed.body).contains("An entered indicator stays entered"))
            let yearly = try await coordinator.post(Site.changeIndicator(a, i.id), base.merging(["frequency": "annual"]) { $1 })
            #expect(yearly.status == .unprocessableContent && String(buffer: yearly.body).contains("It holds a value for June 2026, which does not end a period"))
            #expect(try await coordinator.post(Site.changeIndicator(a, i.id), base).status == .seeOther)
            let changed = try #require(try await site.deps.plan.plans.indicator(i.id, in: a))
            #expect(changed.target == 20 && changed.tolerance == 10 && changed.priorityID == i.priorityID)
            // 29 against 20 with 10% (2) of tolerance: red now, where it was red against 25 too; the page says so.
            let page = String(buffer: try await coordinator.get(Site.indicator(a, i.id)).body)
            #expect(page.contains("rag-red") && page.contains("Take out"))
            let missing = try await coordinator.post(Site.removeIndicatorValue(a, i.id), ["month": "2026-03"])
            #expect(missing.status == .unprocessableContent && String(buffer: missing.body).contains("There is no value for March 2026 to take out"))
            let takenOut = try await coordinator.postConfirming(
                Site.removeIndicatorValue(a, i.id), ["month": "2026-06"], asks: "Take out the value for the quarter to June 2026, 29 \(changed.unit)?",
                stillThere: { try await !site.deps.plan.plans.values(of: i.id).isEmpty })
            #expect(takenOut.status == .seeOther)
            #expect(try await site.deps.plan.plans.values(of: i.id).isEmpty)
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 50, offset: 0)
            #expect(audit.contains { $0.subject == "indicator value" && $0.action == .delete && ($0.before ?? "").contains("29") })
            #expect(audit.contains { $0.subject == "indicator" && $0.action == .update })
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.post(Site.changeIndicator(a, i.id), base).status == .forbidden)
        }
    }

    @Test("The whole plan's chain reads forwards and backwards, and its tables come as CSV", arguments: Backend.allCases)
    func chainAndCSV(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, i = site.plan.indicatorA
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.indicator(a, i.id))
            // A value entered says when and by whom.
            #expect(try await coordinator.post(Site.indicatorValues(a, i.id), ["month": "2026-06", "value": "29", "source": "MARAC"]).status == .seeOther)
            let me = try #require(try await site.deps.accounts.user(email: TestSite.email(.coordinator)))
            #expect(try await site.deps.plan.plans.values(of: i.id).first?.enteredBy == "\(me.name) <\(me.email)>")
            // The record keeps the address; the page names the person.
            let shown = String(buffer: try await coordinator.get(Site.indicator(a, i.id)).body)
            #expect(shown.contains("by \(me.name)</td>") && !shown.contains(me.email))
            // 29 against 25 with 5% (1.25) of tolerance: red; both actions under way and overdue.
            let chain = String(buffer: try await coordinator.get(Site.planChain(a)).body)
            #expect(chain.contains("Train call handlers") && chain.contains("overdue since 30 June 2026") && chain.contains("No budget line serves it"))
            #expect(chain.contains("29 in the quarter to June 2026"))
            let backwards = try #require(chain.components(separatedBy: "What depends on each indicator").last)
            #expect(
                backwards.contains("Repeat referrals") && backwards.contains("rag-red")
                    && backwards.contains(">Domestic abuse</a></td><td class=\"number\">2</td><td class=\"number\">0</td>"))
            let actions = String(buffer: try await coordinator.get(Site.planActionsCSV(a)).body)
            #expect(actions.hasPrefix("\u{FEFF}priority,strategy,action,plan,owner_organisation,owner,due_on,status,overdue,budget_line,milestones_reached,milestones\r\n"))
            #expect(actions.contains("Domestic abuse,,Train call handlers,operational,Test Police,") && actions.contains(",2026-06-30,not_started,yes,,0,1\r\n"))
            #expect(actions.contains("Domestic abuse,,Review MARAC,operational,Test Police,Test Police,2026-06-30,not_started,yes,,0,0\r\n"))
            let county = Browser(client)
            try await county.signIn(as: .countyOfficer)
            let agreement = String(buffer: try await county.get(Site.agreementCSV(site.county.id)).body)
            #expect(agreement.contains("Alpha CSP,Domestic abuse,1,1,0,0,2\r\n"))
        }
    }
}
