import Foundation
import HallmarkDomain

/// One force-month of crime as the store keeps it: one row of `crime_blocks`.
///
/// A row per LSOA-month made a national year 1.6 million rows over four tables, and building
/// and indexing them cost more than reading the files. A block is built on the thread that read
/// its file and written as a handful of blobs; queries find the blocks that touch their LSOAs
/// through the small `lsoas` column and read only those.
public struct CrimeBlock: Sendable, Equatable {
    /// The LSOA of each slot (`LSOA.index`), ascending; `noLocation` (last) for crimes without one.
    public private(set) var slots: [UInt32]
    /// Crimes of each type in each slot: `counts[slot * CrimeBlock.types + type]`.
    public private(set) var counts: [UInt32]
    /// Slot i's crimes are records `starts[i] ..< starts[i + 1]`.
    public private(set) var starts: [UInt32]
    /// Every crime in `CrimeRecordFormat`, in slot order and, within a slot, in file order. Their
    /// location field indexes `locations`.
    public private(set) var records: [UInt8]
    public private(set) var locations: [CrimeLocation]

    public static let noLocation = UInt32.max
    /// police.uk's 14 crime types, indexed by `CrimeType.code`.
    public static let types = 14

    /// Groups crimes by LSOA and counts them by type.
    /// - Parameters:
    ///   - lsoas: each crime's LSOA index, or `noLocation`, in the order of `records`.
    ///   - records: the same crimes in `CrimeRecordFormat`, their locations indexing `locations`.
    public init(lsoas: [UInt32], records: [UInt8], locations: [CrimeLocation]) {
        precondition(records.count == lsoas.count * CrimeRecordFormat.size)
        var perLSOA: [UInt32: Int] = [:]
        for lsoa in lsoas { perLSOA[lsoa, default: 0] += 1 }
        slots = perLSOA.keys.sorted()
        var slotOf: [UInt32: Int] = [:]
        slotOf.reserveCapacity(slots.count)
        starts = [0]
        starts.reserveCapacity(slots.count + 1)
        for (slot, lsoa) in slots.enumerated() {
            slotOf[lsoa] = slot
            starts.append(starts[slot] + UInt32(perLSOA[lsoa]!))
        }
        counts = Array(repeating: 0, count: slots.count * Self.types)
        self.locations = locations
        var sorted = [UInt8](repeating: 0, count: records.count)
        var next = starts.dropLast().map(Int.init)
        let size = CrimeRecordFormat.size
        for (i, lsoa) in lsoas.enumerated() {
            let slot = slotOf[lsoa]!
            let from = i * size, to = next[slot] * size
            for b in 0..<size { sorted[to + b] = records[from + b] }
            next[slot] += 1
            counts[slot * Self.types + Int(records[from])] += 1
        }
        self.records = sorted
    }

    // MARK: Stored form

    /// The blobs of a `crime_blocks` row, little-endian throughout.
    public struct Stored: Sendable {
        public var lsoas: Data
        public var counts: Data
        public var starts: Data
        public var crimes: Data
        /// Count, then (longitude, latitude, end of name) for each, then the names' UTF-8.
        public var locations: Data
    }

    public var stored: Stored {
        var names: [UInt8] = []
        var table: [UInt8] = []
        table.reserveCapacity(4 + locations.count * 12)
        table.appendLE(UInt32(locations.count))
        for location in locations {
            names.append(contentsOf: location.name.utf8)
            table.appendLE(UInt32(bitPattern: location.longitude))
            table.appendLE(UInt32(bitPattern: location.latitude))
            table.appendLE(UInt32(names.count))
        }
        return Stored(lsoas: Data(words: slots), counts: Data(words: counts), starts: Data(words: starts),
                      crimes: Data(records), locations: Data(table + names))
    }

    /// A block's snap points, read one at a time where a query needs a few of many.
    struct LocationTable {
        let bytes: [UInt8]
        let count: Int

        init?(_ data: Data) {
            bytes = [UInt8](data)
            guard bytes.count >= 4 else { return nil }
            count = Int(bytes.uint32LE(at: 0))
            guard bytes.count >= 4 + count * 12, count == 0 || Int(bytes.uint32LE(at: 4 + (count - 1) * 12 + 8)) == bytes.count - 4 - count * 12
            else { return nil }
        }

        func location(_ i: Int) -> CrimeLocation {
            let entry = 4 + i * 12
            let names = 4 + count * 12
            let start = i == 0 ? 0 : Int(bytes.uint32LE(at: entry - 4))
            let end = Int(bytes.uint32LE(at: entry + 8))
            return CrimeLocation(longitude: Int32(bitPattern: bytes.uint32LE(at: entry)), latitude: Int32(bitPattern: bytes.uint32LE(at: entry + 4)),
                                 name: String(decoding: bytes[names + start ..< names + end], as: UTF8.self))
        }
    }
}

extension [UInt8] {
    mutating func appendLE(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    func uint32LE(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }
}

extension Data {
    init(words: [UInt32]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 4)
        for word in words { bytes.appendLE(word) }
        self.init(bytes)
    }

    /// Little-endian words; a trailing partial word is ignored.
    var words: [UInt32] {
        let bytes = [UInt8](self)
        return (0..<bytes.count / 4).map { bytes.uint32LE(at: $0 * 4) }
    }
}
