import Foundation
import HallmarkDomain
@testable import HallmarkStore
import Testing

@Suite("A force-month's crime block")
struct CrimeBlockTests {
    /// Crimes in random LSOAs (some without a location), built both ways an import has built
    /// them, and checked against the plain definition: slots in LSOA order, crimes in file order
    /// within a slot, counts by type.
    @Test("Records written in place are the bytes appended before, grouped as the plain definition says")
    func writtenInPlace() {
        var random = SystemRandomNumberGenerator()
        let n = 5_000
        let lsoas = (0..<n).map { _ in Int.random(in: 0..<20, using: &random) == 0 ? CrimeBlock.noLocation : UInt32.random(in: 0..<300, using: &random) }
        let types = (0..<n).map { _ in UInt8.random(in: 0..<UInt8(CrimeBlock.types), using: &random) }
        let ids: [UInt64?] = (0..<n).map { _ in Bool.random(using: &random) ? UInt64.random(in: 0...UInt64.max, using: &random) : nil }
        let places = (0..<n).map { _ in UInt32.random(in: 0..<40, using: &random) }

        var appended: [UInt8] = []
        for i in 0..<n {
            let id = ids[i].map { withUnsafeBytes(of: $0.bigEndian) { ArraySlice(Array($0)) } }
            CrimeRecordFormat.append(type: types[i], outcome: UInt8(i % 7), location: places[i], id: id, to: &appended)
        }
        let sorted = CrimeBlock(lsoas: lsoas, records: appended, locations: [])
        let written = CrimeBlock(lsoas: lsoas, places: [], locations: []) { i, place in
            CrimeRecordFormat.write(type: types[i], outcome: UInt8(i % 7), location: places[i], id: ids[i], to: place)
        }
        #expect(written == sorted)

        // The plain definition.
        let slots = Array(Set(lsoas)).sorted()
        #expect(written.slots == slots)
        var expectedRecords: [UInt8] = []
        var expectedCounts: [UInt32] = []
        for slot in slots {
            var counts = [UInt32](repeating: 0, count: CrimeBlock.types)
            for i in 0..<n where lsoas[i] == slot {
                expectedRecords += appended[i * CrimeRecordFormat.size..<(i + 1) * CrimeRecordFormat.size]
                counts[Int(types[i])] += 1
            }
            expectedCounts += counts
        }
        #expect(written.records == expectedRecords)
        #expect(written.counts == expectedCounts)
        let empty = CrimeBlock(lsoas: [], places: [], locations: []) { _, _ in }
        #expect(empty.slots.isEmpty && empty.records.isEmpty && empty.counts.isEmpty && empty.starts == [0])
    }

    /// Names with and without "On or near ", repeated, empty, the prefix alone, and two spellings
    /// of "é" that are the same text to Swift but different bytes: each snap point reads back as
    /// it was given, and each distinct remainder is stored once.
    @Test("Snap points read back from the stored table exactly as given, each name's remainder stored once")
    func storedLocations() throws {
        var random = SystemRandomNumberGenerator()
        let streets = ["High Street", "Café Road", "Cafe\u{301} Road", "", "Parking Area", "Supermarket", "Nightclub", "A6 Leicester Road"]
        var locations: [CrimeLocation] = []
        for i in 0..<3_000 {
            let street = streets.randomElement(using: &random)! + (i % 3 == 0 ? " \(i % 97)" : "")
            let name = Bool.random(using: &random) ? CrimeBlock.LocationTable.near + street : street
            locations.append(CrimeLocation(longitude: Int32.random(in: -180_000_000...180_000_000, using: &random), latitude: Int32(i), name: name))
        }
        locations.append(CrimeLocation(longitude: 0, latitude: 0, name: CrimeBlock.LocationTable.near))
        let block = CrimeBlock(lsoas: [], records: [], locations: locations)
        let table = try #require(CrimeBlock.LocationTable(block.stored.locations))
        #expect(table.count == locations.count)
        for (i, location) in locations.enumerated() {
            let read = try #require(table.location(i))
            #expect(Array(read.name.utf8) == Array(location.name.utf8))
            #expect(read.longitude == location.longitude && read.latitude == location.latitude)
        }
        let remainders = Set(
            locations.map { name -> [UInt8] in
                let bytes = Array(name.name.utf8), near = Array(CrimeBlock.LocationTable.near.utf8)
                return bytes.starts(with: near) ? Array(bytes.dropFirst(near.count)) : bytes
            })
        #expect(table.nameCount == remainders.count)
    }
}
