import Foundation
import HallmarkDomain

/// A row police.uk published that Hallmark refused, and why, in words an analyst can act on.
public struct Rejection: Sendable, Equatable, Codable {
    public let file: String
    public let line: Int
    public let reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }
}

/// One crime or incident as an import keeps it, its id with it: one list appended once a row.
public struct StreetCrime: Sendable, Equatable {
    public let lsoa: LSOA?
    public let type: CrimeType
    public let outcome: UInt8
    /// Index into the file's `locations`, or -1 for `No Location`.
    public let location: Int32
    /// The first 16 hex digits of the police.uk id as a number; nil where the row has no id.
    public let idPrefix: UInt64?
}

/// Everything read from one police.uk `-street.csv` file: one force's month.
public struct ForceMonth: Sendable {
    public var file: String
    /// The force as police.uk names it in `Falls within`, e.g. "Leicestershire Police".
    public var force: String = ""
    /// Months since year 0 (`year * 12 + month - 1`); see `MonthNumber`.
    public var month: Int = -1
    public var rowsRead = 0
    public var rejected = 0
    /// The first rejections in full (a hostile file cannot fill memory with them).
    public var rejections: [Rejection] = []
    public var noLocation = 0
    public var hadHeader = false
    public var checksum: UInt64 = 0
    public var bytes = 0
    /// Outcome labels in first-seen order; `StreetCrime.outcome` indexes this. Index 0 is "none".
    public var outcomes: [String] = [""]
    /// Counts by LSOA (nil: no location), crime type and outcome; only when crimes are not kept
    /// (an import counts the crimes it keeps, rather than each row twice).
    public var counts: [CubeCount] = []
    /// Filled only when crimes are kept (an import), not for counting alone.
    public var crimes: [StreetCrime] = []
    /// The file's snap points, numbered in first-seen order; `StreetCrime.location` indexes this.
    public var locations: [SnapPoint] = []
    /// The snap points' place names, first-seen order; `SnapPoint.place` indexes this.
    public var places: [String] = []

    /// A snap point's place name.
    public func place(of point: SnapPoint) -> String { places[Int(point.place)] }

    public var accepted: Int { rowsRead - rejected }

    public static let maxRejectionsKept = 1000

    mutating func reject(_ line: Int, _ reason: String) {
        rejected += 1
        if rejections.count < Self.maxRejectionsKept { rejections.append(Rejection(file: file, line: line, reason: reason)) }
    }
}

public struct CubeKey: Hashable, Sendable {
    /// LSOA index, or -1 for crimes with no location.
    public let lsoa: Int32
    public let type: UInt8
    public let outcome: UInt8

    /// One word to hash rather than three: this key is counted once for every row read.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(UInt32(bitPattern: lsoa)) << 16 | UInt64(type) << 8 | UInt64(outcome))
    }
}

/// Reads police.uk street-level files. Each row is checked and either counted (and kept, for an
/// import) or rejected with its line and reason; a file is never half-read.
public struct StreetCrimeReader: Sendable {
    public static let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"
    static let headerFields = header.split(separator: ",").map { Array($0.utf8) }

    /// Keep each crime (for an import) or only count them (for a quick look or a benchmark).
    public let keepCrimes: Bool
    public init(keepCrimes: Bool) { self.keepCrimes = keepCrimes }

    /// The month a police.uk file name claims, e.g. `2021-04-leicestershire-street.csv`.
    public static func month(fromFileName name: String) -> Int? {
        guard name.count >= 7 else { return nil }
        return MonthNumber.parse(String(name.prefix(7)))
    }

    public func read(path: String, scanner: CSVScanner = CSVScanner()) throws -> ForceMonth {
        let name = (path as NSString).lastPathComponent
        var result = ForceMonth(file: name)
        let claimedMonth = Self.month(fromFileName: name)
        var state = RowState()
        let checksum = try scanner.scan(path: path) { row in
            process(row, into: &result, state: &state, claimedMonth: claimedMonth)
        }
        if !keepCrimes { result.counts = state.tally.all }
        result.checksum = checksum.value
        result.bytes = checksum.bytes
        return result
    }

    public func read(bytes: [UInt8], name: String, scanner: CSVScanner = CSVScanner()) throws -> ForceMonth {
        var result = ForceMonth(file: name)
        let claimedMonth = Self.month(fromFileName: name)
        var state = RowState()
        try scanner.scan(bytes: bytes) { row in process(row, into: &result, state: &state, claimedMonth: claimedMonth) }
        if !keepCrimes { result.counts = state.tally.all }
        result.bytes = bytes.count
        return result
    }

    /// What is remembered between rows of one file.
    struct RowState {
        var first = true
        var force: [UInt8] = []
        /// A file has a dozen or so outcomes: a short list beats a hash table.
        var outcomeIndex: [KnownOutcome] = []
        var locationIndex = SnapPointIndex()
        var placeIndex = PlaceIndex()
        let tally = CubeTally()
    }

    struct KnownOutcome {
        let hash: UInt64
        let index: UInt8
    }

    private func process(_ row: CSVRow, into result: inout ForceMonth, state: inout RowState, claimedMonth: Int?) {
        if state.first {
            state.first = false
            if row.count >= 1, row.bytes(0).elementsEqual("Crime ID".utf8) {
                result.hadHeader = true
                var matches = row.count == 12
                if matches { for i in 0..<12 where !row.bytes(i).elementsEqual(Self.headerFields[i]) { matches = false } }
                if !matches {
                    // Counted as a line read, so that the rows accepted stay rows read less rows rejected.
                    result.rowsRead += 1
                    result.reject(row.line, "the header is not police.uk's street-level header (\(Self.header))")
                }
                return
            }
        }
        result.rowsRead += 1
        guard row.count == 12 else {
            result.reject(row.line, "has \(row.count) fields; a police.uk street-level row has 12")
            return
        }
        guard let month = MonthNumber.parse(row.bytes(1)) else {
            result.reject(row.line, "Month \(Self.show(row, 1)) is not a month like 2021-04")
            return
        }
        if let claimedMonth, month != claimedMonth {
            result.reject(row.line, "Month \(MonthNumber.text(month)) differs from the file name's month \(MonthNumber.text(claimedMonth))")
            return
        }
        if result.month < 0 {
            result.month = month
        } else if month != result.month {
            result.reject(row.line, "Month \(MonthNumber.text(month)) differs from the file's first month \(MonthNumber.text(result.month)); a file holds one month")
            return
        }
        let force = row.bytes(3)
        if state.force.isEmpty {
            guard let name = row.string(3), !name.isEmpty else {
                result.reject(row.line, "Falls within is empty or not UTF-8 text")
                return
            }
            state.force = Array(force)
            result.force = name
        } else if !Self.same(force, state.force) {
            result.reject(row.line, "Falls within \(Self.show(row, 3)) differs from the file's force \(result.force); a file holds one force")
            return
        }
        guard let type = CrimeType.match(row.bytes(9)) else {
            result.reject(row.line, "Crime type \(Self.show(row, 9)) is not a police.uk category")
            return
        }
        let id = row.bytes(0)
        var idPrefix: UInt64? = nil
        if id.count == 0 {
            if type != .antiSocialBehaviour {
                result.reject(row.line, "Crime ID is empty; only anti-social behaviour rows have no Crime ID")
                return
            }
        } else {
            guard id.count == 64, let decoded = Self.idPrefix(id) else {
                result.reject(row.line, "Crime ID \(Self.show(row, 0)) is not police.uk's 64-character identifier")
                return
            }
            idPrefix = decoded
        }

        // Where: either a snap point with an LSOA, or "No Location" with neither.
        var lsoa: LSOA? = nil
        var location: Int32 = -1
        let noCoordinates = row.isEmpty(4) && row.isEmpty(5)
        if noCoordinates {
            guard row.isEmpty(7) else {
                result.reject(row.line, "has an LSOA code but no coordinates")
                return
            }
            result.noLocation += 1
        } else {
            guard let longitude = Self.microdegrees(row.bytes(4)), let latitude = Self.microdegrees(row.bytes(5)),
                abs(longitude) <= 180_000_000, abs(latitude) <= 90_000_000
            else {
                result.reject(row.line, "Longitude \(Self.show(row, 4)) or Latitude \(Self.show(row, 5)) is not a number of degrees")
                return
            }
            guard let code = LSOA(row.bytes(7)) else {
                result.reject(row.line, "LSOA code \(Self.show(row, 7)) is not an ONS LSOA code like E01025631")
                return
            }
            lsoa = code
            if keepCrimes {
                let name = row.bytes(6)
                let nameHash = FieldHash.of(name)
                let key = SnapPointIndex.Key(longitude: longitude, latitude: latitude, nameHash: nameHash)
                if let known = state.locationIndex.number(of: key) {
                    location = known
                } else {
                    // The name is made into text once per place, not once per snap point.
                    let place: UInt32
                    if let known = state.placeIndex.number(of: name, hash: nameHash, quoted: row.quoted[6]) {
                        place = known
                    } else {
                        guard let text = Self.plainText(row, 6) else {
                            result.reject(row.line, "Location is not UTF-8 text")
                            return
                        }
                        place = state.placeIndex.insert(name, hash: nameHash, quoted: row.quoted[6])
                        result.places.append(text)
                    }
                    location = Int32(result.locations.count)
                    state.locationIndex.insert(key, number: location)
                    result.locations.append(SnapPoint(longitude: longitude, latitude: latitude, place: place))
                }
            }
        }

        let outcomeBytes = row.bytes(10)
        var outcome: UInt8 = 0
        if outcomeBytes.count > 0 {
            let h = FieldHash.of(outcomeBytes)
            if let known = state.outcomeIndex.first(where: { $0.hash == h }) {
                outcome = known.index
            } else {
                guard let label = Self.plainText(row, 10), result.outcomes.count < 255 else {
                    result.reject(row.line, "Last outcome category is not UTF-8 text, or there are too many different outcomes")
                    return
                }
                outcome = UInt8(result.outcomes.count)
                result.outcomes.append(label)
                state.outcomeIndex.append(KnownOutcome(hash: h, index: outcome))
            }
        }

        if keepCrimes {
            result.crimes.append(StreetCrime(lsoa: lsoa, type: type, outcome: outcome, location: location, idPrefix: idPrefix))
        } else {
            state.tally.add(CubeKey(lsoa: lsoa?.index ?? -1, type: type.code, outcome: outcome))
        }
    }

    /// Bytes equal, compared as memory: checked once for every row read.
    static func same(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Bool {
        a.count == b.count && (a.count == 0 || b.withUnsafeBytes { memcmp($0.baseAddress!, a.baseAddress!, a.count) == 0 })
    }

    /// Text shown on pages as police.uk wrote it, with "<", ">" and control characters made "?":
    /// police.uk never writes them, and a file made to look like police.uk's must not put markup
    /// into a page (the HTML writer escapes by character, and a mark can join a "<" into one).
    /// Asked once for every snap point, so the bytes are looked at first: none of them can begin
    /// "<", ">" or a control character (C0 and DEL are single bytes; C1 follows a 0xC2 lead byte),
    /// and asking each character's Unicode category took a quarter of an import's time.
    static func plain(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x3C || $0 == 0x3E || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "<" || $0 == ">" || $0.properties.generalCategory == .control ? "?" : $0 }))
    }

    /// Field `i` as text made `plain`, or nil if it is not UTF-8. Asked once for every snap point
    /// an import meets, so the common case, ASCII with nothing to make plain and no doubled quote,
    /// is found in one look at the bytes and made text without the general UTF-8 check.
    static func plainText(_ row: CSVRow, _ i: Int) -> String? {
        let raw = row.bytes(i)
        var ordinary = true
        for byte in raw where byte < 0x20 || byte >= 0x7F || byte == 0x3C || byte == 0x3E || byte == 0x22 { ordinary = false }
        if ordinary { return String(decoding: raw, as: UTF8.self) }
        return row.string(i).map(plain)
    }

    /// A field for a message: quoted, at most 60 characters, never raw bytes.
    static func show(_ row: CSVRow, _ i: Int) -> String {
        guard let text = row.string(i) else { return "(not UTF-8 text)" }
        let clean = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        return "“" + (clean.count > 60 ? String(clean.prefix(57)) + "…" : clean) + "”"
    }

    /// "-1.211620" → -1211620, without going through a floating-point parse. police.uk writes one
    /// to three digits and six decimals, and those are read eight bytes at once (`sixDecimals`);
    /// anything else goes the long way, byte by byte.
    static func microdegrees(_ b: UnsafeRawBufferPointer) -> Int32? {
        let count = b.count
        if count >= 8, b[count - 7] == 0x2E {
            let negative = b[0] == 0x2D
            let start = negative ? 1 : 0
            if (1...3).contains(count - 7 - start), let fraction = sixDecimals(b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) {
                var whole: Int32 = 0
                var digits = true
                for i in start..<(count - 7) {
                    let d = b[i] &- 0x30
                    digits = digits && d < 10
                    whole = whole &* 10 &+ Int32(d)
                }
                if digits {
                    let value = whole * 1_000_000 + fraction
                    return negative ? -value : value
                }
            }
        }
        return microdegreesByteByByte(b)
    }

    /// The six decimals of eight little-endian bytes that end ".dddddd", or nil if any of the six
    /// is not a digit. The first two bytes are made "00", then all eight are turned to a number in
    /// three steps: each pair of digits, each four, all eight (each step one multiplication).
    @inline(__always)
    static func sixDecimals(_ raw: UInt64) -> Int32? {
        let top: UInt64 = 0x8080_8080_8080_8080
        let x = UInt64(littleEndian: raw) & ~0xFFFF | 0x3030
        guard x & top == 0, (x &+ 0x5050_5050_5050_5050) & ~(x &+ 0x4646_4646_4646_4646) & top == top else { return nil }
        var v = x &- 0x3030_3030_3030_3030
        v = v &* 10 &+ v >> 8
        v = ((v & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064 &+ (v >> 16 & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001) >> 32
        return Int32(truncatingIfNeeded: v)
    }

    /// Any number of degrees written in decimal, a byte at a time.
    static func microdegreesByteByByte(_ b: UnsafeRawBufferPointer) -> Int32? {
        guard b.count > 0, b.count <= 14 else { return nil }
        var i = 0
        var negative = false
        if b[0] == 0x2D { negative = true; i = 1 }
        var whole: Int64 = 0
        var digits = 0
        while i < b.count, b[i] != 0x2E {
            let d = b[i] &- 0x30
            guard d < 10 else { return nil }
            whole = whole * 10 + Int64(d)
            // Thirteen digits would overflow when made microdegrees; past Int32's range it is no
            // coordinate anyway.
            guard whole <= Int64(Int32.max) else { return nil }
            digits += 1
            i += 1
        }
        var fraction: Int64 = 0
        var places = 0
        if i < b.count {
            i += 1
            while i < b.count {
                let d = b[i] &- 0x30
                guard d < 10 else { return nil }
                if places < 6 { fraction = fraction * 10 + Int64(d); places += 1 }
                i += 1
            }
        }
        guard digits > 0 || places > 0 else { return nil }
        while places < 6 { fraction *= 10; places += 1 }
        let value = whole * 1_000_000 + fraction
        guard value <= Int64(Int32.max) else { return nil }
        return Int32(negative ? -value : value)
    }

    /// Checks that all 64 characters are hexadecimal and returns the first 16 as a number: the
    /// store keeps only that much of the id (see `CrimeRecordFormat`). Every crime has an id, so
    /// the check takes eight bytes at a time: with no byte's top bit set, adding a constant to each
    /// byte sets its top bit exactly when the byte is at least some value, so a digit is at least
    /// "0" and not above "9", and a letter (made small by 0x20) at least "a" and not above "f".
    static func idPrefix(_ b: UnsafeRawBufferPointer) -> UInt64? {
        guard b.count == 64 else { return nil }
        let top: UInt64 = 0x8080_8080_8080_8080
        func each(_ byte: UInt64) -> UInt64 { byte &* 0x0101_0101_0101_0101 }
        for offset in stride(from: 0, to: 64, by: 8) {
            let x = b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            guard x & top == 0 else { return nil }
            let digit = (x &+ each(0x80 - 0x30)) & ~(x &+ each(0x7F - 0x39))
            let small = x | each(0x20)
            let letter = (small &+ each(0x80 - 0x61)) & ~(small &+ each(0x7F - 0x66))
            guard (digit | letter) & top == top else { return nil }
        }
        return UInt64(hexWord(b.loadUnaligned(as: UInt64.self))) << 32 | UInt64(hexWord(b.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
    }

    /// The number eight hexadecimal digits (already checked) write, the first the most
    /// significant, worked out on all eight at once: a digit's value is its low four bits, plus
    /// nine for a letter (whose 0x40 bit is set); then each pair of values is put into one byte
    /// and the four bytes gathered.
    @inline(__always)
    static func hexWord(_ raw: UInt64) -> UInt32 {
        let x = UInt64(littleEndian: raw)
        let v = (x & 0x0F0F_0F0F_0F0F_0F0F) &+ (x >> 6 & 0x0101_0101_0101_0101) &* 9
        var u = (v << 4 | v >> 8) & 0x00FF_00FF_00FF_00FF
        u = (u | u >> 8) & 0x0000_FFFF_0000_FFFF
        u = (u | u >> 16) & 0xFFFF_FFFF
        return UInt32(truncatingIfNeeded: u).byteSwapped
    }
}
