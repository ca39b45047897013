import HallmarkDomain

/// A kind of organisation whose presence a quorum may require: "the police", "a council".
package enum RequiredBody: String, Codable, Sendable, CaseIterable {
    case police, council, fireAndRescue = "fire_and_rescue", health, probation

    package var label: String {
        switch self {
        case .police: "the police"
        case .council: "a council (district, county or unitary)"
        case .fireAndRescue: "fire and rescue"
        case .health: "health"
        case .probation: "probation"
        }
    }

    /// The organisation types that satisfy it.
    package var types: Set<OrganisationType> {
        switch self {
        case .police: [.police]
        case .council: [.districtCouncil, .countyCouncil, .unitaryAuthority]
        case .fireAndRescue: [.fireAndRescue]
        case .health: [.health]
        case .probation: [.probation]
        }
    }
}

/// When a meeting may do business: "five voting members including the police and a council".
package struct QuorumRule: Codable, Sendable, Equatable {
    /// How many voting members must be present.
    package var votingMembers: Int
    /// Kinds of organisation of which at least one voting member must be present.
    package var requiredBodies: [RequiredBody]
    /// Particular organisations that must be present.
    package var requiredOrganisations: [RecordID<Organisation>]
    /// Whether a deputy sent in a voting member's place counts towards the quorum.
    package var deputiesCount: Bool

    package init(votingMembers: Int, requiredBodies: [RequiredBody] = [], requiredOrganisations: [RecordID<Organisation>] = [], deputiesCount: Bool) {
        self.votingMembers = votingMembers
        self.requiredBodies = requiredBodies
        self.requiredOrganisations = requiredOrganisations
        self.deputiesCount = deputiesCount
    }

    /// The rule in words, as the terms of reference print it.
    package var words: String {
        let bodies = requiredBodies.map(\.label)
        let including = bodies.isEmpty ? "" : " including " + Wording.list(bodies)
        return "\(votingMembers) voting member\(votingMembers == 1 ? "" : "s")\(including)"
            + (deputiesCount ? "; a deputy counts in a member’s place" : "; deputies do not count")
    }
}

/// A standing item in its place on every agenda.
package struct StandingPlacement: Codable, Sendable, Equatable {
    package var item: StandingItem
    package var placement: Placement
}

/// The board's terms of reference: what it is for, who sits on it, when it is quorate, how often
/// it meets, who chairs it, and the standing items of its agenda. Saved as versions and approved
/// at a meeting, like every record that a board agrees.
package struct TermsOfReference: Codable, Sendable, Equatable {
    package var purpose: String
    package var membership: String
    package var quorum: QuorumRule
    package var frequency: Frequency
    package var chair: String?
    package var viceChair: String?
    package var standingItems: [StandingPlacement]

    /// What a partnership without terms of reference is held to until it agrees its own: a
    /// third of a small board, the statutory partners' usual pair, deputies allowed.
    package static let starting = TermsOfReference(
        purpose: "", membership: "", quorum: QuorumRule(votingMembers: 3, requiredBodies: [.police, .council], deputiesCount: true),
        frequency: .quarterly, chair: nil, viceChair: nil,
        standingItems: [
            .init(item: .apologies, placement: .opening), .init(item: .previousMinutes, placement: .opening), .init(item: .actionLog, placement: .opening),
            .init(item: .performance, placement: .closing), .init(item: .finance, placement: .closing), .init(item: .risk, placement: .closing),
        ])
}
