import Foundation
import HallmarkDomain
import SQLKit
import Synchronization

/// A stored block, by what never changes for it: a block is never rewritten (a re-import writes a
/// new one under a new id), and the checksum of the file it was read from tells it apart from
/// another given the same id, as after a database is restored from an older backup while servers run.
package struct BlockKey: Hashable, Sendable {
    package let id: Int64
    package let checksum: String
}

/// What a count or crime query needs to know of the stored blocks before it reads any: which
/// are held, their months, LSOAs and outcome labels. Every query used to ask the database for
/// every block in its months (2,580 rows for five years' history) and look through each
/// block's LSOA list; now the list of blocks held is read once per change count, and each
/// block's shape once for as long as it is held. Queries pass a connection of their own, never
/// a transaction's, so what is listed has been committed.
package final class HeldBlocks: Sendable {
    /// A block as queries find it.
    package struct Shape: Sendable {
        /// Its slots' LSOAs (`LSOA.index`), ascending.
        package let lsoas: [UInt32]
        /// Which runs of `bucketSize` LSOA indices it has any slot in, so that a query can pass
        /// over blocks far from its areas without looking at their slots.
        package let buckets: [UInt64]
        /// The outcome labels its crimes' outcome bytes index.
        package let outcomes: [String]

        init(lsoas: [UInt32], outcomes: [String]) {
            self.lsoas = lsoas
            self.outcomes = outcomes
            buckets = Self.buckets(lsoas)
        }

        /// Small enough that the LSOAs new in 2021, numbered after all of 2011's, do not put
        /// every block in one bucket with every partnership.
        package static let bucketSize = 64
        package static func buckets(_ lsoas: some Sequence<UInt32>) -> [UInt64] {
            var buckets = [UInt64](repeating: 0, count: (LSOA.capacity / bucketSize + 64) / 64)
            for lsoa in lsoas where lsoa < LSOA.capacity {
                let bucket = Int(lsoa) / bucketSize
                buckets[bucket >> 6] |= 1 << UInt64(bucket & 63)
            }
            return buckets
        }

        /// Whether it may hold any of the LSOAs whose buckets are given as the words that have
        /// any (`wanted(_:)`): a query's areas touch few.
        package func mayHold(_ wanted: [(index: Int, bits: UInt64)]) -> Bool {
            wanted.contains { buckets[$0.index] & $0.bits != 0 }
        }

        /// The words of `buckets(lsoas)` that are not empty.
        package static func wanted(_ lsoas: some Sequence<UInt32>) -> [(index: Int, bits: UInt64)] {
            buckets(lsoas).enumerated().filter { $0.element != 0 }.map { ($0.offset, $0.element) }
        }
    }

    /// A class, so that looking through thousands of them takes one reference each, not one for
    /// every array and string they hold.
    package final class Held: Sendable {
        package let key: BlockKey
        package let month: Int
        package let shape: Shape

        init(key: BlockKey, month: Int, shape: Shape) {
            self.key = key
            self.month = month
            self.shape = shape
        }
    }

    private struct Listed {
        var changes: Int64 = .min
        /// By month, then id.
        var blocks: [Held] = []
    }

    private let listed = Mutex(Listed())
    private let shapes = Mutex([BlockKey: Shape]())

    /// The blocks held in `months`, by month then id, as of the count read with them.
    package func blocks(in months: ClosedRange<Int>, _ db: any SQLDatabase) async throws -> ArraySlice<Held> {
        let changes = try await ChangeCount.read(db)
        var all = listed.withLock { $0.changes == changes ? $0.blocks : nil }
        if all == nil { all = try await list(at: changes, db) }
        guard let all else { return [] }
        return all[all.firstIndex(notBefore: months.lowerBound, \.month)..<all.firstIndex(notBefore: months.upperBound + 1, \.month)]
    }

    private func list(at changes: Int64, _ db: any SQLDatabase) async throws -> [Held] {
        let rows = try await db.raw(
            """
            SELECT m.id, m.checksum, m.month FROM crime_force_months m JOIN crime_blocks b ON b.force_month_id = m.id
            WHERE m.staged_by IS NULL ORDER BY m.month, m.id
            """
        ).all().map { row in
            (
                key: BlockKey(id: try row.decode(column: "id", as: Int64.self), checksum: try row.decode(column: "checksum", as: String.self)),
                month: try row.decode(column: "month", as: Int.self)
            )
        }
        var known = shapes.withLock { shapes in rows.reduce(into: [BlockKey: Shape]()) { $0[$1.key] = shapes[$1.key] } }
        let missing = Dictionary(rows.map(\.key).filter { known[$0] == nil }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for chunk in missing.keys.sorted().chunks(of: 5000) {
            for row in try await db.raw(
                """
                SELECT b.force_month_id, b.lsoas, m.outcomes_json FROM crime_blocks b JOIN crime_force_months m ON m.id = b.force_month_id
                WHERE b.force_month_id IN \(SQLBind.group(Array(chunk)))
                """
            ).all() {
                guard let key = missing[try row.decode(column: "force_month_id", as: Int64.self)] else { continue }
                let outcomes = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "outcomes_json", as: String.self).utf8))
                known[key] = Shape(lsoas: try row.decode(column: "lsoas", as: Data.self).words, outcomes: outcomes)
            }
        }
        // Shapes of blocks no longer held are let go with the list that held them.
        shapes.withLock { $0 = known }
        let blocks = rows.compactMap { row in known[row.key].map { Held(key: row.key, month: row.month, shape: $0) } }
        listed.withLock { listed in
            if changes > listed.changes { listed = Listed(changes: changes, blocks: blocks) }
        }
        return blocks
    }
}

extension RandomAccessCollection where Index == Int {
    /// In a collection ascending by `value`, the index of the first element whose value is not
    /// below `bound` (`endIndex` if none).
    package func firstIndex<Value: Comparable>(notBefore bound: Value, _ value: (Element) -> Value) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if value(self[middle]) < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The parts of blocks that queries read, kept once read, up to a budget: a block never changes,
/// so a part read once stays true. Partnerships in one force area read the same blocks, so the
/// next assessment, crime page or table in that force reads them from memory.
package final class BlockParts: Sendable {
    /// A block's crimes, as `CrimeBlock.Stored` holds them.
    package struct Crimes: Sendable {
        package let starts: [UInt32]
        package let records: [UInt8]
        package let locations: CrimeBlock.LocationTable
    }

    /// Bytes of counts and of crimes kept; the counts of a national month take about 2 MB, the
    /// crimes and snap points of the largest force's month about 1.7 MB.
    package static let countsBudget = 32 << 20
    package static let crimesBudget = 64 << 20

    // What a block holds never changes, so one count (0) serves for ever.
    private let counts = KeptWhileCurrent<BlockKey, [UInt32]>(budget: countsBudget) { $0.count * 4 + 64 }
    private let crimes = KeptWhileCurrent<BlockKey, Crimes>(budget: crimesBudget) { $0.starts.count * 4 + $0.records.count + $0.locations.bytes.count + 64 }

    package func counts(of blocks: [BlockKey], _ db: any SQLDatabase) async throws -> [BlockKey: [UInt32]] {
        try await parts(of: blocks, "counts", kept: counts, db) { try $0.decode(column: "counts", as: Data.self).words }
    }

    package func crimes(of blocks: [BlockKey], _ db: any SQLDatabase) async throws -> [BlockKey: Crimes] {
        try await parts(of: blocks, "crime_starts, crimes, locations", kept: crimes, db) { row in
            guard let locations = CrimeBlock.LocationTable(try row.decode(column: "locations", as: Data.self)) else {
                throw StoreError.notFound("the snap points of stored force-month \(try row.decode(column: "force_month_id", as: Int64.self))")
            }
            return Crimes(
                starts: try row.decode(column: "crime_starts", as: Data.self).words, records: [UInt8](try row.decode(column: "crimes", as: Data.self)),
                locations: locations)
        }
    }

    /// The parts of each block still stored, from memory where kept and in a few queries for
    /// the rest, however many.
    private func parts<Part: Sendable>(
        of blocks: [BlockKey], _ columns: String, kept: KeptWhileCurrent<BlockKey, Part>, _ db: any SQLDatabase, _ decode: (any SQLRow) throws -> Part
    ) async throws -> [BlockKey: Part] {
        var found: [BlockKey: Part] = [:]
        var missing: [Int64: BlockKey] = [:]
        for block in blocks {
            if let part = kept.value(block, at: 0) { found[block] = part } else { missing[block.id] = block }
        }
        for chunk in missing.keys.sorted().chunks(of: 5000) {
            for row in try await db.raw(
                "SELECT force_month_id, \(unsafeRaw: columns) FROM crime_blocks WHERE force_month_id IN \(SQLBind.group(Array(chunk)))"
            ).all() {
                guard let block = missing[try row.decode(column: "force_month_id", as: Int64.self)] else { continue }
                let part = try decode(row)
                found[block] = part
                kept.keep(part, for: block, at: 0)
            }
        }
        return found
    }
}
