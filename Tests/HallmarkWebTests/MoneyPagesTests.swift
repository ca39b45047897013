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

/// Funding streams, budget import, pooled funds, commissioned services, the monitoring paper,
/// the projection and the side-by-side allocation: as their users work them, on both databases.
@Suite("Funding: streams, pooled funds, services, papers and projections")
struct MoneyPagesTests {
    static let year = FinancialYear("2026/27")!

    @Test("A coordinator records funding streams; bad input is named and nothing is saved; members read them", arguments: Backend.allCases)
    func streams(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.funding(a))
            let form = ["year": "2026/27", "name": "Council contribution", "source": "council", "funder": "Blaby District Council", "amount": "£25,000.50"]
            #expect(try await browser.post(Site.fundingStreams(a), form).status == .seeOther)
            for (field, value, message) in [
                ("amount", "-£5", "The amount must be from £0"), ("year", "2026/28", "Enter the financial year like 2026/27"),
                ("source", "lottery", "Select one of the listed options"),
                ("ends_on", "2026-03-31", "The end date is before 2026/27 begins"), ("name", "Community safety grant", "2026/27 already has a stream called"),
            ] {
                var bad = form
                bad[field] = value
                bad["name"] = field == "name" ? value : "Another"
                let refused = try await browser.post(Site.fundingStreams(a), bad)
                #expect(refused.status == .unprocessableContent, "\(field)")
                #expect(String(buffer: refused.body).contains(message), "\(field)")
            }
            let streams = try await site.deps.funding.streams.streams(of: a, in: Self.year)
            #expect(streams.count == 2)
            // £40,000 (the fixture's grant) + £25,000.50; the budget is the fixture's £25,000, one line with no priority.
            let page = String(buffer: try await browser.get(Site.funding(a) + "?year=2026/27").body)
            #expect(page.contains("£65,000.50") && page.contains("£40,000.50") && page.contains("Not linked to a priority"))
            let csv = String(buffer: try await browser.get(Site.fundingStreamsCSV(a) + "?year=2026/27").body)
            #expect(csv.contains(",Total,,,65000.50,,"))
            let priorities = String(buffer: try await browser.get(Site.fundingPrioritiesCSV(a) + "?year=2026/27").body)
            #expect(priorities.contains("Total,1,25000.00,5000.00,20000.00"))
            // Changed, and the change audited.
            let stream = try #require(streams.first { $0.name == "Council contribution" })
            var changed = form
            changed["amount"] = "£26,000"
            #expect(try await browser.post(Site.fundingStream(a, stream.id), changed).status == .seeOther)
            #expect(try await site.deps.funding.streams.find(stream.id, in: a)?.amount == .pounds(26_000))
            let audited = try await site.deps.store.withConnection { db in
                try await db.raw("SELECT count(*) AS n FROM audit_log WHERE subject = 'funding stream' AND subject_id = \(bind: stream.id)").first()!.decode(
                    column: "n", as: Int.self)
            }
            #expect(audited == 2)
            // A board member reads, and may not change.
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            let read = String(buffer: try await board.get(Site.funding(a) + "?year=2026/27").body)
            #expect(read.contains("Council contribution") && !read.contains("Add a funding stream"))
            #expect(try await board.post(Site.fundingStreams(a), form).status == .forbidden)
        }
    }

    func upload(_ browser: Browser, _ path: String, csv: String, token: String? = nil) async throws -> TestResponse {
        try await browser.upload(path, file: ("file", "budget.csv", Data(csv.utf8)), token: token)
    }

    @Test("A budget is imported from a spreadsheet's CSV all or nothing, each problem named by row and column", arguments: Backend.allCases)
    func budgetImport(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.budget(a) + "?year=2026/27")
            let path = Site.budgetImport(a) + "?year=2026/27"
            let before = try await site.deps.funding.budgets.lines(of: a, in: Self.year)
            let audit = try await AuditLog.version(in: site.deps.store)
            // The IDVA line's figures change; a new line comes; but row 4 has text for an amount.
            let bad = "Line,Budget,Committed,Q1,Q2,Q3,Q4\nIDVA service,\"£26,000\",,,,,\nPatrols,£500,,,,,\nGrants,about £900,,,,,\n"
            let refused = try await upload(browser, path, csv: bad)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("Row 4, column “Budget”: “about £900” is not an amount"))
            #expect(try await site.deps.funding.budgets.lines(of: a, in: Self.year) == before)
            #expect(try await AuditLog.version(in: site.deps.store) == audit)
            // Without the form's token nothing is read.
            #expect(try await upload(browser, path, csv: "line,budget\nX,£1\n", token: "forged").status == .forbidden)
            // The same file put right.
            let good = bad.replacingOccurrences(of: "about £900", with: "£900") + "Total,\"£27,400\",,,,,\n"
            #expect(try await upload(browser, path, csv: good).status == .seeOther)
            let after = try await site.deps.funding.budgets.lines(of: a, in: Self.year)
            #expect(after.map(\.name) == ["Grants", "IDVA service", "Patrols"])
            #expect(after.first { $0.name == "IDVA service" }?.budget == .pounds(26_000))
            #expect(after.first { $0.name == "IDVA service" }?.id == before[0].id, "the line kept, not replaced")
            // A board member may not import.
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            try await board.get(Site.budget(a))
            #expect(try await upload(board, path, csv: good).status == .forbidden)
        }
    }

    @Test("Partners pay into a pooled fund by shares; a draw-down beyond the balance is refused, even many at once", arguments: Backend.allCases)
    func pooledFund(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.pooledFunds(a))
            #expect(try await browser.post(Site.pooledFunds(a), ["name": "DHR fund 2", "year": "2026/27", "target": "£10,000"]).status == .seeOther)
            let fund = try #require(try await site.deps.funding.pools.funds(of: a).first { $0.name == "DHR fund 2" })
            try await browser.get(Site.pooledFund(a, fund.id))
            for (name, parts) in [("Police", "3"), ("Council", "3"), ("Health", "1")] {
                #expect(try await browser.post(Site.poolContributors(a, fund.id), ["contributor": name, "share_parts": parts]).status == .seeOther)
            }
            #expect(try await browser.post(Site.poolContributors(a, fund.id), ["contributor": "Police", "share_parts": "1"]).status == .unprocessableContent)
            #expect(try await browser.post(Site.poolContributors(a, fund.id), ["contributor": "Fire", "share_parts": "0"]).status == .unprocessableContent)
            // £10,000 in 3:3:1 = 428,571.43p a part: £4,285.71 (remainder .43), £4,285.71, £1,428.57 (remainder .14) — 999,999p;
            // the penny left goes to the first of the two largest remainders.
            var s = try #require(try await site.deps.funding.pools.statement(fund.id, in: a))
            #expect(s.lines.map(\.due) == [Money(pence: 428_572), Money(pence: 428_571), Money(pence: 142_857)])
            let police = s.lines[0].contributor.id
            #expect(
                try await browser.post(Site.poolMovements(a, fund.id), ["kind": "payment", "contributor_id": "\(police)", "moved_on": "2026-05-01", "amount": "£4,285.72"])
                    .status == .seeOther)
            // More than its share, or dated after today, is refused.
            let overpaid = try await browser.post(
                Site.poolMovements(a, fund.id), ["kind": "payment", "contributor_id": "\(s.lines[2].contributor.id)", "moved_on": "2026-05-01", "amount": "£1,428.58"])
            #expect(String(buffer: overpaid.body).contains("Health owes £1,428.57 of its share; a payment of £1,428.58 is more than that"))
            let future = try await browser.post(
                Site.poolMovements(a, fund.id),
                ["kind": "payment", "contributor_id": "\(s.lines[2].contributor.id)", "moved_on": CalendarDate.today().adding(days: 1).iso, "amount": "£1"])
            #expect(String(buffer: future.body).contains("The date is after today"))
            // Someone else's partner is not this fund's.
            let foreign = try await browser.post(
                Site.poolMovements(a, fund.id), ["kind": "payment", "contributor_id": "\(site.funds.contributorA.id)", "moved_on": "2026-05-01", "amount": "£1"])
            #expect(foreign.status == .unprocessableContent)
            let over = try await browser.post(Site.poolMovements(a, fund.id), ["kind": "draw_down", "moved_on": "2026-06-01", "amount": "£4,285.73", "note": "DHR"])
            #expect(over.status == .unprocessableContent)
            #expect(String(buffer: over.body).contains("The fund holds £4,285.72; it cannot pay out £4,285.73"))
            let page = String(buffer: try await browser.get(Site.pooledFund(a, fund.id)).body)
            #expect(page.contains("£4,285.72") && page.contains("£5,714.28"))  // balance; still owed £10,000 − £4,285.72
            // Twelve draw-downs of £1,000 at once from £4,285.72: exactly four go through.
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<12 {
                    group.addTask {
                        do {
                            _ = try await site.deps.funding.pools.record(
                                -.pounds(1_000), contributor: nil, on: CalendarDate("2026-07-01")!, note: "Review \(n)", in: fund.id, of: a, by: .system("test"))
                            return true
                        } catch is ValidationFailure { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 4)
            s = try #require(try await site.deps.funding.pools.statement(fund.id, in: a))
            #expect(s.balance == Money(pence: 28_572) && s.drawnDown == .pounds(4_000))
            let csv = String(buffer: try await browser.get(Site.pooledFundCSV(a, fund.id)).body)
            #expect(csv.contains("Total,7,1,10000.00,4285.72,5714.28"))
            // The ledger, each movement with the balance after it: £4,285.72 in, then four £1,000 out.
            let ledger = String(buffer: try await browser.get(Site.poolMovementsCSV(a, fund.id)).body)
            #expect(ledger.contains("2026-05-01,paid in,Police,,4285.72,4285.72"))
            #expect(ledger.contains(",drawn down,,Review ") && ledger.hasSuffix(",-1000.00,285.72\r\n"))
        }
    }

    @Test("A commissioned service's funders add up to its value; reminders show what is due", arguments: Backend.allCases)
    func services(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.services(a))
            let soon = CalendarDate.today().adding(days: 10)
            var form = [
                "name": "Youth diversion", "provider": "Street Sport Trust", "starts_on": "2026-04-01", "ends_on": "2029-03-31", "value": "£90,000",
                "funder_1": "OPCC", "funder_amount_1": "£45,000", "funder_2": "Alpha CSP", "funder_amount_2": "£44,999", "report_due_on": soon.iso,
            ]
            let refused = try await browser.post(Site.services(a), form)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("The funders’ amounts add up to £89,999, £1 less than the contract’s value of £90,000"))
            form["funder_amount_2"] = "£45,000"
            #expect(try await browser.post(Site.services(a), form).status == .seeOther)
            let list = String(buffer: try await browser.get(Site.services(a)).body)
            #expect(list.contains("Youth diversion: Report due on \(soon.long)"))
            let overview = String(buffer: try await browser.get(Site.funding(a)).body)
            #expect(overview.contains("Commissioned services needing attention") && overview.contains("Report due on \(soon.long)"))
            let service = try #require(try await site.deps.funding.commissioning.services(of: a).first { $0.name == "Youth diversion" })
            form["report_due_on"] = ""
            #expect(try await browser.post(Site.service(a, service.id), form).status == .seeOther)
            #expect(!String(buffer: try await browser.get(Site.services(a)).body).contains("Youth diversion: Report due"))
            let csv = String(buffer: try await browser.get(Site.servicesCSV(a)).body)
            #expect(csv.contains("Youth diversion,Street Sport Trust,2026-04-01,2029-03-31,90000.00,\"OPCC: 45000.00; Alpha CSP: 45000.00\""))
        }
    }

    @Test("The monitoring paper and year-end statement add up; the projection shows the deficit after savings", arguments: Backend.allCases)
    func paperAndProjection(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let browser = Browser(client)
            try await browser.signIn(as: .boardMember)
            // The fixture: £40,000 of income, one £25,000 line with £5,000 spent.
            let paper = String(buffer: try await browser.get(Site.budgetPaper(a) + "?year=2026/27").body)
            #expect(paper.contains("Budget monitoring paper") && paper.contains("£20,000.00") && paper.contains("£35,000.00"))
            #expect(paper.contains("Spend is £20,000 below the budget."))
            let yearEnd = String(buffer: try await browser.get(Site.budgetPaper(a) + "?year=2025/26&kind=year-end").body)
            #expect(yearEnd.contains("Year-end statement") && yearEnd.contains("the year ended on 31 March 2026"))
            #expect(try await browser.get(Site.budgetPaper(a) + "?kind=quarterly").status == .unprocessableContent)
            if site.deps.funding.printer != nil {
                let pdf = try await browser.get(Site.budgetPaperPDF(a) + "?year=2026/27")
                #expect(pdf.status == .ok && String(buffer: pdf.body).hasPrefix("%PDF"))
            }
            // By hand: income £40,000 (recorded) then −10% a year, £36,000, £32,400; spending £25,000, then
            // × 1.02 = £25,500 less £500 = £25,000, then £25,500: surpluses £15,000, £11,000, £6,900.
            let query = "from=2026/27&years=3&cost_growth=2&income_change=-10&savings_1=500"
            let page = String(buffer: try await browser.get(Site.projection(a) + "?" + query).body)
            #expect(page.contains("£36,000.00") && page.contains("£32,400.00") && page.contains("£6,900.00"))
            // A key of the requester's own goes into the CSV link percent-encoded, not as markup.
            let hostile = String(buffer: try await browser.get(Site.projection(a) + "?" + query + "&x%22%3E%3Cb%3Ebold=1").body)
            #expect(hostile.contains("£6,900.00") && !hostile.contains("x\"><b>bold") && hostile.contains("&x%22%3E%3Cb%3Ebold=1"))
            let csv = String(buffer: try await browser.get(Site.projectionCSV(a) + "?" + query).body)
            #expect(csv.contains("2027/28,36000.00,no,25500.00,500.00,25000.00,10500.00,11000.00"))
            #expect(try await browser.get(Site.projection(a) + "?years=12").status == .unprocessableContent)
            let beyond = try await browser.get(Site.projection(a) + "?years=2&savings_3=£5,000")
            #expect(beyond.status == .unprocessableContent && String(buffer: beyond.body).contains("Savings in year 4 are beyond the 2 years projected"))
        }
    }

    @Test("A preview sits beside the approved years and the other method; the statement downloads as CSV; the API lists the money", arguments: Backend.allCases)
    func sideBySideAndAPI(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let county = site.county.id, a = site.cspA.id, b = site.cspB.id
            // The fixture's 2026/27 statement (£1,000 half each) approved, then 2027/28 previewed.
            _ = try await site.deps.funding.statements.approve(site.allocationVersionID, in: county, meeting: "County Board, 1 March 2026", by: .system("test"))
            let browser = Browser(client)
            try await browser.signIn(as: .countyOfficer)
            try await browser.get(Site.allocations(county))
            let form = [
                "year": "2027/28", "pot": "£900", "method": "pro_rata", "previous_\(a)": "500", "previous_\(b)": "500", "population_\(a)": "100", "population_\(b)": "300",
                "crime_\(a)": "10", "crime_\(b)": "30", "weight_population": "50", "weight_crime": "50",
            ]
            let preview = String(buffer: try await browser.post(Site.allocationPreview(county), form).body)
            // Pro rata £450 each (−£50, −10.0%); needs-based by the 1:3 indicators, £225 and £675.
            #expect(preview.contains("Side by side") && preview.contains("2026/27 approved"))
            #expect(preview.contains("£450.00") && preview.contains("−£50.00") && preview.contains("−10.0%"))
            #expect(preview.contains("£225.00") && preview.contains("£675.00"))
            // Harm weighted in: Beta's three times the harm gives it more still.
            var harmed = form
            harmed.merge(["method": "needs", "weight_harm": "50", "harm_\(a)": "0", "harm_\(b)": "1"]) { $1 }
            let needs = String(buffer: try await browser.post(Site.allocationPreview(county), harmed).body)
            // Indices: A = (50×0.25 + 50×0.25 + 50×0)/150 = 1/6 → £150; B = 5/6 → £750.
            #expect(needs.contains("£150.00") && needs.contains("£750.00"))
            let csv = String(buffer: try await browser.get(Site.allocationCSV(county, site.allocationVersionID)).body)
            #expect(csv.contains("Total,,,,,1000.00,,"))
            // The API: Alpha's stream, fund and service, amounts in pence, keys in snake_case.
            let api = try await client.execute(
                uri: "/api/v1/partnerships/\(a)/funding", method: .get, headers: [.authorization: "Bearer \(site.tokens[.coordinator]!)"])
            let json = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
            let streams = try #require(json?["streams"] as? [[String: Any]])
            #expect(streams.first?["amount"] as? Int == 4_000_000)
            #expect((json?["pooled_funds"] as? [[String: Any]])?.first?["balance"] as? Int == 0)
            #expect((json?["services"] as? [[String: Any]])?.count == 1)
            let allocations = try await client.execute(
                uri: "/api/v1/partnerships/\(county)/allocations", method: .get, headers: [.authorization: "Bearer \(site.tokens[.countyOfficer]!)"])
            #expect(String(buffer: allocations.body).contains("\"approved\":true"))
        }
    }
}
