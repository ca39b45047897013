import Foundation
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

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

    /// Each partnership's residents and recorded crime (anti-social behaviour apart) over the
    /// latest twelve months held, for the needs formula; nil when no crime is held.
    package func needs(of partnerships: [Partnership]) async throws -> (period: String, figures: [RecordID<Partnership>: (residents: Int, crimes: Int)])? {
        guard let last = try await crimeData.crime.latestMonth() else { return nil }
        let period = CrimePeriod(from: last - 11, to: last)
        var figures: [RecordID<Partnership>: (residents: Int, crimes: Int)] = [:]
        for p in partnerships {
            let f = try await CrimeFigures.load(p, period: period, crimeData, withOutcomes: false)
            figures[p.id] = (f.residents, f.crimesByMonth.reduce(0, +))
        }
        return (period.label, figures)
    }

    package var store: Store { register.store }
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
