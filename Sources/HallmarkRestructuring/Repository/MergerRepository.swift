import Foundation
import HallmarkDomain
import HallmarkMeetings
import HallmarkRegister
import HallmarkStore
import SQLKit

/// Mergers and demergers through their steps; each step audited, and the last done in one
/// transaction with the register's succession, so the change lands whole or not at all.
package struct MergerRepository: Sendable {
    package let store: Store

    static func merger(_ r: any SQLRow) throws -> Merger {
        func json<T: Decodable>(_ column: String, _ type: T.Type) throws -> T {
            try JSONDecoder().decode(T.self, from: Data(try r.column(column, String.self).utf8))
        }
        func approval(_ column: String) throws -> Approval? {
            try r.column(column, String?.self).map { try JSONDecoder().decode(Approval.self, from: Data($0.utf8)) }
        }
        return Merger(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), sources: try json("sources", [RecordID<Partnership>].self),
            successors: try json("successors", [PartnershipSuccession.Successor].self), members: try r.choice("members"), subGroups: try r.choice("sub_groups"),
            terms: try r.choice("terms"),
            proposedOn: try r.date("proposed_on")!, effectiveOn: try r.date("effective_on")!, pccApproval: try approval("pcc_approval"),
            secretaryOfStateApproval: try approval("secretary_of_state_approval"), completedOn: try r.date("completed_on"), withdrawnOn: try r.date("withdrawn_on"),
            withdrawnBecause: try r.column("withdrawn_because"))
    }

    package func mergers(of partnershipID: RecordID<Partnership>) async throws -> [Merger] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM mergers WHERE partnership_id = \(bind: partnershipID) ORDER BY proposed_on DESC, id DESC").all().map(Self.merger)
        }
    }

    package func merger(_ id: RecordID<Merger>, in partnershipID: RecordID<Partnership>) async throws -> Merger? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM mergers WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(Self.merger)
        }
    }

    /// Every merger not yet completed whose effective date has come, for the daily job.
    package func due(on day: CalendarDate) async throws -> [Merger] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM mergers WHERE completed_on IS NULL AND withdrawn_on IS NULL AND effective_on <= \(bind: day.iso) ORDER BY id").all().map(Self.merger)
        }
    }

    /// The responsible authorities of the old partnerships, each of whom must agree in writing.
    static func required(_ sources: [RecordID<Partnership>], _ db: any SQLDatabase) async throws -> [Organisation] {
        let list = sources.map { "\($0.rawValue)" }.joined(separator: ", ")
        return try await db.raw(
            """
            SELECT DISTINCT o.id, o.name, o.type FROM responsible_authorities r JOIN organisations o ON o.id = r.organisation_id
            WHERE r.partnership_id IN (\(unsafeRaw: list)) ORDER BY o.name, o.id
            """
        ).all().map { try $0.organisation() }.filter(\.type.isResponsibleAuthority)
    }

    static func agreements(_ mergerID: RecordID<Merger>, _ db: any SQLDatabase) async throws -> [RecordID<Organisation>: Approval] {
        var found: [RecordID<Organisation>: Approval] = [:]
        for r in try await db.raw("SELECT * FROM merger_agreements WHERE merger_id = \(bind: mergerID)").all() {
            found[try r.column("organisation_id")] = Approval(by: try r.column("signed_by"), on: try r.date("signed_on")!, document: try r.column("document"))
        }
        return found
    }

    package func progress(of merger: Merger, crossesForces: Bool) async throws -> MergerProgress {
        try await store.withConnection { db in try await Self.progress(merger, crossesForces: crossesForces, db) }
    }

    static func progress(_ merger: Merger, crossesForces: Bool, _ db: any SQLDatabase) async throws -> MergerProgress {
        let given = try await agreements(merger.id, db)
        return MergerProgress(
            agreements: try await required(merger.sources, db).map { ($0, given[$0.id]) }, crossesForces: crossesForces, merger: merger)
    }

    package func propose(
        sources: [Partnership], successors: [PartnershipSuccession.Successor], members: PartnershipSuccession.Members, subGroups: PartnershipSuccession.SubGroups,
        terms: TermsCarry = .fresh, effectiveOn: CalendarDate, in partnershipID: RecordID<Partnership>, on day: CalendarDate, by author: ChangeAuthor
    ) async throws -> Merger {
        try await store.transaction { db in
            for other in try await db.raw("SELECT * FROM mergers WHERE completed_on IS NULL AND withdrawn_on IS NULL").all().map(Self.merger) {
                if let shared = sources.first(where: { other.sources.contains($0.id) }) {
                    throw ValidationFailure(field: "sources", message: "\(shared.name) is already in a merger that has not completed")
                }
                // A code promised to another merger's new partnership would stop this one completing.
                if let taken = successors.first(where: { s in other.successors.contains { $0.onsCode == s.onsCode } }) {
                    throw ValidationFailure(field: "ons_code", message: "The ONS code \(taken.onsCode) is promised to a new partnership of another merger")
                }
            }
            for s in successors where try await db.raw("SELECT id FROM partnerships WHERE ons_code = \(bind: s.onsCode.value)").first() != nil {
                throw ValidationFailure(field: "ons_code", message: "A partnership with the ONS code \(s.onsCode) is already registered")
            }
            let added = try Self.merger(
                try await db.raw(
                    """
                    INSERT INTO mergers (partnership_id, sources, successors, members, sub_groups, terms, proposed_on, effective_on)
                    VALUES (\(bind: partnershipID), \(bind: try JSONText.string(sources.map(\.id))), \(bind: try JSONText.string(successors)),
                        \(bind: members.rawValue), \(bind: subGroups.rawValue), \(bind: terms.rawValue), \(bind: day.iso), \(bind: effectiveOn.iso)) RETURNING *
                    """
                ).first()!)
            try await AuditLog.record(db, by: author, .create, "merger", id: added.id, partnership: partnershipID, after: added)
            return added
        }
    }

    /// Locks the merger's row and refuses a change to one already completed.
    private func open(_ id: RecordID<Merger>, in partnershipID: RecordID<Partnership>, _ db: any SQLDatabase) async throws -> Merger {
        guard
            let merger = try await db.raw("SELECT * FROM mergers WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: store.rowLock)")
                .first().map(Self.merger)
        else { throw StoreError.notFound("Merger \(id)") }
        if let done = merger.completedOn { throw ValidationFailure(field: "merger", message: "This \(merger.kind.lowercased()) completed on \(done.long); it no longer changes") }
        if let withdrawn = merger.withdrawnOn {
            throw ValidationFailure(field: "merger", message: "This \(merger.kind.lowercased()) was withdrawn on \(withdrawn.long); it no longer changes")
        }
        return merger
    }

    package func agree(
        _ id: RecordID<Merger>, in partnershipID: RecordID<Partnership>, organisation: RecordID<Organisation>, _ approval: Approval, by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            let merger = try await open(id, in: partnershipID, db)
            guard let authority = try await Self.required(merger.sources, db).first(where: { $0.id == organisation }) else {
                throw ValidationFailure(field: "organisation", message: "Choose one of the responsible authorities of the partnerships merging")
            }
            if try await Self.agreements(id, db)[organisation] != nil {
                throw ValidationFailure(field: "organisation", message: "\(authority.name)’s agreement is already recorded")
            }
            try await db.raw(
                """
                INSERT INTO merger_agreements (merger_id, organisation_id, signed_by, signed_on, document)
                VALUES (\(bind: id), \(bind: organisation), \(bind: approval.by), \(bind: approval.on.iso), \(bind: approval.document))
                """
            ).run()
            try await AuditLog.record(
                db, by: author, .create, "authority’s agreement to a merger", id: id, partnership: partnershipID,
                after: AuthorityAgreement(organisationID: organisation, approval: approval))
        }
    }

    package enum Approver: String, Sendable, CaseIterable {
        case pcc, secretaryOfState = "secretary_of_state"

        package var label: String {
            switch self {
            case .pcc: "The Police and Crime Commissioner"
            case .secretaryOfState: "The Secretary of State"
            }
        }
    }

    /// Records an approval. The PCC approves what every authority has agreed; the Secretary of
    /// State, after the PCC, and only where the merger crosses force areas.
    package func approve(
        _ id: RecordID<Merger>, in partnershipID: RecordID<Partnership>, as approver: Approver, _ approval: Approval, crossesForces: Bool, by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            let before = try await open(id, in: partnershipID, db)
            let progress = try await Self.progress(before, crossesForces: crossesForces, db)
            var after = before
            switch approver {
            case .pcc:
                if progress.agreements.isEmpty {
                    throw ValidationFailure(
                        field: "approver", message: "The partnerships list no responsible authority, whose agreement the PCC approves: record them on each partnership’s page first"
                    )
                }
                if !progress.missingAgreements.isEmpty {
                    throw ValidationFailure(
                        field: "approver",
                        message: "The PCC approves once every responsible authority has agreed; still to agree: \(Wording.list(progress.missingAgreements.map(\.name)))")
                }
                if before.pccApproval != nil { throw ValidationFailure(field: "approver", message: "The PCC’s approval is already recorded") }
                if let last = progress.agreements.compactMap(\.agreement?.on).max(), approval.on < last {
                    throw ValidationFailure(field: "approval_on", message: "The PCC approves after the last agreement (\(last.long)): check the date")
                }
                after.pccApproval = approval
            case .secretaryOfState:
                if !crossesForces { throw ValidationFailure(field: "approver", message: "The Secretary of State approves only a merger across police force areas") }
                if before.pccApproval == nil { throw ValidationFailure(field: "approver", message: "Record the PCC’s approval first") }
                if before.secretaryOfStateApproval != nil { throw ValidationFailure(field: "approver", message: "The Secretary of State’s approval is already recorded") }
                if let pcc = before.pccApproval, approval.on < pcc.on {
                    throw ValidationFailure(field: "approval_on", message: "The Secretary of State approves after the PCC (\(pcc.on.long)): check the date")
                }
                after.secretaryOfStateApproval = approval
            }
            try await db.raw(
                """
                UPDATE mergers SET pcc_approval = \(bind: try after.pccApproval.map { try JSONText.string($0) }),
                    secretary_of_state_approval = \(bind: try after.secretaryOfStateApproval.map { try JSONText.string($0) }) WHERE id = \(bind: id)
                """
            ).run()
            try await AuditLog.record(db, by: author, .update, "merger", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// Withdraws a merger that will not go ahead: kept, with why, and its partnerships free again.
    package func withdraw(_ id: RecordID<Merger>, in partnershipID: RecordID<Partnership>, on day: CalendarDate, because: String, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let before = try await open(id, in: partnershipID, db)
            var after = before
            (after.withdrawnOn, after.withdrawnBecause) = (day, because)
            try await db.raw("UPDATE mergers SET withdrawn_on = \(bind: day.iso), withdrawn_because = \(bind: because) WHERE id = \(bind: id)").run()
            try await AuditLog.record(db, by: author, .update, "merger", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// Moves the effective date while the merger is open.
    package func reschedule(_ id: RecordID<Merger>, in partnershipID: RecordID<Partnership>, to day: CalendarDate, by author: ChangeAuthor) async throws {
        try await store.transaction { db in
            let before = try await open(id, in: partnershipID, db)
            var after = before
            after.effectiveOn = day
            try await db.raw("UPDATE mergers SET effective_on = \(bind: day.iso) WHERE id = \(bind: id)").run()
            try await AuditLog.record(db, by: author, .update, "merger", id: id, partnership: partnershipID, before: before, after: after)
        }
    }

    /// Completes the merger on `day` if every step is done: the new partnerships formed, the
    /// old ones ended, members and sub-groups as decided. Refused, with what is missing, if not.
    package func complete(
        _ id: RecordID<Merger>, in partnershipID: RecordID<Partnership>, on day: CalendarDate, crossesForces: Bool, by author: ChangeAuthor
    ) async throws -> [Partnership] {
        // The terms to carry are read first: a merger's sources and choices do not change once proposed.
        let proposed = try await merger(id, in: partnershipID)
        let terms = TermsRepository(store: store)
        var carried: TermsOfReference?
        if let proposed, proposed.terms == .copy, let first = proposed.sources.first { carried = try await terms.inForce(for: first).terms }
        return try await store.transaction { [carried] db in
            let before = try await open(id, in: partnershipID, db)
            let left = try await Self.progress(before, crossesForces: crossesForces, db).outstanding(on: day)
            if !left.isEmpty {
                throw ValidationFailure(field: "merger", message: "It cannot complete yet. Still needed: \(left.joined(separator: "; "))")
            }
            var sources: [Partnership] = []
            for sourceID in before.sources {
                guard let source = try await PartnershipRepository.find(sourceID, db) else { throw StoreError.notFound("Partnership \(sourceID)") }
                sources.append(source)
            }
            let formed = try await PartnershipSuccession.apply(
                db, sources: sources, successors: before.successors, on: before.effectiveOn, members: before.members, subGroups: before.subGroups, by: author)
            if let carried {
                for p in formed { _ = try await terms.saveDraft(carried, for: p.id, by: author, in: db) }
            }
            var after = before
            after.completedOn = day
            try await db.raw("UPDATE mergers SET completed_on = \(bind: day.iso) WHERE id = \(bind: id)").run()
            try await AuditLog.record(db, by: author, .update, "merger", id: id, partnership: partnershipID, before: before, after: after)
            return formed
        }
    }
}
