import Foundation

/// Numbers written with a fixed count of decimals, byte for byte as `String(format: "%.2f")`
/// writes them, without its cost: a hotspot map writes thousands of coordinates, and the C
/// library's formatting was a tenth of an assessment's time.
public enum FixedPoint {
    private static let scales: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `value` with `places` (0 to 6) digits after the point, rounded half to even on its exact
    /// binary value, as `printf` rounds.
    public static func text(_ value: Double, places: Int) -> String {
        precondition(scales.indices.contains(places))
        let scaled = value * scales[places]
        // The product is exact to well under a millionth below 1e9; only a product that close
        // to a half could round differently from the value itself, and those go to printf.
        guard scaled.isFinite, abs(scaled) < 1e9, abs(abs(scaled - scaled.rounded(.towardZero)) - 0.5) > 1e-6 else {
            return String(format: "%.\(places)f", value)
        }
        var units = UInt64(abs(scaled).rounded())
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        for position in 0... {
            if position == places && places > 0 { digits.append(UInt8(ascii: ".")) }
            digits.append(UInt8(ascii: "0") + UInt8(units % 10))
            units /= 10
            if units == 0 && position >= places { break }
        }
        if value.sign == .minus { digits.append(UInt8(ascii: "-")) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}
