import Foundation
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// What the reviews' routes work with: the register, the case keys (nil when the server has
/// none, and casework is then closed), the view log and the pooled funds that pay for reviews.
package struct ReviewsService: Sendable {
    package let register: RegisterService
    package let keys: CaseKeys?
    /// The public application form's defences against machines.
    package var formCheck: PublicFormCheck

    package init(register: RegisterService, keys: CaseKeys?, formKey: FormKey) {
        self.register = register
        self.keys = keys
        self.formCheck = PublicFormCheck(formKey: formKey, store: register.store)
    }

    package var store: Store { register.store }
    package var casework: CaseworkRepository { CaseworkRepository(store: store) }
    package var pools: PooledFundRepository { PooledFundRepository(store: store) }
    package var iom: IOMRepository { IOMRepository(store: store) }
    package var sharing: SharingAgreementRepository { SharingAgreementRepository(store: store) }

    /// The sealed tables need the keys: without them casework says so, rather than store plaintext.
    package func asb() throws -> ASBCaseReviewRepository { ASBCaseReviewRepository(store: store, keys: try sealedKeys()) }
    package func homicide() throws -> HomicideReviewRepository { HomicideReviewRepository(store: store, keys: try sealedKeys()) }
    package func cohort() throws -> CohortRepository { CohortRepository(store: store, keys: try sealedKeys()) }

    func sealedKeys() throws -> CaseKeys {
        guard let keys else {
            throw HTTPError(
                .serviceUnavailable,
                message: "Casework is closed on this server: it has no keys to seal named case data with. An administrator sets HALLMARK_CASE_KEYS and restarts it")
        }
        return keys
    }

    /// The people who may be put on a partnership's case teams: those given the partnership.
    package func people(of partnershipID: RecordID<Partnership>) async throws -> [(id: Int64, name: String, role: Role)] {
        try await contacts(of: partnershipID).map { ($0.id, $0.name, $0.role) }
    }

    /// The same with their addresses, for reminders.
    package func contacts(of partnershipID: RecordID<Partnership>) async throws -> [(id: Int64, name: String, role: Role, email: String)] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT u.id, u.name, u.role, u.email FROM users u JOIN user_partnerships g ON g.user_id = u.id
                WHERE g.partnership_id = \(bind: partnershipID) AND u.disabled = 0 ORDER BY u.name
                """
            ).all().compactMap { r in
                guard let role = Role(rawValue: try r.column("role")) else { return nil }
                return (try r.column("id", Int64.self), try r.column("name", String.self), role, try r.column("email", String.self))
            }
        }
    }

    /// The pooled funds a partnership's reviews may draw on: its own, and those of the county
    /// strategy group above it (a county's Domestic Homicide Review fund, seed 004 §21).
    package func funds(for partnershipID: RecordID<Partnership>) async throws -> [PooledFund] {
        var funds = try await pools.funds(of: partnershipID)
        if let parent = try await register.partnerships.find(partnershipID)?.parentID { funds += try await pools.funds(of: parent) }
        return funds
    }

    /// The partnership's own case leads: who sees an application made on the public site, and
    /// who is reminded of agreements to review.
    package func caseLeads(of partnershipID: RecordID<Partnership>) async throws -> [(id: Int64, name: String, role: Role, email: String)] {
        try await contacts(of: partnershipID).filter { $0.role != .administrator && $0.role.may(.manageCases) }
    }
}

/// How a visitor came to see a case: on its team, or an administrator breaking the glass.
package enum CaseAccess: Sendable, Equatable {
    case team
    case brokeGlass(reason: String)
}

extension ReviewsService {
    /// Whether the visitor may see this case, logging the view when they may. Someone outside
    /// the team finds nothing there (as for another partnership's record); an administrator is
    /// asked for a reason instead, and seeing it with one is logged and flagged.
    package func open(
        _ kind: CaseKind, _ caseID: Int64, in partnershipID: RecordID<Partnership>, by visitor: Visitor, what: String, glassReason: String? = nil
    ) async throws -> CaseAccess {
        let team = try await casework.team(kind, caseID)
        let access: CaseAccess
        if team.contains(visitor.user.id) {
            access = .team
        } else if visitor.user.role.may(.reviewCaseViews) {
            guard let reason = glassReason?.trimmingCharacters(in: .whitespacesAndNewlines), reason.count >= 10 else { throw CaseRefusal.needsReason }
            access = .brokeGlass(reason: String(reason.prefix(1000)))
        } else {
            throw AccessRefused.notFound
        }
        var reason = ""
        if case .brokeGlass(let why) = access { reason = why }
        try await casework.logView(
            CaseView(
                caseKind: kind, caseID: caseID, partnershipID: partnershipID, userID: visitor.user.id, userLabel: visitor.author.label, what: what,
                brokeGlass: access != .team, reason: reason, viewedAt: Int64(Date().timeIntervalSince1970)))
        return access
    }
}

extension ReviewsService {
    /// A change to a case is for its team, and for those of them who may manage cases. Outside
    /// the team an administrator is refused (breaking the glass is for reading); anyone else
    /// finds nothing there.
    package func requireChange(_ kind: CaseKind, _ caseID: Int64, by visitor: Visitor) async throws {
        guard try await casework.team(kind, caseID).contains(visitor.user.id) else {
            throw visitor.user.role.may(.reviewCaseViews) ? AccessRefused.forbidden : AccessRefused.notFound
        }
        guard visitor.user.role.may(.manageCases) else { throw AccessRefused.forbidden }
    }

    /// Adds someone given the partnership to a case's team (`member` = yes), or takes them off (no).
    package func changeTeam(_ kind: CaseKind, _ caseID: Int64, form: [String: String], in partnershipID: RecordID<Partnership>, by visitor: Visitor) async throws {
        try await requireChange(kind, caseID, by: visitor)
        var v = Validator(form)
        let user: RecordID<User>? = v.id("user_id", label: "person")
        let member = v.choice("member", label: "whether they join", as: YesNo.self)
        if let user, try await !people(of: partnershipID).contains(where: { $0.id == user.rawValue }) { v.fail("user_id", "Choose someone given this partnership") }
        try v.check()
        try await casework.setMember(kind, caseID, user: user!.rawValue, on: member == .yes, partnership: partnershipID, by: visitor.author)
    }
}

/// A yes or no in a form.
package enum YesNo: String, Sendable, CaseIterable { case yes, no }

/// An administrator outside a case's team asked to see it without giving a reason.
package enum CaseRefusal: Error { case needsReason }
