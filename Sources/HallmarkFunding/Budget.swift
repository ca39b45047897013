import HallmarkDomain

/// One line of a partnership's budget for a year: what was set aside, what is committed, and
/// what was spent in each quarter (April–June is the first).
package struct BudgetLine: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<BudgetLine>
    package var partnershipID: RecordID<Partnership>
    package var year: FinancialYear
    package var name: String
    package var budget: Money
    package var committed: Money
    package var spent: [Money]
    /// The priority the line serves, as the plan names it; empty when it serves none in particular.
    package var priority: String

    package var spentInYear: Money { spent.reduce(.zero, +) }
    /// What is left once spend and commitments not yet spent are taken off.
    package var uncommitted: Money { budget - max(committed, spentInYear) }
    /// Budget minus spend: what a monitoring paper calls the variance.
    package var variance: Money { budget - spentInYear }
}

/// A line as a form gives it, each amount in pounds and checked.
package struct BudgetLineDraft: Sendable, Equatable {
    package var name: String
    package var budget: Money
    package var committed: Money
    package var spent: [Money]
    package var priority: String

    package init(name: String, budget: Money, committed: Money, spent: [Money], priority: String = "") {
        self.name = name
        self.budget = budget
        self.committed = committed
        self.spent = spent
        self.priority = priority
    }

    package static let quarters = ["April to June", "July to September", "October to December", "January to March"]

    package static func validate(_ input: [String: String]) throws(ValidationFailure) -> BudgetLineDraft {
        var v = Validator(input)
        let name = v.text("name", label: "line’s name", maxLength: 120)
        // An amount left empty is nothing.
        let budget = v.money("budget", label: "budget", required: false) ?? .zero
        let committed = v.money("committed", label: "amount committed", required: false) ?? .zero
        let spent = quarters.enumerated().map { n, q in v.money("spent_q\(n + 1)", label: "spend in \(q)", required: false) ?? .zero }
        let priority = v.text("priority", label: "priority", required: false, maxLength: 120) ?? ""
        try v.check()
        return BudgetLineDraft(name: name!, budget: budget, committed: committed, spent: spent, priority: priority)
    }
}
