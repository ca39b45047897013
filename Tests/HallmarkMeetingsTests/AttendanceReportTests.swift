import HallmarkDomain
import Testing

@testable import HallmarkMeetings

/// A year of six meetings, one cancelled, worked by hand:
///
/// | meeting     | status    | Ann (police) | Bea (council, from 1 Jul) | Cal (council, to 30 Sep) |
/// |-------------|-----------|--------------|---------------------------|--------------------------|
/// | 2025-05-01  | held      | present      | (not a member)            | apologies                |
/// | 2025-06-01  | cancelled | –            | –                         | –                        |
/// | 2025-07-01  | held      | deputy       | present                   | absent                   |
/// | 2025-09-30  | held      | present      | (nothing recorded)        | present                  |
/// | 2025-11-01  | held      | apologies    | present                   | (no longer a member)     |
/// | 2026-01-01  | held      | present      | deputy                    | –                        |
///
/// Ann: 5 expected, 4 filled (3 present + 1 deputy) = 80%. Bea: 4 expected, 3 filled
/// (2 present + 1 deputy; one unrecorded counts absent) = 75%. Cal: 3 expected, 1 filled = 33.3%.
/// Police (Ann) 80%; council (Bea and Cal) 7 expected, 4 filled = 57.1%.
/// Nominated by the county: Ann and Cal, 8 expected, 5 filled = 62.5%.
@Suite struct AttendanceReportTests {
    static func meeting(_ id: Int64, _ date: String, _ status: MeetingStatus) -> Meeting {
        Meeting(
            id: RecordID(id), partnershipID: 1, title: "Board", date: CalendarDate(date)!, startTime: "10:00", endTime: "12:00", venue: "Hall", onlineLink: nil,
            status: status, published: false, minutesApprovedAt: nil)
    }

    @Test func percentagesMatchTheYearWorkedByHand() {
        let meetings = [
            Self.meeting(1, "2025-05-01", .held), Self.meeting(2, "2025-06-01", .cancelled), Self.meeting(3, "2025-07-01", .held),
            Self.meeting(4, "2025-09-30", .held), Self.meeting(5, "2025-11-01", .held), Self.meeting(6, "2026-01-01", .held),
        ]
        let ann: RecordID<Membership> = 1, bea: RecordID<Membership> = 2, cal: RecordID<Membership> = 3
        let seats = [
            AttendanceReport.Seat(membershipID: ann, person: "Ann", organisation: "Police", nominatedBy: "County", start: CalendarDate("2024-01-01")!, end: nil),
            AttendanceReport.Seat(membershipID: bea, person: "Bea", organisation: "Council", nominatedBy: "District", start: CalendarDate("2025-07-01")!, end: nil),
            AttendanceReport.Seat(
                membershipID: cal, person: "Cal", organisation: "Council", nominatedBy: "County", start: CalendarDate("2024-01-01")!, end: CalendarDate("2025-09-30")!),
        ]
        let attendance: [RecordID<Meeting>: [RecordID<Membership>: AttendanceStatus]] = [
            1: [ann: .present, cal: .apologies],
            // The cancelled meeting's record, had anyone kept one, must not count.
            2: [ann: .absent, cal: .absent],
            3: [ann: .deputy, bea: .present, cal: .absent],
            4: [ann: .present, cal: .present],
            5: [ann: .apologies, bea: .present],
            6: [ann: .present, bea: .deputy],
        ]
        let report = AttendanceReport.make(meetings: meetings, seats: seats, attendance: attendance)
        #expect(report.meetingsHeld == 5)
        #expect(report.meetingsCancelled == 1)
        let people = Dictionary(uniqueKeysWithValues: report.byPerson.map { ($0.name, $0) })
        #expect(people["Ann"]?.expected == 5)
        #expect(people["Ann"]?.present == 3)
        #expect(people["Ann"]?.deputy == 1)
        #expect(people["Ann"]?.apologies == 1)
        #expect(people["Ann"]?.percentage == 80)
        #expect(people["Bea"]?.expected == 4)
        #expect(people["Bea"]?.absent == 1)
        #expect(people["Bea"]?.percentage == 75)
        #expect(people["Cal"]?.expected == 3)
        #expect(abs((people["Cal"]?.percentage ?? 0) - 100.0 / 3) < 1e-9)
        let organisations = Dictionary(uniqueKeysWithValues: report.byOrganisation.map { ($0.name, $0) })
        #expect(organisations["Police"]?.percentage == 80)
        #expect(organisations["Council"]?.expected == 7)
        #expect(abs((organisations["Council"]?.percentage ?? 0) - 400.0 / 7) < 1e-9)
        let nominators = Dictionary(uniqueKeysWithValues: report.byNominatingBody.map { ($0.name, $0) })
        #expect(nominators["County"]?.expected == 8)
        #expect(nominators["County"]?.percentage == 62.5)
        #expect(nominators["District"]?.percentage == 75)
    }

    @Test func aSeriesKeepsItsDayAndFallsOnTheLastDayOfAShortMonth() {
        let dates = MeetingSeries.dates(from: CalendarDate("2026-01-31")!, every: .monthly, count: 4).map(\.iso)
        #expect(dates == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"])
        let quarterly = MeetingSeries.dates(from: CalendarDate("2026-11-15")!, every: .quarterly, count: 3).map(\.iso)
        #expect(quarterly == ["2026-11-15", "2027-02-15", "2027-05-15"])
        #expect(MeetingSeries.dates(from: CalendarDate("2026-01-01")!, every: .monthly, count: 1000).count == MeetingSeries.most)
    }

    @Test func calendarLinesAreEscapedAndFolded() {
        #expect(MeetingCalendar.escape("Room 1; Hall, Town\nSt\\") == "Room 1\\; Hall\\, Town\\nSt\\\\")
        let long = String(repeating: "é", count: 60)
        let folded = MeetingCalendar.fold("SUMMARY:" + long)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + long)
    }
}
