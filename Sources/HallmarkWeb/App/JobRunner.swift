import HallmarkKit
import HallmarkStore
import Logging
import ServiceLifecycle

/// Claims jobs from the jobs table and runs them, one at a time, as a service of the server's
/// service group. While a job runs its heartbeat is beaten every quarter of the lease, so that
/// other instances can tell a live job from one whose server died. On a graceful shutdown it
/// claims nothing more and finishes the job in hand before returning.
package struct JobRunner: Service {
    let queue: JobQueue
    let handlers: [String: JobHandler]
    let instance: String
    /// Seconds without a heartbeat after which a job is taken to be dead.
    let lease: Int64
    /// How long to wait before looking again when there is nothing to do.
    let idle: Duration
    let logger: Logger

    package init(queue: JobQueue, handlers: [String: JobHandler], instance: String, lease: Int64, idle: Duration = .milliseconds(250), logger: Logger) {
        self.queue = queue
        self.handlers = handlers
        self.instance = instance
        self.lease = lease
        self.idle = idle
        self.logger = logger
    }

    package func run() async throws {
        let kinds = handlers.keys.sorted()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                for closed in try await queue.closeLapsed(lease: lease) {
                    logger.warning("Job \(closed.id) (\(closed.kind)) stopped without finishing: its server stopped beating its heartbeat.")
                }
                if let job = try await queue.claim(kinds: kinds, instance: instance) {
                    await perform(job)
                    continue
                }
            } catch {
                // The database may be briefly unreachable; the next look tries again.
                logger.error("The job queue could not be read: \(error)")
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: idle) }
            } catch {
                break
            }
        }
    }

    /// Runs one job with its heartbeat beside it, then records how it ended.
    func perform(_ job: Job) async {
        guard let handler = handlers[job.kind] else { return }
        logger.info("Job \(job.id) (\(job.kind)) started.")
        let outcome: Result<String?, any Error> = await withTaskGroup(of: Result<String?, any Error>?.self) { group in
            group.addTask {
                do {
                    return .success(try await handler(job) { progress in try await queue.beat(job.id, instance: instance, progress: progress) })
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                let beat = Duration.seconds(max(1, lease / 4))
                while !Task.isCancelled {
                    try? await Task.sleep(for: beat)
                    if Task.isCancelled { break }
                    _ = try? await queue.beat(job.id, instance: instance)
                }
                return nil
            }
            var outcome: Result<String?, any Error> = .success(nil)
            for await finished in group {
                if let finished {
                    outcome = finished
                    group.cancelAll()
                }
            }
            return outcome
        }
        do {
            switch outcome {
            case .success(let result):
                try await queue.finish(job.id, instance: instance, .succeeded, result: result)
                logger.info("Job \(job.id) (\(job.kind)) finished.")
            case .failure(let error):
                try await queue.finish(job.id, instance: instance, .failed, error: "\(error)")
                logger.warning("Job \(job.id) (\(job.kind)) failed: \(error)")
            }
        } catch {
            logger.error("Job \(job.id) (\(job.kind)) ended but could not be recorded: \(error)")
        }
    }
}
