import Foundation
import HallmarkDomain
import HallmarkStore
import Testing

@Suite("A force-month's crime block")
struct CrimeBlockTests {
    /// Crimes in random LSOAs (some without a location), built both ways an import has built
    /// them, and checked against the plain definition: slots in LSOA order, crimes in file order
    /// within a slot, counts by type.
    @Test("Records written in place equal records appended and sorted, and the plain grouping")
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
        let written = CrimeBlock(lsoas: lsoas, locations: []) { i, place in
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
        #expect(CrimeBlock(lsoas: [], locations: []) { _, _ in } == CrimeBlock(lsoas: [], records: [], locations: []))
    }
}
