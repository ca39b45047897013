import Foundation

/// Work that blocks a thread for a long time (unpacking a zip of a gigabyte), run on a thread of
/// its own: Swift's cooperative threads, one a core, are then left to answer requests, and
/// two large uploads at once cannot stall the server.
package enum BlockingWork {
    package static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.name = "hallmark-blocking-work"
            thread.start()
        }
    }
}
