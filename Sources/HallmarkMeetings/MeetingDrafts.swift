import Foundation
import HallmarkDomain

/// A meeting as a form gives it, checked.
package struct MeetingDraft: Sendable, Equatable {
    package var title: String
    package var date: CalendarDate
    package var startTime: String
    package var endTime: String
    package var venue: String?
    package var onlineLink: String?
    package var status: MeetingStatus

    package init(title: String, date: CalendarDate, startTime: String, endTime: String, venue: String? = nil, onlineLink: String? = nil, status: MeetingStatus = .scheduled) {
        self.title = title
        self.date = date
        self.startTime = startTime
        self.endTime = endTime
        self.venue = venue
        self.onlineLink = onlineLink
        self.status = status
    }

    /// The meeting's details; `status` is read only when `withStatus` (a new meeting is scheduled).
    package static func validate(_ input: [String: String], withStatus: Bool) throws(ValidationFailure) -> MeetingDraft {
        var v = Validator(input)
        let draft = read(&v, withStatus: withStatus)
        try v.check()
        return draft!
    }

    /// The meeting the scheduling form describes and the dates it is held on: one, or a series
    /// when `repeat` names a frequency and `count` how many. Every problem is named at once.
    package static func schedule(_ input: [String: String]) throws(ValidationFailure) -> (draft: MeetingDraft, dates: [CalendarDate]) {
        var v = Validator(input)
        let read = read(&v, withStatus: false)
        var series: (frequency: Frequency?, count: Int?)?
        if let raw = input["repeat"], !raw.isEmpty {
            series = (v.choice("repeat", label: "repeat", as: Frequency.self), v.whole("count", label: "number of meetings in the series", in: 1...MeetingSeries.most))
        }
        try v.check()
        let draft = read!
        guard let series, let frequency = series.frequency, let count = series.count else { return (draft, [draft.date]) }
        let dates = MeetingSeries.dates(from: draft.date, every: frequency, count: count)
        if dates.count < count { throw ValidationFailure(field: "count", message: "A series can be scheduled up to the year 2200: fewer meetings, or a nearer start") }
        return (draft, dates)
    }

    /// The draft the fields make, its problems noted in `v` (nil if any): a form that asks more,
    /// as scheduling a series does, checks the rest with the same validator and names every
    /// problem at once.
    package static func read(_ v: inout Validator, withStatus: Bool) -> MeetingDraft? {
        let input = v.input
        let title = v.text("title", label: "meeting’s name")
        let date = v.date("date", label: "date")
        let start = Self.time(&v, "start_time", label: "start time")
        let end = Self.time(&v, "end_time", label: "end time")
        if let start, let end, end <= start { v.fail("end_time", "The end time must be after the start time") }
        let venue = v.text("venue", label: "venue", required: false)
        let link = Self.link(&v, "online_link")
        if venue == nil, link == nil, input["venue"]?.isEmpty ?? true, input["online_link"]?.isEmpty ?? true {
            v.fail("venue", "Enter the venue, or a link to join online, or both")
        }
        let status = withStatus ? v.choice("status", label: "status", as: MeetingStatus.self) : .scheduled
        guard let title, let date, let start, let end, let status, v.errors.isEmpty else { return nil }
        return MeetingDraft(title: title, date: date, startTime: start, endTime: end, venue: venue, onlineLink: link, status: status)
    }

    /// A time of day as 24-hour HH:MM.
    static func time(_ v: inout Validator, _ field: String, label: String) -> String? {
        guard let raw = v.text(field, label: label, maxLength: 5) else { return nil }
        let parts = raw.split(separator: ":")
        guard raw.utf8.count == 5, parts.count == 2, raw.utf8.allSatisfy({ (48...58).contains($0) }), let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h),
            (0...59).contains(m)
        else {
            v.fail(field, "Enter the \(label) as hours and minutes on the 24-hour clock, like 18:30")
            return nil
        }
        return raw
    }

    /// A web address for joining online: https only, so that no script can hide in it.
    static func link(_ v: inout Validator, _ field: String) -> String? {
        guard let raw = v.text(field, label: "link to join online", required: false, maxLength: 500) else { return nil }
        guard let url = URL(string: raw), url.scheme?.lowercased() == "https", url.host?.isEmpty == false,
            !raw.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "\"" || $0 == "'" || $0 == "`" || !$0.isASCII })
        else {
            v.fail(field, "Enter the link to join online as a full web address beginning https://")
            return nil
        }
        return raw
    }
}

/// An agenda item as a form gives it, checked.
package struct ItemDraft: Sendable, Equatable {
    package var title: String
    package var presenter: String?
    package var purpose: ItemPurpose
    package var durationMinutes: Int
    package var exemptReason: String?

    package init(title: String, presenter: String? = nil, purpose: ItemPurpose, durationMinutes: Int, exemptReason: String? = nil) {
        self.title = title
        self.presenter = presenter
        self.purpose = purpose
        self.durationMinutes = durationMinutes
        self.exemptReason = exemptReason
    }

    package static func validate(_ input: [String: String]) throws(ValidationFailure) -> ItemDraft {
        var v = Validator(input)
        let title = v.text("title", label: "item’s title")
        let presenter = v.text("presenter", label: "presenter", required: false)
        let purpose = v.choice("purpose", label: "purpose", as: ItemPurpose.self)
        let minutes = v.whole("duration_minutes", label: "minutes allowed", in: 1...480)
        let exempt = v.flag("exempt")
        let reason = v.text("exempt_reason", label: "reason the item is exempt", required: exempt, maxLength: 300)
        try v.check()
        return ItemDraft(title: title!, presenter: presenter, purpose: purpose!, durationMinutes: minutes!, exemptReason: exempt ? reason : nil)
    }
}

/// An action as a form gives it, checked; the owner is checked against the partnership's people by the caller.
package struct ActionDraft: Sendable, Equatable {
    package var text: String
    package var ownerPersonID: RecordID<Person>?
    package var ownerOrganisationID: RecordID<Organisation>?
    package var dueDate: CalendarDate

    package init(text: String, ownerPersonID: RecordID<Person>?, ownerOrganisationID: RecordID<Organisation>?, dueDate: CalendarDate) {
        self.text = text
        self.ownerPersonID = ownerPersonID
        self.ownerOrganisationID = ownerOrganisationID
        self.dueDate = dueDate
    }

    package static func validate(_ input: [String: String]) throws(ValidationFailure) -> ActionDraft {
        var v = Validator(input)
        let text = v.text("action", label: "action", maxLength: 1000)
        let person: RecordID<Person>? = v.id("owner_person_id", label: "person who owns it", required: false)
        let organisation: RecordID<Organisation>? = v.id("owner_organisation_id", label: "organisation that owns it", required: false)
        if person == nil, organisation == nil, (input["owner_person_id"] ?? "").isEmpty, (input["owner_organisation_id"] ?? "").isEmpty {
            v.fail("owner_person_id", "Select who owns the action: a person, an organisation, or both")
        }
        let due = v.date("due_date", label: "due date")
        try v.check()
        return ActionDraft(text: text!, ownerPersonID: person, ownerOrganisationID: organisation, dueDate: due!)
    }
}

/// A decision as a form gives it: its words and, if the meeting voted, the votes.
package struct DecisionDraft: Sendable, Equatable {
    package var text: String
    package var votes: (for: Int, against: Int, abstentions: Int)?

    package init(text: String, votes: (for: Int, against: Int, abstentions: Int)?) {
        self.text = text
        self.votes = votes
    }

    package static func == (a: DecisionDraft, b: DecisionDraft) -> Bool {
        a.text == b.text && a.votes?.for == b.votes?.for && a.votes?.against == b.votes?.against && a.votes?.abstentions == b.votes?.abstentions
    }

    /// `voters`: the voting members present (with deputies where they count); no more votes than that.
    package static func validate(_ input: [String: String], voters: Int) throws(ValidationFailure) -> DecisionDraft {
        var v = Validator(input)
        let text = v.text("decision", label: "decision", maxLength: 2000)
        var votes: (for: Int, against: Int, abstentions: Int)? = nil
        let entered = ["votes_for", "votes_against", "abstentions"].contains { !(input[$0] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        if entered, !v.flag("voted") {
            v.fail("voted", "Votes were entered: tick “The meeting voted” to record them, or clear them")
        }
        if v.flag("voted") {
            let f = v.whole("votes_for", label: "votes for", in: 0...500)
            let a = v.whole("votes_against", label: "votes against", in: 0...500)
            let n = v.whole("abstentions", label: "abstentions", in: 0...500)
            if let f, let a, let n {
                if f + a + n > voters {
                    v.fail(
                        "votes_for", "\(f + a + n) votes were entered but only \(voters) voting member\(voters == 1 ? " was" : "s were") counted present: only voting members vote")
                } else {
                    votes = (f, a, n)
                }
            }
        }
        try v.check()
        return DecisionDraft(text: text!, votes: votes)
    }
}
