/// A file's crimes counted by LSOA, crime type and outcome as its rows are read. A table of its
/// own rather than a `Dictionary`, for the reason `SnapPointIndex` gives: a count is added for
/// every row, and the standard table's seeded hashing and its copy-on-write checks took a tenth
/// of the time it takes to count a national year. A class, so that adding to it checks nothing.
final class CubeTally {
    /// Per slot: the key plus one (0 is an empty slot), and its count.
    private var keys: UnsafeMutablePointer<UInt64>
    private var counts: UnsafeMutablePointer<Int32>
    private var bits = 12
    private var used = 0

    init() {
        keys = .allocate(capacity: 1 << bits)
        keys.initialize(repeating: 0, count: 1 << bits)
        counts = .allocate(capacity: 1 << bits)
        counts.initialize(repeating: 0, count: 1 << bits)
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
    }

    /// One word for the key: the LSOA's 32 bits, then the type and the outcome.
    private static func word(_ key: CubeKey) -> UInt64 {
        UInt64(UInt32(bitPattern: key.lsoa)) << 16 | UInt64(key.type) << 8 | UInt64(key.outcome)
    }

    private func slot(of stored: UInt64) -> Int {
        let mask = (1 << bits) - 1
        var at = Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        while keys[at] != 0 && keys[at] != stored { at = (at + 1) & mask }
        return at
    }

    func add(_ key: CubeKey) {
        let stored = Self.word(key) &+ 1
        let at = slot(of: stored)
        if keys[at] == 0 {
            keys[at] = stored
            used += 1
            counts[at] = 1
            if used * 2 > 1 << bits { grow() }
        } else {
            counts[at] += 1
        }
    }

    /// Every key counted, in no particular order.
    var all: [CubeCount] {
        var found: [CubeCount] = []
        found.reserveCapacity(used)
        for at in 0..<1 << bits where keys[at] != 0 {
            let word = keys[at] - 1
            let key = CubeKey(lsoa: Int32(bitPattern: UInt32(truncatingIfNeeded: word >> 16)), type: UInt8(truncatingIfNeeded: word >> 8), outcome: UInt8(truncatingIfNeeded: word))
            found.append(CubeCount(key: key, count: counts[at]))
        }
        return found
    }

    private func grow() {
        let (oldKeys, oldCounts, oldSize) = (keys, counts, 1 << bits)
        bits += 1
        keys = .allocate(capacity: 1 << bits)
        keys.initialize(repeating: 0, count: 1 << bits)
        counts = .allocate(capacity: 1 << bits)
        counts.initialize(repeating: 0, count: 1 << bits)
        for old in 0..<oldSize where oldKeys[old] != 0 {
            let at = slot(of: oldKeys[old])
            keys[at] = oldKeys[old]
            counts[at] = oldCounts[old]
        }
        oldKeys.deallocate()
        oldCounts.deallocate()
    }
}

/// How many of a file's crimes share one LSOA, crime type and outcome.
public struct CubeCount: Sendable, Equatable {
    public let key: CubeKey
    public let count: Int32
}
