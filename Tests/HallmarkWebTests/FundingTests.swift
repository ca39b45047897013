import Foundation
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Funding: allocation statements and checking totals")
struct FundingTests {
    @Test("The county officer previews, saves and approves an allocation that adds up to the pot", arguments: Backend.allCases)
    func allocation(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let county = site.county.id, a = site.cspA.id, b = site.cspB.id
            let browser = Browser(client)
            try await browser.signIn(as: .countyOfficer)
            try await browser.get(Site.allocations(county))
            // £100,000.01 pro rata to £1 and £2: 3,333,333.67p and 6,666,667.33p; the penny left to the larger remainder.
            var form = ["year": "2026/27", "pot": "£100,000.01", "method": "pro_rata", "basis": "the 2025/26 allocation", "previous_\(a)": "1", "previous_\(b)": "2"]
            let preview = String(buffer: try await browser.post(Site.allocationPreview(county), form).body)
            #expect(preview.contains("£33,333.34") && preview.contains("£66,666.67") && preview.contains("£100,000.01"))
            #expect(try await site.deps.funding.statements.versions(of: county).count == 1, "a preview saves nothing")
            // Bad input names the field and saves nothing.
            form["previous_\(b)"] = "two pounds"
            let refused = try await browser.post(Site.allocations(county), form)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("Enter the earlier amount for Beta CSP in pounds"))
            form["previous_\(b)"] = "2"
            form["year"] = "2026/28"
            #expect(try await browser.post(Site.allocations(county), form).status == .unprocessableContent)
            #expect(try await site.deps.funding.statements.versions(of: county).count == 1)
            form["year"] = "2026/27"
            let saved = try await browser.post(Site.allocations(county), form)
            #expect(saved.status == .seeOther)
            let version = try #require(try await site.deps.funding.statements.versions(of: county).first)
            #expect(version.title == "Allocation 2026/27: £100,000.01, pro rata to the 2025/26 allocation")
            let statement = String(buffer: try await browser.get(Site.allocationVersion(county, version.id)).body)
            #expect(statement.contains("£33,333.34") && statement.contains("Draft, saved by"))
            // Without the box ticked: said beside the form, with the meeting as typed.
            let unticked = try await browser.post(Site.approveAllocation(county, version.id), ["meeting": "County Board, 1 March 2026"])
            #expect(unticked.status == .unprocessableContent)
            let again = String(buffer: unticked.body)
            #expect(again.contains("Tick the box to confirm") && again.contains("value=\"County Board, 1 March 2026\"") && again.contains("£33,333.34"))
            #expect(try await browser.post(Site.approveAllocation(county, version.id), ["meeting": "County Board, 1 March 2026", "confirm": "yes"]).status == .seeOther)
            let approved = String(buffer: try await browser.get(Site.allocationVersion(county, version.id)).body)
            #expect(approved.contains("Approved at County Board, 1 March 2026; frozen"))
            #expect(!approved.contains("Record the approval"))
            // The next year's form starts from the approved amounts.
            let next = String(buffer: try await browser.get(Site.allocations(county)).body)
            #expect(next.contains("value=\"33,333.34\""))
            // A coordinator reads, but does not allocate.
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.allocations(a))
            #expect(try await coordinator.post(Site.allocationPreview(a), form).status == .forbidden)
        }
    }

    @Test("A statement pasted from a spreadsheet is checked to the penny, and nothing is stored", arguments: Backend.allCases)
    func reconciliation(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .boardMember)
            try await browser.get(Site.reconciliation(site.cspA.id))
            let audit = try await AuditLog.version(in: site.deps.store)
            let csv = "Line,2010/11\nA,\"£32,975\"\nB,\"£674,778\"\n,\"£707,000\"\n"
            let page = String(buffer: try await browser.post(Site.reconciliation(site.cspA.id), ["statement": csv]).body)
            #expect(page.contains("1 stated total does not add up"))
            #expect(page.contains("£707,753.00") && page.contains("−£753.00"))
            let bad = try await browser.post(Site.reconciliation(site.cspA.id), ["statement": "Line,2010/11\nA,lots\n"])
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("Row 2, column “2010/11”"))
            #expect(try await AuditLog.version(in: site.deps.store) == audit)
        }
    }

    @Test("The needs formula starts from the crime and populations held", arguments: Backend.allCases)
    func needsFromTheDataHeld(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .countyOfficer)
            let page = String(buffer: try await browser.get(Site.allocations(site.county.id)).body)
            // One burglary in Alpha (Blaby), two in Beta (Charnwood), in the one month held; residents as the ONS lookup gives them.
            let blaby = site.deps.crimeData.areas.population(ofDistricts: [TestSite.blaby.code])
            let charnwood = site.deps.crimeData.areas.population(ofDistricts: [TestSite.charnwood.code])
            #expect(blaby > 90_000 && charnwood > 150_000)
            #expect(page.contains("id=\"population_\(site.cspA.id)\" name=\"population_\(site.cspA.id)\" value=\"\(blaby)\""))
            #expect(page.contains("id=\"population_\(site.cspB.id)\" name=\"population_\(site.cspB.id)\" value=\"\(charnwood)\""))
            #expect(page.contains("id=\"crime_\(site.cspA.id)\" name=\"crime_\(site.cspA.id)\" value=\"1\""))
            #expect(page.contains("id=\"crime_\(site.cspB.id)\" name=\"crime_\(site.cspB.id)\" value=\"2\""))
            // Harm by the sentencing-based table, which weighs a burglary at 250: 1 × 250 and 2 × 250.
            #expect(page.contains("id=\"harm_\(site.cspA.id)\" name=\"harm_\(site.cspA.id)\" value=\"250\""))
            #expect(page.contains("id=\"harm_\(site.cspB.id)\" name=\"harm_\(site.cspB.id)\" value=\"500\""))
            #expect(page.contains("April 2021 to March 2022"))
        }
    }

    @Test("A coordinator keeps her partnership's budget; the totals add up to the penny; bad amounts are refused by name", arguments: Backend.allCases)
    func budget(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            let path = Site.budget(a) + "?year=2026/27"
            try await browser.get(path)
            let added = try await browser.post(
                path, ["name": "Night-time economy patrols", "budget": "£10,000.10", "committed": "£2,500", "spent_q1": "1,000.05", "spent_q2": "£0.01"])
            #expect(added.status == .seeOther)
            // With the fixture's IDVA line (£25,000 budget, £5,000 spent in the first quarter), by hand:
            // budget £35,000.10; spent £6,000.06; budget less spend £29,000.04.
            let page = String(buffer: try await browser.get(path).body)
            #expect(page.contains("£35,000.10") && page.contains("£6,000.06") && page.contains("£29,000.04"))
            let csv = String(buffer: try await browser.get(Site.budgetCSV(a) + "?year=2026/27").body)
            #expect(csv.contains("Total,35000.10,22500.00,6000.05,0.01,0.00,0.00,6000.06,29000.04"))
            // Bad amounts are named; nothing is saved.
            let bad = try await browser.post(path, ["name": "Bad", "budget": "ten pounds", "spent_q3": "-5"])
            #expect(bad.status == .unprocessableContent)
            let body = String(buffer: bad.body)
            #expect(body.contains("Enter the budget in pounds") && body.contains("The spend in October to December must be from £0"))
            #expect(try await BudgetRepository(store: site.deps.store).lines(of: a, in: FinancialYear("2026/27")!).count == 2)
            #expect(try await browser.post(path, ["name": "IDVA service", "budget": "1"]).status == .unprocessableContent)
            #expect(try await browser.get(Site.budget(a) + "?year=2026/28").status == .unprocessableContent)
            // Another year is its own budget.
            #expect(String(buffer: try await browser.get(Site.budget(a) + "?year=2027/28").body).contains("No budget lines for 2027/28 yet."))
        }
    }

    @Test func moneyColumnsAreSetAsFigures() {
        #expect(DataTable.isNumber("£1,234.56"))
        #expect(DataTable.isNumber("−£5.00"))
        #expect(DataTable.isNumber("+£0.01"))
        #expect(DataTable.isNumber("<strong>£35,000.10</strong>"))
        #expect(!DataTable.isNumber("£ten"))
        #expect(!DataTable.isNumber("<strong>Total</strong>"))
    }
}
