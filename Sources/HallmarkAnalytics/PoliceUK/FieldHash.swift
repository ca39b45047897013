/// A hash of a field's bytes, eight at a time. The reader hashes each row's outcome and, for an
/// import, its place name; FNV-1a's one multiplication per byte made a chain of steps as long as
/// the text. A field of eight bytes or more ends with its last
/// eight (overlapping the word before); the length is mixed in first, so fields that differ only
/// in length differ. Not for anything an attacker could use: a file made to collide could only
/// mislabel its own rows, as with FNV-1a before it.
enum FieldHash {
    static func of(_ b: UnsafeRawBufferPointer) -> UInt64 {
        func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
            let product = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            return product ^ product >> 32
        }
        var h = mix(0xCBF2_9CE4_8422_2325, UInt64(b.count))
        if b.count < 8 {
            var word: UInt64 = 0
            for i in 0..<b.count { word |= UInt64(b[i]) << (8 * UInt64(i)) }
            return mix(h, word)
        }
        var offset = 0
        while offset + 8 < b.count {
            h = mix(h, b.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        return mix(h, b.loadUnaligned(fromByteOffset: b.count - 8, as: UInt64.self))
    }
}
