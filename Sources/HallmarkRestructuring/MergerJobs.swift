import HallmarkDomain
import HallmarkStore

/// The daily job that completes each merger on its effective date, when every step is done:
/// the new partnership exists on that day without anyone having to press a button. One not
/// ready is left for the officer, whose page says what is missing.
package enum MergerJobs {
    package static let completionKind = "merger-completion"

    package static func completion(_ service: RestructuringService) -> JobHandler {
        { _, _ in
            let today = CalendarDate.today()
            var completed = 0, waiting = 0
            for m in try await service.mergers.due(on: today) {
                let progress = try await service.progress(of: m)
                guard progress.outstanding(on: today).isEmpty else {
                    waiting += 1
                    continue
                }
                _ = try await service.mergers.complete(
                    m.id, in: m.partnershipID, on: today, crossesForces: progress.crossesForces, by: .system("merger on its effective date"))
                completed += 1
            }
            return "\(completed) merger\(completed == 1 ? "" : "s") completed; \(waiting) due but still waiting for a step"
        }
    }
}
