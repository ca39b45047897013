import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import SQLKit
import Testing

@Suite("Crime import")
struct CrimeImportTests {
    static let police = PoliceFiles.folder
    static let author = ChangeAuthor.system("test")

    func folder(_ files: [String], extra: [String: String] = [:]) throws -> URL { try PoliceFiles.copy(files, extra: extra) }

    /// Every row of the crime tables, so that "unchanged" can be checked exactly.
    func snapshot(_ store: Store) async throws -> [String] {
        try await store.withConnection { db in
            var lines: [String] = []
            for row in try await db.raw("SELECT force, month, file, checksum, accepted FROM crime_force_months ORDER BY force, month").all() {
                lines.append("fm \(try row.decode(column: "force", as: String.self)) \(try row.decode(column: "month", as: Int.self)) \(try row.decode(column: "checksum", as: String.self)) \(try row.decode(column: "accepted", as: Int.self))")
            }
            let types = CrimeCube.columns.joined(separator: ", ")
            for row in try await db.raw("SELECT month, lsoa, \(unsafeRaw: types) FROM crime_counts ORDER BY month, lsoa").all() {
                let counts = try CrimeCube.columns.map { try row.decode(column: $0, as: Int.self) }
                lines.append("c \(try row.decode(column: "month", as: Int.self)) \(try row.decode(column: "lsoa", as: String.self)) \(counts)")
            }
            for row in try await db.raw("SELECT month, district, crime_type, outcome, crimes FROM crime_outcome_counts ORDER BY month, district, crime_type, outcome").all() {
                lines.append("o \(try row.decode(column: "month", as: Int.self)) \(try row.decode(column: "district", as: String.self)) \(try row.decode(column: "crime_type", as: Int.self)) \(try row.decode(column: "outcome", as: String.self)) \(try row.decode(column: "crimes", as: Int.self))")
            }
            let records = try await db.raw("SELECT COUNT(*) AS n FROM crime_records").first()!.decode(column: "n", as: Int.self)
            let locations = try await db.raw("SELECT COUNT(*) AS n FROM crime_locations").first()!.decode(column: "n", as: Int.self)
            lines.append("records \(records) locations \(locations)")
            return lines
        }
    }

    @Test("A crime is packed in 15 bytes with the first 8 of its police.uk id; rows stored in the older 39-byte form still read", arguments: Backend.allCases)
    func recordFormat(backend: Backend) async throws {
        try await withStore(backend) { store in
            let site = try await TestSite.build(store, crime: true)
            let stored = try await store.withConnection { db in
                try await db.raw("SELECT lsoa, crimes, record_size FROM crime_records WHERE lsoa = \(bind: TestSite.alphaLSOA)").first()!
            }
            let bytes = [UInt8](try stored.decode(column: "crimes", as: Data.self))
            #expect(try stored.decode(column: "record_size", as: Int.self) == 15)
            #expect(bytes.count == 15)
            #expect(bytes[0] == CrimeType.burglary.code)
            #expect(bytes[6] == 1, "has an id")
            #expect(Array(bytes[7..<15]) == Array(repeating: 0xAA, count: 8), "the id's first 16 hex digits, aaaa…")
            let now = try await site.deps.crime.crimes(inLSOA: TestSite.alphaLSOA, months: 0...Int.max / 2)
            #expect(now.count == 1 && now[0].location?.name == "On or near Test Street")

            // The same crime as an older store holds it: the whole id, 39 bytes.
            let legacy = Array(bytes[0..<7]) + Array(repeating: 0xAA, count: 32)
            try await store.withConnection { db in
                try await db.raw("UPDATE crime_records SET crimes = \(bind: Data(legacy)), record_size = 39 WHERE lsoa = \(bind: TestSite.alphaLSOA)").run()
            }
            let then = try await site.deps.crime.crimes(inLSOA: TestSite.alphaLSOA, months: 0...Int.max / 2)
            #expect(then == now)
        }
    }

    @Test("The cube's n-th column holds the crime type whose code is n")
    func cubeColumns() {
        let expected = CrimeType.allCases.sorted { $0.code < $1.code }.map { type in
            type.rawValue.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        }
        #expect(CrimeCube.columns == expected)
    }

    @Test("Import, re-import of the same months, and drill-down to the street", arguments: Backend.allCases)
    func importAndReimport(backend: Backend) async throws {
        try await withStore(backend) { store in
            let importer = CrimeImporter(store: store, lookup: try AreaLookup.shipped())
            let files = ["leicestershire/2021-04-leicestershire-street.csv", "leicestershire/2021-05-leicestershire-street.csv"]
            let source = try folder(files)
            defer { try? FileManager.default.removeItem(at: source) }
            let first = try await importer.importStreetFiles(at: source.path, by: Self.author)
            #expect(first.accepted == 8217 + 8402)
            #expect(first.rejected == 0)
            #expect(first.replaced.isEmpty)
            let before = try await snapshot(store)

            let second = try await importer.importStreetFiles(at: source.path, by: Self.author)
            #expect(second.replaced == ["Leicestershire Police 2021-04", "Leicestershire Police 2021-05"])
            #expect(try await snapshot(store) == before, "re-importing the same months leaves identical counts")

            let crimes = CrimeRepository(store: store)
            let april = MonthNumber.parse("2021-04")!
            let months = try await crimes.monthsAvailable()
            #expect(months == [ForceMonths(force: "Leicestershire Police", forceArea: "E23000021", months: [april, april + 1])])
            // Blaby (E22000164) in April, by type, against a count straight from the file.
            let blaby = try await crimes.monthlyCounts(.csp, ["E22000164"], months: april...april).reduce(0) { $0 + $1.crimes }
            let lsoas = Set(try AreaLookup.shipped().lsoas(inDistricts: [GSSCode("E07000129")!]).map(\.code))
            let text = try String(contentsOf: Self.police.appendingPathComponent(files[0]), encoding: .utf8)
            let expected = text.split(whereSeparator: \.isNewline).dropFirst().filter { line in
                line.split(separator: ",", omittingEmptySubsequences: false).contains { lsoas.contains(String($0)) }
            }.count
            #expect(blaby == expected)
            let street = try await crimes.crimes(inLSOA: "E01025631", months: april...april)
            #expect(!street.isEmpty)
            #expect(street.allSatisfy { $0.location?.name.hasPrefix("On or near") == true })
        }
    }

    @Test("A file that fails halfway leaves the store exactly as it was", arguments: Backend.allCases)
    func failedImportChangesNothing(backend: Backend) async throws {
        try await withStore(backend) { store in
            let importer = CrimeImporter(store: store, lookup: try AreaLookup.shipped())
            let good = try folder(["leicestershire/2021-04-leicestershire-street.csv"])
            defer { try? FileManager.default.removeItem(at: good) }
            _ = try await importer.importStreetFiles(at: good.path, by: Self.author)
            let before = try await snapshot(store)

            // A later file, after a good one, with a broken row in its middle.
            var lines = try String(contentsOf: Self.police.appendingPathComponent("leicestershire/2021-06-leicestershire-street.csv"), encoding: .utf8)
                .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            lines.insert("not,a,police.uk,row", at: 4000)
            let bad = try folder(["leicestershire/2021-05-leicestershire-street.csv"],
                                 extra: ["2021-06-leicestershire-street.csv": lines.joined(separator: "\r\n")])
            defer { try? FileManager.default.removeItem(at: bad) }
            let failure = await #expect(throws: CrimeImporter.ImportFailed.self) {
                try await importer.importStreetFiles(at: bad.path, by: Self.author, threads: 1)
            }
            #expect(failure?.description.contains("2021-06-leicestershire-street.csv were rejected (the first, line 4001: has 4 fields") == true)
            #expect(failure?.report.rejections.first?.line == 4001)
            #expect(try await snapshot(store) == before)
            let imports = try await CrimeRepository(store: store).imports()
            #expect(imports.map(\.status) == ["failed", "complete"])

            // Accepting the valid rows stores the rest and keeps the rejection on record.
            let partial = try await importer.importStreetFiles(at: bad.path, acceptValidRows: true, by: Self.author)
            #expect(partial.rejected == 1)
            #expect(try await CrimeRepository(store: store).monthsAvailable().first?.months.count == 3)
        }
    }

    @Test("Headerless files import once recognised", arguments: Backend.allCases)
    func headerless(backend: Backend) async throws {
        try await withStore(backend) { store in
            let importer = CrimeImporter(store: store, lookup: try AreaLookup.shipped())
            let source = try folder(["headerless-samples/2021-01-cambridgeshire-street.csv", "headerless-samples/2021-01-city-of-london-street.csv"])
            defer { try? FileManager.default.removeItem(at: source) }
            let report = try await importer.importStreetFiles(at: source.path, by: Self.author)
            #expect(report.accepted == 5252 + 247)
            #expect(report.files.allSatisfy { !$0.hadHeader })
            let forces = try await CrimeRepository(store: store).monthsAvailable().map(\.forceArea)
            #expect(forces == ["E23000023", "E23000034"])
        }
    }

    @Test("Two files for the same force and month are refused")
    func duplicateMonth() async throws {
        try await withStore(.sqlite) { store in
            let importer = CrimeImporter(store: store, lookup: try AreaLookup.shipped())
            let text = try String(contentsOf: Self.police.appendingPathComponent("leicestershire/2021-04-leicestershire-street.csv"), encoding: .utf8)
            let source = try folder([], extra: ["2021-04-leicestershire-street.csv": text, "2021-04-leics-copy-street.csv": text])
            defer { try? FileManager.default.removeItem(at: source) }
            let failure = await #expect(throws: CrimeImporter.ImportFailed.self) {
                try await importer.importStreetFiles(at: source.path, by: Self.author)
            }
            #expect(failure?.description.contains("both hold Leicestershire Police for 2021-04") == true)
            #expect(try await CrimeRepository(store: store).monthsAvailable().isEmpty)
        }
    }
}
