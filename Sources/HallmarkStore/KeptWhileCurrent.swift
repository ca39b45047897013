import Synchronization

/// Things worked out from the stored state as it stood at one change count (see
/// `ChangeCount`), kept until the count moves on. Each server instance keeps its own, and all
/// read the same count from the database, so none can answer from a state another has changed.
///
/// Only the newest count's values are kept: a request that read an older count (a change
/// committed while it ran) neither reads nor keeps anything. Within a count, the oldest values
/// go first once their cost passes the budget.
package final class KeptWhileCurrent<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Kept: Sendable {
        var changes: Int64 = .min
        var values: [Key: Value] = [:]
        /// Keys oldest first from `oldest`; the ones before it have gone, and are cut off in
        /// batches, so that making room does not move every key each time.
        var order: [Key] = []
        var oldest = 0
        var cost = 0
    }

    private let kept = Mutex(Kept())
    private let budget: Int
    private let cost: @Sendable (Value) -> Int

    /// `cost` measures a value against `budget` (bytes, say); by default each value costs one.
    package init(budget: Int, cost: @escaping @Sendable (Value) -> Int = { _ in 1 }) {
        self.budget = budget
        self.cost = cost
    }

    package func value(_ key: Key, at changes: Int64) -> Value? {
        kept.withLock { $0.changes == changes ? $0.values[key] : nil }
    }

    /// The value kept for `key` at `changes`, or else `read()`'s, kept at `changes` for the
    /// requests after; with no count (a request that writes), read afresh and not kept.
    package func value(_ key: Key, at changes: Int64?, orRead read: () async throws -> Value) async rethrows -> Value {
        if let changes, let kept = value(key, at: changes) { return kept }
        let value = try await read()
        if let changes { keep(value, for: key, at: changes) }
        return value
    }

    package func keep(_ value: Value, for key: Key, at changes: Int64) {
        let valueCost = cost(value)
        guard valueCost <= budget else { return }
        kept.withLock { kept in
            if changes > kept.changes { kept = Kept(changes: changes) }
            guard changes == kept.changes, kept.values[key] == nil else { return }
            kept.values[key] = value
            kept.order.append(key)
            kept.cost += valueCost
            while kept.cost > budget, kept.oldest < kept.order.count {
                if let gone = kept.values.removeValue(forKey: kept.order[kept.oldest]) { kept.cost -= cost(gone) }
                kept.oldest += 1
            }
            if kept.oldest > 1024 && kept.oldest * 2 > kept.order.count {
                kept.order.removeFirst(kept.oldest)
                kept.oldest = 0
            }
        }
    }
}
