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
    ///
    /// Requests that ask for a value while another is reading it wait for that one read rather
    /// than each reading it again: a change makes every kept value stale at once, and a busy
    /// page's visitors would otherwise all work it out together (sixty-four at a time took a
    /// public page's slowest answers from 15 ms to half a second). If that read fails, each
    /// waiting request reads for itself. A waiting request waits for that read even if it is
    /// cancelled meanwhile. `read` must not ask this cache for the same key again, directly or
    /// through another cache, or it waits for itself.
    package func value(_ key: Key, at changes: Int64?, orRead read: () async throws -> Value) async rethrows -> Value {
        guard let changes else { return try await read() }
        if let kept = value(key, at: changes) { return kept }
        let reading = Reading(key: key, changes: changes)
        switch await turn(reading) {
        case .kept(let value): return value
        case .theirs(let value): return value
        case .failed:
            let value = try await read()
            keep(value, for: key, at: changes)
            return value
        case .ours:
            do {
                let value = try await read()
                keep(value, for: key, at: changes)
                finish(reading, .theirs(value))
                return value
            } catch {
                finish(reading, .failed)
                throw error
            }
        }
    }

    private struct Reading: Hashable, Sendable {
        let key: Key
        let changes: Int64
    }

    private enum Turn: Sendable {
        /// Kept by a read that finished just before this request asked.
        case kept(Value)
        /// This request reads, and the others asking meanwhile wait for it.
        case ours
        /// Read by the request that was reading when this one asked.
        case theirs(Value)
        /// That read failed.
        case failed
    }

    /// The requests waiting for each value being read.
    private let waiting = Mutex<[Reading: [CheckedContinuation<Turn, Never>]]>([:])

    private func turn(_ reading: Reading) async -> Turn {
        await withCheckedContinuation { (asker: CheckedContinuation<Turn, Never>) in
            let turn: Turn? = waiting.withLock { waiting in
                if waiting[reading] != nil {
                    waiting[reading]!.append(asker)
                    return nil
                }
                // Looked at again under the lock that `finish` takes, so no finished read is missed.
                if let kept = value(reading.key, at: reading.changes) { return .kept(kept) }
                waiting[reading] = []
                return .ours
            }
            if let turn { asker.resume(returning: turn) }
        }
    }

    private func finish(_ reading: Reading, _ turn: Turn) {
        for waiter in waiting.withLock({ $0.removeValue(forKey: reading) }) ?? [] { waiter.resume(returning: turn) }
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
