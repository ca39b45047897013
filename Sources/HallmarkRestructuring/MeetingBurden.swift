import HallmarkDomain
import HallmarkMeetings

/// The meetings an arrangement asks partners to staff: boards, meetings a year, and the hours
/// a year each organisation gives to them (a seat's hours are the meeting's length times the
/// meetings a year; a deputy sits in a member's place, so adds none).
package struct MeetingBurden: Sendable, Equatable {
    package var boards: Int
    package var meetingsPerYear: Int
    /// Hours of meetings a year, however many sit at them.
    package var meetingHours: Double
    package var hoursByOrganisation: [RecordID<Organisation>: Double]

    package init(boards: Int, meetingsPerYear: Int, meetingHours: Double, hoursByOrganisation: [RecordID<Organisation>: Double]) {
        self.boards = boards
        self.meetingsPerYear = meetingsPerYear
        self.meetingHours = meetingHours
        self.hoursByOrganisation = hoursByOrganisation
    }

    package init(_ boards: [ProposedBoard]) {
        var hours: [RecordID<Organisation>: Double] = [:]
        for board in boards {
            for seats in board.seats where seats.count > 0 {
                hours[seats.organisationID, default: 0] += Double(board.meetingsPerYear) * board.hours * Double(seats.count)
            }
        }
        self.init(
            boards: boards.count, meetingsPerYear: boards.reduce(0) { $0 + $1.meetingsPerYear },
            meetingHours: boards.reduce(0) { $0 + Double($1.meetingsPerYear) * $1.hours }, hoursByOrganisation: hours)
    }

    /// The hours by type of organisation (police, fire, each kind of council…), in the domain's order.
    package func hoursByType(_ organisations: [Organisation]) -> [(type: OrganisationType, hours: Double)] {
        let types = Dictionary(organisations.map { ($0.id, $0.type) }, uniquingKeysWith: { a, _ in a })
        var byType: [OrganisationType: Double] = [:]
        for (id, hours) in hoursByOrganisation { byType[types[id] ?? .other, default: 0] += hours }
        return OrganisationType.allCases.compactMap { type in byType[type].map { (type, $0) } }
    }

    /// One held meeting as the minutes record it: its length and who took part for whom.
    package struct HeldMeeting: Sendable {
        package struct Seat: Sendable {
            package var organisationID: RecordID<Organisation>?
            package var personID: RecordID<Person>
            package var isDeputy: Bool
            package var deputyFor: RecordID<Person>?
            package var status: AttendanceStatus

            package init(organisationID: RecordID<Organisation>?, personID: RecordID<Person>, isDeputy: Bool, deputyFor: RecordID<Person>?, status: AttendanceStatus) {
                self.organisationID = organisationID
                self.personID = personID
                self.isDeputy = isDeputy
                self.deputyFor = deputyFor
                self.status = status
            }
        }

        package var hours: Double
        package var seats: [Seat]

        package init(hours: Double, seats: [Seat]) {
            self.hours = hours
            self.seats = seats
        }
    }

    /// The hours each organisation actually gave to meetings held: one person's time for each
    /// seat filled, by the member or by the deputy they sent. A deputy recorded as present in
    /// their own seat as well is not counted twice.
    package static func attended(_ meetings: [HeldMeeting]) -> [RecordID<Organisation>: Double] {
        var hours: [RecordID<Organisation>: Double] = [:]
        for meeting in meetings {
            let represented = Set(meeting.seats.filter { !$0.isDeputy && $0.status.represented }.map(\.personID))
            for seat in meeting.seats {
                guard let organisation = seat.organisationID else { continue }
                let counts =
                    seat.isDeputy
                    ? seat.status == .present && !(seat.deputyFor.map(represented.contains) ?? false)
                    : seat.status.represented
                if counts { hours[organisation, default: 0] += meeting.hours }
            }
        }
        return hours
    }
}
