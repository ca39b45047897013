import Foundation
import HallmarkDomain
import Testing

@Suite struct FixedPointTests {
    /// The reference is the C library's own formatting, which `FixedPoint` stands in for.
    func printf(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }

    @Test func agreesWithPrintfOnExactHalvesAndNearThem() {
        // Exact binary halves round to even; 2.675 and 1.005 lie just below their halves.
        let values: [Double] = [
            0, -0.0, 0.125, 0.375, 0.625, -0.125, 2.5, 3.5, -2.5, 0.5, 1.5, 2.675, 1.005, 1.015, 0.045, 10.0049999, 99.995, -99.995,
            0.001, -0.001, -0.004, 1e-300, 999_999.995, 123_456.785, 0.285, 1.125,
        ]
        for value in values {
            for places in 0...6 { #expect(FixedPoint.text(value, places: places) == printf(value, places), "\(value) to \(places) places") }
        }
    }

    @Test func agreesWithPrintfOnRandomValuesOfEveryScale() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let magnitude = Double.random(in: -6...10, using: &random)
            var value = Double.random(in: 0..<1, using: &random) * pow(10, magnitude)
            if Bool.random(using: &random) { value = -value }
            // Values a cell or a pixel lands on: multiples of small steps.
            if Int.random(in: 0..<4, using: &random) == 0 { value = Double(Int.random(in: -100_000...100_000, using: &random)) * 0.005 }
            let places = Int.random(in: 0...6, using: &random)
            #expect(FixedPoint.text(value, places: places) == printf(value, places), "\(value) to \(places) places")
        }
    }

    @Test func writesWhatPrintfWritesBeyondItsFastRange() {
        for value in [1e12, -3.5e15, .infinity, -.infinity, .nan, 4_294_967_296.125] {
            #expect(FixedPoint.text(value, places: 2) == printf(value, 2))
        }
    }

    /// The hotspot map writes its numbers one after another into one buffer: each must land
    /// after what is there, whatever it is, fast range or not.
    @Test func appendsAfterWhatIsWritten() {
        var random = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        var expected = ""
        for _ in 0..<20_000 {
            let value = [Double.random(in: -1e6...1e6, using: &random), 2.675, -0.004, 1e12, .nan][Int.random(in: 0..<5, using: &random)]
            let places = Int.random(in: 0...6, using: &random)
            bytes.append(UInt8(ascii: " "))
            FixedPoint.append(value, places: places, to: &bytes)
            expected += " " + printf(value, places)
        }
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }
}
