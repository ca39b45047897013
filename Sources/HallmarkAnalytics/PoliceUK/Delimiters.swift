#if arch(x86_64)
    import _Builtin_intrinsics.intel
#endif

/// Where the bytes that matter to a CSV scan (comma, line feed, quote) are in 16 bytes: bit i
/// is set when byte i is one of them. The scanner looks at a line 16 bytes at a time and then
/// only at its delimiters, rather than calling `memchr` once for each of a row's twelve fields.
enum Delimiters {
    static let width = 16

    /// The mask of the 16 bytes at `p`, which must all be readable.
    @inline(__always)
    static func mask(_ p: UnsafePointer<UInt8>) -> UInt32 {
        #if arch(x86_64)
            // SSE2 is in every x86-64 processor: three comparisons and one movemask.
            let bytes = _mm_loadu_si128(UnsafeRawPointer(p).assumingMemoryBound(to: __m128i.self))
            let comma = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(0x2C))
            let newline = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(0x0A))
            let quote = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(0x22))
            return UInt32(truncatingIfNeeded: _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(comma, newline), quote)))
        #else
            return portableMask(p)
        #endif
    }

    /// The same mask eight bytes at a time in plain integers, for other processors (and to check
    /// the SSE2 version against). A byte equal to `c` is a zero byte of `word ^ c`; adding 0x7F to
    /// each byte's low seven bits carries into its top bit exactly when those bits are not all
    /// zero, so a top bit still clear after OR-ing in the byte itself marks a zero byte.
    static func portableMask(_ p: UnsafePointer<UInt8>) -> UInt32 {
        func zeroBytes(_ x: UInt64) -> UInt64 {
            let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            return ~(((x & low) &+ low) | x | low)
        }
        func half(_ offset: Int) -> UInt32 {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + offset).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroBytes(word ^ 0x2222_2222_2222_2222)
            var bits: UInt32 = 0
            for i in 0..<8 where found & (0x80 << (8 * UInt64(i))) != 0 { bits |= 1 << UInt32(i) }
            return bits
        }
        return half(0) | half(8) << 8
    }
}
