import Foundation
import HallmarkDomain

/// The lawful basis under UK GDPR Article 6 on which partners share, or the law enforcement
/// processing of the Data Protection Act 2018, Part 3, under which the police do.
package enum LawfulBasis: String, Sendable, Codable, CaseIterable {
    case publicTask = "public_task"
    case legalObligation = "legal_obligation"
    case vitalInterests = "vital_interests"
    case consent
    case legitimateInterests = "legitimate_interests"
    case lawEnforcement = "law_enforcement"

    package var label: String {
        switch self {
        case .publicTask: "UK GDPR Article 6(1)(e): public task"
        case .legalObligation: "UK GDPR Article 6(1)(c): legal obligation"
        case .vitalInterests: "UK GDPR Article 6(1)(d): vital interests"
        case .consent: "UK GDPR Article 6(1)(a): consent"
        case .legitimateInterests: "UK GDPR Article 6(1)(f): legitimate interests"
        case .lawEnforcement: "Data Protection Act 2018, Part 3: law enforcement purposes"
        }
    }
}

/// An agreement under which partners share information (an information-sharing agreement):
/// who, why, on what legal basis, what, for how long, and when it is next reviewed.
package struct SharingAgreement: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<SharingAgreement>
    package var partnershipID: RecordID<Partnership>
    package var title: String
    package var parties: [String]
    package var purpose: String
    package var lawfulBasis: LawfulBasis
    /// The condition for special category or criminal offence data (UK GDPR Articles 9 and 10,
    /// DPA 2018 Schedule 1), or empty when none is shared.
    package var specialCondition: String
    package var dataItems: String
    package var retention: String
    package var signedOn: CalendarDate
    package var reviewOn: CalendarDate
    package var signatories: [String]

    /// How soon before its review date an agreement is flagged, and its partners reminded.
    package static let reminderDays = 30

    package func status(today: CalendarDate) -> String {
        if reviewOn < today { return "Overdue for review since \(reviewOn.long)" }
        if reviewOn <= today.adding(days: Self.reminderDays) { return "Review due by \(reviewOn.long)" }
        return "Next review \(reviewOn.long)"
    }

    package func dueForReview(today: CalendarDate) -> Bool { reviewOn <= today.adding(days: Self.reminderDays) }
}

package enum SharingForms {
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    package static func agreement(_ input: [String: String], today: CalendarDate) throws(ValidationFailure) -> (
        title: String, parties: [String], purpose: String, basis: LawfulBasis, special: String, items: String, retention: String, signed: CalendarDate,
        review: CalendarDate, signatories: [String]
    ) {
        var v = Validator(input)
        let title = v.text("title", label: "agreement’s title", maxLength: 200)
        _ = v.text("parties", label: "partners sharing, one a line", maxLength: 2000)
        let purpose = v.text("purpose", label: "purpose", maxLength: 2000)
        let basis = v.choice("lawful_basis", label: "lawful basis", as: LawfulBasis.self)
        let special = v.text("special_condition", label: "condition for special category or criminal offence data", required: false, maxLength: 1000) ?? ""
        let items = v.text("data_items", label: "information shared", maxLength: 2000)
        let retention = v.text("retention", label: "how long it is kept", maxLength: 500)
        let signed = v.date("signed_on", label: "day it was signed")
        let review = v.date("review_on", label: "day of its next review")
        _ = v.text("signatories", label: "signatories, one a line", maxLength: 2000)
        let parties = lines(input["parties"]), signatories = lines(input["signatories"])
        if v.errors.first(where: { $0.field == "parties" }) == nil, parties.count < 2 { v.fail("parties", "An agreement is between at least two partners: one a line") }
        if let signed, signed > today { v.fail("signed_on", "The day it was signed is in the future") }
        if let signed, let review, review <= signed { v.fail("review_on", "The review falls after the day it was signed") }
        if let review, let signed, review > signed.adding(days: 3 * 366) { v.fail("review_on", "Review an agreement at least every three years") }
        try v.check()
        return (title!, parties, purpose!, basis!, special, items!, retention!, signed!, review!, signatories)
    }
}
