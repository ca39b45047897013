import Foundation
import HallmarkDomain
import HallmarkEngagement
import HallmarkPlan
import HallmarkRestructuring
import HallmarkReviews
import HallmarkStore
import Logging
import ServiceLifecycle

/// Starts the week's digest of owners' actions once a week, and the closing of ended
/// consultations and the removal of case data past its retention once a day, however many servers run: each looks every few minutes, and the
/// first to record a period's run queues its job (see `ScheduledRuns`); the job runner of any
/// server then runs it.
package struct WeeklyDigest: Service {
    let runs: ScheduledRuns
    let every: Duration
    let logger: Logger
    /// Whether the weekly digest is on (HALLMARK_WEEKLY_DIGEST); the daily work always runs.
    let digest: Bool

    package init(store: Store, digest: Bool = true, every: Duration = .seconds(300), logger: Logger) {
        self.digest = digest
        self.runs = ScheduledRuns(store: store)
        self.every = every
        self.logger = logger
    }

    /// Queues the digest of the week `now` falls in, unless it was queued already; true when this call queued it.
    @discardableResult
    package func look(now: Date = Date()) async throws -> Bool {
        // Each day's closing of the consultations that ended the day before.
        if try await runs.start(kind: ConsultationJobs.closingKind, period: CalendarDate.today(now: now).iso) {
            logger.info("Consultations that have ended are being closed.")
        }
        // Each day's removal of personal data past its retention.
        if try await runs.start(kind: CaseworkJobs.retentionKind, period: CalendarDate.today(now: now).iso) {
            logger.info("Case data past its retention is being removed.")
        }
        if try await runs.start(kind: CaseworkJobs.sharingReviewKind, period: CalendarDate.today(now: now).iso) {
            logger.info("Partners are being reminded of information-sharing agreements due for review.")
        }
        // Each day's completion of the mergers whose effective date has come.
        if try await runs.start(kind: MergerJobs.completionKind, period: CalendarDate.today(now: now).iso) {
            logger.info("Mergers due today are being completed.")
        }
        if !digest { return false }
        guard let week = ActionDigest.week(of: now) else { return false }
        let started = try await runs.start(kind: ActionDigest.kind, period: week)
        if started { logger.info("The digest of owners’ actions for the week of \(week) was queued.") }
        return started
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await look()
            } catch {
                logger.error("The weekly digest could not be scheduled: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: every) }
            } catch {
                break
            }
        }
    }
}
