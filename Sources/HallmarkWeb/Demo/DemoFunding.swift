import HallmarkDomain
import HallmarkFunding
import HallmarkStore

/// Three years of the county's allocations of the PCC's community safety grant (2024/25
/// needs-based and 2025/26 pro rata, both approved; 2026/27 pro rata, a draft), each
/// partnership's funding streams and budgets with spend over three years, the county's pooled
/// Domestic Homicide Review fund, and two commissioned services: so that every money page has
/// something real to show.
enum DemoFunding {
    static func load(_ service: FundingService, county: Partnership, csps: [Partnership], author: ChangeAuthor) async throws {
        guard !csps.isEmpty else { return }
        let ids = csps.map { (id: "\($0.id)", recipient: Recipient(code: $0.onsCode?.value ?? "\($0.id)", name: $0.name)) }
        // Populations, recorded crime and harm of the right order for Leicestershire's districts, rounded.
        let populations = [100_000, 130_000, 190_000, 100_000, 110_000, 370_000, 70_000, 105_000, 90_000]
        let crime = [6_800, 9_100, 12_400, 5_900, 7_300, 42_000, 4_200, 6_600, 5_200]
        var input = ["year": "2024/25", "pot": "£680,000", "method": "needs", "floor": "£40,000", "weight_population": "40", "weight_crime": "60"]
        for (n, entry) in ids.enumerated() {
            input["population_\(entry.id)"] = "\(populations[n % populations.count])"
            input["crime_\(entry.id)"] = "\(crime[n % crime.count])"
        }
        let first = try AllocationRequest.validate(input, recipients: ids)
        let firstAllocation = try first.allocate()
        let approved = try await service.save(first, firstAllocation, for: county, savedBy: "the demo loader", by: author)
        _ = try await service.statements.approve(approved.id, in: county.id, meeting: "County Strategy Board, 14 March 2024", by: author)
        // Each later year: the grant cut by a tenth, shared as the year before.
        var previous = firstAllocation
        var allocations = [firstAllocation]
        for (year, pot, meeting) in [("2025/26", "£612,000", "County Strategy Board, 12 March 2025"), ("2026/27", "£550,800", nil)] {
            var next = ["year": year, "pot": pot, "method": "pro_rata", "basis": "the \(FinancialYear(year)!.previous) allocation"]
            for (entry, line) in zip(ids, previous.lines) { next["previous_\(entry.id)"] = line.amount.exact }
            let request = try AllocationRequest.validate(next, recipients: ids)
            let allocation = try request.allocate()
            let saved = try await service.save(request, allocation, for: county, savedBy: "the demo loader", by: author)
            if let meeting { _ = try await service.statements.approve(saved.id, in: county.id, meeting: meeting, by: author) }
            previous = allocation
            allocations.append(allocation)
        }

        // Each partnership's streams and budget for three years: the two years gone fully spent
        // (one line a little over, one under), this year two quarters in.
        let thisYear = FinancialYear(containing: .today())
        for (n, p) in csps.enumerated() {
            for (back, year) in [thisYear.previous.previous, thisYear.previous, thisYear].enumerated() {
                let grant = allocations[min(back, allocations.count - 1)].lines[n].amount
                _ = try await service.streams.add(
                    FundingStreamDraft(
                        year: year, name: "Community safety grant", source: .pccGrant, funder: "Office of the Police and Crime Commissioner for Leicestershire", amount: grant,
                        conditions: "Spent on the partnership plan’s priorities; returns to the OPCC each quarter", endsOn: year.last), to: p.id, by: author)
                _ = try await service.streams.add(
                    FundingStreamDraft(
                        year: year, name: "Council contribution", source: .council,
                        funder: DemoCounty.councilName(p.name.replacingOccurrences(of: " Community Safety Partnership", with: "")), amount: .pounds(25_000)), to: p.id, by: author)
                let share = grant.pence + 2_500_000
                let done = year < thisYear
                let lines: [(String, Int64, [Int64], String)] = [
                    (
                        "Independent domestic violence adviser service", share / 2, done ? [share / 8, share / 8, share / 8, share / 8 + 120_000] : [share / 8, share / 8, 0, 0],
                        "Domestic abuse"
                    ),
                    ("Partnership analyst (share)", share / 4, done ? [share / 16, share / 16, share / 16, share / 16 - 85_000] : [share / 16, share / 16, 0, 0], ""),
                    (
                        "Small grants to community groups", share - share / 2 - share / 4, done ? [0, share / 20, share / 10, share / 10] : [0, share / 20, 0, 0],
                        "Anti-social behaviour"
                    ),
                ]
                for (name, budget, spent, priority) in lines {
                    _ = try await service.budgets.add(
                        BudgetLineDraft(
                            name: name, budget: Money(pence: budget), committed: Money(pence: done ? spent.reduce(0, +) : budget / 2), spent: spent.map { Money(pence: $0) },
                            priority: priority), to: p.id, in: year, by: author)
                }
            }
        }

        // The county's pooled fund for Domestic Homicide Reviews (seed 004 §21).
        let fund = try await service.pools.add(
            PoolForms.Fund(
                year: thisYear, name: "Domestic Homicide Review fund",
                purpose: "Pays for independent chairs and authors of reviews as they are commissioned; draw-downs agreed by the county board.",
                target: .pounds(30_000)), to: county.id, by: author)
        var contributors: [PoolContributor] = []
        for (name, parts) in [
            ("Leicestershire Police", 30), ("Leicestershire County Council", 30), ("Leicester, Leicestershire and Rutland Integrated Care Board", 20),
            ("Probation Service East Midlands", 10), ("Leicestershire Fire and Rescue Service", 10),
        ] {
            contributors.append(try await service.pools.addContributor(name, parts: parts, to: fund.id, in: county.id, by: author))
        }
        for (n, c) in contributors.prefix(3).enumerated() {
            let due = Allocating.byShares(fund.target, parts: contributors.map(\.shareParts))[n]
            _ = try await service.pools.record(due, contributor: c.id, on: thisYear.first.adding(days: 30 + n * 7), note: "", in: fund.id, of: county.id, by: author)
        }
        _ = try await service.pools.record(
            -.pounds(7_500), contributor: nil, on: thisYear.first.adding(days: 120), note: "DHR 2026/01: independent chair and author, first stage", in: fund.id,
            of: county.id, by: author)

        // Two commissioned services of the first partnership: one ending this March with its
        // renewal undecided and a report due soon, one running three years.
        let p = csps[0]
        _ = try await service.commissioning.add(
            CommissionedServiceDraft(
                name: "Independent domestic violence advisers", provider: "Haven Support Services", startsOn: thisYear.previous.first, endsOn: thisYear.last,
                value: .pounds(180_000), outcomes: "Repeat referrals to MARAC of high-risk victims; victims feeling safer at case closure",
                reportDueOn: CalendarDate.today().adding(days: 20), renewal: .undecided,
                funders: [
                    .init(name: "Office of the Police and Crime Commissioner", amount: .pounds(120_000)), .init(name: "Leicestershire County Council", amount: .pounds(60_000)),
                ]),
            to: p.id, by: author)
        _ = try await service.commissioning.add(
            CommissionedServiceDraft(
                name: "Youth diversion programme", provider: "Street Sport Trust", startsOn: thisYear.first, endsOn: thisYear.next.next.last, value: .pounds(90_000),
                outcomes: "First-time entrants to the youth justice system from the wards served; young people completing the programme",
                reportDueOn: thisYear.last.adding(days: 30), renewal: .undecided,
                funders: [.init(name: "\(p.name)", amount: .pounds(45_000)), .init(name: "Office of the Police and Crime Commissioner", amount: .pounds(45_000))]),
            to: p.id, by: author)
    }
}
