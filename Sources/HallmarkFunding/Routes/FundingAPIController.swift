import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// The money as JSON under `/api/v1`, for the partnerships in the caller's scope. Read only:
/// changes are made in the pages, where each is checked and audited.
package struct FundingAPIController {
    package let deps: FundingService

    package init(deps: FundingService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.fundingAPI.path, use: funding)
        router.get(Site.allocationsAPI.path, use: allocations)
    }

    struct PoolRecord: Encodable {
        struct Share: Encodable {
            let contributor: PoolContributor
            let due: Money
            let paid: Money
            let owed: Money
        }

        let fund: PooledFund
        let shares: [Share]
        let movements: [PoolMovement]
        let paidIn: Money
        let drawnDown: Money
        let balance: Money
    }

    struct FundingRecord: Encodable {
        let streams: [FundingStream]
        let budgetLines: [BudgetLine]
        let pooledFunds: [PoolRecord]
        let services: [CommissionedService]
    }

    /// Every year's streams and budget lines, the pooled funds with their ledgers, and the
    /// commissioned services. Amounts are whole pence.
    package func funding(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        let pools = try await deps.pools.statements(of: p.id).map { s in
            PoolRecord(
                fund: s.fund, shares: s.lines.map { .init(contributor: $0.contributor, due: $0.due, paid: $0.paid, owed: $0.owed) }, movements: s.movements,
                paidIn: s.paidIn, drawnDown: s.drawnDown, balance: s.balance)
        }
        return try jsonResponse(
            FundingRecord(
                streams: try await deps.streams.streams(of: p.id), budgetLines: try await deps.budgets.allLines(of: p.id), pooledFunds: pools,
                services: try await deps.commissioning.services(of: p.id)))
    }

    struct StatementRecord: Encodable {
        let id: RecordID<RecordVersion>
        let title: String
        let approved: Bool
        let approvedAtMeeting: String?
        let request: AllocationRequest
        let allocation: Allocation
    }

    /// The allocation statements saved here, latest first, each with its request and lines.
    package func allocations(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readFunding)
        var records: [StatementRecord] = []
        for v in try await deps.statements.versions(of: p.id) {
            guard let saved = try await deps.saved(v.id, of: p) else { continue }
            records.append(
                StatementRecord(
                    id: v.id, title: v.title, approved: v.isApproved, approvedAtMeeting: v.approvedAtMeeting, request: saved.request, allocation: saved.allocation))
        }
        return try jsonResponse(records)
    }
}
