import Foundation
import HallmarkDomain

/// The two names the law gives the review: a Domestic Homicide Review, and since the Victims
/// and Prisoners Act 2024 a Domestic Abuse Related Death Review, which also covers suicide.
package enum HomicideReviewKind: String, Sendable, Codable, CaseIterable {
    case dhr, dardr

    package var label: String {
        switch self {
        case .dhr: "Domestic Homicide Review"
        case .dardr: "Domestic Abuse Related Death Review"
        }
    }
}

/// Whether the partnership decided to hold the review.
package enum HomicideDecision: String, Sendable, Codable, CaseIterable {
    case commission, notCommission = "not_commission"

    package var label: String {
        switch self {
        case .commission: "Hold a review"
        case .notCommission: "Not hold a review"
        }
    }
}

/// A review after a death, from notification to its action plan's last action. The victim's
/// name and the circumstances are sealed in the database; here they are open, or nil once
/// removed at the end of retention.
package struct HomicideReview: Sendable, Equatable, Identifiable {
    package var id: RecordID<HomicideReview>
    package var partnershipID: RecordID<Partnership>
    package var kind: HomicideReviewKind
    package var reference: String
    package var notifiedOn: CalendarDate
    package var victimName: String?
    package var circumstances: String?
    package var decision: HomicideDecision?
    package var decidedOn: CalendarDate?
    package var decisionReason: String
    package var homeOfficeInformedOn: CalendarDate?
    package var chair: String
    package var panel: String
    package var draftOn: CalendarDate?
    package var qaSubmittedOn: CalendarDate?
    package var qaOutcome: String
    package var publishedOn: CalendarDate?
    package var personalDataRemovedOn: CalendarDate?
}

/// An agency's Individual Management Review, asked for and received.
package struct AgencyReport: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<AgencyReport>
    package var reviewID: RecordID<HomicideReview>
    package var agency: String
    package var requestedOn: CalendarDate
    package var dueOn: CalendarDate
    package var receivedOn: CalendarDate?
}

/// One recommendation's action in the review's action plan.
package struct ReviewAction: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<ReviewAction>
    package var reviewID: RecordID<HomicideReview>
    package var action: String
    package var owner: String
    package var dueOn: CalendarDate
    package var doneOn: CalendarDate?
}

/// A cost of the review, paid from the pooled fund (a draw-down on it).
package struct ReviewCost: Sendable, Equatable, Identifiable {
    package var id: Int64
    package var description: String
    package var amount: Money
    package var paidOn: CalendarDate
    package var fund: String
}

/// Where a review stands, in the order it moves: each stage with the date it began.
package enum HomicideStage: Int, Sendable, CaseIterable, Comparable {
    case notified, decided, notHeld, underWay, drafted, withHomeOffice, published, actionsComplete

    package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    package var label: String {
        switch self {
        case .notified: "Notified: decision to make"
        case .decided: "Decided: chair to appoint"
        case .notHeld: "Not held"
        case .underWay: "Under way: agencies’ reports"
        case .drafted: "Draft report"
        case .withHomeOffice: "With the Home Office for quality assurance"
        case .published: "Published: action plan under way"
        case .actionsComplete: "Action plan complete"
        }
    }
}

extension HomicideReview {
    package func stage(actions: [ReviewAction]) -> HomicideStage {
        if decision == .notCommission { return .notHeld }
        if publishedOn != nil { return !actions.isEmpty && actions.allSatisfy { $0.doneOn != nil } ? .actionsComplete : .published }
        if qaSubmittedOn != nil { return .withHomeOffice }
        if draftOn != nil { return .drafted }
        if !chair.isEmpty { return .underWay }
        if decision == .commission { return .decided }
        return .notified
    }

    /// The decision whether to hold a review, due a set number of months after notification.
    package func decisionDeadline(_ s: CaseSettings, today: CalendarDate) -> Deadline {
        .of(due: WorkingDays.adding(months: s.homicideDecisionMonths, to: notifiedOn), done: decidedOn, today: today)
    }

    /// The report's submission to the Home Office, due a set number of months after the decision.
    package func completionDeadline(_ s: CaseSettings, today: CalendarDate) -> Deadline? {
        guard decision == .commission, let decidedOn else { return nil }
        return .of(due: WorkingDays.adding(months: s.homicideCompletionMonths, to: decidedOn), done: qaSubmittedOn, today: today)
    }

    /// The deadline that matters now: the decision until it is made, then the submission.
    package func nextDeadline(_ s: CaseSettings, today: CalendarDate) -> Deadline? {
        decidedOn == nil ? decisionDeadline(s, today: today) : qaSubmittedOn == nil ? completionDeadline(s, today: today) : nil
    }

    package func daysElapsed(today: CalendarDate) -> Int { WorkingDays.daysBetween(notifiedOn, today) }
}
