import HallmarkDomain

/// Allocations side by side: the approved statements of earlier years and each method worked
/// out for the pot in hand, per partnership, with the change of the one previewed from the
/// latest approved, in pounds and per cent.
package struct AllocationComparison: Sendable, Equatable {
    package struct Column: Sendable, Equatable {
        package var label: String
        /// By recipient code.
        package var amounts: [String: Money]
        package var total: Money { amounts.values.reduce(.zero, +) }
    }

    package var recipients: [Recipient]
    package var columns: [Column]
    /// Which column is the preview, and which the latest approved it is compared with.
    package var previewed: Int
    package var baseline: Int?

    package init(recipients: [Recipient], approved: [(year: FinancialYear, allocation: Allocation)], methods: [Allocation], preview: Allocation) {
        self.recipients = recipients
        let earlier = approved.sorted { $0.year < $1.year }.suffix(3).map { entry in
            Column(label: "\(entry.year) approved", amounts: Self.byCode(entry.allocation))
        }
        var computed = methods.map { Column(label: "\($0.method), this pot", amounts: Self.byCode($0)) }
        if let n = methods.firstIndex(of: preview) {
            computed[n].label += " (previewed)"
        } else {
            computed.insert(Column(label: "\(preview.method), this pot (previewed)", amounts: Self.byCode(preview)), at: 0)
        }
        columns = earlier + computed
        previewed = earlier.count + (methods.firstIndex(of: preview) ?? 0)
        baseline = earlier.isEmpty ? nil : earlier.count - 1
    }

    static func byCode(_ a: Allocation) -> [String: Money] {
        Dictionary(a.lines.map { ($0.recipient.code, $0.amount) }, uniquingKeysWith: +)
    }

    /// The previewed amount less the latest approved, with the percentage of the approved.
    package func change(_ r: Recipient) -> (amount: Money, percent: Double?)? {
        guard let baseline, let was = columns[baseline].amounts[r.code], let now = columns[previewed].amounts[r.code] else { return nil }
        return (now - was, was.pence == 0 ? nil : Double(now.pence - was.pence) * 100 / Double(was.pence))
    }
}
