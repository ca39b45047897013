import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// The drafts computed lately, so that the assessment's page, its JSON and each of its CSV
/// tables are served from one computation rather than one each. A draft depends on the crime
/// held, the geography, the register and the settings, and every change to any of them is
/// recorded in the audit log, which moves the change count on (`ChangeCount`): keyed by the
/// count, an entry can never outlive what it was computed from, and every server instance keeps
/// its own copy of the same answer.
package actor AssessmentCache {
    package struct Key: Hashable {
        package let partnership: RecordID<Partnership>
        package let lastMonth: Int
        package let changes: Int64
    }

    private var entries: [Key: Task<StrategicAssessment, any Error>] = [:]
    private var order: [Key] = []
    package static let capacity = 24

    /// The document as shown for a draft and a way of showing it, which is most of a first
    /// view's time to write (see `document`).
    package struct DocumentKey: Hashable, Sendable {
        let partnership: RecordID<Partnership>
        let lastMonth: Int
        let canChangeSettings: Bool
        let canPrintPDF: Bool
    }

    /// Kept while the count stands, up to 32 MB a server (the county board's is 0.6 MB).
    private nonisolated let documents = KeptWhileCurrent<DocumentKey, String>(budget: 32 << 20) { $0.utf8.count }

    /// - Parameter changes: the count the request read with its session, if it only reads
    ///   (`HallmarkContext.readsKeptAt`); without one, the count is read now.
    package func draft(_ partnership: Partnership, to last: Int, deps: AssessmentService, at changes: Int64? = nil) async throws -> StrategicAssessment {
        let key = Key(partnership: partnership.id, lastMonth: last, changes: try await Self.count(changes, deps))
        if let running = entries[key] { return try await running.value }
        // Requests that arrive while it is computed wait for the same computation.
        let task = Task { try await StrategicAssessment.draft(partnership, to: last, deps: deps) }
        entries[key] = task
        order.append(key)
        if order.count > Self.capacity { entries[order.removeFirst()] = nil }
        do {
            return try await task.value
        } catch {
            entries[key] = nil
            order.removeAll { $0 == key }
            throw error
        }
    }

    /// The document of the draft as the server shows it, written once a count for each way of
    /// showing it (whether the reader is offered the settings and a PDF).
    package nonisolated func document(
        _ partnership: Partnership, to last: Int, deps: AssessmentService, at changes: Int64?, canChangeSettings: Bool, canPrintPDF: Bool
    ) async throws -> String {
        let count = try await Self.count(changes, deps)
        let key = DocumentKey(partnership: partnership.id, lastMonth: last, canChangeSettings: canChangeSettings, canPrintPDF: canPrintPDF)
        return try await documents.value(key, at: count) {
            try await draft(partnership, to: last, deps: deps, at: count)
                .html(partnershipID: partnership.id, canChangeSettings: canChangeSettings, canPrintPDF: canPrintPDF)
        }
    }

    private static func count(_ changes: Int64?, _ deps: AssessmentService) async throws -> Int64 {
        if let changes { return changes }
        return try await AuditLog.version(in: deps.store)
    }
}
