import HallmarkDomain
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import SQLKit
import Testing

@Suite("Partnership register store")
struct RegisterTests {
    let author = ChangeAuthor(userID: nil, label: "test")

    func county(_ store: Store) async throws -> (county: Partnership, csp: Partnership) {
        let partnerships = PartnershipRepository(store: store)
        let county = try await partnerships.create(.init(kind: .countyStrategyGroup, name: "Safer Leicestershire"), by: author)
        let csp = try await partnerships.create(
            .init(kind: .communitySafetyPartnership, name: "Blaby", onsCode: GSSCode("E22000164"), parentID: county.id), by: author)
        return (county, csp)
    }

    @Test("Partnerships, districts and authorities are stored and read back", arguments: Backend.allCases)
    func partnerships(backend: Backend) async throws {
        try await withStore(backend) { store in
            let (county, csp) = try await county(store)
            let repository = PartnershipRepository(store: store)
            let sub = try await repository.create(
                .init(kind: .subGroup, name: "Blaby JAG", parentID: csp.id, subGroupType: .jointAction, purpose: "Problem places"), by: author)
            #expect(try await repository.find(csp.id) == csp)
            #expect(try await repository.find(onsCode: GSSCode("E22000164")!) == csp)
            #expect(try await repository.children(of: csp.id) == [sub])
            #expect(try await repository.children(of: county.id) == [csp])

            try await repository.addDistrict(District(code: GSSCode("E07000129")!, name: "Blaby"), to: csp.id, by: author)
            #expect(try await repository.districts(of: csp.id) == [District(code: GSSCode("E07000129")!, name: "Blaby")])
            await #expect(throws: ValidationFailure.self) {
                try await repository.addDistrict(District(code: GSSCode("E07000129")!, name: "Blaby"), to: csp.id, by: author)
            }

            let police = try await OrganisationRepository(store: store).create(.init(name: "Leicestershire Police", type: .police), by: author)
            try await repository.addAuthority(police.id, to: csp.id, by: author)
            #expect(try await repository.authorities(of: csp.id) == [police])
            #expect(try await OrganisationRepository(store: store).partnerships(of: police.id) == [csp])

            let tree = try await repository.tree()
            let scope = PartnershipScope(granted: [csp.id], parents: tree)
            #expect(scope.visible == [csp.id, sub.id])
        }
    }

    @Test("A second partnership with the same ONS code is refused, and nothing is stored", arguments: Backend.allCases)
    func duplicateCode(backend: Backend) async throws {
        try await withStore(backend) { store in
            let (county, _) = try await county(store)
            let repository = PartnershipRepository(store: store)
            let before = try await repository.all()
            let entries = try await AuditLog.entries(in: store).count
            let failure = await #expect(throws: ValidationFailure.self) {
                try await repository.create(
                    .init(
                        kind: .communitySafetyPartnership, name: "Blaby again",
                        onsCode: GSSCode("E22000164"), parentID: county.id), by: author)
            }
            #expect(failure?.message(for: "ons_code") == "A partnership with the ONS code E22000164 is already registered")
            #expect(try await repository.all() == before)
            #expect(try await AuditLog.entries(in: store).count == entries)
        }
    }

    @Test("A CSP can only sit under a county strategy group", arguments: Backend.allCases)
    func placement(backend: Backend) async throws {
        try await withStore(backend) { store in
            let (_, csp) = try await county(store)
            await #expect(throws: ValidationFailure.self) {
                try await PartnershipRepository(store: store).create(
                    .init(kind: .communitySafetyPartnership, name: "Charnwood", onsCode: GSSCode("E22000165"), parentID: csp.id), by: author)
            }
        }
    }

    @Test("SQL metacharacters are stored verbatim", arguments: Backend.allCases)
    func metacharacters(backend: Backend) async throws {
        try await withStore(backend) { store in
            let (_, csp) = try await county(store)
            let name = "Robert'); DROP TABLE people; -- O'Brien \"quoted\" 100% _under_ \\back"
            let person = try await PersonRepository(store: store).create(.init(name: name, jobTitle: "';--", email: nil), keptBy: csp.id, by: author)
            let read = try await PersonRepository(store: store).find(person.id)
            #expect(read?.name == name)
            #expect(read?.jobTitle == "';--")
        }
    }

    @Test("Ending a membership keeps it as history, and the audit log holds before and after", arguments: Backend.allCases)
    func membershipHistory(backend: Backend) async throws {
        try await withStore(backend) { store in
            let (_, csp) = try await county(store)
            let person = try await PersonRepository(store: store).create(.init(name: "Asha Patel", jobTitle: nil, email: nil), keptBy: csp.id, by: author)
            let memberships = MembershipRepository(store: store)
            let start = CalendarDate("2024-04-01")!
            let seat = try await memberships.create(
                .init(
                    personID: person.id, organisationID: nil, nominatedByID: nil, vote: .voting,
                    office: .chair, deputyForPersonID: nil, startDate: start, endDate: nil),
                in: csp.id, by: author)
            await #expect(throws: ValidationFailure.self) {
                try await memberships.end(seat.id, on: CalendarDate("2024-03-31")!, by: author)
            }
            let ended = try await memberships.end(seat.id, on: CalendarDate("2025-03-31")!, by: author)
            #expect(ended.endDate == CalendarDate("2025-03-31"))
            let entries = try await memberships.entries(of: csp.id)
            #expect(entries.count == 1)
            #expect(entries[0].personName == "Asha Patel")
            #expect(entries[0].membership.isCurrent(on: CalendarDate("2025-04-01")!) == false)
            #expect(entries[0].membership.isCurrent(on: CalendarDate("2025-03-31")!) == true)

            let update = try #require(try await AuditLog.entries(in: store).first)
            #expect(update.action == .update)
            #expect(update.subject == "membership")
            #expect(update.before?.contains("\"endDate\"") == false)
            #expect(update.after?.contains("\"endDate\":\"2025-03-31\"") == true)
        }
    }

    @Test("A failed change stores nothing: no row and no audit entry", arguments: Backend.allCases)
    func atomicity(backend: Backend) async throws {
        try await withStore(backend) { store in
            let (_, csp) = try await county(store)
            let audit = try await AuditLog.entries(in: store).count
            await #expect(throws: ValidationFailure.self) {
                try await MembershipRepository(store: store).create(
                    .init(
                        personID: RecordID(999_999), organisationID: nil, nominatedByID: nil, vote: .voting, office: .member,
                        deputyForPersonID: nil, startDate: CalendarDate("2024-04-01")!, endDate: nil), in: csp.id, by: author)
            }
            #expect(try await MembershipRepository(store: store).entries(of: csp.id).isEmpty)
            #expect(try await AuditLog.entries(in: store).count == audit)
        }
    }
}
