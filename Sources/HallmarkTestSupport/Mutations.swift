/// Repeatable random changes to a seed input, for the fuzz tests: the same seed gives the same
/// inputs on every machine, so a failure can be replayed from the seed and iteration it prints.
public struct Mutations: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// SplitMix64: small, fast and well spread, which is all a fuzzer's choices need.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    /// Bytes that matter to the parsers under test: separators, quotes, line ends, and bytes
    /// that are not UTF-8.
    static let interesting: [UInt8] = Array(",\"\r\n-=&%+;:/\\ 0".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xE9, 0xFF]

    /// One to four changes to `seed`.
    public mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + below(4)) {
            let at = below(bytes.count + 1)
            switch below(7) {
            case 0 where !bytes.isEmpty: bytes[min(at, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1: bytes.insert(Self.interesting[below(Self.interesting.count)], at: at)
            case 2 where !bytes.isEmpty: bytes.remove(at: min(at, bytes.count - 1))
            case 3: bytes.removeSubrange(at..<bytes.count)
            case 4:
                let length = below(64)
                let start = below(max(bytes.count - length, 1))
                bytes.insert(contentsOf: bytes[start..<min(start + length, bytes.count)], at: at)
            case 5: bytes.insert(contentsOf: (0..<below(16)).map { _ in UInt8(truncatingIfNeeded: next()) }, at: at)
            default: if !bytes.isEmpty { bytes[min(at, bytes.count - 1)] = Self.interesting[below(Self.interesting.count)] }
            }
        }
        return bytes
    }
}
