import Foundation
import HallmarkDomain
import Testing

@testable import HallmarkAnalytics

/// The scanner's fast parts, each against a plain way of doing the same thing.
@Suite("CSV scanning, checked against plain reference code")
struct CSVScannerTests {
    /// Random records of random fields, some quoted (holding commas, quotes, CR and LF), written
    /// as RFC 4180 text with LF or CRLF endings, and read back at several read sizes.
    @Test("Quoted and unquoted records read back as written, however the reads split them")
    func quotedRecords() throws {
        var random = SystemRandomNumberGenerator()
        let plain: [UInt8] = Array("ab, 19-.".utf8) + [0xC3, 0xA9, 0x0D]
        let special: [UInt8] = Array(",\"\n\r".utf8)
        var records: [[[UInt8]]] = []
        for _ in 0..<600 {
            let fieldCount = Int.random(in: 1...18, using: &random)
            records.append(
                (0..<fieldCount).map { _ in
                    let length = Int.random(in: 0...30, using: &random)
                    let quoted = Bool.random(using: &random)
                    return (0..<length).map { _ in
                        quoted && Int.random(in: 0..<4, using: &random) == 0 ? special.randomElement(using: &random)! : plain.randomElement(using: &random)!
                    }
                })
        }
        // A record of one empty field is a blank line, which the scanner skips.
        records.removeAll { $0.count == 1 && $0[0].isEmpty }
        var text: [UInt8] = []
        for record in records {
            let written = record.enumerated().map { index, field -> [UInt8] in
                // A field needs quotes if it holds a delimiter, or is the last and ends in CR.
                let needs = field.contains { special.contains($0) } || (index == record.count - 1 && field.last == 0x0D)
                guard needs else { return field }
                return [0x22] + field.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
            }
            text += Array(written.joined(separator: [0x2C]))
            text += Bool.random(using: &random) ? [0x0D, 0x0A] : [0x0A]
        }
        // A field's bytes are as written inside its quotes: doubled quotes are undone only when
        // it is made text (and the random bytes need not be UTF-8).
        let expected = records.map { record in record.map { field in field.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } } }
        for chunk in [1, 5, 16, 17, 100, 4 << 20] {
            var read: [[[UInt8]]] = []
            try CSVScanner(chunkSize: chunk, maxLineBytes: 4096).scan(bytes: text) { row in
                read.append((0..<min(row.count, CSVRow.maxFields)).map { Array(row.bytes($0)) })
            }
            #expect(read.count == expected.count, "reads of \(chunk) bytes")
            for (got, want) in zip(read, expected) {
                #expect(got == Array(want.prefix(CSVRow.maxFields)), "reads of \(chunk) bytes")
            }
        }
    }

    /// One record as the scanner hands it over: its fields' bytes (the first `maxFields`), which
    /// of them were quoted, how many fields it had and the line it began on.
    struct Record: Equatable {
        let fields: [[UInt8]]
        let quoted: [Bool]
        let count: Int
        let line: Int
    }

    /// The scanner's byte-by-byte loop from before it looked at sixteen bytes at a time, over the
    /// whole input at once: the definition the scanner must keep to.
    static func reference(_ bytes: [UInt8]) -> [Record] {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var records: [Record] = []
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while position < bytes.count {
            var fields: [[UInt8]] = [], quoted: [Bool] = []
            var fieldStart = position, inQuotes = false, wasQuoted = false, newlines = 0, complete = false
            var i = position
            func endField(_ end: Int) {
                let q = wasQuoted && end - fieldStart >= 2 && bytes[fieldStart] == quote && bytes[end - 1] == quote
                fields.append(Array(bytes[(q ? fieldStart + 1 : fieldStart)..<(q ? end - 1 : end)]))
                quoted.append(q)
            }
            while i < bytes.count {
                let byte = bytes[i]
                if inQuotes {
                    if byte == quote {
                        if i + 1 < bytes.count && bytes[i + 1] == quote {
                            i += 2
                            continue
                        }
                        inQuotes = false
                    } else if byte == lf {
                        newlines += 1
                    }
                    i += 1
                    continue
                }
                if byte == comma || byte == lf {
                    endField(byte == lf && i > fieldStart && bytes[i - 1] == cr ? i - 1 : i)
                    fieldStart = i + 1
                    wasQuoted = false
                    i += 1
                    if byte == lf {
                        complete = true
                        break
                    }
                    continue
                }
                if byte == quote && i == fieldStart {
                    inQuotes = true
                    wasQuoted = true
                }
                i += 1
            }
            if !complete {
                endField(bytes.count > fieldStart && bytes[bytes.count - 1] == cr ? bytes.count - 1 : bytes.count)
                i = bytes.count
            }
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(fields: Array(fields.prefix(CSVRow.maxFields)), quoted: Array(quoted.prefix(CSVRow.maxFields)), count: fields.count, line: line))
            }
            line += 1 + newlines
            position = i
        }
        return records
    }

    /// Random bytes from the ones that matter (quotes anywhere, CR alone and before LF, a BOM,
    /// runs of commas past sixteen fields, no final line break), read at many read sizes.
    @Test("Records, quoted marks and line numbers equal the byte-by-byte definition on random input")
    func againstByteByByte() throws {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array(",\"\r\n ab".utf8) + Array(repeating: UInt8(ascii: ","), count: 3) + [0x22, 0x0A]
        for round in 0..<3_000 {
            var bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            if round % 4 == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            let expected = Self.reference(bytes)
            for chunk in [3, 4, 7, 16, 17, 33, 1000] {
                var read: [Record] = []
                try CSVScanner(chunkSize: chunk, maxLineBytes: 4096).scan(bytes: bytes) { row in
                    let kept = min(row.count, CSVRow.maxFields)
                    read.append(Record(fields: (0..<kept).map { Array(row.bytes($0)) }, quoted: (0..<kept).map { row.quoted[$0] }, count: row.count, line: row.line))
                }
                #expect(read == expected, "\(bytes) read \(chunk) bytes at a time")
                if read != expected { return }
            }
        }
    }

    @Test("Delimiters found 16 bytes at a time equal a byte-by-byte search, on the SSE2 and the portable path")
    func delimiterMasks() {
        var random = SystemRandomNumberGenerator()
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
        defer { bytes.deallocate() }
        for round in 0..<20_000 {
            for i in 0..<16 {
                // Half the rounds from a few bytes near the delimiters, half from every byte.
                bytes[i] =
                    round % 2 == 0 ? [0x2C, 0x0A, 0x22, 0x2D, 0x0B, 0x23, 0xAC, 0x8A, 0xA2, 0x00, 0xFF].randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            var expected: UInt32 = 0
            for i in 0..<16 where [0x2C, 0x0A, 0x22].contains(bytes[i]) { expected |= 1 << UInt32(i) }
            #expect(Delimiters.mask(bytes) == expected)
            #expect(Delimiters.portableMask(bytes) == expected)
        }
    }

    /// The checksum recorded for every imported file must not change with the code that works it
    /// out: here it is worked out the plain way, one byte at a time into little-endian words.
    @Test("A file's checksum equals the plain word-by-word definition, for every length and read size")
    func checksums() throws {
        func reference(_ bytes: [UInt8]) -> UInt64 {
            var value: UInt64 = 0x9E37_79B9_7F4A_7C15
            func mix(_ word: UInt64) {
                value = (value ^ word) &* 0x100000001B3
                value ^= value >> 29
            }
            var word: UInt64 = 0
            for (i, byte) in bytes.enumerated() {
                word |= UInt64(byte) << (8 * UInt64(i % 8))
                if i % 8 == 7 { mix(word); word = 0 }
            }
            mix(word ^ UInt64(bytes.count))
            return value
        }
        var random = SystemRandomNumberGenerator()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checksums-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let path = folder.appendingPathComponent("\(length).csv").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            for chunk in [1, 3, 8, 13, 4 << 20] {
                let checksum = try CSVScanner(chunkSize: chunk, maxLineBytes: 1 << 20).scan(path: path) { _ in }
                #expect(checksum.value == reference(bytes), "\(length) bytes read \(chunk) at a time")
                #expect(checksum.bytes == length)
            }
        }
    }

    @Test("A file's counts tallied as read equal a dictionary's, through many growths of the table")
    func tally() {
        var random = SystemRandomNumberGenerator()
        let tally = CubeTally()
        var expected: [CubeKey: Int32] = [:]
        for _ in 0..<200_000 {
            // LSOA -1 is a crime with no location; LSOA 0, type 0, outcome 0 is the all-zero key.
            let key = CubeKey(lsoa: Int32.random(in: -1...30_000, using: &random), type: UInt8.random(in: 0...1, using: &random), outcome: UInt8.random(in: 0...2, using: &random))
            tally.add(key)
            expected[key, default: 0] += 1
        }
        tally.add(CubeKey(lsoa: 0, type: 0, outcome: 0))
        expected[CubeKey(lsoa: 0, type: 0, outcome: 0), default: 0] += 1
        let counted = tally.all
        #expect(counted.count == expected.count)
        #expect(Dictionary(uniqueKeysWithValues: counted.map { ($0.key, $0.count) }) == expected)
    }

    @Test("Fields that differ anywhere, or only in length, hash differently")
    func fieldHashes() {
        let words = [
            "", "a", "a\u{0}", "Investigation complete; no suspect identified", "Investigation complete; no suspect identifiee",
            "Unable to prosecute suspect", "Under investigation", "Under investigatio", "On or near Parking Area", "12345678", "123456789",
            "1234567", "23456789",
        ]
        var seen: [UInt64: String] = [:]
        for word in words {
            let hash = Array(word.utf8).withUnsafeBytes { FieldHash.of($0) }
            #expect(seen[hash] == nil, "\(word) and \(seen[hash] ?? "")")
            seen[hash] = word
        }
        // Every single-byte change of a 20-byte field gives a different hash.
        var field = Array("On or near High Road".utf8)
        let original = field.withUnsafeBytes { FieldHash.of($0) }
        for i in field.indices {
            let byte = field[i]
            field[i] ^= 0x01
            #expect(field.withUnsafeBytes { FieldHash.of($0) } != original, "byte \(i)")
            field[i] = byte
        }
    }

    @Test("A crime type's code is its place in police.uk's list")
    func crimeTypeCodes() {
        for (position, type) in CrimeType.allCases.enumerated() {
            #expect(Int(type.code) == position)
            #expect(CrimeType(code: type.code) == type)
        }
    }

    @Test("Snap points are numbered as a dictionary would number them, through many growths of the table")
    func snapPointNumbers() {
        var random = SystemRandomNumberGenerator()
        var index = SnapPointIndex()
        var expected: [[UInt64]: Int32] = [:]
        for _ in 0..<100_000 {
            // Few coordinates and names, so that keys share parts and slots collide.
            let key = SnapPointIndex.Key(
                longitude: Int32.random(in: -3...3, using: &random), latitude: Int32.random(in: 0...200, using: &random),
                nameHash: UInt64.random(in: 0...40, using: &random))
            let plain = [UInt64(UInt32(bitPattern: key.longitude)), UInt64(UInt32(bitPattern: key.latitude)), key.nameHash]
            #expect(index.number(of: key) == expected[plain])
            if expected[plain] == nil {
                index.insert(key, number: Int32(expected.count))
                expected[plain] = Int32(expected.count)
            }
        }
        #expect(index.count == expected.count)
    }

    /// police.uk's coordinates ("-1.211620") are read eight bytes at once; everything else, and
    /// anything that only looks like them, must come out as the byte-by-byte reading says.
    @Test("Coordinates read eight bytes at once equal the byte-by-byte reading, for police.uk's form and near misses")
    func coordinates() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-.+ e/:".utf8)
        var texts = [
            "-1.211620", "52.622518", "0.000000", "-0.000000", "180.000000", "1234.567890", "-123.456789", "-.123456", ".1234567", "1.", "-", "", "1.23456", "1.2345678",
            "12.34567a", "a.123456", "-1-.123456", "--1.123456", "1/.123456", "1.12345:", "9707595037652", "-9999999999999", "2147.483647", "2147.483648",
            "0000000002147.4",
        ]
        for _ in 0..<100_000 {
            // Mostly police.uk's form with one byte changed, and some random bytes of any length.
            var bytes = Array(String(format: "%.6f", Double.random(in: -200...200, using: &random)).utf8)
            if Bool.random(using: &random) { bytes[Int.random(in: 0..<bytes.count, using: &random)] = alphabet.randomElement(using: &random)! }
            if Int.random(in: 0..<4, using: &random) == 0 { bytes = (0..<Int.random(in: 0...13, using: &random)).map { _ in alphabet.randomElement(using: &random)! } }
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        var fast = 0
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { raw in
                #expect(StreetCrimeReader.microdegrees(raw) == StreetCrimeReader.microdegreesByteByByte(raw), "\(text)")
                if raw.count >= 8, StreetCrimeReader.sixDecimals(raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)) != nil { fast += 1 }
            }
        }
        #expect(fast > 50_000, "most inputs took the eight-byte path")
    }

    @Test("A police.uk id's first sixteen digits read eight at once equal the digit-by-digit reading; any byte not hexadecimal refuses the id")
    func idPrefixes() {
        var random = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdefABCDEF".utf8)
        for _ in 0..<20_000 {
            var id = (0..<64).map { _ in hex.randomElement(using: &random)! }
            var expected: UInt64 = 0
            for byte in id.prefix(16) { expected = expected << 4 | UInt64(Int(String(UnicodeScalar(byte)), radix: 16)!) }
            id.withUnsafeBytes { #expect(StreetCrimeReader.idPrefix($0) == expected) }
            // Any other byte anywhere, including those next to the digits' and letters' ranges.
            id[Int.random(in: 0..<64, using: &random)] = [0x2F, 0x3A, 0x40, 0x47, 0x60, 0x67, 0x20, 0xC3, 0x00].randomElement(using: &random)!
            id.withUnsafeBytes { #expect(StreetCrimeReader.idPrefix($0) == nil) }
        }
        Array(repeating: UInt8(ascii: "a"), count: 63).withUnsafeBytes { #expect(StreetCrimeReader.idPrefix($0) == nil) }
    }
}
