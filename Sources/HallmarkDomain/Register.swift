/// The partnership register's records, as stored and as shown. Ids are database row ids.

public struct Partnership: Codable, Sendable, Equatable, Identifiable {
    public var id: RecordID<Partnership>
    public var kind: PartnershipKind
    public var name: String
    /// The ONS code of a CSP (`E22…`/`W14…`); nil for county groups and sub-groups.
    public var onsCode: GSSCode?
    /// The county strategy group above a CSP, or the CSP above a sub-group.
    public var parentID: RecordID<Partnership>?
    public var subGroupType: SubGroupType?
    /// A line from the terms of reference: what the group is for.
    public var purpose: String?
    /// The day it ceased to exist (merged into another, say); its records stay as history.
    public var endedOn: CalendarDate?
    /// Why, in words: "Merged into North Leicestershire Community Safety Partnership".
    public var endedBecause: String?

    public init(
        id: RecordID<Partnership>, kind: PartnershipKind, name: String, onsCode: GSSCode? = nil, parentID: RecordID<Partnership>? = nil,
        subGroupType: SubGroupType? = nil, purpose: String? = nil, endedOn: CalendarDate? = nil, endedBecause: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.onsCode = onsCode
        self.parentID = parentID
        self.subGroupType = subGroupType
        self.purpose = purpose
        self.endedOn = endedOn
        self.endedBecause = endedBecause
    }

    /// Whether it has ended by a day: from its last day on, it is history.
    public func hasEnded(by day: CalendarDate) -> Bool { endedOn.map { $0 <= day } ?? false }

    /// What to call it in a sentence or a table: the sub-group's type where it has one.
    public var kindLabel: String { subGroupType?.label ?? kind.label }
}

/// A local authority district a partnership covers.
public struct District: Codable, Sendable, Equatable, Hashable {
    public var code: GSSCode
    public var name: String

    public init(code: GSSCode, name: String) {
        self.code = code
        self.name = name
    }
}

public struct Organisation: Codable, Sendable, Equatable, Identifiable {
    public var id: RecordID<Organisation>
    public var name: String
    public var type: OrganisationType

    public init(id: RecordID<Organisation>, name: String, type: OrganisationType) {
        self.id = id
        self.name = name
        self.type = type
    }
}

/// Someone who sits on a board or group. Kept by the partnership whose secretariat added them.
public struct Person: Codable, Sendable, Equatable, Identifiable {
    public var id: RecordID<Person>
    public var name: String
    public var jobTitle: String?
    public var email: String?
    public var partnershipID: RecordID<Partnership>

    public init(id: RecordID<Person>, name: String, jobTitle: String? = nil, email: String? = nil, partnershipID: RecordID<Partnership>) {
        self.id = id
        self.name = name
        self.jobTitle = jobTitle
        self.email = email
        self.partnershipID = partnershipID
    }
}

/// A seat on a board or group: who, representing whom, nominated by whom, with what vote, when.
/// An ended membership is kept so that history (and attendance reporting) stays true.
public struct Membership: Codable, Sendable, Equatable, Identifiable {
    public var id: RecordID<Membership>
    public var partnershipID: RecordID<Partnership>
    public var personID: RecordID<Person>
    public var organisationID: RecordID<Organisation>?
    public var nominatedByID: RecordID<Organisation>?
    public var vote: Vote
    public var office: Office
    public var deputyForPersonID: RecordID<Person>?
    public var startDate: CalendarDate
    public var endDate: CalendarDate?

    public init(
        id: RecordID<Membership>, partnershipID: RecordID<Partnership>, personID: RecordID<Person>, organisationID: RecordID<Organisation>?, nominatedByID: RecordID<Organisation>?,
        vote: Vote, office: Office, deputyForPersonID: RecordID<Person>?, startDate: CalendarDate, endDate: CalendarDate?
    ) {
        self.id = id
        self.partnershipID = partnershipID
        self.personID = personID
        self.organisationID = organisationID
        self.nominatedByID = nominatedByID
        self.vote = vote
        self.office = office
        self.deputyForPersonID = deputyForPersonID
        self.startDate = startDate
        self.endDate = endDate
    }

    /// Current on a day when it has started and not yet ended (the end date is the last day served).
    public func isCurrent(on day: CalendarDate) -> Bool {
        startDate <= day && (endDate.map { day <= $0 } ?? true)
    }
}
