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
    public private(set) var locations: [SnapPoint]
    /// The snap points' place names as police.uk writes them; `SnapPoint.place` indexes this.
    public private(set) var places: [String]

    public static let noLocation = UInt32.max
    /// police.uk's 14 crime types, indexed by `CrimeType.code`.
    public static let types = 14

    /// Groups crimes by LSOA and counts them by type.
    /// - Parameters:
    ///   - lsoas: each crime's LSOA index, or `noLocation`, in the order of `records`.
    ///   - records: the same crimes in `CrimeRecordFormat`, their locations indexing `locations`.
    public init(lsoas: [UInt32], records: [UInt8], locations: [CrimeLocation]) {
        precondition(records.count == lsoas.count * CrimeRecordFormat.size)
        let (places, points) = Self.snapPoints(locations)
        self.init(lsoas: lsoas, places: places, locations: points) { i, place in
            records.withUnsafeBytes { place.copyMemory(from: $0.baseAddress! + i * CrimeRecordFormat.size, byteCount: CrimeRecordFormat.size) }
        }
    }

    /// Locations given with their names, as snap points and a list of distinct names (distinct as
    /// bytes: two spellings of "é" stay two).
    package static func snapPoints(_ locations: [CrimeLocation]) -> (places: [String], points: [SnapPoint]) {
        var places: [String] = []
        var numbers: [[UInt8]: UInt32] = [:]
        var points: [SnapPoint] = []
        points.reserveCapacity(locations.count)
        for location in locations {
            let bytes = Array(location.name.utf8)
            let place: UInt32
            if let known = numbers[bytes] {
                place = known
            } else {
                place = UInt32(places.count)
                numbers[bytes] = place
                places.append(location.name)
            }
            points.append(SnapPoint(longitude: location.longitude, latitude: location.latitude, place: place))
        }
        return (places, points)
    }

    /// Groups crimes by LSOA and counts them by type, each crime's record written once, straight
    /// into its place: an import builds a block for every file it reads.
    /// - Parameters:
    ///   - lsoas: each crime's LSOA index, or `noLocation`.
    ///   - places: the snap points' place names, which `SnapPoint.place` indexes.
    ///   - record: writes crime `i`'s whole record in `CrimeRecordFormat` (all its bytes, the
    ///     first a crime type's code; its location indexing `locations`) at the place given.
    package init(lsoas: [UInt32], places: [String], locations: [SnapPoint], record: (Int, UnsafeMutableRawPointer) -> Void) {
        precondition(locations.allSatisfy { Int($0.place) < places.count }, "every snap point's place is one of the places")
        // Slots are found through an array over every possible LSOA rather than a dictionary:
        // this runs once for every crime imported.
        func key(_ lsoa: UInt32) -> Int { lsoa == Self.noLocation ? LSOA.capacity : Int(lsoa) }
        var slotOf = [Int32](repeating: -1, count: LSOA.capacity + 1)
        var perSlot: [UInt32] = []
        var seen: [UInt32] = []
        for lsoa in lsoas {
            let k = key(lsoa)
            if slotOf[k] < 0 {
                slotOf[k] = Int32(seen.count)
                seen.append(lsoa)
                perSlot.append(0)
            }
            perSlot[Int(slotOf[k])] += 1
        }
        // First-seen order to LSOA order (no location sorts last, being the largest).
        let order = seen.indices.sorted { seen[$0] < seen[$1] }
        for (position, first) in order.enumerated() { slotOf[key(seen[first])] = Int32(position) }
        slots = order.map { seen[$0] }
        starts = [0]
        starts.reserveCapacity(slots.count + 1)
        for first in order { starts.append(starts.last! + perSlot[first]) }
        var counts = [UInt32](repeating: 0, count: slots.count * Self.types)
        self.locations = locations
        self.places = places
        let size = CrimeRecordFormat.size
        var next = starts.dropLast().map(Int.init)
        records = [UInt8](unsafeUninitializedCapacity: lsoas.count * size) { sorted, initialised in
            guard let start = sorted.baseAddress else { return }
            let base = UnsafeMutableRawPointer(start)
            for (i, lsoa) in lsoas.enumerated() {
                let slot = Int(slotOf[key(lsoa)])
                let place = base + next[slot] * size
                record(i, place)
                next[slot] += 1
                counts[slot * Self.types + Int(place.load(as: UInt8.self))] += 1
            }
            initialised = lsoas.count * size
        }
        self.counts = counts
    }

    // MARK: Stored form

    /// The blobs of a `crime_blocks` row, little-endian throughout.
    public struct Stored: Sendable {
        public var lsoas: Data
        public var counts: Data
        public var starts: Data
        public var crimes: Data
        /// The snap points, laid out as `LocationTable` reads them.
        public var locations: Data
    }

    public var stored: Stored {
        // Most names begin "On or near " and many recur (a street has several snap points), so
        // each distinct remainder is stored once and the prefix as one bit. Each place is looked
        // at once, not each snap point: a force's month has far fewer places than snap points.
        let near = Array(LocationTable.near.utf8)
        var names: [UInt8] = []
        var nameEnds: [UInt32] = []
        var remainders: [[UInt8]: UInt32] = [:]
        var entryOfPlace: [UInt32] = []
        entryOfPlace.reserveCapacity(places.count)
        for place in places {
            var rest = Array(place.utf8)
            let isNear = rest.starts(with: near)
            if isNear { rest.removeFirst(near.count) }
            let index: UInt32
            if let known = remainders[rest] {
                index = known
            } else {
                index = UInt32(nameEnds.count)
                remainders[rest] = index
                names += rest
                nameEnds.append(UInt32(names.count))
            }
            entryOfPlace.append(index | (isNear ? LocationTable.nearFlag : 0))
        }
        let ends = 8 + locations.count * 12
        let size = ends + nameEnds.count * 4 + names.count
        let table = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialised in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            func store(_ value: UInt32, at offset: Int) { base.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self) }
            store(UInt32(locations.count), at: 0)
            for (i, point) in locations.enumerated() {
                store(UInt32(bitPattern: point.longitude), at: 4 + i * 12)
                store(UInt32(bitPattern: point.latitude), at: 8 + i * 12)
                store(entryOfPlace[Int(point.place)], at: 12 + i * 12)
            }
            store(UInt32(nameEnds.count), at: ends - 4)
            for (i, end) in nameEnds.enumerated() { store(end, at: ends + i * 4) }
            names.withUnsafeBytes { if let from = $0.baseAddress { (base + ends + nameEnds.count * 4).copyMemory(from: from, byteCount: names.count) } }
            initialised = size
        }
        return Stored(
            lsoas: Data(words: slots), counts: Data(words: counts), starts: Data(words: starts),
            crimes: Data(records), locations: Data(table))
    }

    /// A block's snap points, read one at a time where a query needs a few of many: their count,
    /// then (longitude, latitude, name) for each, the name being an index into the names with
    /// `nearFlag` set for "On or near " before it; then the names' count, where each ends, and
    /// their UTF-8.
    package struct LocationTable {
        package static let near = "On or near "
        package static let nearFlag: UInt32 = 1 << 31
        package let bytes: [UInt8]
        package let count: Int
        package let nameCount: Int
        package let ends: Int
        package let names: Int

        package init?(_ data: Data) {
            bytes = [UInt8](data)
            guard bytes.count >= 8 else { return nil }
            count = Int(bytes.uint32LE(at: 0))
            guard bytes.count >= 8 + count * 12 else { return nil }
            nameCount = Int(bytes.uint32LE(at: 4 + count * 12))
            ends = 8 + count * 12
            names = ends + nameCount * 4
            guard bytes.count >= names, nameCount == 0 || Int(bytes.uint32LE(at: names - 4)) == bytes.count - names else { return nil }
        }

        package func location(_ i: Int) -> CrimeLocation? {
            let entry = 4 + i * 12
            let name = bytes.uint32LE(at: entry + 8)
            let n = Int(name & ~Self.nearFlag)
            guard n < nameCount else { return nil }
            let start = n == 0 ? 0 : Int(bytes.uint32LE(at: ends + (n - 1) * 4))
            let end = Int(bytes.uint32LE(at: ends + n * 4))
            guard start <= end, names + end <= bytes.count else { return nil }
            let text = String(decoding: bytes[names + start..<names + end], as: UTF8.self)
            return CrimeLocation(
                longitude: Int32(bitPattern: bytes.uint32LE(at: entry)), latitude: Int32(bitPattern: bytes.uint32LE(at: entry + 4)),
                name: name & Self.nearFlag != 0 ? Self.near + text : text)
        }
    }
}

extension [UInt8] {
    package func uint32LE(at offset: Int) -> UInt32 {
        UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }
}

extension Data {
    package init(words: [UInt32]) {
        self.init(count: words.count * 4)
        withUnsafeMutableBytes { bytes in
            for (i, word) in words.enumerated() { bytes.storeBytes(of: word.littleEndian, toByteOffset: i * 4, as: UInt32.self) }
        }
    }

    /// Little-endian words; a trailing partial word is ignored.
    package var words: [UInt32] {
        withUnsafeBytes { raw in
            (0..<raw.count / 4).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        }
    }
}
