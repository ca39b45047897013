/// A Lower Layer Super Output Area code (`E01…` in England, `W01…` in Wales, 2011 or 2021),
/// held as a small number so that millions of crimes can be counted by area without strings.
public struct LSOA: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// England's codes are 0..<100_000; Wales's follow at 100_000.
    public let index: Int32

    public static let capacity = 200_000

    public init?(index: Int32) {
        guard index >= 0, index < LSOA.capacity else { return nil }
        self.index = index
    }

    /// From the nine bytes of a code; nil unless it is `E01` or `W01` and six digits.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 9, bytes[1] == 0x30, bytes[2] == 0x31 else { return nil }
        var number: Int32 = 0
        for i in 3..<9 {
            let d = bytes[i] &- 0x30
            guard d < 10 else { return nil }
            number = number * 10 + Int32(d)
        }
        switch bytes[0] {
        case 0x45: index = number  // E
        case 0x57: index = 100_000 + number  // W
        default: return nil
        }
        guard number < 100_000 else { return nil }
    }

    public init?(_ code: String) {
        var text = code
        guard let value = text.withUTF8({ LSOA(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    public var code: String {
        let (country, number) = index >= 100_000 ? ("W01", index - 100_000) : ("E01", index)
        let digits = String(number)
        return country + String(repeating: "0", count: 6 - digits.count) + digits
    }

    public var description: String { code }
    public static func < (a: LSOA, b: LSOA) -> Bool { a.index < b.index }
}
