/// What a form or API request asks to create, checked against the register's rules before
/// anything reaches the store. Web forms and the JSON API share these, so the rules hold
/// whichever door the data comes in by.

public struct PartnershipDraft: Sendable, Equatable {
    public var kind: PartnershipKind
    public var name: String
    public var onsCode: GSSCode?
    public var parentID: RecordID<Partnership>?
    public var subGroupType: SubGroupType?
    public var purpose: String?

    public init(
        kind: PartnershipKind, name: String, onsCode: GSSCode? = nil, parentID: RecordID<Partnership>? = nil,
        subGroupType: SubGroupType? = nil, purpose: String? = nil
    ) {
        self.kind = kind
        self.name = name
        self.onsCode = onsCode
        self.parentID = parentID
        self.subGroupType = subGroupType
        self.purpose = purpose
    }

    public static func validate(_ input: [String: String]) throws(ValidationFailure) -> PartnershipDraft {
        var v = Validator(input)
        let kind = v.choice("kind", label: "kind of partnership", as: PartnershipKind.self)
        let name = v.text("name", label: "name", maxLength: 120)
        let purpose = v.text("purpose", label: "purpose", required: false, maxLength: 1000)
        var code: GSSCode?
        var parentID: RecordID<Partnership>?
        var subGroupType: SubGroupType?
        switch kind {
        case .communitySafetyPartnership:
            code = v.code("ons_code", label: "ONS code", allowed: GSSCode.Entity.communitySafetyPartnership, example: "E22000168")
            parentID = v.id("parent_id", label: "county strategy group", required: false)
        case .countyStrategyGroup:
            if !(input["ons_code"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                v.fail("ons_code", "Only a Community Safety Partnership has an ONS code; leave it empty for a county strategy group")
            }
            if !(input["parent_id"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                v.fail("parent_id", "A county strategy group reports to no other partnership; leave this empty")
            }
        case .subGroup:
            parentID = v.id("parent_id", label: "partnership the sub-group reports to")
            subGroupType = v.choice("sub_group_type", label: "type of sub-group", as: SubGroupType.self)
        case nil:
            break
        }
        try v.check()
        return PartnershipDraft(kind: kind!, name: name!, onsCode: code, parentID: parentID, subGroupType: subGroupType, purpose: purpose)
    }
}

public struct OrganisationDraft: Sendable, Equatable {
    public var name: String
    public var type: OrganisationType

    public init(name: String, type: OrganisationType) {
        self.name = name
        self.type = type
    }

    public static func validate(_ input: [String: String]) throws(ValidationFailure) -> OrganisationDraft {
        var v = Validator(input)
        let name = v.text("name", label: "name", maxLength: 160)
        let type = v.choice("type", label: "type of organisation", as: OrganisationType.self)
        try v.check()
        return OrganisationDraft(name: name!, type: type!)
    }
}

public struct PersonDraft: Sendable, Equatable {
    public var name: String
    public var jobTitle: String?
    public var email: String?

    public init(name: String, jobTitle: String? = nil, email: String? = nil) {
        self.name = name
        self.jobTitle = jobTitle
        self.email = email
    }

    public static func validate(_ input: [String: String]) throws(ValidationFailure) -> PersonDraft {
        var v = Validator(input)
        let name = v.text("name", label: "full name", maxLength: 120)
        let jobTitle = v.text("job_title", label: "job title", required: false, maxLength: 160)
        let email = (input["email"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty ? nil : v.email("email")
        try v.check()
        return PersonDraft(name: name!, jobTitle: jobTitle, email: email)
    }
}

public struct MembershipDraft: Sendable, Equatable {
    public var personID: RecordID<Person>
    public var organisationID: RecordID<Organisation>?
    public var nominatedByID: RecordID<Organisation>?
    public var vote: Vote
    public var office: Office
    public var deputyForPersonID: RecordID<Person>?
    public var startDate: CalendarDate
    public var endDate: CalendarDate?

    public init(
        personID: RecordID<Person>, organisationID: RecordID<Organisation>? = nil, nominatedByID: RecordID<Organisation>? = nil, vote: Vote, office: Office,
        deputyForPersonID: RecordID<Person>? = nil, startDate: CalendarDate, endDate: CalendarDate? = nil
    ) {
        self.personID = personID
        self.organisationID = organisationID
        self.nominatedByID = nominatedByID
        self.vote = vote
        self.office = office
        self.deputyForPersonID = deputyForPersonID
        self.startDate = startDate
        self.endDate = endDate
    }

    public static func validate(_ input: [String: String]) throws(ValidationFailure) -> MembershipDraft {
        var v = Validator(input)
        let person: RecordID<Person>? = v.id("person_id", label: "person")
        let organisation: RecordID<Organisation>? = v.id("organisation_id", label: "organisation they represent", required: false)
        let nominatedBy: RecordID<Organisation>? = v.id("nominated_by_id", label: "nominating body", required: false)
        let vote = v.choice("vote", label: "vote", as: Vote.self)
        let office = v.choice("office", label: "role", as: Office.self)
        let deputyFor: RecordID<Person>? = v.id("deputy_for_person_id", label: "member they deputise for", required: office == .deputy)
        let start = v.date("start_date", label: "start date")
        let end = v.date("end_date", label: "end date", required: false)
        if let start, let end, end < start {
            v.fail("end_date", "End date must be the same as or after the start date")
        }
        if office != .deputy, deputyFor != nil {
            v.fail("deputy_for_person_id", "Only a deputy deputises for another member; choose the role Deputy or leave this empty")
        }
        if office == .deputy, let person, person == deputyFor {
            v.fail("deputy_for_person_id", "A member cannot deputise for themselves")
        }
        try v.check()
        return MembershipDraft(
            personID: person!, organisationID: organisation, nominatedByID: nominatedBy, vote: vote!,
            office: office!, deputyForPersonID: deputyFor, startDate: start!, endDate: end)
    }
}

public struct DistrictDraft: Sendable, Equatable {
    public var district: District

    public init(district: District) { self.district = district }

    public static func validate(_ input: [String: String]) throws(ValidationFailure) -> DistrictDraft {
        var v = Validator(input)
        let code = v.code("code", label: "district's ONS code", allowed: GSSCode.Entity.localAuthorityDistrict, example: "E07000129")
        let name = v.text("name", label: "district's name", maxLength: 120)
        try v.check()
        return DistrictDraft(district: District(code: code!, name: name!))
    }
}
