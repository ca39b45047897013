import HallmarkDomain
import Testing

@testable import HallmarkFunding

@Suite struct PooledFundTests {
    static func fund(_ target: Money) -> PooledFund {
        PooledFund(id: 1, partnershipID: 1, year: FinancialYear("2026/27")!, name: "DHR fund", purpose: "", target: target)
    }

    static func partners(_ parts: [Int]) -> [PoolContributor] {
        parts.enumerated().map { PoolContributor(id: RecordID(Int64($0.offset + 1)), fundID: 1, name: "Partner \($0.offset + 1)", shareParts: $0.element) }
    }

    /// By hand: £30,000 in parts 30, 30, 20, 10, 10 of 100 is £9,000, £9,000, £6,000, £3,000,
    /// £3,000. Two paid in full and one paid £1,000; £7,500 drawn down: paid in £19,000, balance
    /// £11,500, still owed £6,000 + £3,000 + £3,000 − £1,000 = £11,000.
    @Test func sharesPaymentsAndBalanceWorkedByHand() {
        let people = Self.partners([30, 30, 20, 10, 10])
        let movements = [
            PoolMovement(id: 1, fundID: 1, contributorID: people[0].id, on: CalendarDate("2026-05-01")!, amount: .pounds(9_000), note: ""),
            PoolMovement(id: 2, fundID: 1, contributorID: people[1].id, on: CalendarDate("2026-05-08")!, amount: .pounds(9_000), note: ""),
            PoolMovement(id: 3, fundID: 1, contributorID: people[3].id, on: CalendarDate("2026-05-09")!, amount: .pounds(1_000), note: ""),
            PoolMovement(id: 4, fundID: 1, contributorID: nil, on: CalendarDate("2026-08-01")!, amount: -.pounds(7_500), note: "DHR chair"),
        ]
        let s = PoolStatement(Self.fund(.pounds(30_000)), contributors: people, movements: movements)
        #expect(s.lines.map(\.due) == [.pounds(9_000), .pounds(9_000), .pounds(6_000), .pounds(3_000), .pounds(3_000)])
        #expect(s.lines.map(\.owed) == [.zero, .zero, .pounds(6_000), .pounds(2_000), .pounds(3_000)])
        #expect(s.paidIn == .pounds(19_000))
        #expect(s.drawnDown == .pounds(7_500))
        #expect(s.balance == .pounds(11_500))
        #expect(s.owed == .pounds(11_000))
    }

    /// £100 in three equal parts: 3,333.33…p each; the penny left goes to the first (ties to the earlier).
    @Test func anAwkwardSumStillAddsUp() {
        #expect(Allocating.byShares(.pounds(100), parts: [1, 1, 1]) == [Money(pence: 3_334), Money(pence: 3_333), Money(pence: 3_333)])
        #expect(Allocating.byShares(.pounds(100), parts: []) == [])
        #expect(Allocating.byShares(.pounds(100), parts: [0, 0]) == [.zero, .zero])
    }

    /// Any sum shared by any parts adds up to the sum exactly, and nobody's share is more than a
    /// penny away from its exact value.
    @Test func sharesAlwaysAddUpToTheSum() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let sum = Money(pence: Int64.random(in: 0...10_000_000_000, using: &generator))
            let parts = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Int.random(in: 0...1_000_000, using: &generator) }
            guard parts.reduce(0, +) > 0 else { continue }
            let shares = Allocating.byShares(sum, parts: parts)
            #expect(shares.reduce(.zero, +) == sum, "\(sum) by \(parts)")
            let total = Double(parts.reduce(0, +))
            for (share, part) in zip(shares, parts) {
                #expect(abs(Double(share.pence) - Double(sum.pence) * Double(part) / total) < 1.000001, "\(sum) by \(parts)")
            }
        }
    }

    @Test func movementsAreCheckedAsTheFormSendsThem() throws {
        #expect(throws: ValidationFailure.self) { try PoolForms.movement(["kind": "draw_down", "moved_on": "2026-05-01", "amount": "£100"]) }  // no note
        #expect(throws: ValidationFailure.self) { try PoolForms.movement(["kind": "payment", "moved_on": "2026-05-01", "amount": "£100"]) }  // no partner
        #expect(throws: ValidationFailure.self) { try PoolForms.movement(["kind": "payment", "contributor_id": "1", "moved_on": "2026-05-01", "amount": "-£100"]) }
        #expect(throws: ValidationFailure.self) { try PoolForms.movement(["kind": "payment", "contributor_id": "1", "moved_on": "2026-05-01", "amount": "0"]) }
        let out = try PoolForms.movement(["kind": "draw_down", "moved_on": "2026-05-01", "amount": "£1,250.50", "note": "DHR"])
        #expect(out.amount == -Money(pence: 125_050) && out.contributor == nil)
    }
}
