import HallmarkDomain
import HallmarkStore

/// A meeting of a partnership or sub-group, on one day, at a time given in UK local time.
package struct Meeting: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<Meeting>
    package var partnershipID: RecordID<Partnership>
    package var title: String
    package var date: CalendarDate
    /// "18:00": the time of day in London, as the invitation says it.
    package var startTime: String
    package var endTime: String
    package var venue: String?
    package var onlineLink: String?
    package var status: MeetingStatus
    /// Its agenda and public papers are on the public site.
    package var published: Bool
    /// The later meeting at which these minutes were approved; from then on they are frozen.
    package var minutesApprovedAt: RecordID<Meeting>?

    package init(
        id: RecordID<Meeting>, partnershipID: RecordID<Partnership>, title: String, date: CalendarDate, startTime: String, endTime: String, venue: String?,
        onlineLink: String?, status: MeetingStatus, published: Bool, minutesApprovedAt: RecordID<Meeting>?
    ) {
        self.id = id
        self.partnershipID = partnershipID
        self.title = title
        self.date = date
        self.startTime = startTime
        self.endTime = endTime
        self.venue = venue
        self.onlineLink = onlineLink
        self.status = status
        self.published = published
        self.minutesApprovedAt = minutesApprovedAt
    }

    package var minutesApproved: Bool { minutesApprovedAt != nil }
    /// "Partnership Board, 14 March 2026": how a meeting is named in a sentence.
    package var name: String { Self.nameOf(title: title, date: date) }
}

/// One item of an agenda, in its place.
package struct AgendaItem: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<AgendaItem>
    package var meetingID: RecordID<Meeting>
    package var position: Int
    package var title: String
    package var presenter: String?
    package var purpose: ItemPurpose
    package var durationMinutes: Int
    /// Why the public may not see it (the paragraph of Schedule 12A, say); nil for a public item.
    package var exemptReason: String?
    /// The standing item it is, if it is one.
    package var standing: StandingItem?
    /// What was minuted under it.
    package var minute: String?

    package init(
        id: RecordID<AgendaItem>, meetingID: RecordID<Meeting>, position: Int, title: String, presenter: String?, purpose: ItemPurpose, durationMinutes: Int,
        exemptReason: String?, standing: StandingItem?, minute: String?
    ) {
        self.id = id
        self.meetingID = meetingID
        self.position = position
        self.title = title
        self.presenter = presenter
        self.purpose = purpose
        self.durationMinutes = durationMinutes
        self.exemptReason = exemptReason
        self.standing = standing
        self.minute = minute
    }

    package var exempt: Bool { exemptReason != nil }
}

/// What a paper is, as uploaded or written.
package enum PaperFormat: String, Codable, Sendable, CaseIterable {
    case pdf, docx, xlsx, csv, text

    package var label: String {
        switch self {
        case .pdf: "PDF"
        case .docx: "Word document"
        case .xlsx: "Excel workbook"
        case .csv: "CSV table"
        case .text: "Text"
        }
    }

    package var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "text/csv; charset=utf-8"
        case .text: "text/plain; charset=utf-8"
        }
    }
}

/// One version of a paper for an agenda item. The bytes are stored with it, not on a server's disk.
package struct Paper: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<Paper>
    package var itemID: RecordID<AgendaItem>
    package var title: String
    package var version: Int
    package var fileName: String
    package var format: PaperFormat
    package var size: Int64
    package var sha256: String
    /// For a Word document: "waiting", "converted", or why it could not be converted.
    package var conversion: String
    package var createdAt: Int64
    package var createdBy: String
}

/// A member's attendance at one meeting.
package struct Attendance: Codable, Sendable, Equatable {
    package var membershipID: RecordID<Membership>
    package var status: AttendanceStatus
    package var deputyName: String?

    package init(membershipID: RecordID<Membership>, status: AttendanceStatus, deputyName: String?) {
        self.membershipID = membershipID
        self.status = status
        self.deputyName = deputyName
    }
}

/// What the meeting decided under an item, with the votes of voting members when it voted.
package struct Decision: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<Decision>
    package var itemID: RecordID<AgendaItem>
    package var text: String
    package var votesFor: Int?
    package var votesAgainst: Int?
    package var abstentions: Int?
}

/// Something a meeting asked someone to do, carried on every later agenda's action log until closed.
package struct Action: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<Action>
    package var partnershipID: RecordID<Partnership>
    package var meetingID: RecordID<Meeting>
    package var itemID: RecordID<AgendaItem>?
    package var text: String
    package var ownerPersonID: RecordID<Person>?
    package var ownerOrganisationID: RecordID<Organisation>?
    package var dueDate: CalendarDate
    package var status: ActionStatus
    package var closedAtMeeting: RecordID<Meeting>?
}

/// An action with the names a page needs beside it.
package struct ActionEntry: Codable, Sendable, Equatable {
    package var action: Action
    package var ownerName: String?
    /// The owner's e-mail address as the register holds it: the user signed in with it owns the action.
    package var ownerEmail: String?
    package var organisationName: String?
    package var raisedAt: String
    package var updates: [ActionUpdate]

    /// The secretariat updates any action; anyone else who presents papers, only an action whose
    /// owner in the register has their e-mail address ("an action they were given").
    package func mayBeUpdated(by role: Role, email: String) -> Bool {
        role.may(.runMeetings) || (role.may(.submitPapers) && ownerEmail.map { $0.lowercased() == email.lowercased() } == true)
    }
}

/// Progress on an action, as reported.
package struct ActionUpdate: Codable, Sendable, Equatable {
    package var text: String
    package var status: ActionStatus
    package var at: Int64
    package var by: String
}

/// A printed board pack, kept with its checksum: each build is a new version.
package struct BoardPack: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<BoardPack>
    package var meetingID: RecordID<Meeting>
    package var audience: PackAudience
    package var version: Int
    package var sha256: String
    package var pages: Int
    package var size: Int
    /// The meeting's agenda as it stood when the pack was printed (see `PaperRepository.agendaVersion`).
    package var agendaVersion: Int
    package var createdAt: Int64
    package var createdBy: String
}

/// A responsible authority's signature on a version of the terms of reference (or the
/// Memorandum of Agreement they make up): who signed for it, and when.
package struct SignOff: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<SignOff>
    package var versionID: RecordID<RecordVersion>
    package var organisationID: RecordID<Organisation>
    package var organisationName: String
    package var signedBy: String
    package var signedOn: CalendarDate
}
