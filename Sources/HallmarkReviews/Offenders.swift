import Foundation
import HallmarkDomain

/// One quarter of the Integrated Offender Management cohort, as probation and the police count
/// it: how many were managed, joined and left, and how many of them reoffended. Aggregate by
/// design: no one is named here.
package struct IOMQuarter: Sendable, Equatable, Codable {
    package var partnershipID: RecordID<Partnership>
    /// "2026/27 Q2": the financial year and its quarter (Q1 is April to June).
    package var quarter: String
    package var cohortStart: Int
    package var entries: Int
    package var exits: Int
    package var reoffenders: Int
    package var offences: Int
    package var enteredBy: String
    package var enteredAt: Int64

    package var cohortEnd: Int { cohortStart + entries - exits }
    /// Everyone managed at some point in the quarter.
    package var managed: Int { cohortStart + entries }
    /// The share of those managed who reoffended in the quarter, as a percentage.
    package var reoffendingPercent: Double? { managed > 0 ? Double(reoffenders) * 100 / Double(managed) : nil }
    /// Offences per reoffender: how prolific those who reoffended were.
    package var offencesPerReoffender: Double? { reoffenders > 0 ? Double(offences) / Double(reoffenders) : nil }

    /// "2026/27 Q2" written as the form and the table write it; nil when it is not one.
    package static func quarter(_ text: String) -> String? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 2, let year = FinancialYear(String(parts[0])), parts[1].count == 2, parts[1].first == "Q",
            let q = Int(parts[1].dropFirst()), (1...4).contains(q)
        else { return nil }
        return "\(year) Q\(q)"
    }

    /// Where a quarter does not start with the cohort the quarter before ended with: a figure to check.
    package static func gaps(_ quarters: [IOMQuarter]) -> [String: Int] {
        let sorted = quarters.sorted { $0.quarter < $1.quarter }
        var gaps: [String: Int] = [:]
        for (before, after) in zip(sorted, sorted.dropFirst()) where after.cohortStart != before.cohortEnd && follows(before.quarter, after.quarter) {
            gaps[after.quarter] = before.cohortEnd
        }
        return gaps
    }

    /// Whether `b` is the quarter straight after `a`.
    static func follows(_ a: String, _ b: String) -> Bool {
        guard let ya = FinancialYear(String(a.prefix(7))), let qa = Int(a.suffix(1)), let qb = Int(b.suffix(1)) else { return false }
        return qa == 4 ? b == "\(ya.next) Q1" : b == "\(ya) Q\(qa + 1)" && qb == qa + 1
    }
}

package enum IOMForms {
    package static func quarter(_ input: [String: String]) throws(ValidationFailure) -> (quarter: String, start: Int, entries: Int, exits: Int, reoffenders: Int, offences: Int) {
        var v = Validator(input)
        let quarter = IOMQuarter.quarter(input["quarter"] ?? "")
        if quarter == nil { v.fail("quarter", "Enter the quarter like 2026/27 Q2 (Q1 is April to June)") }
        let start = v.whole("cohort_start", label: "cohort at the start", in: 0...100_000)
        let entries = v.whole("entries", label: "people who joined", in: 0...100_000)
        let exits = v.whole("exits", label: "people who left", in: 0...100_000)
        let reoffenders = v.whole("reoffenders", label: "people who reoffended", in: 0...100_000)
        let offences = v.whole("offences", label: "offences", in: 0...1_000_000)
        if let start, let entries, let exits, exits > start + entries { v.fail("exits", "More left (\(exits)) than were managed (\(start + entries))") }
        if let start, let entries, let reoffenders, reoffenders > start + entries {
            v.fail("reoffenders", "More reoffended (\(reoffenders)) than were managed (\(start + entries))")
        }
        if let reoffenders, let offences, offences < reoffenders { v.fail("offences", "Each person who reoffended committed at least one offence: \(reoffenders) or more") }
        try v.check()
        return (quarter!, start!, entries!, exits!, reoffenders!, offences!)
    }
}

/// One person in the IOM cohort, for the roles that manage them (a case with its own team):
/// the name and notes sealed in the database, here open, or nil once removed at the end of
/// retention.
package struct CohortMember: Sendable, Equatable, Identifiable {
    package var id: RecordID<CohortMember>
    package var partnershipID: RecordID<Partnership>
    package var reference: String
    package var name: String?
    package var notes: String?
    package var enteredOn: CalendarDate
    package var exitedOn: CalendarDate?
    package var exitReason: String
    package var personalDataRemovedOn: CalendarDate?
}
