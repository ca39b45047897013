import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
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
                lines.append(
                    "fm \(try row.decode(column: "force", as: String.self)) \(try row.decode(column: "month", as: Int.self)) \(try row.decode(column: "checksum", as: String.self)) \(try row.decode(column: "accepted", as: Int.self))"
                )
            }
            for row in try await db.raw(
                """
                SELECT m.force, m.month, b.lsoas, b.counts, b.crime_starts, b.crimes, b.locations
                FROM crime_blocks b JOIN crime_force_months m ON m.id = b.force_month_id ORDER BY m.force, m.month
                """
            ).all() {
                let blobs = try ["lsoas", "counts", "crime_starts", "crimes", "locations"].map { try row.decode(column: $0, as: Data.self).base64EncodedString() }
                lines.append("b \(try row.decode(column: "force", as: String.self)) \(try row.decode(column: "month", as: Int.self)) \(blobs)")
            }
            return lines
        }
    }

    /// Little-endian 32-bit words, read here independently of the store's own reader.
    func words(_ data: Data) -> [UInt32] {
        stride(from: 0, to: data.count, by: 4).map { i in
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[data.startIndex + i + $1]) << (8 * $1) }
        }
    }

    @Test("A crime is packed in 15 bytes with the first 8 of its police.uk id, in a block per force-month", arguments: Backend.allCases)
    func recordFormat(backend: Backend) async throws {
        try await withStore(backend) { store in
            let site = try await TestSite.build(store, crime: true)
            let stored = try await store.withConnection { db in
                try await db.raw("SELECT lsoas, counts, crime_starts, crimes FROM crime_blocks").all()
            }
            #expect(stored.count == 1, "one force-month, one row")
            let bytes = [UInt8](try stored[0].decode(column: "crimes", as: Data.self))
            // The test site's three crimes: one in Alpha's LSOA, two in Beta's, slots in LSOA order.
            let alpha = UInt32(LSOA(TestSite.alphaLSOA)!.index), beta = UInt32(LSOA(TestSite.betaLSOA)!.index)
            let alphaFirst = alpha < beta
            #expect(words(try stored[0].decode(column: "lsoas", as: Data.self)) == [alpha, beta].sorted())
            #expect(words(try stored[0].decode(column: "crime_starts", as: Data.self)) == (alphaFirst ? [0, 1, 3] : [0, 2, 3]))
            #expect(bytes.count == 3 * 15)
            let first = alphaFirst ? 0 : 2 * 15
            #expect(bytes[first] == CrimeType.burglary.code)
            #expect(bytes[first + 6] == 1, "has an id")
            #expect(Array(bytes[first + 7..<first + 15]) == Array(repeating: 0xAA, count: 8), "the id's first 16 hex digits, aaaa…")
            let counts = words(try stored[0].decode(column: "counts", as: Data.self))
            #expect(counts.count == 2 * CrimeBlock.types)
            let alphaSlot = alphaFirst ? 0 : 1
            #expect(counts[alphaSlot * CrimeBlock.types + Int(CrimeType.burglary.code)] == 1)
            #expect(counts.reduce(0, +) == 3)
            let now = try await site.deps.crime.crimes(inLSOA: TestSite.alphaLSOA, months: 0...Int.max / 2)
            #expect(now.count == 1 && now[0].location?.name == "On or near Test Street")
        }
    }

    @Test("Crime stored before blocks (a row per LSOA-month, 39- or 15-byte crimes) is repacked, not lost", arguments: Backend.allCases)
    func olderStoresRepacked(backend: Backend) async throws {
        try await withStore(backend, migrate: false) { store in
            try await Migrator(store: store).migrate(through: 7)
            let april = MonthNumber.parse("2021-04")!
            let blaby = try AreaLookup.shipped().lsoas(inDistricts: [TestSite.blaby.code]).map(\.code).sorted()
            let (lsoa, other) = (blaby[0], blaby[1])
            try await store.withConnection { db in
                try await db.raw(
                    """
                    INSERT INTO crime_imports (id, started_at, finished_at, actor, source, status, files, rows_read, accepted, rejected, message, report_json)
                    VALUES (1, 0, 0, 'test', 'older', 'complete', 1, 3, 3, 0, '', '{}')
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO crime_force_months (id, force, month, force_area, import_id, file, checksum, rows_read, accepted, no_location,
                                                    unknown_lsoa, outside_force, outcomes_json)
                    VALUES (7, 'Leicestershire Police', \(bind: april), 'E23000021', 1, 'f.csv', 'c', 3, 3, 1, 0, 0, '["","Under investigation"]')
                    """
                ).run()
                try await db.raw(
                    "INSERT INTO crime_locations (id, force, longitude, latitude, name) VALUES (41, 'Leicestershire Police', -1200000, 52600000, 'On or near Old Street')"
                ).run()
                // A 39-byte burglary with its whole id, a 15-byte ASB without one, and a crime with no location.
                let burglary: [UInt8] = [2, 1, 41, 0, 0, 0, 1] + Array(repeating: 0xBB, count: 32)
                let asb: [UInt8] = [0, 0, 41, 0, 0, 0, 0] + Array(repeating: 0, count: 8)
                let nowhere: [UInt8] = [12, 1, 0xFF, 0xFF, 0xFF, 0xFF, 1] + Array(repeating: 0xCC, count: 8)
                try await db.raw("INSERT INTO crime_records (force_month_id, lsoa, crimes, record_size) VALUES (7, \(bind: lsoa), \(bind: Data(burglary)), 39)").run()
                try await db.raw("INSERT INTO crime_records (force_month_id, lsoa, crimes, record_size) VALUES (7, '', \(bind: Data(nowhere)), 15)").run()
                try await db.raw("INSERT INTO crime_records (force_month_id, lsoa, crimes, record_size) VALUES (7, \(bind: other), \(bind: Data(asb)), 15)").run()
            }
            try await Migrator(store: store).migrate()
            if backend == .sqlite {
                // The dropped tables' pages are given back, not left free inside the file.
                let free = try await store.withConnection { db in try await db.raw("PRAGMA freelist_count").first()!.decode(column: "freelist_count", as: Int.self) }
                #expect(free == 0)
            }
            let crime = CrimeRepository(store: store)
            try await crime.placeAreas { CrimeImporter(store: store, lookup: try! AreaLookup.shipped()).areas }
            let found = try await crime.crimes(inLSOAs: [other, lsoa], months: april...april)
            #expect(found.map(\.type) == [2, 0])
            #expect(found.map(\.outcome) == ["Under investigation", ""])
            let placed = try await crime.placedCrimes(inLSOAs: [other, lsoa], months: april...april, withOutcomes: false)
            #expect(placed.places.count == 1, "two crimes at one snap point list it once")
            let withoutOutcomes = placed.stored
            #expect(withoutOutcomes.map(\.outcome) == ["", ""] && withoutOutcomes.map(\.type) == [2, 0])
            #expect(withoutOutcomes.map(\.location) == found.map(\.location) && withoutOutcomes.map(\.month) == found.map(\.month))
            #expect(found.allSatisfy { $0.location == CrimeLocation(longitude: -1200000, latitude: 52600000, name: "On or near Old Street") })
            #expect(
                try await crime.monthlyCounts(.district, [TestSite.blaby.code.value], months: april...april).map { [$0.month, $0.type, $0.crimes] }
                    == [[april, 0, 1], [april, 2, 1]])
            let blob = try await store.withConnection { db in
                try await db.raw("SELECT crimes FROM crime_blocks WHERE force_month_id = 7").first()!.decode(column: "crimes", as: Data.self)
            }
            #expect(blob.count == 3 * 15)
            #expect(Array(blob[7..<15]) == Array(repeating: 0xBB, count: 8), "the 39-byte crime keeps its id's first 8 bytes")
            #expect(Array(blob[15 + 7..<30]) == Array(repeating: 0, count: 8), "the ASB has no id")
            #expect(blob[30] == 12, "the crime with no location comes last")
        }
    }

    @Test("A block counts one column per police.uk crime type, indexed by the type's code")
    func blockTypes() {
        #expect(CrimeType.allCases.count == CrimeBlock.types)
        #expect(Set(CrimeType.allCases.map { Int($0.code) }) == Set(0..<CrimeBlock.types))
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

            // police.uk republishes a month with different rows: the store (and every query,
            // which has read April's block by now) holds the new month only.
            let republished = text.split(whereSeparator: \.isNewline).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: "\n")
            let newer = try folder([], extra: ["2021-04-leicestershire-street.csv": republished])
            defer { try? FileManager.default.removeItem(at: newer) }
            // Half the crimes: refused unless the importer confirms it.
            await #expect(throws: CrimeImporter.ImportFailed.self) { try await importer.importStreetFiles(at: newer.path, by: Self.author) }
            #expect(try await crimes.monthlyCounts(.csp, ["E22000164"], months: april...april).reduce(0) { $0 + $1.crimes } == expected)
            _ = try await importer.importStreetFiles(at: newer.path, replacing: .init(forceAreas: nil, allowShrinking: true), by: Self.author)
            let newBlaby = republished.split(whereSeparator: \.isNewline).dropFirst().filter { line in
                line.split(separator: ",", omittingEmptySubsequences: false).contains { lsoas.contains(String($0)) }
            }.count
            #expect(newBlaby < expected)
            #expect(try await crimes.monthlyCounts(.csp, ["E22000164"], months: april...april).reduce(0) { $0 + $1.crimes } == newBlaby)
            #expect(try await crimes.monthlyCounts(.forceArea, ["E23000021"], months: april...april).reduce(0) { $0 + $1.crimes } < 8217 / 2 + 1)
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
            let bad = try folder(
                ["leicestershire/2021-05-leicestershire-street.csv"],
                extra: ["2021-06-leicestershire-street.csv": lines.joined(separator: "\r\n")])
            defer { try? FileManager.default.removeItem(at: bad) }
            let failure = await #expect(throws: CrimeImporter.ImportFailed.self) {
                try await importer.importStreetFiles(at: bad.path, by: Self.author, threads: 1)
            }
            #expect(failure?.description.contains("2021-06-leicestershire-street.csv were rejected (the first, line 4001: has 4 fields") == true)
            #expect(failure?.report.rejections.first?.line == 4001)
            #expect(try await snapshot(store) == before)
            let imports = try await CrimeRepository(store: store).imports()
            #expect(imports.map(\.status) == [.failed, .complete])

            // Accepting the valid rows stores the rest and keeps the rejection on record.
            let partial = try await importer.importStreetFiles(at: bad.path, acceptValidRows: true, by: Self.author)
            #expect(partial.rejected == 1)
            #expect(try await CrimeRepository(store: store).monthsAvailable().first?.months.count == 3)
        }
    }

    @Test("An import cut off by a stopped server is on the record as interrupted once the server starts again", arguments: Backend.allCases)
    func interruptedImport(backend: Backend) async throws {
        try await withStore(backend) { store in
            let crime = CrimeRepository(store: store)
            let good = try folder(["leicestershire/2021-04-leicestershire-street.csv"])
            defer { try? FileManager.default.removeItem(at: good) }
            _ = try await CrimeImporter(store: store, lookup: try AreaLookup.shipped()).importStreetFiles(at: good.path, by: Self.author)
            // What a server stopped mid-import leaves: its record says running, its transaction is gone.
            try await store.withConnection { db in
                try await db.raw(
                    """
                    INSERT INTO crime_imports (started_at, finished_at, actor, source, status, files, rows_read, accepted, rejected, message, report_json)
                    VALUES (1, 1, 'analyst@example.org', 'upload of 24 files', 'running', 0, 0, 0, 0, 'Running', '{}')
                    """
                ).run()
            }
            let before = try await snapshot(store)
            #expect(try await crime.closeInterruptedImports() == 1)
            let imports = try await crime.imports()
            #expect(imports.map(\.status) == [.interrupted, .complete])
            #expect(imports[0].message.contains("nothing from it was stored"))
            #expect(try await snapshot(store) == before)
            #expect(try await crime.closeInterruptedImports() == 0)
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
