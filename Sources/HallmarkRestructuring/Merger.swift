import HallmarkDomain
import HallmarkRegister

/// An approval recorded against a merger: who gave it, when, and the document that says so.
package struct Approval: Codable, Sendable, Equatable {
    package var by: String
    package var on: CalendarDate
    package var document: String

    package init(by: String, on: CalendarDate, document: String) {
        self.by = by
        self.on = on
        self.document = document
    }
}

/// Whether the new partnership starts from the old board's terms of reference.
package enum TermsCarry: String, Codable, Sendable, CaseIterable {
    case copy, fresh

    package var label: String {
        switch self {
        case .copy: "Start from the first partnership’s terms of reference in force, as a draft for the new board to agree"
        case .fresh: "The new board agrees its own (the standard starting terms apply until then)"
        }
    }
}

/// A responsible authority's written agreement to a merger.
package struct AuthorityAgreement: Codable, Sendable, Equatable {
    package var organisationID: RecordID<Organisation>
    package var approval: Approval
}

/// A merger (or a demerger) of CSPs, taken through the steps the law sets: proposal; every
/// responsible authority's written agreement; the Police and Crime Commissioner's approval (and
/// the Secretary of State's when the partnerships lie in more than one force area); then, on the
/// effective date, the new partnerships exist and the old ones end. Nothing changes before.
package struct Merger: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<Merger>
    /// The county strategy group that keeps it.
    package var partnershipID: RecordID<Partnership>
    package var sources: [RecordID<Partnership>]
    package var successors: [PartnershipSuccession.Successor]
    package var members: PartnershipSuccession.Members
    package var subGroups: PartnershipSuccession.SubGroups
    package var terms: TermsCarry
    package var proposedOn: CalendarDate
    package var effectiveOn: CalendarDate
    package var pccApproval: Approval?
    package var secretaryOfStateApproval: Approval?
    package var completedOn: CalendarDate?
    package var withdrawnOn: CalendarDate?
    package var withdrawnBecause: String?

    /// Neither completed nor withdrawn: its steps may still be taken.
    package var isOpen: Bool { completedOn == nil && withdrawnOn == nil }

    package init(
        id: RecordID<Merger>, partnershipID: RecordID<Partnership>, sources: [RecordID<Partnership>], successors: [PartnershipSuccession.Successor],
        members: PartnershipSuccession.Members, subGroups: PartnershipSuccession.SubGroups, terms: TermsCarry = .fresh, proposedOn: CalendarDate, effectiveOn: CalendarDate,
        pccApproval: Approval? = nil, secretaryOfStateApproval: Approval? = nil, completedOn: CalendarDate? = nil, withdrawnOn: CalendarDate? = nil,
        withdrawnBecause: String? = nil
    ) {
        self.id = id
        self.partnershipID = partnershipID
        self.sources = sources
        self.successors = successors
        self.members = members
        self.subGroups = subGroups
        self.terms = terms
        self.proposedOn = proposedOn
        self.effectiveOn = effectiveOn
        self.pccApproval = pccApproval
        self.secretaryOfStateApproval = secretaryOfStateApproval
        self.completedOn = completedOn
        self.withdrawnOn = withdrawnOn
        self.withdrawnBecause = withdrawnBecause
    }

    package var kind: String { successors.count > 1 ? "Demerger" : "Merger" }
}

/// Where a merger stands, and what it still needs, worked out from its record.
package struct MergerProgress: Sendable, Equatable {
    /// The responsible authorities whose agreement is needed, with it where given.
    package var agreements: [(organisation: Organisation, agreement: Approval?)]
    package var crossesForces: Bool
    package var merger: Merger

    package init(agreements: [(organisation: Organisation, agreement: Approval?)], crossesForces: Bool, merger: Merger) {
        self.agreements = agreements
        self.crossesForces = crossesForces
        self.merger = merger
    }

    package static func == (a: MergerProgress, b: MergerProgress) -> Bool {
        a.merger == b.merger && a.crossesForces == b.crossesForces && a.agreements.map(\.organisation) == b.agreements.map(\.organisation)
            && a.agreements.map(\.agreement) == b.agreements.map(\.agreement)
    }

    package var missingAgreements: [Organisation] { agreements.filter { $0.agreement == nil }.map(\.organisation) }

    /// What must happen before it can complete on `day`, in words; empty when nothing.
    package func outstanding(on day: CalendarDate) -> [String] {
        guard merger.isOpen else { return [] }
        var left: [String] = []
        if agreements.isEmpty {
            left.append("The responsible authorities of the partnerships, recorded on their pages, and the written agreement of each")
        } else if !missingAgreements.isEmpty {
            left.append("The written agreement of \(Wording.list(missingAgreements.map(\.name)))")
        }
        if merger.pccApproval == nil { left.append("The Police and Crime Commissioner’s approval") }
        if crossesForces, merger.secretaryOfStateApproval == nil {
            left.append("The Secretary of State’s approval, as the partnerships lie in more than one police force area")
        }
        if day < merger.effectiveOn { left.append("The effective date, \(merger.effectiveOn.long)") }
        return left
    }

    /// The next step, by the order the steps must be taken in.
    package var stage: String {
        if merger.completedOn != nil { return "Completed" }
        if merger.withdrawnOn != nil { return "Withdrawn" }
        if agreements.isEmpty || !missingAgreements.isEmpty { return "Awaiting agreements" }
        if merger.pccApproval == nil { return "Awaiting the PCC’s approval" }
        if crossesForces, merger.secretaryOfStateApproval == nil { return "Awaiting the Secretary of State’s approval" }
        return "Approved: takes effect on \(merger.effectiveOn.long)"
    }
}
