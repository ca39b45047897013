import HallmarkDomain

/// Who receives a share of a pot: a partnership, by code and name.
package struct Recipient: Sendable, Equatable, Hashable, Codable {
    package var code: String
    package var name: String

    package init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// One recipient's line of an allocation, with the workings a reader needs to check it.
package struct AllocationLine: Sendable, Equatable, Codable {
    package var recipient: Recipient
    /// The share of the pot before rounding, as a fraction (0.2 is a fifth).
    package var share: Double
    /// The exact amount before rounding to the penny, in pence.
    package var exactPence: Double
    package var amount: Money
    /// Raised to the floor: its share alone would have given less.
    package var raisedToFloor: Bool
    package var previous: Money?

    package var change: Money? { previous.map { amount - $0 } }
    package var changePercent: Double? {
        guard let previous, previous.pence != 0 else { return nil }
        return Double(amount.pence - previous.pence) * 100 / Double(previous.pence)
    }
}

/// An allocation of a pot, every line with its workings; the lines sum exactly to the pot.
package struct Allocation: Sendable, Equatable, Codable {
    package var pot: Money
    package var method: String
    package var lines: [AllocationLine]
    /// The steps, in words, as the statement prints them.
    package var workings: [String]

    package var total: Money { lines.reduce(.zero) { $0 + $1.amount } }
}

/// A measure of need for the needs-based formula: its weight and each recipient's value.
package struct NeedIndicator: Sendable, Equatable, Codable {
    package var name: String
    package var weight: Double
    /// By recipient, in the recipients' order.
    package var values: [Double]

    package init(name: String, weight: Double, values: [Double]) {
        self.name = name
        self.weight = weight
        self.values = values
    }
}

package struct AllocationRefused: Error, Equatable, CustomStringConvertible {
    package let description: String
}

/// The allocation formulas, each rounding by largest remainder: every recipient gets the whole
/// pence below its exact amount, and the pence left over go one each to the largest remainders
/// (ties to the earlier recipient), so the lines always add up to the pot.
package enum Allocating {
    /// Pro rata to earlier amounts, in exact integer arithmetic: pot × earlier ÷ earlier total.
    package static func proRata(pot: Money, previous: [(Recipient, Money)], basis: String) throws(AllocationRefused) -> Allocation {
        guard pot.pence >= 0 else { throw AllocationRefused(description: "The pot cannot be less than nothing") }
        guard !previous.isEmpty else { throw AllocationRefused(description: "There is nobody to allocate to") }
        if let negative = previous.first(where: { $0.1.pence < 0 }) {
            throw AllocationRefused(description: "\(negative.0.name)'s earlier amount is less than nothing")
        }
        let total = previous.reduce(Int64(0)) { $0 + $1.1.pence }
        guard total > 0 else { throw AllocationRefused(description: "The earlier amounts add up to nothing, so they give no shares") }
        let (whole, remainders, rounded) = split(pot, by: previous.map(\.1.pence))
        let lines = previous.enumerated().map { n, entry in
            AllocationLine(
                recipient: entry.0, share: Double(entry.1.pence) / Double(total), exactPence: Double(whole[n]) + Double(remainders[n]) / Double(total),
                amount: Money(pence: rounded[n]), raisedToFloor: false, previous: entry.1)
        }
        return Allocation(
            pot: pot, method: "Pro rata to \(basis)", lines: lines,
            workings: [
                "Each share is its amount in \(basis) divided by their total, \(Money(pence: total)).",
                "Each allocation is the pot, \(pot), times its share, rounded down to the penny; the \(rounded.reduce(0, +) - whole.reduce(0, +)) pence left over go one each to the largest remainders.",
            ])
    }

    /// Needs-based: each recipient's index is the weighted sum of its share of each indicator;
    /// anyone whose share of the pot falls below the floor is raised to it and the rest is shared
    /// among the others by their indices, until nobody falls below.
    package static func needsBased(
        pot: Money, recipients: [Recipient], indicators: [NeedIndicator], floor: Money, previous: [Money?]? = nil
    ) throws(AllocationRefused) -> Allocation {
        guard pot.pence >= 0, floor.pence >= 0 else { throw AllocationRefused(description: "Neither the pot nor the floor can be less than nothing") }
        guard !recipients.isEmpty else { throw AllocationRefused(description: "There is nobody to allocate to") }
        guard floor.pence * Int64(recipients.count) <= pot.pence else {
            throw AllocationRefused(
                description:
                    "A floor of \(floor) for each of \(recipients.count) partnerships needs \(Money(pence: floor.pence * Int64(recipients.count))), more than the pot of \(pot)")
        }
        let weightTotal = indicators.map(\.weight).reduce(0, +)
        guard !indicators.isEmpty, indicators.allSatisfy({ $0.weight >= 0 && $0.weight.isFinite }), weightTotal > 0 else {
            throw AllocationRefused(description: "Give at least one indicator a weight above nothing (and none below)")
        }
        var index = [Double](repeating: 0, count: recipients.count)
        for indicator in indicators where indicator.weight > 0 {
            guard indicator.values.count == recipients.count else {
                throw AllocationRefused(description: "\(indicator.name) has \(indicator.values.count) values for \(recipients.count) partnerships")
            }
            guard indicator.values.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw AllocationRefused(description: "\(indicator.name) has a value below nothing") }
            let sum = indicator.values.reduce(0, +)
            guard sum > 0 else { throw AllocationRefused(description: "\(indicator.name) adds up to nothing, so it gives no shares") }
            for n in index.indices { index[n] += indicator.weight / weightTotal * indicator.values[n] / sum }
        }
        // Raise to the floor, sharing what is left among the rest by their indices, until stable.
        var floored = Set<Int>()
        var exact = [Double](repeating: 0, count: recipients.count)
        while true {
            let rest = Double(pot.pence - floor.pence * Int64(floored.count))
            let restIndex = index.indices.filter { !floored.contains($0) }.map { index[$0] }.reduce(0, +)
            for n in index.indices {
                exact[n] = floored.contains(n) ? Double(floor.pence) : (restIndex > 0 ? rest * index[n] / restIndex : rest / Double(recipients.count - floored.count))
            }
            let below = index.indices.filter { !floored.contains($0) && exact[$0] < Double(floor.pence) }
            if below.isEmpty { break }
            floored.formUnion(below)
        }
        let whole = exact.map { Int64($0.rounded(.down)) }
        let rounded = distribute(pot.pence, whole: whole, order: exact.enumerated().map { $0.element - Double(whole[$0.offset]) })
        let lines = recipients.enumerated().map { n, r in
            AllocationLine(
                recipient: r, share: pot.pence > 0 ? exact[n] / Double(pot.pence) : 0, exactPence: exact[n], amount: Money(pence: rounded[n]), raisedToFloor: floored.contains(n),
                previous: previous?[n] ?? nil)
        }
        let workings = [
            "Each partnership's need index is the weighted sum of its share of each indicator: "
                + indicators.filter { $0.weight > 0 }.map { "\($0.name) (weight \(Self.plain($0.weight / weightTotal * 100))%)" }.joined(separator: ", ") + ".",
            floored.isEmpty
                ? "Each allocation is the pot, \(pot), times its index, rounded down to the penny; the pence left over go one each to the largest remainders."
                : "No partnership gets less than the floor of \(floor): \(floored.sorted().map { recipients[$0].name }.joined(separator: ", ")) \(floored.count == 1 ? "is" : "are") raised to it. Each other allocation is the rest of the pot, \(Money(pence: pot.pence - floor.pence * Int64(floored.count))), times its index divided by the sum of their indices, rounded down to the penny; the pence left over go one each to the largest remainders.",
            "Each share is the allocation before rounding divided by the pot.",
        ]
        return Allocation(pot: pot, method: "Needs-based", lines: lines, workings: workings)
    }

    /// The pot split exactly in proportion to whole-number weights (earlier amounts, or agreed
    /// shares), in 128-bit arithmetic: each part's whole pence and remainder, and the parts
    /// rounded by largest remainder. The weights must add up to more than nothing.
    static func split(_ pot: Money, by weights: [Int64]) -> (whole: [Int64], remainders: [Int64], rounded: [Int64]) {
        let total = weights.reduce(0, +)
        var whole: [Int64] = [], remainders: [Int64] = []
        for weight in weights {
            let (quotient, remainder) = total.dividingFullWidth(pot.pence.multipliedFullWidth(by: weight))
            whole.append(quotient)
            remainders.append(remainder)
        }
        return (whole, remainders, distribute(pot.pence, whole: whole, order: remainders.map(Double.init)))
    }

    /// What each party owes of a sum shared by agreed parts (a pooled fund's contributions):
    /// exact to the penny, adding up to the sum.
    package static func byShares(_ sum: Money, parts: [Int]) -> [Money] {
        guard parts.reduce(0, +) > 0, parts.allSatisfy({ $0 >= 0 }) else { return parts.map { _ in .zero } }
        return split(sum, by: parts.map(Int64.init)).rounded.map { Money(pence: $0) }
    }

    /// The whole pence given, plus one each for the pence left over, to the largest `order`
    /// (ties to the earlier).
    static func distribute(_ pot: Int64, whole: [Int64], order: [Double]) -> [Int64] {
        var result = whole
        let left = pot - whole.reduce(0, +)
        let ranked = order.indices.sorted { order[$0] != order[$1] ? order[$0] > order[$1] : $0 < $1 }
        for n in ranked.prefix(Int(max(0, left))) { result[n] += 1 }
        return result
    }

    static func plain(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }
}
