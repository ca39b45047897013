import Foundation

/// Months as one number, so that ranges and gaps are arithmetic.
public enum MonthNumber {
    /// The months' names, January first, as pages and papers write them.
    public static let names = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    public static func make(year: Int, month: Int) -> Int { year * 12 + month - 1 }
    public static func year(_ n: Int) -> Int { n / 12 }
    public static func month(_ n: Int) -> Int { n % 12 + 1 }
    /// "2024-03", as police.uk names its months; written digit by digit, since a crime page
    /// writes hundreds and Foundation's `String(format:)` was a fifteenth of its time.
    public static func text(_ n: Int) -> String {
        let (year, month) = (year(n), month(n))
        guard (0...9999).contains(year) else { return String(format: "%04d-%02d", year, month) }
        return Digits.joined([(year, 4), (month, 2)])
    }
    public static func parse(_ text: String) -> Int? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses the seven bytes of a police.uk month field where the reader finds them.
    public static func parse(_ b: UnsafeRawBufferPointer) -> Int? {
        guard b.count == 7, b[4] == 0x2D else { return nil }
        var year = 0
        for i in 0..<4 { let d = b[i] &- 0x30; guard d < 10 else { return nil }; year = year * 10 + Int(d) }
        let m1 = b[5] &- 0x30, m2 = b[6] &- 0x30
        guard m1 < 10, m2 < 10 else { return nil }
        let month = Int(m1) * 10 + Int(m2)
        guard (1...12).contains(month), (2000...2100).contains(year) else { return nil }
        return make(year: year, month: month)
    }
}

/// Numbers written with leading zeros to a fixed width, joined by hyphens, as ISO dates and
/// police.uk's months are: byte for byte as `String(format: "%04d-%02d")`, without its cost.
enum Digits {
    /// Each value must be non-negative and fit its width.
    static func joined(_ parts: [(value: Int, width: Int)]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "-")) }
            var divisor = 1
            for _ in 1..<part.width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(part.value / divisor % 10))
                divisor /= 10
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
