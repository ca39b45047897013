import Foundation
import Synchronization

/// Request counts and durations for Prometheus, per server instance (Prometheus scrapes each
/// instance and adds them up). Routes are recorded by their pattern, never by their ids.
package final class RequestMetrics: Sendable {
    package init() {}

    package static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct Key: Hashable { let method: String, route: String, status: Int }
    private struct Series { var count = 0; var sum = 0.0; var buckets = [Int](repeating: 0, count: RequestMetrics.buckets.count) }
    private let series = Mutex<[Key: Series]>([:])

    package func record(method: String, route: String, status: Int, seconds: Double) {
        series.withLock { all in
            var s = all[Key(method: method, route: route, status: status), default: Series()]
            s.count += 1
            s.sum += seconds
            for (i, bound) in Self.buckets.enumerated() where seconds <= bound { s.buckets[i] += 1 }
            all[Key(method: method, route: route, status: status)] = s
        }
    }

    /// The Prometheus text exposition format.
    package func exposition() -> String {
        let snapshot = series.withLock { $0 }
        var out = "# HELP hallmark_http_requests_total HTTP requests handled.\n# TYPE hallmark_http_requests_total counter\n"
        let keys = snapshot.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        for key in keys {
            out += "hallmark_http_requests_total{\(labels(key))} \(snapshot[key]!.count)\n"
        }
        out += "# HELP hallmark_http_request_duration_seconds Time to answer a request.\n# TYPE hallmark_http_request_duration_seconds histogram\n"
        for key in keys {
            let s = snapshot[key]!
            for (i, bound) in Self.buckets.enumerated() {
                out += "hallmark_http_request_duration_seconds_bucket{\(labels(key)),le=\"\(bound)\"} \(s.buckets[i])\n"
            }
            out += "hallmark_http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(s.count)\n"
            out += "hallmark_http_request_duration_seconds_sum{\(labels(key))} \(s.sum)\n"
            out += "hallmark_http_request_duration_seconds_count{\(labels(key))} \(s.count)\n"
        }
        return out
    }

    private func labels(_ key: Key) -> String {
        let route = key.route.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "method=\"\(key.method)\",route=\"\(route)\",status=\"\(key.status)\""
    }
}
