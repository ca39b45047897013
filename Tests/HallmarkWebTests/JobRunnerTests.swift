import Foundation
import HallmarkDomain
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Logging
import ServiceLifecycle
import Testing

/// The job runner, as the server's service group runs it.
@Suite("The job runner")
struct JobRunnerTests {
    static var logger: Logger {
        var logger = Logger(label: "hallmark-test-jobs")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `runner` in a service group for the length of `body`, then shuts it down gracefully.
    func running(_ runner: JobRunner, _ body: @escaping @Sendable (ServiceGroup) async throws -> Void) async throws {
        let group = ServiceGroup(services: [runner], gracefulShutdownSignals: [], cancellationSignals: [], logger: Self.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await body(group)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test("a graceful shutdown lets the job in hand finish and claims no other", arguments: Backend.allCases)
    func gracefulShutdown(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let queue = JobQueue(store: store)
            let first = try await queue.enqueue(kind: "wait", arguments: "{}", by: nil)
            let second = try await queue.enqueue(kind: "wait", arguments: "{}", by: nil)
            let started = Signal(), go = Signal()
            let runner = JobRunner(
                queue: queue,
                handlers: [
                    "wait": { _, report in
                        started.send()
                        await go.wait()
                        try await report("all done")
                        return "stored"
                    }
                ], instance: "test", lease: 120, idle: .milliseconds(20), logger: Self.logger)
            try await running(runner) { group in
                await started.wait()
                await group.triggerGracefulShutdown()
                try await Task.sleep(for: .milliseconds(100))
                go.send()
            }
            let done = try #require(try await queue.find(first))
            #expect(done.state == .succeeded && done.result == "stored" && done.progress == "all done")
            #expect(try await queue.find(second)?.state == .queued)
        }
    }

    @Test("a running job's heartbeat keeps it from being closed by another instance; a throwing one fails", arguments: Backend.allCases)
    func heartbeat(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let queue = JobQueue(store: store)
            let slow = try await queue.enqueue(kind: "slow", arguments: "{}", by: nil)
            let broken = try await queue.enqueue(kind: "broken", arguments: "{}", by: nil)
            struct Broken: Error, CustomStringConvertible { var description: String { "the files could not be read" } }
            let runner = JobRunner(
                queue: queue,
                handlers: [
                    "slow": { _, _ in
                        try await Task.sleep(for: .seconds(7))
                        return nil
                    },
                    "broken": { _, _ in throw Broken() },
                ], instance: "test", lease: 4, idle: .milliseconds(20), logger: Self.logger)
            try await running(runner) { _ in
                // Another instance looking for lapsed jobs all the while, with the same 4-second lease
                // (beaten every second), for longer than the lease.
                var closed: [RecordID<Job>] = []
                while try await queue.find(broken)?.state.finished != true {
                    closed += try await queue.closeLapsed(lease: 4).map(\.id)
                    try await Task.sleep(for: .milliseconds(250))
                }
                #expect(closed.isEmpty)
            }
            #expect(try await queue.find(slow)?.state == .succeeded)
            let failed = try #require(try await queue.find(broken))
            #expect(failed.state == .failed && failed.error == "the files could not be read")
        }
    }
}
