import Foundation
import HallmarkDomain

/// The kinds of case, as their rows in the team and view log name them.
package enum CaseKind: String, Sendable, Codable, CaseIterable {
    case asbCaseReview = "asb_case_review"
    case homicideReview = "homicide_review"
    case offender = "iom_person"

    package var label: String {
        switch self {
        case .asbCaseReview: "ASB Case Review"
        case .homicideReview: "Domestic homicide review"
        case .offender: "IOM cohort member"
        }
    }
}

/// A partnership's timescales and thresholds for its reviews: the defaults follow current
/// statutory guidance, and each may be set locally.
package struct CaseSettings: Sendable, Codable, Equatable {
    /// ASB Case Review threshold: this many complaints…
    package var asbComplaints = 3
    /// …about the same problem within this many months before the application.
    package var asbMonths = 6
    /// The applicant is told whether the threshold is met within this many working days.
    package var asbDecisionWorkingDays = 10
    /// The review meeting is held within this many working days of the decision.
    package var asbMeetingWorkingDays = 20
    /// A Domestic Homicide Review is decided on within this many months of notification…
    package var homicideDecisionMonths = 1
    /// …and sent to the Home Office for quality assurance within this many months of the decision.
    package var homicideCompletionMonths = 6
    /// Personal data is removed this many months after a case closes (an ASB Case Review) or is
    /// published (a homicide review); the dates and counts are kept for the statistics.
    package var asbRetentionMonths = 24
    package var homicideRetentionMonths = 72
    /// A person's record in the IOM cohort is kept this many months after they leave it.
    package var offenderRetentionMonths = 24

    package init() {}

    /// Settings saved before a field existed take its default.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CaseSettings()
        asbComplaints = try c.decodeIfPresent(Int.self, forKey: .asbComplaints) ?? d.asbComplaints
        asbMonths = try c.decodeIfPresent(Int.self, forKey: .asbMonths) ?? d.asbMonths
        asbDecisionWorkingDays = try c.decodeIfPresent(Int.self, forKey: .asbDecisionWorkingDays) ?? d.asbDecisionWorkingDays
        asbMeetingWorkingDays = try c.decodeIfPresent(Int.self, forKey: .asbMeetingWorkingDays) ?? d.asbMeetingWorkingDays
        homicideDecisionMonths = try c.decodeIfPresent(Int.self, forKey: .homicideDecisionMonths) ?? d.homicideDecisionMonths
        homicideCompletionMonths = try c.decodeIfPresent(Int.self, forKey: .homicideCompletionMonths) ?? d.homicideCompletionMonths
        asbRetentionMonths = try c.decodeIfPresent(Int.self, forKey: .asbRetentionMonths) ?? d.asbRetentionMonths
        homicideRetentionMonths = try c.decodeIfPresent(Int.self, forKey: .homicideRetentionMonths) ?? d.homicideRetentionMonths
        offenderRetentionMonths = try c.decodeIfPresent(Int.self, forKey: .offenderRetentionMonths) ?? d.offenderRetentionMonths
    }

    /// One number of the settings form: its field, label, the range allowed, and where it lives.
    package struct Field: Sendable {
        package let name: String
        package let label: String
        package let range: ClosedRange<Int>
        package let get: @Sendable (CaseSettings) -> Int
        package let set: @Sendable (inout CaseSettings, Int) -> Void
    }

    private static func field(_ name: String, _ label: String, _ range: ClosedRange<Int>, _ path: any WritableKeyPath<CaseSettings, Int> & Sendable) -> Field {
        Field(name: name, label: label, range: range, get: { $0[keyPath: path] }, set: { $0[keyPath: path] = $1 })
    }

    package static let fields: [Field] = [
        field("asb_complaints", "ASB Case Review threshold: complaints", 1...10, \.asbComplaints),
        field("asb_months", "…within this many months", 1...24, \.asbMonths),
        field("asb_decision_working_days", "Working days to tell the applicant whether the threshold is met", 1...60, \.asbDecisionWorkingDays),
        field("asb_meeting_working_days", "Working days from the decision to the review meeting", 1...90, \.asbMeetingWorkingDays),
        field("homicide_decision_months", "Months from notification to the decision whether to hold a homicide review", 1...6, \.homicideDecisionMonths),
        field("homicide_completion_months", "Months from the decision to the Home Office quality-assurance submission", 1...24, \.homicideCompletionMonths),
        field("asb_retention_months", "Months after an ASB Case Review closes that its personal data is kept", 1...120, \.asbRetentionMonths),
        field("homicide_retention_months", "Months after a homicide review is published that its personal data is kept", 1...240, \.homicideRetentionMonths),
        field("offender_retention_months", "Months after someone leaves the IOM cohort that their record is kept", 1...120, \.offenderRetentionMonths),
    ]
}

/// One line of the view log: who looked at which case, how, and whether they broke the glass.
package struct CaseView: Sendable, Equatable, Codable {
    package var caseKind: CaseKind
    package var caseID: Int64
    package var partnershipID: RecordID<Partnership>
    package var userID: Int64?
    package var userLabel: String
    /// "page", "CSV", "API", "letter"…
    package var what: String
    package var brokeGlass: Bool
    package var reason: String
    package var viewedAt: Int64
}

/// Where a deadline stands on a day: met, still to come, due today, or missed.
package enum Deadline: Sendable, Equatable {
    case met(on: CalendarDate, due: CalendarDate)
    case open(due: CalendarDate)
    case overdue(due: CalendarDate)

    package static func of(due: CalendarDate, done: CalendarDate?, today: CalendarDate) -> Deadline {
        if let done { return .met(on: done, due: due) }
        return today > due ? .overdue(due: due) : .open(due: due)
    }

    package var overdue: Bool {
        switch self {
        case .overdue: true
        case .met(let on, let due): on > due
        case .open: false
        }
    }

    /// The day it was done, or else the day it is due.
    package var day: CalendarDate {
        switch self {
        case .met(let on, _): on
        case .open(let due), .overdue(let due): due
        }
    }

    package var due: CalendarDate {
        switch self {
        case .met(_, let due), .open(let due), .overdue(let due): due
        }
    }

    package var done: Bool {
        if case .met = self { return true }
        return false
    }

    package var words: String {
        switch self {
        case .met(let on, let due): on > due ? "Done on \(on.long), after \(due.long)" : "Done on \(on.long)"
        case .open(let due): "Due by \(due.long)"
        case .overdue(let due): "Overdue: was due by \(due.long)"
        }
    }
}
