import HallmarkDomain

/// Whether a meeting is quorate, from who is there and the rule in its terms of reference.
package enum Quorum {
    /// A seat at the meeting as the quorum sees it.
    package struct Seat: Sendable, Equatable {
        package var vote: Vote
        package var organisationID: RecordID<Organisation>?
        package var organisationType: OrganisationType?
        package var status: AttendanceStatus

        package init(vote: Vote, organisationID: RecordID<Organisation>?, organisationType: OrganisationType?, status: AttendanceStatus) {
            self.vote = vote
            self.organisationID = organisationID
            self.organisationType = organisationType
            self.status = status
        }
    }

    package struct Finding: Sendable, Equatable {
        package var quorate: Bool
        /// Voting members counted towards the quorum.
        package var counted: Int
        package var needed: Int
        /// What is missing, in words: "2 more voting members", "the police".
        package var missing: [String]

        package var words: String {
            let present = "\(counted) voting member\(counted == 1 ? "" : "s") present, \(needed) needed"
            return quorate ? "Quorate: \(present)" : "Not quorate: \(present); still needed: \(Wording.list(missing))"
        }
    }

    /// Associates are recorded as present but never counted; a deputy counts only where the
    /// rule allows, and then for the organisation of the member they stand in for.
    package static func assess(_ rule: QuorumRule, seats: [Seat], organisationNames: [RecordID<Organisation>: String] = [:]) -> Finding {
        let counting = seats.filter { seat in
            seat.vote == .voting && (seat.status == .present || (seat.status == .deputy && rule.deputiesCount))
        }
        var missing: [String] = []
        if counting.count < rule.votingMembers {
            let short = rule.votingMembers - counting.count
            missing.append("\(short) more voting member\(short == 1 ? "" : "s")")
        }
        let types = Set(counting.compactMap(\.organisationType))
        for body in rule.requiredBodies where types.isDisjoint(with: body.types) {
            missing.append(body.label)
        }
        let organisations = Set(counting.compactMap(\.organisationID))
        for id in rule.requiredOrganisations where !organisations.contains(id) {
            missing.append(organisationNames[id] ?? "organisation \(id)")
        }
        return Finding(quorate: missing.isEmpty, counted: counting.count, needed: rule.votingMembers, missing: missing)
    }
}
