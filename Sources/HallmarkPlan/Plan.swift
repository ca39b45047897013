import HallmarkDomain
import HallmarkStore

/// A priority of the partnership plan: from a theme of an approved strategic assessment, or
/// added by the partnership with its reason.
package struct PlanPriority: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<PlanPriority>
    package var partnershipID: RecordID<Partnership>
    package var title: String
    package var reason: String
    /// The assessment theme it came from; empty when added.
    package var theme: String
    package var assessmentVersionID: RecordID<RecordVersion>?
    /// The assessment's figures and rules for the theme, as they stood when it was chosen.
    package var evidence: String
    /// What the public site says of it and of its progress, in plain words; not published when empty.
    package var publicSummary: String = ""
    /// The day it was withdrawn, with the reason: it stays, with all that was done under it.
    package var withdrawnOn: CalendarDate? = nil
    package var withdrawnReason: String = ""

    package var fromAssessment: Bool { assessmentVersionID != nil }
    package var withdrawn: Bool { withdrawnOn != nil }
    /// Its title as lists show it, saying when it was withdrawn.
    package var listed: String { withdrawn ? "\(title) (withdrawn)" : title }
}

/// How an action is going, as its owner says.
package enum ActionProgressStatus: String, Sendable, Codable, CaseIterable {
    case notStarted = "not_started", onTrack = "on_track", atRisk = "at_risk", done
    /// Stopped by those who keep the plan, with the reason in its last update: kept, never
    /// deleted, so that an indicator or budget line that pointed at it still finds it.
    case withdrawn

    package var label: String {
        switch self {
        case .notStarted: "Not started"
        case .onTrack: "On track"
        case .atRisk: "At risk"
        case .done: "Done"
        case .withdrawn: "Withdrawn"
        }
    }

    /// Nothing more is expected of it.
    package var closed: Bool { self == .done || self == .withdrawn }
}

/// How a priority is to be met: a line of work with the actions beneath it.
package struct PlanStrategy: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<PlanStrategy>
    package var priorityID: RecordID<PlanPriority>
    package var title: String
    package var description: String
}

/// A step on the way to an action's end, with its own date; done when its date of completion is set.
package struct PlanMilestone: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<PlanMilestone>
    package var actionID: RecordID<PlanAction>
    package var title: String
    package var dueOn: CalendarDate
    package var doneOn: CalendarDate?

    package func overdue(on today: CalendarDate) -> Bool { doneOn == nil && dueOn < today }
}

/// Which plan an action belongs to (seed 004): the operational plan of business as usual, or
/// the transformation plan of changes to how the partnership works.
package enum PlanKind: String, Sendable, Codable, CaseIterable {
    case operational, transformation

    package var label: String { self == .operational ? "Operational (business as usual)" : "Transformation" }
}

/// A risk to a priority, scored as the risk registers councils keep: likelihood and impact
/// each from 1 to 5, their product the score.
package struct PlanRisk: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<PlanRisk>
    package var priorityID: RecordID<PlanPriority>
    package var risk: String
    package var likelihood: Int
    package var impact: Int
    package var mitigation: String
    package var owner: String

    package var score: Int { likelihood * impact }
    /// 15 and above high, 8 to 14 medium, below that low: the bands of a five-by-five matrix.
    package var band: String { score >= 15 ? "High" : score >= 8 ? "Medium" : "Low" }
}

/// Something the partnership will do for a priority: who owns it, when it is due, how it is
/// going, and the budget line that pays for it.
package struct PlanAction: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<PlanAction>
    package var priorityID: RecordID<PlanPriority>
    package var title: String
    package var ownerOrganisation: String
    /// The person who updates it, when they have an account.
    package var ownerUserID: Int64?
    package var ownerName: String
    package var dueOn: CalendarDate
    package var status: ActionProgressStatus
    package var budgetLineID: Int64?
    package var plan: PlanKind = .operational
    package var strategyID: RecordID<PlanStrategy>? = nil

    package init(
        id: RecordID<PlanAction>, priorityID: RecordID<PlanPriority>, title: String, ownerOrganisation: String, ownerUserID: Int64?, ownerName: String,
        dueOn: CalendarDate, status: ActionProgressStatus, budgetLineID: Int64?, plan: PlanKind = .operational, strategyID: RecordID<PlanStrategy>? = nil
    ) {
        self.id = id
        self.priorityID = priorityID
        self.title = title
        self.ownerOrganisation = ownerOrganisation
        self.ownerUserID = ownerUserID
        self.ownerName = ownerName
        self.dueOn = dueOn
        self.status = status
        self.budgetLineID = budgetLineID
        self.plan = plan
        self.strategyID = strategyID
    }

    package func overdue(on today: CalendarDate) -> Bool { !status.closed && dueOn < today }

    /// Who owns it, as pages name them: the person and their organisation, or the organisation alone.
    package var owner: String { ownerName == ownerOrganisation ? ownerName : "\(ownerName) (\(ownerOrganisation))" }
}

/// One update of an action's progress, kept in order: none is ever changed.
package struct ActionProgress: Sendable, Equatable, Codable {
    package var actionID: RecordID<PlanAction>
    package var at: Int64
    package var by: String
    package var status: ActionProgressStatus
    package var note: String
}

/// The forms that add to the plan, each checked field by field.
package enum PlanForms {
    package struct Priority: Sendable, Equatable {
        package var title: String
        package var reason: String
        package var theme: String

        package init(title: String, reason: String, theme: String) {
            self.title = title
            self.reason = reason
            self.theme = theme
        }
    }

    /// A priority from the assessment names its theme; one added names its reason.
    package static func priority(_ input: [String: String], themes: [String]) throws(ValidationFailure) -> Priority {
        var v = Validator(input)
        let theme = (input["theme"] ?? "").trimmingCharacters(in: .whitespaces)
        if !theme.isEmpty, !themes.contains(theme) { v.fail("theme", "Select one of the approved assessment’s themes") }
        let title = theme.isEmpty ? v.text("title", label: "priority’s title", maxLength: 120) : (input["title"].flatMap { $0.isEmpty ? nil : $0 } ?? theme)
        let reason = v.text("reason", label: "reason for this priority", required: theme.isEmpty, maxLength: 2000) ?? ""
        try v.check()
        return Priority(title: String(title!.prefix(120)), reason: reason, theme: theme)
    }

    package struct Action: Sendable, Equatable {
        package var title: String
        package var ownerOrganisation: String
        package var ownerUserID: Int64?
        package var dueOn: CalendarDate
        package var budgetLineID: Int64?
        package var plan: PlanKind = .operational
        package var strategyID: RecordID<PlanStrategy>? = nil

        package init(
            title: String, ownerOrganisation: String, ownerUserID: Int64?, dueOn: CalendarDate, budgetLineID: Int64?, plan: PlanKind = .operational,
            strategyID: RecordID<PlanStrategy>? = nil
        ) {
            self.plan = plan
            self.strategyID = strategyID
            self.title = title
            self.ownerOrganisation = ownerOrganisation
            self.ownerUserID = ownerUserID
            self.dueOn = dueOn
            self.budgetLineID = budgetLineID
        }
    }

    /// - Parameters:
    ///   - owners: the accounts that may own an action here, by id.
    ///   - lines: the partnership's budget lines, by id.
    ///   - strategies: the priority's strategies, by id.
    package static func action(
        _ input: [String: String], owners: Set<Int64>, lines: Set<Int64>, strategies: Set<Int64> = []
    ) throws(ValidationFailure) -> Action {
        var v = Validator(input)
        let title = v.text("title", label: "action", maxLength: 200)
        let organisation = v.text("owner_organisation", label: "organisation that owns it", maxLength: 120)
        let owner: RecordID<User>? = v.id("owner_user_id", label: "person who updates it", required: false)
        if let owner, !owners.contains(owner.rawValue) { v.fail("owner_user_id", "Select one of the partnership’s people with an account") }
        let due = v.date("due_on", label: "due date")
        let line: RecordID<BudgetLineRef>? = v.id("budget_line_id", label: "budget line", required: false)
        if let line, !lines.contains(line.rawValue) { v.fail("budget_line_id", "Select one of the partnership’s budget lines") }
        let plan = (input["plan"] ?? "").isEmpty ? .operational : v.choice("plan", label: "plan it belongs to", as: PlanKind.self)
        let strategy: RecordID<PlanStrategy>? = v.id("strategy_id", label: "strategy", required: false)
        if let strategy, !strategies.contains(strategy.rawValue) { v.fail("strategy_id", "Select one of this priority’s strategies") }
        try v.check()
        return Action(
            title: title!, ownerOrganisation: organisation!, ownerUserID: owner?.rawValue, dueOn: due!, budgetLineID: line?.rawValue, plan: plan!, strategyID: strategy)
    }

    package static func risk(_ input: [String: String]) throws(ValidationFailure) -> (risk: String, likelihood: Int, impact: Int, mitigation: String, owner: String) {
        var v = Validator(input)
        let risk = v.text("risk", label: "risk", maxLength: 300)
        let likelihood = v.whole("likelihood", label: "likelihood", in: 1...5)
        let impact = v.whole("impact", label: "impact", in: 1...5)
        let mitigation = v.text("mitigation", label: "what is done about it", required: false, maxLength: 2000) ?? ""
        let owner = v.text("risk_owner", label: "risk’s owner", maxLength: 120)
        try v.check()
        return (risk!, likelihood!, impact!, mitigation, owner!)
    }

    /// - Parameter mayWithdraw: only those who keep the plan withdraw an action; its owner reports on it.
    package static func progress(_ input: [String: String], mayWithdraw: Bool = false) throws(ValidationFailure) -> (status: ActionProgressStatus, note: String) {
        var v = Validator(input)
        let status = v.choice("status", label: "how it is going", as: ActionProgressStatus.self)
        if status == .withdrawn, !mayWithdraw { v.fail("status", "Only those who keep the plan may withdraw an action; say in the update why it should stop") }
        let note = v.text("note", label: status == .withdrawn ? "reason for withdrawing it" : "update", maxLength: 2000)
        try v.check()
        return (status!, note!)
    }
}

extension PlanForms {
    package static func strategy(_ input: [String: String]) throws(ValidationFailure) -> (title: String, description: String) {
        var v = Validator(input)
        let title = v.text("strategy_title", label: "strategy", maxLength: 200)
        let description = v.text("strategy_description", label: "how it meets the priority", required: false, maxLength: 2000) ?? ""
        try v.check()
        return (title!, description)
    }

    package static func milestone(_ input: [String: String], action: PlanAction) throws(ValidationFailure) -> (title: String, dueOn: CalendarDate) {
        var v = Validator(input)
        let title = v.text("milestone_title", label: "milestone", maxLength: 200)
        let due = v.date("milestone_due_on", label: "milestone’s date")
        if let due, due > action.dueOn {
            v.fail("milestone_due_on", "A milestone falls on or before the action’s own due date, \(action.dueOn.long); if the action has moved, change its date first")
        }
        try v.check()
        return (title!, due!)
    }

    /// A priority's title and reason as changed; a priority from the assessment keeps its theme.
    package static func priorityChange(_ input: [String: String], of priority: PlanPriority) throws(ValidationFailure) -> Priority {
        var v = Validator(input)
        let title = v.text("priority_title", label: "priority’s title", maxLength: 120)
        let reason = v.text("priority_reason", label: "reason for this priority", required: !priority.fromAssessment, maxLength: 2000) ?? ""
        try v.check()
        return Priority(title: title!, reason: reason, theme: priority.theme)
    }
}

/// A budget line as the plan names it: by its number only, since the money is the funding
/// capability's.
package enum BudgetLineRef {}
