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

    package func draft(_ partnership: Partnership, to last: Int, deps: AssessmentService) async throws -> StrategicAssessment {
        let key = Key(partnership: partnership.id, lastMonth: last, changes: try await AuditLog.version(in: deps.store))
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
}
