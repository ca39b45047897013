import HallmarkDomain

/// A fund that partners pay into by agreed shares and that the partnership draws on, such as the
/// Domestic Homicide Review fund (seed 004 §21): reviews are paid from it as they arise.
package struct PooledFund: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<PooledFund>
    package var partnershipID: RecordID<Partnership>
    package var year: FinancialYear
    package var name: String
    package var purpose: String
    /// What the partners agreed to pay in between them this year.
    package var target: Money
}

/// A partner paying into a fund, with its agreed share in parts (30 of 100, or 1 of 5).
package struct PoolContributor: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<PoolContributor>
    package var fundID: RecordID<PooledFund>
    package var name: String
    package var shareParts: Int
}

/// Money moving in or out: a partner's payment (with its contributor) or a draw-down (without).
package struct PoolMovement: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<PoolMovement>
    package var fundID: RecordID<PooledFund>
    package var contributorID: RecordID<PoolContributor>?
    package var on: CalendarDate
    /// Paid in is more than nothing; drawn down is less.
    package var amount: Money
    package var note: String

    package var isDrawDown: Bool { contributorID == nil }
}

/// Where a fund stands: each partner's share of the target, what it has paid and what it still
/// owes; what was paid in, drawn down and is left. Every figure is a sum of movements, so the
/// balance cannot drift from the ledger.
package struct PoolStatement: Sendable, Equatable {
    package struct Line: Sendable, Equatable {
        package var contributor: PoolContributor
        /// Of the whole, as a fraction.
        package var share: Double
        package var due: Money
        package var paid: Money
        /// Still to pay; less than nothing when the partner paid more than its share.
        package var owed: Money { due - paid }
    }

    package var fund: PooledFund
    package var lines: [Line]
    package var movements: [PoolMovement]

    package init(_ fund: PooledFund, contributors: [PoolContributor], movements: [PoolMovement]) {
        self.fund = fund
        self.movements = movements
        let parts = contributors.map(\.shareParts)
        let total = parts.reduce(0, +)
        let dues = Allocating.byShares(fund.target, parts: parts)
        lines = contributors.enumerated().map { n, c in
            Line(
                contributor: c, share: total > 0 ? Double(c.shareParts) / Double(total) : 0, due: dues[n],
                paid: movements.filter { $0.contributorID == c.id }.map(\.amount).reduce(.zero, +))
        }
    }

    package var paidIn: Money { movements.filter { !$0.isDrawDown }.map(\.amount).reduce(.zero, +) }
    package var drawnDown: Money { -movements.filter(\.isDrawDown).map(\.amount).reduce(.zero, +) }
    package var balance: Money { paidIn - drawnDown }
    /// What partners still owe, an overpayment counting as nothing owed (it is not owed back).
    package var owed: Money { lines.map { max($0.owed, .zero) }.reduce(.zero, +) }
}

/// A new fund, a partner joining it, or money moving, as forms give them.
package enum PoolForms {
    package struct Fund: Sendable, Equatable {
        package var year: FinancialYear
        package var name: String
        package var purpose: String
        package var target: Money

        package init(year: FinancialYear, name: String, purpose: String, target: Money) {
            self.year = year
            self.name = name
            self.purpose = purpose
            self.target = target
        }
    }

    package static func fund(_ input: [String: String]) throws(ValidationFailure) -> Fund {
        var v = Validator(input)
        let year = v.financialYear("year")
        let name = v.text("name", label: "fund’s name", maxLength: 120)
        let purpose = v.text("purpose", label: "purpose", required: false, maxLength: 2000) ?? ""
        let target = v.money("target", label: "fund’s total", required: true)
        try v.check()
        return Fund(year: year!, name: name!, purpose: purpose, target: target!)
    }

    package static func contributor(_ input: [String: String]) throws(ValidationFailure) -> (name: String, parts: Int) {
        var v = Validator(input)
        let name = v.text("contributor", label: "partner’s name", maxLength: 120)
        let parts = v.whole("share_parts", label: "share", in: 1...1_000_000)
        try v.check()
        return (name!, parts!)
    }

    /// A payment names its partner; a draw-down says what it paid for.
    package static func movement(_ input: [String: String]) throws(ValidationFailure) -> (
        kind: String, contributor: RecordID<PoolContributor>?, on: CalendarDate, amount: Money, note: String
    ) {
        var v = Validator(input)
        let kind = input["kind"] ?? ""
        if !["payment", "draw_down"].contains(kind) { v.fail("kind", "Select whether money was paid in or drawn down") }
        let contributor: RecordID<PoolContributor>? = kind == "payment" ? v.id("contributor_id", label: "partner who paid") : nil
        let on = v.date("moved_on", label: "date")
        let amount = v.money("amount", label: "amount", required: true)
        if let amount, amount == .zero { v.fail("amount", "Enter an amount above £0") }
        let note = v.text("note", label: kind == "draw_down" ? "description of what it paid for" : "note", required: kind == "draw_down", maxLength: 300) ?? ""
        if let on, on > .today() { v.fail("moved_on", "The date is after today: record money when it has moved") }
        try v.check()
        return (kind, contributor, on!, kind == "payment" ? amount! : -amount!, note)
    }
}
