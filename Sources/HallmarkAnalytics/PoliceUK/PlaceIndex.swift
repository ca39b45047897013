import Foundation
import HallmarkDomain

/// A file's place names, found again by their bytes: a new snap point usually shares its name
/// with an earlier one ("On or near High Street" has several), and making each snap point's name
/// text of its own took a tenth of an import. A name is the same when its bytes and whether it
/// was quoted are (a quoted name's doubled quotes are undone, an unquoted one's are not).
struct PlaceIndex {
    /// Each slot holds a place's number, or -1; found by the name's hash.
    private var slots = [Int32](repeating: -1, count: 64)
    private var hashes: [UInt64] = []
    private var quoted: [Bool] = []
    /// Every name's bytes, one after another; name `n` ends at `ends[n]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    /// The number given to this name, if it has been seen.
    func number(of name: UnsafeRawBufferPointer, hash: UInt64, quoted isQuoted: Bool) -> UInt32? {
        let at = slot(of: name, hash: hash, quoted: isQuoted)
        return slots[at] < 0 ? nil : UInt32(slots[at])
    }

    /// Records a name not yet seen as the next place; returns its number.
    mutating func insert(_ name: UnsafeRawBufferPointer, hash: UInt64, quoted isQuoted: Bool) -> UInt32 {
        if (ends.count + 1) * 2 > slots.count { grow() }
        let number = ends.count
        hashes.append(hash)
        quoted.append(isQuoted)
        bytes.append(contentsOf: name)
        ends.append(bytes.count)
        slots[slot(of: name, hash: hash, quoted: isQuoted)] = Int32(number)
        return UInt32(number)
    }

    /// The slot holding this name, or the empty one where it would go.
    private func slot(of name: UnsafeRawBufferPointer, hash: UInt64, quoted isQuoted: Bool) -> Int {
        let mask = slots.count - 1
        var at = Int(truncatingIfNeeded: hash) & mask
        while slots[at] >= 0 {
            let n = Int(slots[at])
            if hashes[n] == hash && quoted[n] == isQuoted && same(n, name) { break }
            at = (at + 1) & mask
        }
        return at
    }

    private func same(_ n: Int, _ name: UnsafeRawBufferPointer) -> Bool {
        let start = n == 0 ? 0 : ends[n - 1]
        guard ends[n] - start == name.count else { return false }
        return name.count == 0 || bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, name.baseAddress!, name.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for n in hashes.indices {
            var at = Int(truncatingIfNeeded: hashes[n]) & mask
            while slots[at] >= 0 { at = (at + 1) & mask }
            slots[at] = Int32(n)
        }
    }
}
