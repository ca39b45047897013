import Foundation
import HallmarkDomain
import HallmarkStore
import HallmarkTestSupport
import SQLKit
import Testing

/// The jobs table: any instance may claim a job, no job is claimed twice, a job pinned to an
/// instance waits for it, and only a job whose heartbeat has lapsed is closed by another.
@Suite("Jobs in the database")
struct JobQueueTests {
    @Test("jobs are claimed oldest first, pinned jobs only by their instance", arguments: Backend.allCases)
    func claimOrder(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let jobs = JobQueue(store: store)
            let any = try await jobs.enqueue(kind: "test", arguments: "{}", by: nil)
            let forA = try await jobs.enqueue(kind: "test", arguments: "{}", runsOn: "A", by: nil)
            let forB = try await jobs.enqueue(kind: "test", arguments: "{}", runsOn: "B", by: nil)
            _ = try await jobs.enqueue(kind: "other", arguments: "{}", by: nil)

            #expect(try await jobs.claim(kinds: ["test"], instance: "B")?.id == any)
            #expect(try await jobs.claim(kinds: ["test"], instance: "B")?.id == forB)
            #expect(try await jobs.claim(kinds: ["test"], instance: "B") == nil)
            let claimed = try #require(try await jobs.claim(kinds: ["test"], instance: "A"))
            #expect(claimed.id == forA && claimed.state == .running && claimed.claimedBy == "A" && claimed.attempts == 1)
            #expect(try await jobs.claim(kinds: ["test"], instance: "A") == nil)

            try await jobs.finish(forA, instance: "A", .succeeded, result: "done")
            let finished = try #require(try await jobs.find(forA))
            #expect(finished.state == .succeeded && finished.result == "done")
            // Another instance cannot end a job that is not its own.
            try await jobs.finish(any, instance: "A", .failed, error: "not mine")
            #expect(try await jobs.find(any)?.state == .running)
        }
    }

    @Test("eight instances claiming at once take each of 40 jobs exactly once", arguments: Backend.allCases)
    func concurrentClaims(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let jobs = JobQueue(store: store)
            var made: [RecordID<Job>] = []
            for n in 0..<40 { made.append(try await jobs.enqueue(kind: "test", arguments: "{\"n\":\(n)}", by: nil)) }
            let claimed = try await withThrowingTaskGroup(of: [RecordID<Job>].self) { group in
                for instance in 0..<8 {
                    group.addTask {
                        var mine: [RecordID<Job>] = []
                        while let job = try await jobs.claim(kinds: ["test"], instance: "instance \(instance)") { mine.append(job.id) }
                        return mine
                    }
                }
                return try await group.reduce(into: [RecordID<Job>]()) { $0 += $1 }
            }
            #expect(claimed.sorted() == made.sorted())
        }
    }

    @Test("only a job whose heartbeat lapsed is closed, and its instance then cannot end it", arguments: Backend.allCases)
    func lapsedJobs(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let jobs = JobQueue(store: store)
            let dead = try await jobs.enqueue(kind: "test", arguments: "{}", by: nil)
            let live = try await jobs.enqueue(kind: "test", arguments: "{}", by: nil)
            let waiting = try await jobs.enqueue(kind: "test", arguments: "{}", runsOn: "gone", by: nil)
            let waitingLive = try await jobs.enqueue(kind: "test", arguments: "{}", runsOn: "B", by: nil)
            _ = try await jobs.claim(kinds: ["test"], instance: "A")
            _ = try await jobs.claim(kinds: ["test"], instance: "B")
            // The first job's instance and the instance "gone" stopped beating ten minutes ago.
            try await store.withConnection { db in
                try await db.raw("UPDATE jobs SET heartbeat_at = heartbeat_at - 600 WHERE id IN (\(bind: dead), \(bind: waiting))").run()
            }
            #expect(try await jobs.beat(live, instance: "B", progress: "half"))

            let closed = try await jobs.closeLapsed(lease: 120)
            #expect(Set(closed.map(\.id)) == [dead, waiting])
            #expect(try await jobs.find(dead)?.state == .interrupted)
            #expect(try await jobs.find(live)?.state == .running)
            #expect(try await jobs.find(live)?.progress == "half")
            #expect(try await jobs.find(waitingLive)?.state == .queued)
            // The first instance, if it was only slow, learns that the job is no longer its own.
            #expect(try await jobs.beat(dead, instance: "A") == false)
            try await jobs.finish(dead, instance: "A", .succeeded)
            #expect(try await jobs.find(dead)?.state == .interrupted)
            #expect(try await jobs.closeLapsed(lease: 120).isEmpty)
        }
    }

    @Test("a finished job moves no further")
    func transitions() {
        #expect(JobState.queued.next == [.running, .interrupted])
        #expect(JobState.running.next == [.succeeded, .failed, .interrupted])
        #expect([JobState.succeeded, .failed, .interrupted].allSatisfy { $0.finished })
        #expect(!JobState.queued.finished && !JobState.running.finished)
    }
}
