import Foundation

/// Numbers written with a fixed count of decimals, byte for byte as `String(format: "%.2f")`
/// writes them, without its cost: a hotspot map writes thousands of coordinates, and the C
/// library's formatting was a tenth of an assessment's time.
public enum FixedPoint {
    private static let scales: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `value` with `places` (0 to 6) digits after the point, rounded half to even on its exact
    /// binary value, as `printf` rounds.
    public static func text(_ value: Double, places: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        append(value, places: places, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `text(value, places:)` at the end of `bytes`, for a writer of many numbers (the
    /// hotspot map), which is then spared a string for each.
    public static func append(_ value: Double, places: Int, to bytes: inout [UInt8]) {
        precondition(scales.indices.contains(places))
        let scaled = value * scales[places]
        // The product is exact to well under a millionth below 1e9; only a product that close
        // to a half could round differently from the value itself, and those go to printf.
        guard scaled.isFinite, abs(scaled) < 1e9, abs(abs(scaled - scaled.rounded(.towardZero)) - 0.5) > 1e-6 else {
            bytes.append(contentsOf: String(format: "%.\(places)f", value).utf8)
            return
        }
        if value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        var units = UInt64(abs(scaled).rounded())
        let start = bytes.count
        for position in 0... {
            if position == places && places > 0 { bytes.append(UInt8(ascii: ".")) }
            bytes.append(UInt8(ascii: "0") + UInt8(units % 10))
            units /= 10
            if units == 0 && position >= places { break }
        }
        bytes[start...].reverse()
    }
}
