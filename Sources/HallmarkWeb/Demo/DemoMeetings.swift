import Foundation
import HallmarkDomain
import HallmarkMeetings
import HallmarkRegister
import HallmarkStore

/// A year of a demo partnership's board meetings: approved terms of reference signed by the
/// council, four quarterly meetings held or cancelled with agendas, written papers, attendance,
/// minutes, decisions and actions (each set of minutes approved at the next meeting), and two
/// meetings to come, the next one published.
enum DemoMeetings {
    static func load(_ service: MeetingsService, _ p: Partnership, council: Organisation, author: ChangeAuthor) async throws {
        var terms = TermsOfReference.starting
        terms.purpose = "To reduce crime, disorder, anti-social behaviour and reoffending in the district, as the Crime and Disorder Act 1998 requires."
        terms.membership = "The responsible authorities, each represented at a senior level, with the voluntary sector as an associate."
        terms.quorum = QuorumRule(votingMembers: 3, requiredBodies: [.police, .council], deputiesCount: true)
        let version = try await service.terms.saveDraft(terms, for: p.id, by: author)
        let today = CalendarDate.today()
        _ = try await service.terms.records.approve(version.id, in: p.id, meeting: "Partnership Board, \(today.adding(days: -330).long)", by: author)
        try await service.terms.signOff(version.id, in: p.id, organisation: council.id, signedBy: "Chief Executive", on: today.adding(days: -320), by: author)

        let offsets = [-330, -240, -150, -60, 30, 120]
        let meetings = try await service.meetings.create(
            offsets.map {
                MeetingDraft(title: "Partnership Board", date: today.adding(days: $0), startTime: "14:00", endTime: "16:00", venue: "Council Offices, Committee Room 1")
            },
            in: p.id, standing: terms.standingItems, by: author)
        let seats = try await service.seats(of: p.id, on: today)
        let business = [
            ("Domestic abuse: the new IDVA service", "The commissioned service began in the spring. Referrals rose by a fifth; the board is asked to agree the second year."),
            (
                "Anti-social behaviour in the town centre",
                "Reports of anti-social behaviour rose over the summer. The joint action group proposes a dispersal order and more youth provision."
            ),
            (
                "Strategic assessment: emerging priorities",
                "The analyst presents the draft priorities: violence against women and girls, anti-social behaviour, and serious violence."
            ),
            ("Serious violence duty: the local strategy", "The duty requires a strategy with the specified authorities. The draft is attached for comment."),
            ("Partnership plan: mid-year review", "Progress against each priority, and the actions overdue."),
            ("Annual report to scrutiny", "The draft report to the scrutiny committee for the board’s approval."),
        ]
        for (n, meeting) in meetings.enumerated() {
            let (title, text) = business[n]
            let item = try await service.meetings.addItem(
                ItemDraft(title: title, presenter: "Community Safety Manager", purpose: n % 2 == 0 ? .decision : .discussion, durationMinutes: 20), to: meeting.id, in: p.id,
                by: author)
            _ = try await service.papers.add(
                PaperUpload(title: title, fileName: "paper.txt", format: .text, bytes: Data(text.utf8)), to: item.id, of: meeting.id, in: p.id, today: meeting.date, by: author)
            guard meeting.date < today else { continue }
            // The third meeting was cancelled (the venue flooded); the others were held.
            let held = n != 2
            _ = try await service.meetings.update(
                meeting.id, in: p.id,
                to: MeetingDraft(
                    title: meeting.title, date: meeting.date, startTime: meeting.startTime, endTime: meeting.endTime, venue: meeting.venue, status: held ? .held : .cancelled),
                by: author)
            guard held else { continue }
            let records = seats.enumerated().map { i, seat in
                Attendance(membershipID: seat.membership.id, status: (i + n) % 4 == 3 ? .apologies : .present, deputyName: nil)
            }
            try await service.minutes.saveAttendance(records, at: meeting.id, in: p.id, by: author)
            try await service.meetings.minute(item.id, of: meeting.id, in: p.id, "The board discussed the paper. \(text)", by: author)
            _ = try await service.minutes.addDecision(
                DecisionDraft(text: "The board agreed the recommendations of the paper.", votes: n % 2 == 0 ? (for: 3, against: 0, abstentions: 1) : nil), under: item.id,
                of: meeting.id,
                in: p.id, by: author)
            let action = try await service.minutes.addAction(
                ActionDraft(
                    text: "Report back on \(title.lowercased())", ownerPersonID: seats.first?.membership.personID, ownerOrganisationID: council.id,
                    dueDate: meeting.date.adding(days: 80)),
                under: item.id, of: meeting.id, in: p.id, by: author)
            if n < 2 {
                _ = try await service.minutes.update(action.id, in: p.id, text: "Reported to the board.", status: .done, at: meetings[n + 1].id, by: author)
            }
            if n > 0 {
                let previous = meetings[0..<n].last { $0.id != meetings[2].id }!
                try await service.minutes.approveMinutes(of: previous.id, at: meeting.id, in: p.id, by: author)
            }
        }
        try await service.meetings.setPublished(meetings[4].id, in: p.id, true, by: author)
        for m in meetings[0..<4] where m.id != meetings[2].id { try await service.meetings.setPublished(m.id, in: p.id, true, by: author) }
    }
}
