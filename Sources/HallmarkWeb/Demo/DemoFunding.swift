import HallmarkDomain
import HallmarkFunding
import HallmarkStore

/// The county's allocations of the PCC's community safety grant: 2025/26 needs-based, approved,
/// and 2026/27 pro rata to it, a draft; so that the statements and the next year's form have
/// something real to show.
enum DemoFunding {
    static func load(_ service: FundingService, county: Partnership, csps: [Partnership], author: ChangeAuthor) async throws {
        guard !csps.isEmpty else { return }
        let ids = csps.map { (id: "\($0.id)", recipient: Recipient(code: $0.onsCode?.value ?? "\($0.id)", name: $0.name)) }
        // Populations and recorded crime of the right order for Leicestershire's districts, rounded.
        let populations = [100_000, 130_000, 190_000, 100_000, 110_000, 370_000, 70_000, 105_000, 90_000]
        let crime = [6_800, 9_100, 12_400, 5_900, 7_300, 42_000, 4_200, 6_600, 5_200]
        var input = ["year": "2025/26", "pot": "£612,000", "method": "needs", "floor": "£40,000", "weight_population": "40", "weight_crime": "60"]
        for (n, entry) in ids.enumerated() {
            input["population_\(entry.id)"] = "\(populations[n % populations.count])"
            input["crime_\(entry.id)"] = "\(crime[n % crime.count])"
        }
        let first = try AllocationRequest.validate(input, recipients: ids)
        let firstAllocation = try first.allocate()
        let approved = try await service.save(first, firstAllocation, for: county, savedBy: "the demo loader", by: author)
        _ = try await service.statements.approve(approved.id, in: county.id, meeting: "County Strategy Board, 12 March 2025", by: author)
        // The grant cut by a tenth, shared as last year.
        var next = ["year": "2026/27", "pot": "£550,800", "method": "pro_rata", "basis": "the 2025/26 allocation"]
        for (entry, line) in zip(ids, firstAllocation.lines) { next["previous_\(entry.id)"] = line.amount.exact }
        let second = try AllocationRequest.validate(next, recipients: ids)
        _ = try await service.save(second, try second.allocate(), for: county, savedBy: "the demo loader", by: author)

        // This year's budget for each partnership: its allocation spent on three lines, two quarters in.
        let year = FinancialYear(containing: .today())
        let budgets = BudgetRepository(store: service.store)
        for (n, p) in csps.enumerated() {
            let share = firstAllocation.lines[n].amount.pence
            let lines: [(String, Int64, Int64, [Int64])] = [
                ("Independent domestic violence adviser service", share / 2, share / 2, [share / 8, share / 8, 0, 0]),
                ("Partnership analyst (share)", share / 4, share / 4, [share / 16, share / 16, 0, 0]),
                ("Small grants to community groups", share - share / 2 - share / 4, share / 10, [0, share / 20, 0, 0]),
            ]
            for (name, budget, committed, spent) in lines {
                _ = try await budgets.add(
                    BudgetLineDraft(name: name, budget: Money(pence: budget), committed: Money(pence: committed), spent: spent.map { Money(pence: $0) }), to: p.id, in: year,
                    by: author)
            }
        }
    }
}
