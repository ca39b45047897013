import Foundation
import HallmarkDomain

/// One report of anti-social behaviour the applicant made before applying.
package struct ASBComplaint: Sendable, Codable, Equatable {
    package var reportedOn: CalendarDate
    /// The council, the police, a housing provider…
    package var reportedTo: String
    package var about: String

    package init(reportedOn: CalendarDate, reportedTo: String, about: String) {
        self.reportedOn = reportedOn
        self.reportedTo = reportedTo
        self.about = about
    }
}

/// An application for an ASB Case Review (the "Community Trigger", Anti-social Behaviour,
/// Crime and Policing Act 2014, s.104) and what the partners did with it. The applicant's name,
/// contact, address and complaints are sealed in the database; here they are open, or nil once
/// removed at the end of retention.
package struct ASBCaseReview: Sendable, Equatable, Identifiable {
    package var id: RecordID<ASBCaseReview>
    package var partnershipID: RecordID<Partnership>
    package var reference: String
    package var receivedOn: CalendarDate
    /// "the public site" or the staff member who entered it.
    package var madeBy: String
    package var applicantName: String?
    package var applicantContact: String?
    package var applicantAddress: String?
    package var complaints: [ASBComplaint]?
    package var onBehalf: Bool
    /// Complaints within the threshold's months before the application, counted when received.
    package var complaintsCounted: Int
    package var thresholdMet: Bool?
    package var decidedOn: CalendarDate?
    package var letterSentOn: CalendarDate?
    package var meetingOn: CalendarDate?
    package var recommendations: String?
    package var recommendationsMade: Bool
    package var appealRequestedOn: CalendarDate?
    package var appealOutcome: String
    package var closedOn: CalendarDate?
    package var personalDataRemovedOn: CalendarDate?

    package var stage: String {
        if closedOn != nil { return "Closed" }
        if appealRequestedOn != nil, appealOutcome.isEmpty { return "Appeal under way" }
        if meetingOn != nil { return recommendationsMade ? "Reviewed, recommendations made" : "Reviewed" }
        if let met = thresholdMet { return met ? "Threshold met: review to be held" : "Threshold not met" }
        return "Awaiting the threshold decision"
    }

    /// The letter telling the applicant whether the threshold is met.
    package func letterDeadline(_ s: CaseSettings, today: CalendarDate) -> Deadline {
        .of(due: WorkingDays.adding(s.asbDecisionWorkingDays, to: receivedOn), done: letterSentOn, today: today)
    }

    /// The review meeting, once the threshold is met.
    package func meetingDeadline(_ s: CaseSettings, today: CalendarDate) -> Deadline? {
        guard thresholdMet == true, let decidedOn else { return nil }
        return .of(due: WorkingDays.adding(s.asbMeetingWorkingDays, to: decidedOn), done: meetingOn, today: today)
    }
}

package enum ASBThreshold {
    /// The complaints that count: made no later than the application and within `months`
    /// before it (reported on or after the same day `months` earlier).
    package static func qualifying(_ complaints: [ASBComplaint], receivedOn: CalendarDate, months: Int) -> Int {
        let from = WorkingDays.adding(months: -months, to: receivedOn)
        return complaints.filter { from <= $0.reportedOn && $0.reportedOn <= receivedOn }.count
    }
}

/// The figures the law requires a partnership to publish each year (s.104(10)): applications,
/// how many did not meet the threshold, reviews carried out, and reviews that led to
/// recommendations. Counted by the financial year an application was received in.
package struct ASBStatistics: Sendable, Equatable {
    package var year: FinancialYear
    package var applications: Int
    package var thresholdNotMet: Int
    package var reviewsHeld: Int
    package var withRecommendations: Int

    package static func count(_ reviews: [ASBCaseReview]) -> [ASBStatistics] {
        Dictionary(grouping: reviews) { FinancialYear(containing: $0.receivedOn) }
            .map { year, rs in
                ASBStatistics(
                    year: year, applications: rs.count, thresholdNotMet: rs.filter { $0.thresholdMet == false }.count,
                    reviewsHeld: rs.filter { $0.meetingOn != nil }.count, withRecommendations: rs.filter { $0.meetingOn != nil && $0.recommendationsMade }.count)
            }
            .sorted { $0.year > $1.year }
    }
}

/// The forms of an ASB Case Review, checked field by field.
package enum ASBForms {
    package static let complaintRows = 6

    /// An application: from the public form or entered by staff from a letter or call.
    package static func application(_ input: [String: String], today: CalendarDate) throws(ValidationFailure) -> (
        name: String, contact: String, address: String, onBehalf: Bool, complaints: [ASBComplaint]
    ) {
        var v = Validator(input)
        let name = v.text("name", label: "your name", maxLength: 120)
        let contact = v.text("contact", label: "email address or telephone number", maxLength: 160)
        let address = v.text("address", label: "address or street where the problem is", maxLength: 400)
        var complaints: [ASBComplaint] = []
        for i in 1...complaintRows {
            let fields = ["reported_on_\(i)", "reported_to_\(i)", "about_\(i)"]
            guard fields.contains(where: { !(input[$0] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
            let on = v.date("reported_on_\(i)", label: "date of report \(i)")
            let to = v.text("reported_to_\(i)", label: "who report \(i) was made to", maxLength: 120)
            let about = v.text("about_\(i)", label: "what report \(i) was about", maxLength: 1000)
            if let on, on > today { v.fail("reported_on_\(i)", "The date of report \(i) is in the future") }
            if let on, let to, let about { complaints.append(ASBComplaint(reportedOn: on, reportedTo: to, about: about)) }
        }
        if complaints.isEmpty, v.errors.isEmpty { v.fail("reported_on_1", "Give at least one report you made: its date, who to and what about") }
        if !v.flag("consent") { v.fail("consent", "Agree that the partners may share your application to review it") }
        try v.check()
        return (name!, contact!, address!, v.flag("on_behalf"), complaints)
    }
}
