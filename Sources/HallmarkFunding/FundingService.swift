import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// What the funding routes work with: the register's partnerships and the saved statements.
package struct FundingService: Sendable {
    package let register: RegisterService
    /// Where the needs formula's population and recorded crime come from.
    package let crimeData: CrimeDataService
    package let printer: PDFPrinter?

    package init(crimeData: CrimeDataService, printer: PDFPrinter? = PDFPrinter.find()) {
        self.register = crimeData.register
        self.crimeData = crimeData
        self.printer = printer
    }

    /// What the needs formula reads of one partnership.
    package struct Need: Sendable, Equatable {
        package var residents: Int
        package var crimes: Int
        /// Recorded crime weighted by the standard harm table (each crime counted as its
        /// category's weight), anti-social behaviour apart, as the assessment weighs it.
        package var harm: Double

        package init(_ f: CrimeFigures) {
            let weights = HarmWeights.standard
            self.residents = f.residents
            self.crimes = f.crimesByMonth.reduce(0, +)
            self.harm = f.types.reduce(0.0) { sum, row in
                guard let type = CrimeType(rawValue: row.crimeType), type != .antiSocialBehaviour else { return sum }
                return sum + Double(row.total) * weights.weight(type)
            }
        }
    }

    /// Each partnership's residents, recorded crime and harm-weighted crime (anti-social
    /// behaviour apart) over the latest twelve months held; nil when no crime is held.
    package func needs(of partnerships: [Partnership]) async throws -> (period: String, figures: [RecordID<Partnership>: Need])? {
        guard let period = try await needsPeriod() else { return nil }
        var figures: [RecordID<Partnership>: Need] = [:]
        for p in partnerships {
            figures[p.id] = Need(try await CrimeFigures.load(p, period: period, crimeData, withOutcomes: false))
        }
        return (period.label, figures)
    }

    /// The latest twelve months held, as the needs formula reads them; nil when no crime is held.
    package func needsPeriod() async throws -> CrimePeriod? {
        try await crimeData.crime.latestMonth().map { CrimePeriod(from: $0 - 11, to: $0) }
    }

    package var store: Store { register.store }
    package var budgets: BudgetRepository { BudgetRepository(store: store) }
    package var streams: FundingStreamRepository { FundingStreamRepository(store: store) }
    package var pools: PooledFundRepository { PooledFundRepository(store: store) }
    package var commissioning: CommissioningRepository { CommissioningRepository(store: store) }

    /// The year a page asks for (`?year=2026/27`), by default the current one; an unknown year is refused.
    package static func year(_ request: Request) throws -> FinancialYear {
        guard let raw = request.uri.queryParameters.get("year") else { return FinancialYear(containing: .today()) }
        guard let year = FinancialYear(String(raw)) else {
            throw HTTPError(.unprocessableContent, message: "year must be a financial year like 2026/27")
        }
        return year
    }
    /// Allocation statements: saved as drafts, approved at a meeting, then frozen.
    package var statements: VersionedRecords { VersionedRecords(store: store, kind: "allocation statement") }

    /// What a statement keeps: the request as made and the allocation worked out from it.
    package struct SavedAllocation: Codable, Sendable {
        package let request: AllocationRequest
        package let allocation: Allocation
    }

    /// Saves an allocation as a draft statement: its figures as JSON, and the A4 document as it reads now.
    package func save(_ request: AllocationRequest, _ allocation: Allocation, for p: Partnership, savedBy name: String, by author: ChangeAuthor) async throws -> RecordVersion {
        let json = try JSONText.string(SavedAllocation(request: request, allocation: allocation))
        let fingerprint = String(Secrets.sha256(Data(json.utf8)).prefix(16))
        let status = "Draft, saved by \(name) on \(CalendarDate.today().long); not yet approved"
        return try await statements.saveDraft(
            partnershipID: p.id, title: "Allocation \(request.year): \(allocation.pot), \(allocation.method.lowercased())", fingerprint: fingerprint, by: author
        ) { _ in
            ["allocation.json": json, "statement.html": AllocationStatement.html(p, request, allocation, status: status, fingerprint: fingerprint), "status": status]
        }
    }

    package func saved(_ id: RecordID<RecordVersion>, of p: Partnership) async throws -> SavedAllocation? {
        guard let found = try await statements.parts(["allocation.json"], of: id, in: p.id), let json = found.parts["allocation.json"] else { return nil }
        return try JSONDecoder().decode(SavedAllocation.self, from: Data(json.utf8))
    }
}
