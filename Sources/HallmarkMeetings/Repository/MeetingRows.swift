import HallmarkDomain
import HallmarkStore
import SQLKit

/// Reading the meetings' records out of rows.
extension SQLRow {
    func meeting() throws -> Meeting {
        Meeting(
            id: try column("id"), partnershipID: try column("partnership_id"), title: try column("title"), date: try date("meeting_date")!,
            startTime: try column("start_time"), endTime: try column("end_time"), venue: try column("venue"), onlineLink: try column("online_link"),
            status: try choice("status"), published: try column("published", Int.self) != 0, minutesApprovedAt: try column("minutes_approved_at"))
    }

    func agendaItem() throws -> AgendaItem {
        AgendaItem(
            id: try column("id"), meetingID: try column("meeting_id"), position: try column("position"), title: try column("title"),
            presenter: try column("presenter"), purpose: try choice("purpose"), durationMinutes: try column("duration_minutes"),
            exemptReason: try column("exempt_reason"), standing: try column("standing", String?.self).flatMap(StandingItem.init(rawValue:)),
            minute: try column("minute"))
    }

    func paper() throws -> Paper {
        Paper(
            id: try column("id"), itemID: try column("item_id"), title: try column("title"), version: try column("version"),
            fileName: try column("file_name"), format: try choice("format"), size: try column("size"), sha256: try column("sha256"),
            conversion: try column("conversion"), createdAt: try column("created_at"), createdBy: try column("created_by"))
    }

    func decision() throws -> Decision {
        Decision(
            id: try column("id"), itemID: try column("item_id"), text: try column("text"), votesFor: try column("votes_for"),
            votesAgainst: try column("votes_against"), abstentions: try column("abstentions"))
    }

    func action() throws -> Action {
        Action(
            id: try column("id"), partnershipID: try column("partnership_id"), meetingID: try column("meeting_id"), itemID: try column("item_id"),
            text: try column("text"), ownerPersonID: try column("owner_person_id"), ownerOrganisationID: try column("owner_organisation_id"),
            dueDate: try date("due_date")!, status: try choice("status"), closedAtMeeting: try column("closed_at_meeting"))
    }

    func boardPack() throws -> BoardPack {
        BoardPack(
            id: try column("id"), meetingID: try column("meeting_id"), audience: try choice("audience"), version: try column("version"),
            sha256: try column("sha256"), pages: try column("pages"), size: try column("size"), agendaVersion: try column("agenda_version"),
            createdAt: try column("created_at"),
            createdBy: try column("created_by"))
    }
}
