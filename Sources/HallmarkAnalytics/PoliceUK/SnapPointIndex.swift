/// The snap points met so far in one file, each with its number in the file's list. A table of
/// its own rather than a `Dictionary`: the key is looked up once for every row with a location,
/// and the standard table's seeded hashing of each key took a tenth of an import's time; here
/// one multiplication places a key (the key already holds a hash of the place name).
struct SnapPointIndex {
    struct Key: Equatable {
        let longitude: Int32, latitude: Int32, nameHash: UInt64
    }

    /// Per slot: the snap point's number plus one, or 0 for an empty slot.
    private var slots: [Int32]
    private var keys: [Key]
    private var bits: Int
    private(set) var count = 0

    init() {
        bits = 10
        slots = Array(repeating: 0, count: 1 << bits)
        keys = Array(repeating: Key(longitude: 0, latitude: 0, nameHash: 0), count: 1 << bits)
    }

    /// The slot where `key` is, or the empty one where it would go.
    private func slot(of key: Key) -> Int {
        let mixed = (UInt64(UInt32(bitPattern: key.longitude)) << 32 | UInt64(UInt32(bitPattern: key.latitude))) ^ key.nameHash
        let mask = slots.count - 1
        var at = Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        while slots[at] != 0 && keys[at] != key { at = (at + 1) & mask }
        return at
    }

    func number(of key: Key) -> Int32? {
        let at = slot(of: key)
        return slots[at] == 0 ? nil : slots[at] - 1
    }

    /// Records a key not yet held.
    mutating func insert(_ key: Key, number: Int32) {
        if (count + 1) * 2 > slots.count { grow() }
        let at = slot(of: key)
        precondition(slots[at] == 0, "a snap point is numbered once")
        slots[at] = number + 1
        keys[at] = key
        count += 1
    }

    private mutating func grow() {
        let (oldSlots, oldKeys) = (slots, keys)
        bits += 1
        slots = Array(repeating: 0, count: 1 << bits)
        keys = Array(repeating: Key(longitude: 0, latitude: 0, nameHash: 0), count: 1 << bits)
        for (value, key) in zip(oldSlots, oldKeys) where value != 0 {
            let at = slot(of: key)
            slots[at] = value
            keys[at] = key
        }
    }
}
