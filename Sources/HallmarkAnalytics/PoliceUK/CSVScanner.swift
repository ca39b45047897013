import Foundation

/// One record of a CSV file as byte ranges into the scanner's buffer, valid only during the
/// callback that receives it. Nothing is copied or decoded until a field is asked for.
public struct CSVRow {
    public static let maxFields = 16
    let base: UnsafePointer<UInt8>
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let quoted: UnsafeMutablePointer<Bool>
    /// How many fields the line had (may exceed `maxFields`; only those are kept).
    public let count: Int
    /// Line number in the file, from 1, of the record's first line.
    public let line: Int

    /// The raw bytes of field `i`, without its enclosing quotes (doubled quotes still doubled).
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + starts[i], count: ends[i] - starts[i])
    }

    public func isEmpty(_ i: Int) -> Bool { ends[i] == starts[i] }

    /// Field `i` as text, with doubled quotes undone; nil if it is not valid UTF-8. A quoted
    /// field is usually quoted for a comma, not a quote, and Foundation's replacing copies the
    /// text as UTF-16 whether or not it finds anything, so it is only asked when there is a quote.
    public func string(_ i: Int) -> String? {
        let raw = bytes(i)
        guard let text = String(validating: raw, as: UTF8.self) else { return nil }
        return quoted[i] && raw.contains(UInt8(ascii: "\"")) ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }
}

/// Reads a CSV file in fixed-size chunks and hands over one record at a time, so a file of
/// several gigabytes needs no more memory than a chunk and its longest line. It follows
/// RFC 4180 (quoted fields may hold commas, doubled quotes and line breaks), accepts CRLF or
/// LF, skips a UTF-8 byte-order mark and blank lines, and never trusts the bytes it is given.
public struct CSVScanner {
    public struct LineTooLong: Error, CustomStringConvertible {
        public let line: Int
        public let limit: Int
        public var description: String { "line \(line) is longer than \(limit / 1_048_576) MB; this is not a police.uk file" }
    }

    public struct Unreadable: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path) could not be read: \(reason)" }
    }

    public let chunkSize: Int
    public let maxLineBytes: Int

    public init(chunkSize: Int = 4 << 20, maxLineBytes: Int = 1 << 20) {
        self.chunkSize = chunkSize
        self.maxLineBytes = maxLineBytes
    }

    /// Scans the file at `path`, calling `body` with each record in order. Returns a checksum
    /// of the bytes read, so an import can record exactly which file it took.
    @discardableResult
    public func scan(path: String, _ body: (CSVRow) throws -> Void) throws -> FileChecksum {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        return try scan(
            reading: { buffer, count in
                let n = read(fd, buffer, count)
                if n < 0 { throw Unreadable(path: path, reason: String(cString: strerror(errno))) }
                return n
            }, body)
    }

    /// Scans bytes held in memory (for tests and uploads).
    @discardableResult
    public func scan(bytes: [UInt8], _ body: (CSVRow) throws -> Void) throws -> FileChecksum {
        var offset = 0
        return try scan(
            reading: { buffer, count in
                let n = min(count, bytes.count - offset)
                bytes.withUnsafeBytes { source in
                    buffer.copyMemory(from: source.baseAddress! + offset, byteCount: n)
                }
                offset += n
                return n
            }, body)
    }

    /// One pass over the bytes, 16 at a time: each block's delimiters (comma, line feed, quote)
    /// are found at once and only they are looked at, rather than every byte, or one `memchr`
    /// for each of a row's twelve fields.
    ///
    /// The checksum is worked out in the same loop, two words for every block. Its steps each
    /// wait for the one before, so in a pass of their own they took a sixth of the time to count
    /// a national year; beside the scan's own work, the processor does both at once.
    private func scan(reading: (UnsafeMutableRawPointer, Int) throws -> Int, _ body: (CSVRow) throws -> Void) throws -> FileChecksum {
        let capacity = chunkSize + maxLineBytes
        // Room past the end for the last block of 16 bytes to be loaded whole.
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + Delimiters.width)
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: CSVRow.maxFields)
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: CSVRow.maxFields)
        let quoted = UnsafeMutablePointer<Bool>.allocate(capacity: CSVRow.maxFields)
        defer { buffer.deallocate(); starts.deallocate(); ends.deallocate(); quoted.deallocate() }

        var filled = 0  // bytes in the buffer
        var eof = false
        var line = 1  // line number of the record starting at `position`
        var first = true
        // The checksum so far, in a local so that it stays in a register, and where in the buffer
        // the bytes not yet in it begin (always a multiple of eight bytes into the file).
        var checksum = FileChecksum.start
        var summed = 0
        var bytesRead = 0
        var resume = 0  // where the unfinished record begins after the buffer is moved up

        while true {
            // Top up the buffer.
            while !eof && filled < capacity {
                let n = try reading(UnsafeMutableRawPointer(buffer + filled), min(chunkSize, capacity - filled))
                if n == 0 { eof = true } else { filled += n }
                bytesRead += n
                if filled >= chunkSize { break }
            }
            // The last block may load up to 15 bytes past what was read: give them a value.
            (buffer + filled).initialize(repeating: 0, count: Delimiters.width)
            var position = resume  // where the record being read starts
            if first {
                first = false
                if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
            }

            // The record being read.
            var fieldCount = 0
            var fieldStart = position
            var inQuotes = false
            var wasQuoted = false
            var newlines = 0  // line feeds inside quotes
            var secondQuote = -1  // the second of a doubled quote, which is not a delimiter

            /// Ends the field at `end` (exclusive); a field that began and ended with a quote is
            /// kept without them.
            func endField(at end: Int) {
                if fieldCount < CSVRow.maxFields {
                    let q = wasQuoted && end - fieldStart >= 2 && buffer[fieldStart] == 0x22 && buffer[end - 1] == 0x22
                    starts[fieldCount] = q ? fieldStart + 1 : fieldStart
                    ends[fieldCount] = q ? end - 1 : end
                    quoted[fieldCount] = q
                }
                fieldCount += 1
                wasQuoted = false
            }
            /// Hands over the record unless it is a blank line, and starts the next at `next`.
            func endRecord(next: Int) throws {
                if !(fieldCount == 1 && ends[0] == starts[0]) {
                    try body(CSVRow(base: UnsafePointer(buffer), starts: starts, ends: ends, quoted: quoted, count: fieldCount, line: line))
                }
                line += 1 + newlines
                newlines = 0
                fieldCount = 0
                position = next
                fieldStart = next
            }

            var block = position
            blocks: while block < filled {
                if summed + 16 <= filled {
                    checksum = FileChecksum.mix(checksum, UnsafeRawPointer(buffer + summed).loadUnaligned(as: UInt64.self))
                    checksum = FileChecksum.mix(checksum, UnsafeRawPointer(buffer + summed + 8).loadUnaligned(as: UInt64.self))
                    summed += 16
                }
                var bits = Delimiters.mask(buffer + block)
                if filled - block < Delimiters.width { bits &= (1 << UInt32(filled - block)) &- 1 }
                while bits != 0 {
                    let at = block + bits.trailingZeroBitCount
                    bits &= bits &- 1
                    let byte = buffer[at]
                    if byte == 0x22 {
                        if inQuotes {
                            if at == secondQuote { continue }
                            if at + 1 < filled {
                                if buffer[at + 1] == 0x22 { secondQuote = at + 1; continue }
                            } else if !eof {
                                break blocks  // a doubled quote or a closing one: the next read tells
                            }
                            inQuotes = false
                        } else if at == fieldStart {
                            inQuotes = true
                            wasQuoted = true
                        }
                        continue  // a quote inside an unquoted field is part of it
                    }
                    if inQuotes {
                        if byte == 0x0A { newlines += 1 }
                        continue
                    }
                    var end = at
                    if byte == 0x0A && end > fieldStart && buffer[end - 1] == 0x0D { end -= 1 }
                    endField(at: end)
                    fieldStart = at + 1
                    if byte == 0x0A { try endRecord(next: at + 1) }
                }
                block += Delimiters.width
            }

            while summed + 8 <= filled {
                checksum = FileChecksum.mix(checksum, UnsafeRawPointer(buffer + summed).loadUnaligned(as: UInt64.self))
                summed += 8
            }
            if eof && position < filled {
                // The last record, without a final line break.
                var end = filled
                if end > fieldStart && buffer[end - 1] == 0x0D { end -= 1 }
                endField(at: end)
                try endRecord(next: filled)
            }
            if eof && position >= filled {
                // Fewer than eight bytes are left out of the checksum: they end it.
                var tail: UInt64 = 0
                for i in summed..<filled { tail |= UInt64(buffer[i]) << (8 * UInt64(i - summed)) }
                return FileChecksum(value: FileChecksum.mix(checksum, tail ^ UInt64(bytesRead)), bytes: bytesRead)
            }
            // Keep the unfinished record, and any bytes not yet in the checksum, and read on.
            if filled - position >= maxLineBytes { throw LineTooLong(line: line, limit: maxLineBytes) }
            let kept = min(position, summed)
            if kept > 0 { memmove(buffer, buffer + kept, filled - kept) }
            filled -= kept
            resume = position - kept
            summed -= kept
        }
    }
}

/// A fast 64-bit fingerprint of a byte stream, word by word, the same however the stream was
/// split into reads. Not cryptographic: it tells whether a re-import is the same file. The scanner
/// works it out as it reads: each little-endian word of eight bytes is mixed in, in order, and the
/// last few bytes (as one word, with the length) end it.
public struct FileChecksum: Sendable {
    public let value: UInt64
    public let bytes: Int

    static let start: UInt64 = 0x9E3779B97F4A7C15

    @inline(__always)
    static func mix(_ value: UInt64, _ word: UInt64) -> UInt64 {
        let product = (value ^ UInt64(littleEndian: word)) &* 0x100000001B3
        return product ^ product >> 29
    }

    public var hex: String { String(value, radix: 16) }
}
