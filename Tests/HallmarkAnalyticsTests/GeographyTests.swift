import Foundation
import HallmarkAnalytics
import HallmarkDomain
import Testing

@Suite("CSP geography")
struct GeographyTests {
    static let sharedONS = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/ons")

    @Test("CSV records: quotes, doubled quotes, empty fields")
    func csvRecord() {
        #expect(CSVRecord.fields("a,b,,d") == ["a", "b", "", "d"])
        #expect(CSVRecord.fields(#"E06000010,"Kingston upon Hull, City of",E22000134"#) == ["E06000010", "Kingston upon Hull, City of", "E22000134"])
        #expect(CSVRecord.fields(#""say ""hello""",x"#) == [#"say "hello""#, "x"])
        #expect(CSVRecord.fields("") == [""])
    }

    @Test("The shipped lookup equals the ONS source, row for row")
    func shippedMatchesSource() throws {
        let shipped = try CSPGeography.shipped()
        // Read the source independently: Python's csv module would do the same; here, a plain split
        // for the unquoted rows and the seven quoted ones checked by name below.
        let source = try String(contentsOf: Self.sharedONS.appendingPathComponent("lookup_ltla24_csp24_pfa24.csv"), encoding: .utf8)
        let lines = source.split(separator: "\n").dropFirst()
        #expect(shipped.rows.count == lines.count)
        #expect(shipped.rows.count == 332)
        let codes = Set(lines.map { String($0.prefix(9)) })
        #expect(Set(shipped.rows.map(\.district.code.value)) == codes)
        #expect(Set(shipped.rows.map(\.cspCode.value)).count == 314)
        #expect(Set(shipped.rows.map(\.forceCode.value)).count == 43)
        #expect(shipped.rows.first { $0.district.code.value == "E06000023" }?.district.name == "Bristol, City of")
    }

    @Test("Leicestershire's force area has its nine CSPs, each with its district")
    func leicestershire() throws {
        let csps = try CSPGeography.shipped().partnerships(inForce: GSSCode("E23000021")!)
        #expect(
            csps.map(\.name) == [
                "Blaby", "Charnwood", "Harborough", "Hinckley and Bosworth", "Leicester", "Melton",
                "North West Leicestershire", "Oadby and Wigston", "Rutland",
            ])
        #expect(csps.first { $0.name == "Leicester" }?.districts.map(\.code.value) == ["E06000016"])
        #expect(csps.first { $0.name == "Leicester" }?.code.value == "E22000168")
    }

    @Test("A merged district ONS lists under its former CSPs is counted once, under the lowest code, named after itself")
    func mergedDistricts() throws {
        let shipped = try CSPGeography.shipped()
        #expect(shipped.counted.count == Set(shipped.rows.map(\.district.code)).count)
        // Seven districts are listed under several CSPs in the December 2024 lookup.
        let listed = Dictionary(grouping: shipped.rows, by: \.district.code).filter { Set($0.value.map(\.cspCode)).count > 1 }
        #expect(listed.count == 7)
        for (district, rows) in listed {
            let kept = try #require(shipped.counted.first { $0.district.code == district })
            #expect(kept.cspCode == rows.map(\.cspCode).min())
        }
        let thamesValley = shipped.partnerships(inForce: GSSCode("E23000029")!)
        let bucks = try #require(thamesValley.first { $0.code.value == "E22000303" })
        #expect(bucks.name == "Buckinghamshire" && bucks.districts.map(\.code.value) == ["E06000060"])
        #expect(!thamesValley.contains { ["Aylesbury Vale", "Chiltern", "South Bucks", "Wycombe"].contains($0.name) })
        // Dorset's CSP keeps its own name: it also holds Dorset, a district listed once.
        let dorset = shipped.partnerships(inForce: GSSCode("E23000039")!)
        #expect(dorset.map(\.name) == ["Bournemouth, Christchurch and Poole", "Dorset"])
        #expect(Set(shipped.counted.map(\.cspCode)).count == 314 - 13)
    }

    @Test("A malformed lookup names its line")
    func malformed() {
        let bad = "header\nE07000129,Blaby,E22000164,Blaby,E23000021,Leicestershire\nE07000130,Charnwood,NOTACODE,Charnwood,E23000021,Leicestershire\n"
        #expect(throws: CSPGeography.Malformed.self) { try CSPGeography(csv: bad) }
        do { _ = try CSPGeography(csv: bad) } catch { #expect("\(error)".hasPrefix("Line 3 of the district lookup")) }
    }
}

@Suite("LSOA names")
struct LSOANameTests {
    static let police = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/police-uk/leicestershire")

    /// The names are ONS's current ones: a code that is also a 2021 LSOA has its 2021 name (many
    /// were renumbered in 2021, "Leicester 009A" became "Leicester 043D"); a code retired in
    /// 2021 keeps the 2011 name police.uk printed beside it.
    @Test("Each LSOA in a Leicestershire month has ONS's 2021 name, or police.uk's own where the code was retired in 2021")
    func namesAgreeWithSources() throws {
        let names = try LSOANames.shipped()
        let ons = try String(contentsOf: GeographyTests.sharedONS.appendingPathComponent("lookup_lsoa21_ward24_ltla24.csv"), encoding: .utf8)
        var names2021: [String: String] = [:]
        for line in ons.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = CSVRecord.fields(line)
            names2021[fields[1]] = fields[0]
        }
        let text = try String(contentsOf: Self.police.appendingPathComponent("2021-04-leicestershire-street.csv"), encoding: .utf8)
        var checked = Set<String>(), retired = 0
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = CSVRecord.fields(line)
            guard fields.count == 12, !fields[7].isEmpty, checked.insert(fields[7]).inserted else { continue }
            if let current = names2021[fields[7]] {
                #expect(names.name(of: fields[7]) == current, "\(fields[7])")
            } else {
                retired += 1
                #expect(names.name(of: fields[7]) == fields[8], "\(fields[7])")
            }
        }
        #expect(checked.count > 500)
        #expect(retired > 0, "some of the month's codes were retired in 2021")
        #expect(names.name(of: "E01025766") == "Charnwood 021E")
        #expect(names.name(of: "not a code") == nil)
    }
}
