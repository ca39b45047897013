import HallmarkDomain

/// Attendance over a period, by person, by the organisation each represents and by the body that
/// nominated them (seed 002 §8): for every meeting held, each seat current on the meeting's day
/// was expected; the seat was filled if its member came or sent a deputy. A seat with nothing
/// recorded counts as absent. Cancelled meetings expected nobody.
package struct AttendanceReport: Sendable, Equatable {
    package struct Seat: Sendable, Equatable {
        package var membershipID: RecordID<Membership>
        package var person: String
        package var organisation: String?
        package var nominatedBy: String?
        package var start: CalendarDate
        package var end: CalendarDate?

        package init(membershipID: RecordID<Membership>, person: String, organisation: String?, nominatedBy: String?, start: CalendarDate, end: CalendarDate?) {
            self.membershipID = membershipID
            self.person = person
            self.organisation = organisation
            self.nominatedBy = nominatedBy
            self.start = start
            self.end = end
        }

        func current(on day: CalendarDate) -> Bool { start <= day && (end.map { day <= $0 } ?? true) }
    }

    package struct Row: Sendable, Equatable {
        package var name: String
        package var expected = 0
        package var present = 0
        package var deputy = 0
        package var apologies = 0
        package var absent = 0

        /// Seats filled, as a share of seats expected, in per cent; nil when none were expected.
        package var percentage: Double? { expected == 0 ? nil : Double(present + deputy) * 100 / Double(expected) }

        mutating func add(_ status: AttendanceStatus?) {
            expected += 1
            switch status {
            case .present: present += 1
            case .deputy: deputy += 1
            case .apologies: apologies += 1
            case .absent, nil: absent += 1
            }
        }
    }

    package var meetingsHeld: Int
    package var meetingsCancelled: Int
    package var byPerson: [Row]
    package var byOrganisation: [Row]
    package var byNominatingBody: [Row]

    package static func make(meetings: [Meeting], seats: [Seat], attendance: [RecordID<Meeting>: [RecordID<Membership>: AttendanceStatus]]) -> AttendanceReport {
        var people: [String: Row] = [:], organisations: [String: Row] = [:], nominators: [String: Row] = [:]
        let held = meetings.filter { $0.status.counts }
        for meeting in held {
            for seat in seats where seat.current(on: meeting.date) {
                let status = attendance[meeting.id]?[seat.membershipID]
                people[seat.person, default: Row(name: seat.person)].add(status)
                let organisation = seat.organisation ?? "No organisation"
                organisations[organisation, default: Row(name: organisation)].add(status)
                let nominator = seat.nominatedBy ?? "Not nominated by a body"
                nominators[nominator, default: Row(name: nominator)].add(status)
            }
        }
        let sorted = { (rows: [String: Row]) in rows.values.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending } }
        return AttendanceReport(
            meetingsHeld: held.count, meetingsCancelled: meetings.filter { $0.status == .cancelled }.count,
            byPerson: sorted(people), byOrganisation: sorted(organisations), byNominatingBody: sorted(nominators))
    }
}
