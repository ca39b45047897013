import Foundation
import HallmarkDomain
import Testing

@Suite("Validation rules")
struct ValidationTests {
    @Test("GSS codes: the right prefix, nine characters, digits after the prefix")
    func gssCodes() {
        #expect(GSSCode(" e22000168 ")?.value == "E22000168")
        #expect(GSSCode("W14000001", allowed: GSSCode.Entity.communitySafetyPartnership)?.entity == .cspWales)
        #expect(GSSCode("E23000021", allowed: GSSCode.Entity.communitySafetyPartnership) == nil, "a force code is not a CSP code")
        #expect(GSSCode("E2200016") == nil)
        #expect(GSSCode("E22000168X") == nil)
        #expect(GSSCode("E22OOO168") == nil)
        #expect(GSSCode("X99000000") == nil)
        #expect(GSSCode("E22٠٠٠١٦٨") == nil, "non-ASCII digits are refused")
    }

    @Test("Calendar dates: real days only, written the British way")
    func dates() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2100-02-29") == nil)
        #expect(CalendarDate("2000-02-29") != nil)
        #expect(CalendarDate("2024-04-31") == nil)
        #expect(CalendarDate("31/03/2024") == nil)
        #expect(CalendarDate("2024-4-1") == nil)
        #expect(CalendarDate("2026-11-24")?.long == "24 November 2026")
        #expect(CalendarDate("2024-01-31")! < CalendarDate("2024-02-01")!)
    }

    @Test(
        "A real date outside the years kept is told the years; a date that is no date is told so",
        arguments: [
            ("1800-01-01", "Held on must be in the years 1900 to 2200"), ("31/12/2201", "Held on must be in the years 1900 to 2200"),
            ("2026-13-01", "Held on must be a real date, like 2026-04-01 or 1/4/2026"), ("12345678", "Held on must be a real date, like 2026-04-01 or 1/4/2026"),
            ("soon", "Held on must be a real date, like 2026-04-01 or 1/4/2026"),
        ])
    func datesOutsideTheYears(typed: String, message: String) {
        var v = Validator(["held_on": typed])
        #expect(v.date("held_on", label: "held on") == nil)
        #expect(v.errors.map(\.message) == [message])
    }

    @Test("Numbers too large or too small are told the range, not how to write a number")
    func outOfRange() throws {
        var v = Validator([
            "value": "99999999999999999999", "word": "lots", "budget": "£99,999,999,999,999,999", "badBudget": "twelve", "cents": "12.345",
            "share": "99999999999", "nan": "NaN",
        ])
        #expect(v.number("value", label: "value", in: -1e12...1e12) == nil)
        #expect(v.number("word", label: "weight", in: -1e12...1e12) == nil)
        #expect(v.number("nan", label: "rate", in: 0...100) == nil)
        #expect(v.money("budget", label: "budget", required: true) == nil)
        #expect(v.money("badBudget", label: "committed", required: true) == nil)
        #expect(v.money("cents", label: "spend", required: true) == nil)
        #expect(v.whole("share", label: "share", in: 1...1000) == nil)
        let messages = Dictionary(uniqueKeysWithValues: v.errors.map { ($0.field, $0.message) })
        #expect(messages["value"] == "Value must be a number from -1,000,000,000,000 to 1,000,000,000,000")
        #expect(messages["word"] == "Weight must be a number, like 27.5")
        #expect(messages["nan"] == "Rate must be a number from 0 to 100")
        #expect(messages["budget"] == "The budget must be from £0 to £1,000,000,000")
        #expect(messages["badBudget"] == "Enter the committed in pounds, like £12,500 or 12500.50")
        #expect(messages["cents"] == "Enter the spend in pounds, like £12,500 or 12500.50")
        #expect(messages["share"] == "Share must be a whole number from 1 to 1,000")
    }

    @Test("Text fields: required, length, markup and control characters")
    func text() throws {
        var v = Validator(["a": "  Blaby  ", "b": "", "c": String(repeating: "é", count: 11), "d": "<b>", "e": "tab\u{0007}bell", "f": "O'Brien; --"])
        #expect(v.text("a", label: "name") == "Blaby")
        #expect(v.text("b", label: "name") == nil)
        #expect(v.text("b", label: "purpose", required: false) == nil)
        #expect(v.text("c", label: "name", maxLength: 10) == nil)
        #expect(v.text("d", label: "name") == nil)
        #expect(v.text("e", label: "name") == nil)
        #expect(v.text("f", label: "name") == "O'Brien; --")
        #expect(
            v.errors.map(\.message) == [
                "Enter the name", "Name must be 10 characters or fewer",
                "Name must not contain < or >", "Name must not contain control characters",
            ])
        #expect(throws: ValidationFailure.self) { try v.check() }
    }

    @Test("A membership: deputies need someone to deputise for, and cannot end before they start")
    func membership() throws {
        let base = ["person_id": "3", "vote": "voting", "office": "member", "start_date": "2024-04-01"]
        #expect(try MembershipDraft.validate(base).personID == 3)
        var deputy = base
        deputy["office"] = "deputy"
        let noPrincipal = #expect(throws: ValidationFailure.self) { try MembershipDraft.validate(deputy) }
        #expect(noPrincipal?.message(for: "deputy_for_person_id") == "Select the member they deputise for")
        deputy["deputy_for_person_id"] = "3"
        #expect(throws: ValidationFailure.self) { try MembershipDraft.validate(deputy) }
        var ended = base
        ended["end_date"] = "2024-03-31"
        let early = #expect(throws: ValidationFailure.self) { try MembershipDraft.validate(ended) }
        #expect(early?.message(for: "end_date") == "End date must be the same as or after the start date")
        var wrongVote = base
        wrongVote["vote"] = "maybe"
        #expect(throws: ValidationFailure.self) { try MembershipDraft.validate(wrongVote) }
    }

    @Test("A partnership: a CSP needs a CSP code; a county group has none; a sub-group needs a parent and a type")
    func partnership() throws {
        #expect(try PartnershipDraft.validate(["kind": "csp", "name": "Blaby", "ons_code": "E22000164"]).onsCode?.value == "E22000164")
        let forceCode = #expect(throws: ValidationFailure.self) { try PartnershipDraft.validate(["kind": "csp", "name": "Blaby", "ons_code": "E23000021"]) }
        #expect(forceCode?.message(for: "ons_code") == "ONS code must be an ONS code like E22000168")
        #expect(throws: ValidationFailure.self) { try PartnershipDraft.validate(["kind": "county_group", "name": "County", "ons_code": "E22000164"]) }
        let sub = #expect(throws: ValidationFailure.self) { try PartnershipDraft.validate(["kind": "sub_group", "name": "JAG"]) }
        #expect(sub?.errors.map(\.field) == ["parent_id", "sub_group_type"])
        #expect(throws: ValidationFailure.self) { try PartnershipDraft.validate(["kind": "parish", "name": "X"]) }
    }

    @Test("Email addresses are checked for shape and kept in lower case")
    func email() throws {
        #expect(try PersonDraft.validate(["name": "A", "email": "Asha.Patel@Leics.Police.UK"]).email == "asha.patel@leics.police.uk")
        #expect(throws: ValidationFailure.self) { try PersonDraft.validate(["name": "A", "email": "not an address"]) }
        #expect(try PersonDraft.validate(["name": "A", "email": ""]).email == nil)
    }
}

@Suite("Roles and partnership scope")
struct AccessTests {
    @Test("Each role's permissions, written out")
    func roles() {
        let expected: [Role: Set<Permission>] = [
            .administrator: Set(Permission.allCases),
            .countyOfficer: [
                .readRegister, .editRegister, .editOrganisations, .editPeople, .readCrimeData, .importCrimeData, .draftAssessment, .approveAssessment, .readMeetings,
                .runMeetings, .submitPapers, .readFunding, .allocateFunding, .manageBudget, .readPlan, .managePlan, .manageCases, .restructure,
            ],
            .coordinator: [
                .readRegister, .editRegister, .editOrganisations, .editPeople, .readCrimeData, .draftAssessment, .approveAssessment, .readMeetings, .runMeetings, .submitPapers,
                .readFunding, .manageBudget, .readPlan, .managePlan, .manageCases,
            ],
            .analyst: [.readRegister, .readCrimeData, .importCrimeData, .draftAssessment, .readMeetings, .submitPapers, .readFunding, .readPlan],
            .boardMember: [.readRegister, .readCrimeData, .readMeetings, .submitPapers, .readFunding, .readPlan],
        ]
        for role in Role.allCases {
            #expect(Set(Permission.allCases.filter(role.may)) == expected[role], "\(role)")
        }
    }

    @Test("A grant reaches everything beneath it and nothing beside or above it")
    func scope() {
        // 1 county → 2, 3 CSPs; 2 → 4 sub-group → 5 sub-sub-group; 3 → 6.
        let tree: [(id: RecordID<Partnership>, parentID: RecordID<Partnership>?)] = [(1, nil), (2, 1), (3, 1), (4, 2), (5, 4), (6, 3), (7, nil)]
        #expect(PartnershipScope(granted: [1], parents: tree).visible == [1, 2, 3, 4, 5, 6])
        #expect(PartnershipScope(granted: [2], parents: tree).visible == [2, 4, 5])
        #expect(PartnershipScope(granted: [], parents: tree).visible.isEmpty)
        #expect(PartnershipScope.all.contains(7))
        // A cycle made by hand in the database does not hang the server.
        #expect(PartnershipScope(granted: [8], parents: [(8, 9), (9, 8)]).visible == [8, 9])
    }
}

@Suite("Record ids")
struct RecordIDTests {
    @Test("an id is written, read and sent as the plain number; a form's text reads only as a whole number above zero")
    func plainNumber() throws {
        let p = Partnership(id: 42, kind: .communitySafetyPartnership, name: "Alpha", parentID: 7)
        let json = String(decoding: try JSONText.data(p), as: UTF8.self)
        #expect(json.contains("\"id\":42") && json.contains("\"parentID\":7"))
        #expect(try JSONDecoder().decode(Partnership.self, from: Data(json.utf8)) == p)
        #expect(String(p.id) == "42" && "\(p.id)" == "42")
        #expect(RecordID<Person>("17")?.rawValue == 17)
        #expect(RecordID<Person>("0") == nil && RecordID<Person>("-3") == nil && RecordID<Person>("x") == nil)
    }
}
