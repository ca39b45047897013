import Foundation
import HallmarkAssessment
import HallmarkCrimeData
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

/// The partnership plan as its users work it, on both databases: priorities from the approved
/// assessment, actions their owners update, indicators computed from the crime store or
/// entered, and the evidence chain both ways.
@Suite("Partnership plan and indicators")
struct PlanTests {
    @Test("A priority comes from the approved assessment with its figures, or is added with a reason", arguments: Backend.allCases)
    func priorities(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let a = site.cspA.id
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            // The fixture's draft is not approved: only an own priority, with a reason, can be added.
            let before = String(buffer: try await browser.get(Site.plan(a)).body)
            #expect(before.contains("no approved strategic assessment yet"))
            let noReason = try await browser.post(Site.planPriorities(a), ["title": "Night-time economy"])
            #expect(noReason.status == .unprocessableContent && String(buffer: noReason.body).contains("Enter the reason for this priority"))
            _ = try await site.deps.assessment.versions.approve(try #require(site.assessmentVersionID), in: a, meeting: "Board, 1 May 2022", by: .system("test"))
            let page = String(buffer: try await browser.get(Site.plan(a)).body)
            #expect(page.contains("Theme from the approved assessment") && page.contains("Burglary"))
            let added = try await browser.post(Site.planPriorities(a), ["theme": "Burglary"])
            #expect(added.status == .seeOther)
            let priority = try #require(try await site.deps.plan.plans.priorities(of: a).first { $0.title == "Burglary" })
            #expect(priority.assessmentVersionID == site.assessmentVersionID && priority.evidence.hasPrefix("Scored "))
            // A risk: likelihood 3 × impact 4 is 12, a medium risk; a likelihood of 7 is refused.
            let wild = try await browser.post(Site.planRisks(a, priority.id), ["risk": "IDVA posts unfilled", "likelihood": "7", "impact": "4", "risk_owner": "CSP manager"])
            #expect(wild.status == .unprocessableContent && String(buffer: wild.body).contains("Likelihood must be a whole number from 1 to 5"))
            #expect(
                try await browser.post(Site.planRisks(a, priority.id), ["risk": "IDVA posts unfilled", "likelihood": "3", "impact": "4", "risk_owner": "CSP manager"]).status
                    == .seeOther)
            let chain = String(buffer: try await browser.get(Site.planPriority(a, priority.id)).body)
            #expect(chain.contains("IDVA posts unfilled") && chain.contains("<td class=\"number\">12</td><td>Medium</td>") && chain.contains("Transformation"))
            #expect(chain.contains("From the theme “Burglary” of the approved strategic assessment") && chain.contains(priority.evidence.replacingOccurrences(of: "’", with: "’")))
            // A risk that has passed comes off the register; one of another priority's is not found here.
            let risk = try #require(try await site.deps.plan.plans.risks(of: a).first { $0.risk == "IDVA posts unfilled" })
            let stray = try await browser.post(Site.removeRisk(a, priority.id), ["risk_id": "\(risk.id.rawValue + 100)"])
            #expect(stray.status == .unprocessableContent && String(buffer: stray.body).contains("That risk is not on this priority’s register"))
            let removed = try await browser.postConfirming(
                Site.removeRisk(a, priority.id), ["risk_id": "\(risk.id)"], asks: "Take the risk “IDVA posts unfilled” off the register?",
                stillThere: { try await !site.deps.plan.plans.risks(of: a).isEmpty })
            #expect(removed.status == .seeOther)
            #expect(try await site.deps.plan.plans.risks(of: a).isEmpty)
            // Once taken, a theme is not offered again, and cannot be added twice.
            #expect(try await browser.post(Site.planPriorities(a), ["theme": "Burglary"]).status == .unprocessableContent)
            #expect(try await browser.post(Site.planPriorities(a), ["theme": "Made up"]).status == .unprocessableContent)
        }
    }

    @Test("A computed indicator equals the crime page's figure for the same quarter, and moves when a newer month is imported", arguments: Backend.allCases)
    func computedIndicator(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let a = site.cspA.id
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.planPriority(a, site.plan.priorityA.id))
            let form = ["name": "Burglary per 1,000 residents", "polarity": "lower", "crime_types": "Burglary", "owner": "Analyst", "target": "0.5"]
            #expect(try await browser.post(Site.priorityIndicators(a, site.plan.priorityA.id), form).status == .seeOther)
            let indicator = try #require(try await site.deps.plan.plans.indicators(of: a).first { $0.computed })
            // The crime page's figure for January to March 2022: Alpha's one burglary over its residents.
            let figures = try await CrimeFigures.load(
                site.cspA, period: CrimePeriod(from: MonthNumber.parse("2022-01")!, to: MonthNumber.parse("2022-03")!), site.deps.crimeData, withOutcomes: false)
            let expected = try #require(figures.types.first { $0.crimeType == "Burglary" }?.perThousandResidents)
            var reading = try await site.deps.plan.readings(of: site.cspA, [indicator])[0]
            #expect(reading.latest?.month == MonthNumber.parse("2022-03") && reading.latest?.value == expected)
            #expect(expected == 1000 / Double(figures.residents))
            // April to June 2022 imported, with two burglaries in Alpha: a new quarter.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-plan-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"
            // May has a robbery only, which the indicator does not count.
            for (month, crimes) in [("2022-04", [("d", "Burglary")]), ("2022-05", [("0", "Robbery")]), ("2022-06", [("e", "Burglary"), ("f", "Burglary")])] {
                let rows = crimes.map { id, type in
                    String(repeating: id, count: 64)
                        + ",\(month),Leicestershire Police,Leicestershire Police,-1.15,52.6,On or near Test Street,\(TestSite.alphaLSOA),Test,\(type),Under investigation,"
                }
                try ([header] + rows).joined(separator: "\n").write(to: folder.appendingPathComponent("\(month)-leicestershire-street.csv"), atomically: true, encoding: .utf8)
            }
            _ = try await site.deps.importer.importStreetFiles(at: folder.path, source: "test", by: .system("test"))
            reading = try await site.deps.plan.readings(of: site.cspA, [indicator])[0]
            #expect(reading.latest?.month == MonthNumber.parse("2022-06"))
            #expect(reading.latest?.value == 3 * 1000 / Double(figures.residents))
            #expect(abs((reading.change ?? 0) - 2 * 1000 / Double(figures.residents)) < 1e-12)
            #expect(reading.rag == (3 * 1000 / Double(figures.residents) <= 0.5 ? .green : 3 * 1000 / Double(figures.residents) <= 0.525 ? .amber : .red))
            let page = String(buffer: try await browser.get(Site.indicators(a)).body)
            #expect(page.contains("Burglary per 1,000 residents") && page.contains("Quarter to June 2022"))
        }
    }

    @Test("An action's owner updates its progress, and nobody else's; board members read", arguments: Backend.allCases)
    func actions(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            let owned = site.plan.ownedAction, unowned = site.plan.unownedAction
            try await board.get(Site.planAction(a, owned.id))
            #expect(try await board.post(Site.planAction(a, owned.id), ["status": "on_track", "note": "Half the call handlers trained"]).status == .seeOther)
            #expect(try await board.post(Site.planAction(a, unowned.id), ["status": "done", "note": "Not mine"]).status == .forbidden)
            #expect(try await board.post(Site.planActions(a, site.plan.priorityA.id), ["title": "X"]).status == .forbidden)
            let bad = try await board.post(Site.planAction(a, owned.id), ["status": "finished", "note": ""])
            #expect(bad.status == .unprocessableContent)
            let page = String(buffer: try await board.get(Site.planAction(a, owned.id)).body)
            #expect(page.contains("Half the call handlers trained") && page.contains("On track"))
            #expect(try await site.deps.plan.plans.action(owned.id, in: a)?.status == .onTrack)
            #expect(try await site.deps.plan.plans.action(unowned.id, in: a)?.status == .notStarted)
            // On sign-in, the owner is sent to the start page, which lists what they have due.
            let again = Browser(client)
            try await again.get("/sign-in")
            let signedIn = try await again.post("/sign-in", ["email": TestSite.email(.boardMember), "password": TestSite.password])
            #expect(signedIn.headers[.location] == "/")
            let home = String(buffer: try await board.get(Site.home()).body)
            #expect(home.contains("Your actions due") && home.contains("Train call handlers") && home.contains("overdue since 30 June 2026"))
            #expect(!home.contains("Review MARAC"), "only their own")
            // Due on 30 June 2026 and not done: overdue on the dashboard.
            let dashboard = String(buffer: try await board.get(Site.indicators(a)).body)
            #expect(dashboard.contains("Review MARAC") && dashboard.contains("Train call handlers"))
            // Each indicator with its unit beneath its name.
            let indicator = site.plan.indicatorA
            #expect(dashboard.contains(">\(indicator.name)</a><br/><span class=\"hint\">\(indicator.unit)</span>"), "\(indicator.unit)")
            let paper = String(buffer: try await board.get(Site.indicatorsPaper(a)).body)
            #expect(paper.contains("Board paper") && paper.contains("0 indicators are red, 0 amber, 0 green and 1 not rated; 2 actions are overdue."))
        }
    }

    @Test("Entered values are checked, rated against target and followed back to the priority and its actions and money", arguments: Backend.allCases)
    func enteredIndicatorAndChain(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, i = site.plan.indicatorA
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.indicator(a, i.id))
            for (form, message) in [
                (["month": "2026-08", "value": "27", "source": "MARAC"], "A quarter ends in March, June, September or December"),
                (["month": "2026-09", "value": "27 cases", "source": "MARAC"], "Value must be a number"),
                (["month": "2026-13", "value": "27", "source": "MARAC"], "Enter the period as its last month (like 2026-09)"),
            ] {
                let refused = try await browser.post(Site.indicatorValues(a, i.id), form)
                #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains(message), "\(form)")
            }
            #expect(try await site.deps.plan.plans.values(of: i.id).isEmpty)
            // A spreadsheet with a bad fourth row saves nothing; put right, it saves every quarter.
            let bad = "quarter,value,source\n2025-12,31,MARAC\n2026-03,30.5,MARAC\n2026-06,n/a,MARAC\n"
            let refused = try await browser.upload(Site.indicatorImport(a, i.id), file: ("file", "marac.csv", Data(bad.utf8)))
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("Row 4, column “value”: “n/a” is not a number"))
            #expect(try await site.deps.plan.plans.values(of: i.id).isEmpty)
            let percent = try await browser.upload(Site.indicatorImport(a, i.id), file: ("file", "marac.csv", Data(bad.replacingOccurrences(of: "n/a", with: "\"33,5%\"").utf8)))
            #expect(String(buffer: percent.body).contains("Row 4, column “value”: % must be from 0 to 100, not 335"))
            let good = bad.replacingOccurrences(of: "n/a", with: "30")
            #expect(try await browser.upload(Site.indicatorImport(a, i.id), file: ("file", "marac.csv", Data(good.utf8))).status == .seeOther)
            #expect(try await site.deps.plan.plans.values(of: i.id).map(\.value) == [31, 30.5, 30])
            #expect(try await browser.post(Site.indicatorValues(a, i.id), ["month": "2026-06", "value": "29", "source": "MARAC report"]).status == .seeOther)
            // Typed as a sheet writes it, with its % sign, for an indicator measured in percentages.
            #expect(try await browser.post(Site.indicatorValues(a, i.id), ["month": "2026-09", "value": "26.2%", "source": "MARAC report"]).status == .seeOther)
            // 26.2 against a target of 25 with 5% (1.25) of tolerance: amber; down 2.8 on the quarter before.
            let page = String(buffer: try await browser.get(Site.indicator(a, i.id)).body)
            #expect(page.contains("rag-amber") && page.contains("It measures the priority") && page.contains("Train call handlers") && page.contains("Review MARAC"))
            let csv = String(buffer: try await browser.get(Site.indicatorsCSV(a)).body)
            // 2026-06 entered by hand over the imported 30; figures without binary noise (26.2 − 29 is -2.8, not -2.8000000000000007).
            #expect(csv.contains(",Repeat referrals,%,quarterly,lower,2026-09,26.2,29,-2.8,,,30,25,amber"))
            // An action paid by a budget line: the line's money shows on the priority.
            let priority = site.plan.priorityA
            // A national indicator fills in the form.
            let filled = String(buffer: try await browser.get(Site.planPriority(a, priority.id) + "?template=NI+18").body)
            #expect(filled.contains("value=\"NI 18: Adult re-offending rates for those under probation supervision\"") && filled.contains("value=\"% of the cohort\""))
            _ = try await browser.get(Site.planPriority(a, priority.id))
            let added = try await browser.post(
                Site.planActions(a, priority.id),
                [
                    "title": "Fund IDVAs", "owner_organisation": "Alpha council", "due_on": "2027-03-31", "budget_line_id": "\(site.budgetLineA.id)",
                    "plan": "transformation",
                ])
            #expect(added.status == .seeOther)
            let foreign = try await browser.post(
                Site.planActions(a, priority.id), ["title": "X", "owner_organisation": "Y", "due_on": "2027-03-31", "owner_user_id": "999999"])
            #expect(foreign.status == .unprocessableContent)
            let chain = String(buffer: try await browser.get(Site.planPriority(a, priority.id)).body)
            #expect(chain.contains("Fund IDVAs") && chain.contains("IDVA service") && chain.contains("£25,000.00") && chain.contains("Repeat referrals"))
            let plan = String(buffer: try await browser.get(Site.plan(a)).body)
            #expect(plan.contains("£25,000.00") && plan.contains("£5,000.00"))
            // The API gives the same.
            let api = try await client.execute(uri: "/api/v1/partnerships/\(a)/plan", method: .get, headers: [.authorization: "Bearer \(site.tokens[.boardMember]!)"])
            let json = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
            #expect((json?["indicators"] as? [[String: Any]])?.first?["rating"] as? String == "amber")
            #expect((json?["actions"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test("The Community Safety Agreement gathers the county's priorities from the partnerships' plans, with who shares each", arguments: Backend.allCases)
    func agreement(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let plans = site.deps.plan.plans
            for (title, p) in [("Domestic abuse", site.cspB), ("Shop theft", site.cspB)] {
                _ = try await plans.addPriority(PlanForms.Priority(title: title, reason: "Local", theme: ""), version: nil, evidence: "", to: p.id, by: .system("test"))
            }
            let county = Browser(client)
            try await county.signIn(as: .countyOfficer)
            let plan = String(buffer: try await county.get(Site.plan(site.county.id)).body)
            #expect(plan.contains("Community Safety Agreement"))
            let page = String(buffer: try await county.get(Site.agreement(site.county.id)).body)
            // Domestic abuse is in both plans; shop theft in Beta's only; most shared first.
            let shared = try #require(page.range(of: "Domestic abuse</td><td class=\"number\">2 of 2") ?? page.range(of: "Domestic abuse</td><td>2 of 2"))
            let single = try #require(page.range(of: "Shop theft"))
            #expect(shared.lowerBound < single.lowerBound && page.contains("Alpha CSP, Beta CSP"))
            if site.deps.plan.printer != nil {
                let pdf = try await county.get(Site.agreementPDF(site.county.id))
                #expect(pdf.status == .ok && String(buffer: pdf.body).hasPrefix("%PDF"))
            }
        }
    }

    @Test("The public site shows only the priorities published, in the words written for it", arguments: Backend.allCases)
    func publicPlan(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, priority = site.plan.priorityA
            let anonymous = try await client.execute(uri: Site.publicPlan(a), method: .get)
            #expect(anonymous.status == .ok && String(buffer: anonymous.body).contains("has not published its priorities here yet"))
            #expect(!String(buffer: anonymous.body).contains("Domestic abuse"))
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.planPriority(a, priority.id))
            // Angle brackets are refused, as in every text field; an ampersand is shown as written.
            #expect(try await browser.post(Site.priorityPublic(a, priority.id), ["public_summary": "Helping <b>victims</b>"]).status == .unprocessableContent)
            let words = "Helping victims early & keeping them \"safe\""
            #expect(try await browser.post(Site.priorityPublic(a, priority.id), ["public_summary": words]).status == .seeOther)
            let shown = String(buffer: try await client.execute(uri: Site.publicPlan(a), method: .get).body)
            #expect(shown.contains("Domestic abuse") && shown.contains("Helping victims early &amp; keeping them \"safe\""))
            #expect(!shown.contains("Repeat victims") && !shown.contains("Train call handlers"), "the reason and actions stay unpublished")
            #expect(try await browser.post(Site.priorityPublic(a, priority.id), ["public_summary": ""]).status == .seeOther)
            #expect(!String(buffer: try await client.execute(uri: Site.publicPlan(a), method: .get).body).contains("Domestic abuse"))
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.post(Site.priorityPublic(a, priority.id), ["public_summary": "x"]).status == .forbidden)
        }
    }

    @Test("Each year's plan is saved as a version for the board, approved at a meeting, then frozen", arguments: Backend.allCases)
    func versions(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.plan(a))
            #expect(try await browser.post(Site.planVersions(a), ["first_year": "2026/28"]).status == .unprocessableContent)
            let saved = try await browser.post(Site.planVersions(a), ["first_year": "2027/28"])
            #expect(saved.status == .seeOther)
            let version = try #require(try await site.deps.plan.versions.versions(of: a).first { $0.title == "Partnership plan 2027/28 to 2029/30" })
            let page = String(buffer: try await browser.get(Site.planVersion(a, version.id)).body)
            #expect(page.contains("Domestic abuse") && page.contains("Train call handlers") && page.contains("Repeat referrals") && page.contains("Record the board’s approval"))
            let unticked = try await browser.post(Site.approvePlan(a, version.id), ["meeting": "Board, 3 March 2027"])
            #expect(unticked.status == .unprocessableContent && String(buffer: unticked.body).contains("value=\"Board, 3 March 2027\""))
            #expect(try await browser.post(Site.approvePlan(a, version.id), ["meeting": "Board, 3 March 2027", "confirm": "yes"]).status == .seeOther)
            let approved = String(buffer: try await browser.get(Site.planVersion(a, version.id)).body)
            #expect(approved.contains("Approved at Board, 3 March 2027; frozen") && !approved.contains("Record the board’s approval"))
            #expect(try await browser.post(Site.approvePlan(a, version.id), ["meeting": "Again", "confirm": "yes"]).status == .unprocessableContent)
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(String(buffer: try await board.get(Site.planVersion(a, version.id)).body).contains("Approved at Board, 3 March 2027"))
            #expect(try await board.post(Site.planVersions(a), ["first_year": "2027/28"]).status == .forbidden)
        }
    }
}
