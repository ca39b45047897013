import Foundation
import HallmarkDomain
import HallmarkAnalytics
import Testing

@Suite("police.uk street-level reader")
struct StreetCrimeReaderTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/police-uk").standardized
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let header = StreetCrimeReader.header
    static let id = String(repeating: "ab", count: 32)

    func read(_ text: String, name: String = "2021-04-test-street.csv", keep: Bool = true, scanner: CSVScanner = CSVScanner()) throws -> ForceMonth {
        try StreetCrimeReader(keepCrimes: keep).read(bytes: Array(text.utf8), name: name, scanner: scanner)
    }

    @Test("Counts by CSP, month and type equal DuckDB's on the 24 Leicestershire files")
    func leicestershireMatchesDuckDB() throws {
        let files = try PoliceUKFolder.streetFiles(at: Self.shared.appendingPathComponent("leicestershire").path)
        #expect(files.count == 24)
        let months = try PoliceUKFolder.read(files, reader: StreetCrimeReader(keepCrimes: false))
        #expect(months.allSatisfy { $0.rejected == 0 && $0.hadHeader && $0.force == "Leicestershire Police" })
        let counts = CrimeCounts(months, lookup: try AreaLookup.shipped(), level: .csp)

        var expected: [CrimeCounts.Key: Int] = [:]
        let reference = try String(contentsOf: Self.fixtures.appendingPathComponent("leicestershire-csp-month-type.csv"), encoding: .utf8)
        for line in reference.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            let key = CrimeCounts.Key(area: String(f[0]), month: MonthNumber.parse(String(f[1]))!, type: CrimeType(rawValue: String(f[2]))!)
            expected[key] = Int(f[3])!
        }
        #expect(counts.total == 199_362)
        #expect(counts.counts == expected)
    }

    @Test("Headerless files are recognised and read the same as with their header")
    func headerless() throws {
        for (file, rows) in [("2021-01-cambridgeshire-street.csv", 5252), ("2021-01-city-of-london-street.csv", 247)] {
            let path = Self.shared.appendingPathComponent("headerless-samples/\(file)").path
            let bare = try StreetCrimeReader(keepCrimes: true).read(path: path)
            #expect(!bare.hadHeader)
            #expect(bare.rowsRead == rows)
            #expect(bare.rejected == 0)
            let withHeader = try StreetCrimeReader(keepCrimes: true).read(
                bytes: Array((Self.header + "\n").utf8) + Array(try Data(contentsOf: URL(fileURLWithPath: path))), name: file)
            #expect(withHeader.hadHeader)
            #expect(withHeader.crimes == bare.crimes)
            #expect(withHeader.locations == bare.locations && withHeader.places == bare.places)
            #expect(try StreetCrimeReader(keepCrimes: false).read(path: path).counts.reduce(0) { $0 + $1.count } == Int32(rows))
        }
    }

    @Test("Markup in a place or outcome is made plain before any page shows it")
    func markupMadePlain() throws {
        let text =
            Self.header + "\n"
            + "\(Self.id),2021-04,F,F,-1.2,52.6,On or near \u{600}<iframe src=x>,E01025631,N,Burglary,\u{600}<b>Charged</b>,\n"
        let month = try read(text)
        #expect(month.rejected == 0)
        #expect(month.locations.map(month.place(of:)) == ["On or near \u{600}?iframe src=x?"])
        #expect(month.outcomes == ["", "\u{600}?b?Charged?/b?"])

        // Control characters too, one byte (C0, DEL) or two (C1, after a 0xC2 lead byte, as "£"
        // also has, which stays); a tab is a control character as well.
        let controls =
            Self.header + "\n"
            + "\(Self.id),2021-04,F,F,-1.3,52.7,On or near \u{85}£5 Street\u{7F}\u{9F}\u{1} é,E01025631,N,Burglary,\u{9}Charged\u{A0},\n"
        let plain = try read(controls)
        #expect(plain.rejected == 0)
        #expect(plain.locations.map(plain.place(of:)) == ["On or near ?£5 Street??? é"])
        #expect(plain.outcomes == ["", "?Charged\u{A0}"])
        let untouched = try read(Self.header + "\n" + "\(Self.id),2021-04,F,F,-1.3,52.7,On or near £5 Street,E01025631,N,Burglary,Charged,\n")
        #expect(untouched.locations.map(untouched.place(of:)) == ["On or near £5 Street"])
    }

    /// Snap points sharing a name share its text, made once; a name quoted with doubled quotes
    /// inside is a different name from the same bytes unquoted (only the quoted one's are undone).
    @Test("Snap points with the same place name share one place; quoting that changes the text makes another")
    func placesShared() throws {
        func row(_ longitude: String, _ location: String) -> String {
            "\(Self.id),2021-04,Force A,Force A,\(longitude),52.622518,\(location),E01025631,Blaby 002A,Burglary,,\n"
        }
        let text =
            Self.header + "\n" + row("-1.1", "On or near High Street") + row("-1.2", "On or near High Street")
            + row("-1.3", "\"On or near \"\"Q\"\" Road\"") + row("-1.4", "On or near \"\"Q\"\" Road") + row("-1.5", "\"On or near High Street\"")
            + row("-1.6", "\"On or near \"\"Q\"\" Road\"") + row("-1.1", "On or near High Street")
        for scanner in [CSVScanner(), CSVScanner(chunkSize: 7, maxLineBytes: 1 << 12)] {
            let month = try read(text, scanner: scanner)
            #expect(month.rejected == 0)
            #expect(
                month.locations.map(month.place(of:)) == [
                    "On or near High Street", "On or near High Street", "On or near \"Q\" Road", "On or near \"\"Q\"\" Road",
                    "On or near High Street", "On or near \"Q\" Road",
                ])
            #expect(month.crimes.map(\.location) == [0, 1, 2, 3, 4, 5, 0], "the last row's snap point is the first's")
            #expect(month.locations[0].place == month.locations[1].place && month.locations[2].place == month.locations[5].place)
            #expect(month.places.count == 4, "High Street, the quoted Q Road, the unquoted one, and High Street quoted")
        }
    }

    @Test("BOM, CRLF, quoted commas and doubled quotes, ASB without an id, and No Location rows")
    func formats() throws {
        let text =
            "\u{FEFF}" + Self.header + "\r\n"
            + "\(Self.id),2021-04,Force A,Force A,-1.211620,52.622518,\"On or near \"\"The Crescent\"\", Blaby\",E01025631,Blaby 002A,Burglary,Under investigation,\r\n"
            + ",2021-04,Force A,Force A,-1.2,52.6,On or near Kings Walk,E01025631,Blaby 002A,Anti-social behaviour,,\r\n"
            + "\(Self.id),2021-04,Force A,Force A,,,No Location,,,Violence and sexual offences,Court result unavailable,\r\n"
            + "\r\n"
        let month = try read(text)
        #expect(month.hadHeader)
        #expect(month.rowsRead == 3)
        #expect(month.rejected == 0)
        #expect(month.noLocation == 1)
        #expect(month.force == "Force A")
        #expect(month.month == MonthNumber.make(year: 2021, month: 4))
        #expect(month.locations.map(month.place(of:)) == ["On or near \"The Crescent\", Blaby", "On or near Kings Walk"])
        #expect(month.locations.map(\.longitude) == [-1_211_620, -1_200_000])
        #expect(month.outcomes == ["", "Under investigation", "Court result unavailable"])
        #expect(month.crimes.map(\.type) == [.burglary, .antiSocialBehaviour, .violenceAndSexualOffences])
        #expect(month.crimes.map(\.idPrefix) == [0xABAB_ABAB_ABAB_ABAB, nil, 0xABAB_ABAB_ABAB_ABAB], "the first 16 digits of each of the two ids")
    }

    @Test(
        "Each malformed row is rejected with its line and a reason",
        arguments: [
            ("a,b,c", "has 3 fields; a police.uk street-level row has 12"),
            ("\(id),April,F,F,-1.2,52.6,L,E01025631,N,Burglary,,", "Month “April” is not a month like 2021-04"),
            ("\(id),2021-05,F,F,-1.2,52.6,L,E01025631,N,Burglary,,", "Month 2021-05 differs from the file name's month 2021-04"),
            ("\(id),2021-04,F,F,west,52.6,L,E01025631,N,Burglary,,", "Longitude “west” or Latitude “52.6” is not a number of degrees"),
            ("\(id),2021-04,F,F,-1.2,952.6,L,E01025631,N,Burglary,,", "Longitude “-1.2” or Latitude “952.6” is not a number of degrees"),
            ("\(id),2021-04,F,F,9707595037652,52.6,L,E01025631,N,Burglary,,", "Longitude “9707595037652” or Latitude “52.6” is not a number of degrees"),
            ("\(id),2021-04,F,F,-1.2,52.6,L,E02000001,N,Burglary,,", "LSOA code “E02000001” is not an ONS LSOA code like E01025631"),
            ("\(id),2021-04,F,F,,,No Location,E01025631,N,Burglary,,", "has an LSOA code but no coordinates"),
            ("\(id),2021-04,F,F,-1.2,52.6,L,E01025631,N,Jaywalking,,", "Crime type “Jaywalking” is not a police.uk category"),
            (",2021-04,F,F,-1.2,52.6,L,E01025631,N,Burglary,,", "Crime ID is empty; only anti-social behaviour rows have no Crime ID"),
            ("xyz,2021-04,F,F,-1.2,52.6,L,E01025631,N,Burglary,,", "Crime ID “xyz” is not police.uk's 64-character identifier"),
            (
                String(repeating: "ab", count: 31) + "zz,2021-04,F,F,-1.2,52.6,L,E01025631,N,Burglary,,",
                "Crime ID “" + String(repeating: "ab", count: 28) + "a…” is not police.uk's 64-character identifier"
            ),
            ("\(id),2021-04,G,G,-1.2,52.6,L,E01025631,N,Burglary,,", "Falls within “G” differs from the file's force F; a file holds one force"),
        ])
    func rejections(row: String, reason: String) throws {
        let good = "\(Self.id),2021-04,F,F,-1.2,52.6,L,E01025631,N,Burglary,,"
        let month = try read(Self.header + "\n" + good + "\n" + row + "\n")
        #expect(month.rowsRead == 2)
        #expect(month.rejected == 1)
        #expect(month.rejections == [Rejection(file: "2021-04-test-street.csv", line: 3, reason: reason)])
        #expect(month.accepted == 1)
    }

    @Test("An id is 64 hexadecimal digits in either case; its first sixteen are kept as a number")
    func crimeIDs() throws {
        let digits = Array("0123456789abcdefABCDEF")
        var generator = SystemRandomNumberGenerator()
        let ids = (0..<50).map { _ in String((0..<64).map { _ in digits.randomElement(using: &generator)! }) }
        let text = Self.header + "\n" + ids.map { "\($0),2021-04,F,F,-1.2,52.6,L,E01025631,N,Burglary,," }.joined(separator: "\n") + "\n"
        let month = try read(text)
        #expect(month.rejected == 0)
        // The reference: the first sixteen digits read as one number by the standard library.
        let expected = ids.map { UInt64($0.prefix(16), radix: 16)! }
        #expect(month.crimes.compactMap(\.idPrefix) == expected)

        // One byte that is not a digit, anywhere in any of the four sixteens, rejects the row:
        // the neighbours of each range ("/" and ":" of the digits, "@", "G", "`" and "g" of the
        // letters) and a two-byte letter standing in for two digits.
        for position in [0, 15, 16, 31, 32, 47, 48, 63] {
            for wrong in ["/", ":", "@", "G", "`", "g", " "] {
                var id = Array(String(repeating: "a", count: 64))
                id[position] = Character(wrong)
                let row = "\(String(id)),2021-04,F,F,-1.2,52.6,L,E01025631,N,Burglary,,"
                #expect(try read(Self.header + "\n" + row + "\n").rejected == 1, "\(wrong) at \(position)")
            }
        }
        let accented = String(repeating: "a", count: 40) + "é" + String(repeating: "a", count: 22)
        #expect(accented.utf8.count == 64)
        #expect(try read(Self.header + "\n" + accented + ",2021-04,F,F,-1.2,52.6,L,E01025631,N,Burglary,,\n").rejected == 1)
    }

    @Test("Text that is not UTF-8 is rejected, not guessed at")
    func notUTF8() throws {
        var bytes = Array((Self.header + "\n\(Self.id),2021-04,F,F,-1.2,52.6,On or near ").utf8)
        bytes += [0xC3, 0x28]  // an invalid UTF-8 sequence
        bytes += Array(" Street,E01025631,N,Burglary,,\n".utf8)
        let month = try StreetCrimeReader(keepCrimes: true).read(bytes: bytes, name: "2021-04-x-street.csv")
        #expect(month.rejections.map(\.reason) == ["Location is not UTF-8 text"])
    }

    @Test("A different header is named, not silently treated as data")
    func wrongHeader() throws {
        let month = try read("Crime ID,Month,Force\n")
        #expect(month.rejections.first?.reason.hasPrefix("the header is not police.uk's street-level header") == true)
    }

    @Test("Lines without quotes are split at every comma and nowhere else, whatever their length and bytes")
    func unquotedLines() throws {
        // Bytes next to a comma and a quote, both with the top bit set, a carriage return and a
        // zero anywhere; lines of every length up to forty bytes, some with more than sixteen fields.
        let alphabet: [UInt8] = [0x2C, 0x2C, 0x2B, 0x2D, 0x21, 0x23, 0xAC, 0xA2, 0x61, 0x31, 0x20, 0x0D, 0x00, 0xFF]
        var random = SystemRandomNumberGenerator()
        var lines: [[UInt8]] = []
        for length in 0...40 {
            for _ in 0..<40 { lines.append((0..<length).map { _ in alphabet.randomElement(using: &random)! }) }
        }
        var expected: [[[UInt8]]] = []
        for line in lines {
            var fields = line.split(separator: 0x2C, omittingEmptySubsequences: false).map(Array.init)
            if fields[fields.count - 1].last == 0x0D { fields[fields.count - 1].removeLast() }
            if !(fields.count == 1 && fields[0].isEmpty) { expected.append(fields) }
        }
        var read: [[[UInt8]]] = []
        try CSVScanner().scan(bytes: Array(lines.joined(separator: [0x0A])) + [0x0A]) { row in
            read.append((0..<min(row.count, CSVRow.maxFields)).map { Array(row.bytes($0)) })
        }
        #expect(read.count == expected.count)
        for (got, want) in zip(read, expected) {
            #expect(got == Array(want.prefix(CSVRow.maxFields)), "\(want)")
        }
    }

    @Test("Tiny reads split every record at every place, and the result is the same")
    func chunkBoundaries() throws {
        let path = Self.shared.appendingPathComponent("headerless-samples/2021-01-city-of-london-street.csv").path
        let whole = try StreetCrimeReader(keepCrimes: true).read(path: path)
        for chunk in [1, 7, 64, 1000] {
            let small = try StreetCrimeReader(keepCrimes: true).read(path: path, scanner: CSVScanner(chunkSize: chunk, maxLineBytes: 4096))
            #expect(small.crimes == whole.crimes, "chunk \(chunk)")
            #expect(small.locations == whole.locations && small.places == whole.places, "chunk \(chunk)")
            #expect(small.checksum == whole.checksum, "chunk \(chunk)")
        }
    }

    @Test("A line longer than the limit stops the read with a clear message")
    func lineTooLong() throws {
        let long = Self.header + "\n" + String(repeating: "x", count: 10_000) + "\n"
        #expect(throws: CSVScanner.LineTooLong.self) {
            try read(long, scanner: CSVScanner(chunkSize: 1024, maxLineBytes: 4096))
        }
    }

    @Test("Random bytes never crash the reader")
    func hostileBytes() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array(",\"\r\n\u{0}abc-.0123456789E01W".utf8) + [0xFF, 0xC3, 0xEF, 0xBB, 0xBF]
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...600, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            _ = try? StreetCrimeReader(keepCrimes: true).read(
                bytes: bytes, name: "2021-04-fuzz-street.csv",
                scanner: CSVScanner(chunkSize: 13, maxLineBytes: 1024))
        }
    }

    @Test("Coordinates are read exactly, to the millionth of a degree")
    func lsoaAndMonths() {
        #expect(LSOA("E01025631")?.code == "E01025631")
        #expect(LSOA("W01000001")?.index == 100_001)
        #expect(LSOA("E1025631") == nil)
        #expect(MonthNumber.parse("2021-13") == nil)
        #expect(MonthNumber.text(MonthNumber.parse("2021-04")!) == "2021-04")
    }
}
