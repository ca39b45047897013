import HallmarkDomain
import Testing

@testable import HallmarkMeetings

/// "Five voting members including the police and a council", at and around each threshold.
@Suite struct QuorumTests {
    static let police: RecordID<Organisation> = 1, council: RecordID<Organisation> = 2, fire: RecordID<Organisation> = 3, health: RecordID<Organisation> = 4
    static let rule = QuorumRule(votingMembers: 5, requiredBodies: [.police, .council], deputiesCount: false)

    static func seat(_ organisation: RecordID<Organisation>?, _ type: OrganisationType?, _ status: AttendanceStatus = .present, vote: Vote = .voting) -> Quorum.Seat {
        Quorum.Seat(vote: vote, organisationID: organisation, organisationType: type, status: status)
    }

    /// Police, a district council and three others, all voting and present.
    static let five = [
        seat(police, .police), seat(council, .districtCouncil), seat(fire, .fireAndRescue), seat(health, .health), seat(nil, nil),
    ]

    @Test func exactlyTheNumberWithTheRequiredBodiesIsQuorate() {
        let finding = Quorum.assess(Self.rule, seats: Self.five)
        #expect(finding.quorate)
        #expect(finding.counted == 5)
        #expect(finding.missing.isEmpty)
    }

    @Test func oneShortIsNotQuorateAndSaysHowManyMore() {
        var seats = Self.five
        seats[4].status = .apologies
        let finding = Quorum.assess(Self.rule, seats: seats)
        #expect(!finding.quorate)
        #expect(finding.counted == 4)
        #expect(finding.missing == ["1 more voting member"])
    }

    @Test func oneOverIsQuorate() {
        #expect(Quorum.assess(Self.rule, seats: Self.five + [Self.seat(nil, .housing)]).counted == 6)
        #expect(Quorum.assess(Self.rule, seats: Self.five + [Self.seat(nil, .housing)]).quorate)
    }

    @Test func enoughMembersWithoutThePoliceIsNotQuorate() {
        var seats = Self.five + [Self.seat(nil, .probation)]
        seats[0].status = .absent
        let finding = Quorum.assess(Self.rule, seats: seats)
        #expect(finding.counted == 5)
        #expect(!finding.quorate)
        #expect(finding.missing == ["the police"])
    }

    @Test func anyKindOfCouncilCountsAsACouncil() {
        for type in [OrganisationType.districtCouncil, .countyCouncil, .unitaryAuthority] {
            var seats = Self.five
            seats[1].organisationType = type
            #expect(Quorum.assess(Self.rule, seats: seats).quorate, "\(type)")
        }
        var seats = Self.five
        seats[1].organisationType = .housing
        #expect(Quorum.assess(Self.rule, seats: seats).missing == [RequiredBody.council.label])
    }

    @Test func associatesAreNeverCounted() {
        var seats = Self.five
        seats[4].vote = .associate
        let finding = Quorum.assess(Self.rule, seats: seats + [Self.seat(nil, .voluntarySector, vote: .associate)])
        #expect(finding.counted == 4)
        #expect(!finding.quorate)
        // An associate from the police does not bring the police to a quorum either.
        var noPolice = Self.five + [Self.seat(nil, .other)]
        noPolice[0].vote = .associate
        #expect(Quorum.assess(Self.rule, seats: noPolice).missing == ["the police"])
    }

    @Test func deputiesCountOnlyWhereTheRuleAllows() {
        var seats = Self.five
        seats[0].status = .deputy  // the police send a deputy
        let strict = Quorum.assess(Self.rule, seats: seats)
        #expect(strict.counted == 4)
        #expect(strict.missing == ["1 more voting member", "the police"])
        var lenient = Self.rule
        lenient.deputiesCount = true
        let allowed = Quorum.assess(lenient, seats: seats)
        #expect(allowed.counted == 5)
        #expect(allowed.quorate)
    }

    @Test func aRequiredOrganisationIsNamedWhenMissing() {
        var rule = Self.rule
        rule.requiredOrganisations = [Self.health]
        var seats = Self.five + [Self.seat(nil, .other)]
        seats[3].status = .apologies
        let finding = Quorum.assess(rule, seats: seats, organisationNames: [Self.health: "Test ICB"])
        #expect(finding.counted == 5)
        #expect(finding.missing == ["Test ICB"])
        #expect(finding.words.contains("Not quorate"))
    }

    @Test func theRuleReadsAsTheTermsOfReferenceSayIt() {
        #expect(Self.rule.words == "5 voting members including the police and a council (district, county or unitary); deputies do not count")
    }
}
