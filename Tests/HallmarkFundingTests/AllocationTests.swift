import HallmarkDomain
import Testing

@testable import HallmarkFunding

@Suite struct AllocationTests {
    static func r(_ name: String) -> Recipient { Recipient(code: name, name: name) }

    /// Seed 001, Table 1: the four CSPs' 2011/12 amounts as printed, and 2012/13's pot of £275,000.
    static let worcestershire2011: [(Recipient, Money)] = [
        (r("Bromsgrove CSP"), .pounds(71_695)), (r("Redditch CSP"), .pounds(107_400)), (r("S Worcs CSP"), .pounds(238_858)), (r("Wyre Forest CSP"), .pounds(109_385)),
    ]

    /// Worked by hand: the shares' total is £527,338; 27,500,000p × 7,169,500p ÷ 52,733,800p =
    /// 3,738,802.248…p for Bromsgrove, 5,600,772.180…p Redditch, 12,456,138.188…p South
    /// Worcestershire, 5,704,287.383…p Wyre Forest. The whole pence sum to 27,499,999p; the penny
    /// left goes to the largest remainder, Wyre Forest's .383.
    @Test func proRataOfALaterYearFromAnEarlierYearsShares() throws {
        let a = try Allocating.proRata(pot: .pounds(275_000), previous: Self.worcestershire2011, basis: "2011/12")
        #expect(a.lines.map(\.amount) == [Money(pence: 3_738_802), Money(pence: 5_600_772), Money(pence: 12_456_138), Money(pence: 5_704_288)])
        #expect(a.total == .pounds(275_000))
        #expect(a.lines[0].change == Money(pence: 3_738_802) - .pounds(71_695))
        #expect(abs(a.lines[2].share - 238_858.0 / 527_338) < 1e-15)
        #expect(a.workings.first == "Each share is its amount in 2011/12 divided by their total, £527,338.")
        // The printed provisional figures were not a pure pro rata (they used the needs formula,
        // and add up to £275,383, £383 more than the pot).
        #expect(a.lines.map(\.amount) != [.pounds(37_440), .pounds(56_086), .pounds(124_735), .pounds(57_122)])
    }

    /// Worked by hand: indices 0.5 × 100/600 + 0.5 × 30/100 = 0.23333…, 0.5 × 200/600 + 0.5 ×
    /// 10/100 = 0.21666…, 0.5 × 300/600 + 0.5 × 60/100 = 0.55; of £100,000: 2,333,333.33…p,
    /// 2,166,666.66…p, 5,500,000p; the one penny left to the largest remainder (.66…).
    @Test func needsBasedWorkedByHand() throws {
        let recipients = ["A", "B", "C"].map(Self.r)
        let indicators = [NeedIndicator(name: "Population", weight: 50, values: [100, 200, 300]), NeedIndicator(name: "Recorded crime", weight: 50, values: [30, 10, 60])]
        let a = try Allocating.needsBased(pot: .pounds(100_000), recipients: recipients, indicators: indicators, floor: .zero)
        #expect(a.lines.map(\.amount) == [Money(pence: 2_333_333), Money(pence: 2_166_667), .pounds(55_000)])
        #expect(a.total == .pounds(100_000))
        // A floor of £25,000 lifts A and B; C has the rest.
        let floored = try Allocating.needsBased(pot: .pounds(100_000), recipients: recipients, indicators: indicators, floor: .pounds(25_000))
        #expect(floored.lines.map(\.amount) == [.pounds(25_000), .pounds(25_000), .pounds(50_000)])
        #expect(floored.lines.map(\.raisedToFloor) == [true, true, false])
        #expect(floored.workings.contains { $0.contains("A, B are raised to it") })
        // A floor the pot cannot pay for everyone is refused, saying why.
        #expect(throws: AllocationRefused.self) { try Allocating.needsBased(pot: .pounds(100_000), recipients: recipients, indicators: indicators, floor: .pounds(40_000)) }
    }

    @Test func badInputIsRefused() {
        #expect(throws: AllocationRefused.self) { try Allocating.proRata(pot: .pounds(10), previous: [(Self.r("A"), .pounds(-1)), (Self.r("B"), .pounds(2))], basis: "x") }
        #expect(throws: AllocationRefused.self) { try Allocating.proRata(pot: .pounds(10), previous: [(Self.r("A"), .zero)], basis: "x") }
        #expect(throws: AllocationRefused.self) { try Allocating.proRata(pot: Money(pence: -1), previous: [(Self.r("A"), .pounds(1))], basis: "x") }
        #expect(throws: AllocationRefused.self) {
            try Allocating.needsBased(pot: .pounds(10), recipients: [Self.r("A")], indicators: [NeedIndicator(name: "x", weight: 1, values: [-1])], floor: .zero)
        }
    }

    /// Over many awkward pots and share sets (a seeded generator, so a failure can be replayed):
    /// the lines always sum to the pot to the penny, and each is within a penny of its exact share.
    @Test func allocationsAlwaysSumToThePot() throws {
        var random = SplitMix(seed: 20_261_129)
        for _ in 0..<2_000 {
            let count = Int(random.next() % 12) + 1
            let pot = Money(pence: Int64(random.next() % 100_000_000_000))
            let previous = (0..<count).map { (Self.r("R\($0)"), Money(pence: Int64(random.next() % 50_000_000) + ($0 == 0 ? 1 : 0))) }
            let a = try Allocating.proRata(pot: pot, previous: previous, basis: "last year")
            #expect(a.total == pot)
            for line in a.lines { #expect(abs(Double(line.amount.pence) - line.exactPence) < 1.0 + 1e-6) }
            let indicators = (0..<Int(random.next() % 4) + 1).map { k in
                NeedIndicator(name: "I\(k)", weight: Double(random.next() % 100 + 1), values: (0..<count).map { n in Double(random.next() % 10_000 + (n == 0 ? 1 : 0)) })
            }
            let floor = Money(pence: pot.pence / Int64(count * 4))
            let b = try Allocating.needsBased(pot: pot, recipients: previous.map(\.0), indicators: indicators, floor: floor)
            #expect(b.total == pot)
            #expect(b.lines.allSatisfy { $0.amount >= floor })
        }
    }
}

/// A small, seeded random number generator, so that a property test's cases can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
