import Foundation
import SQLKit

/// Counts requests per bucket (a form and a client address, say) in fixed windows, in the
/// database, so that several server instances share one count and a restart forgets nothing.
public struct RateLimit: Sendable {
    public let store: Store
    /// How many requests a bucket may make in a window.
    public let limit: Int
    public let windowSeconds: Int64
    /// The time, in seconds: the clock, except in tests.
    let clock: @Sendable () -> Int64

    public init(store: Store, limit: Int, windowSeconds: Int64 = 60, clock: (@Sendable () -> Int64)? = nil) {
        self.store = store
        self.limit = limit
        self.windowSeconds = windowSeconds
        self.clock = clock ?? { Int64(Date().timeIntervalSince1970) }
    }

    /// Counts one request; false when the bucket has used up its window. One statement, so two
    /// instances counting at once never lose a request.
    public func allows(_ bucket: String, at time: Int64? = nil) async throws -> Bool {
        let time = time ?? clock()
        let window = time - time % windowSeconds
        let hits = try await store.withConnection { db in
            try await db.raw(
                """
                INSERT INTO rate_limits (bucket, window_start, hits) VALUES (\(bind: bucket), \(bind: window), 1)
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
                RETURNING hits
                """
            ).first()!.column("hits", Int.self)
        }
        if hits == 1 {
            // The first request of a window clears its bucket's old windows.
            try await store.withConnection { db in
                try await db.raw("DELETE FROM rate_limits WHERE bucket = \(bind: bucket) AND window_start < \(bind: window)").run()
            }
        }
        return hits <= limit
    }
}
