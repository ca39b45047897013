/// The snap points met so far in one file, each with its number in the file's list. A table of
/// its own rather than a `Dictionary`: the key is looked up once for every row with a location,
/// and the standard table's seeded hashing of each key took a tenth of an import's time; here
/// one multiplication places a key (the key already holds a hash of the place name). A key and
/// its number sit side by side, so that a look-up in a large force's table misses the cache once.
struct SnapPointIndex {
    struct Key: Equatable {
        let longitude: Int32, latitude: Int32, nameHash: UInt64
    }

    private struct Entry {
        var key: Key
        /// The snap point's number plus one, or 0 for an empty slot.
        var numberPlusOne: Int32
    }

    private static let empty = Entry(key: Key(longitude: 0, latitude: 0, nameHash: 0), numberPlusOne: 0)
    private var entries: [Entry]
    private var bits: Int
    private(set) var count = 0

    init() {
        bits = 10
        entries = Array(repeating: Self.empty, count: 1 << bits)
    }

    /// The slot where `key` is, or the empty one where it would go.
    private func slot(of key: Key) -> Int {
        let mixed = (UInt64(UInt32(bitPattern: key.longitude)) << 32 | UInt64(UInt32(bitPattern: key.latitude))) ^ key.nameHash
        let mask = entries.count - 1
        var at = Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        while entries[at].numberPlusOne != 0 && entries[at].key != key { at = (at + 1) & mask }
        return at
    }

    func number(of key: Key) -> Int32? {
        let entry = entries[slot(of: key)]
        return entry.numberPlusOne == 0 ? nil : entry.numberPlusOne - 1
    }

    /// Records a key not yet held.
    mutating func insert(_ key: Key, number: Int32) {
        if (count + 1) * 2 > entries.count { grow() }
        let at = slot(of: key)
        precondition(entries[at].numberPlusOne == 0, "a snap point is numbered once")
        entries[at] = Entry(key: key, numberPlusOne: number + 1)
        count += 1
    }

    private mutating func grow() {
        let old = entries
        bits += 1
        entries = Array(repeating: Self.empty, count: 1 << bits)
        for entry in old where entry.numberPlusOne != 0 { entries[slot(of: entry.key)] = entry }
    }
}
