import Foundation
import HallmarkDomain
import SQLKit

/// One police.uk force-month, counted and packed, ready to store.
public struct CrimeFileLoad: Sendable {
    public var force: String
    public var month: Int
    /// The ONS police force area most of its rows fall in.
    public var forceArea: String?
    public var file: String
    public var checksum: String
    public var rowsRead: Int
    public var accepted: Int
    public var rejected: Int
    public var noLocation: Int
    public var unknownLSOA: Int
    public var outsideForce: Int
    public var outcomes: [String]
    public var counts: [CrimeCountRow]
    public var outcomeCounts: [OutcomeCountRow]
    /// Crimes packed in `CrimeRecordFormat`, grouped by LSOA ("" for no location); their
    /// location fields index `locations`.
    public var records: [(lsoa: String, crimes: [UInt8])]
    public var locations: [CrimeLocation]

    public init(force: String, month: Int, forceArea: String?, file: String, checksum: String, rowsRead: Int, accepted: Int,
                rejected: Int, noLocation: Int, unknownLSOA: Int, outsideForce: Int, outcomes: [String], counts: [CrimeCountRow],
                outcomeCounts: [OutcomeCountRow], records: [(lsoa: String, crimes: [UInt8])], locations: [CrimeLocation]) {
        self.force = force
        self.month = month
        self.forceArea = forceArea
        self.file = file
        self.checksum = checksum
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.rejected = rejected
        self.noLocation = noLocation
        self.unknownLSOA = unknownLSOA
        self.outsideForce = outsideForce
        self.outcomes = outcomes
        self.counts = counts
        self.outcomeCounts = outcomeCounts
        self.records = records
        self.locations = locations
    }
}

/// A row of the crime cube: one LSOA ("" for no location) in one force-month, with its crimes
/// of each type, indexed as `CrimeCube.columns`.
public struct CrimeCountRow: Sendable, Equatable {
    public var lsoa: String
    public var crimes: [Int]

    public init(lsoa: String, crimes: [Int]) {
        self.lsoa = lsoa
        self.crimes = crimes
    }
}

/// The cube's columns, one per police.uk crime type in police.uk's order: the n-th column holds
/// the crime type whose code is n.
public enum CrimeCube {
    public static let columns = ["anti_social_behaviour", "bicycle_theft", "burglary", "criminal_damage_and_arson", "drugs", "other_theft", "possession_of_weapons", "public_order", "robbery", "shoplifting", "theft_from_the_person", "vehicle_crime", "violence_and_sexual_offences", "other_crime"]

    /// `SUM(column) AS tN` for every type, for queries that group the cube.
    static var sums: String { columns.enumerated().map { "SUM(c.\($0.element)) AS t\($0.offset)" }.joined(separator: ", ") }

    /// A grouped row's sums as (type, crimes), leaving out types with none.
    static func types(_ row: any SQLRow) throws -> [(type: Int, crimes: Int)] {
        try columns.indices.compactMap { i in
            let n = try row.decode(column: "t\(i)", as: Int?.self) ?? 0
            return n == 0 ? nil : (i, n)
        }
    }
}

/// Crimes of one type in one district ("" when unknown) with one last outcome, in one force-month.
public struct OutcomeCountRow: Sendable, Equatable {
    public var district: String
    public var type: Int
    public var outcome: String
    public var crimes: Int

    public init(district: String, type: Int, outcome: String, crimes: Int) {
        self.district = district
        self.type = type
        self.outcome = outcome
        self.crimes = crimes
    }
}

/// Where an LSOA lies, for `lsoa_areas`.
public struct LSOAArea: Sendable, Equatable {
    public var lsoa: String, district: String, csp: String, forceArea: String
    public var population: Int
    public var apportioned: Bool

    public init(lsoa: String, district: String, csp: String, forceArea: String, population: Int, apportioned: Bool) {
        self.lsoa = lsoa
        self.district = district
        self.csp = csp
        self.forceArea = forceArea
        self.population = population
        self.apportioned = apportioned
    }
}

public struct CrimeLocation: Sendable, Hashable, Codable {
    public var longitude: Int32, latitude: Int32, name: String
    public init(longitude: Int32, latitude: Int32, name: String) {
        self.longitude = longitude
        self.latitude = latitude
        self.name = name
    }

    /// A snap point's coordinates all but identify it, so only they are hashed: an import
    /// looks up millions of locations, and hashing each name would cost more than the rest.
    /// Equality still compares the name.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(UInt32(bitPattern: longitude)) << 32 | UInt64(UInt32(bitPattern: latitude)))
    }
}

/// How one crime is packed in `crime_records.crimes`: 15 bytes (`crime_records.record_size`;
/// rows stored before this format have 39, with the whole police.uk id).
public enum CrimeRecordFormat {
    public static let size = 15
    public static let noLocation: UInt32 = .max
    /// Bytes of the police.uk id kept: its first 16 hex digits. Enough to match a crime to
    /// police.uk's outcomes file (two crimes of a national year share a prefix with odds of
    /// about one in a million), and less than a quarter of the bytes of the whole id.
    public static let idBytes = 8

    /// type, outcome index, location (little-endian), has-id flag, the id's first 8 bytes.
    public static func append(type: UInt8, outcome: UInt8, location: UInt32, id: ArraySlice<UInt8>?, to bytes: inout [UInt8]) {
        bytes.append(type)
        bytes.append(outcome)
        withUnsafeBytes(of: location.littleEndian) { bytes.append(contentsOf: $0) }
        if let id {
            bytes.append(1)
            bytes.append(contentsOf: id.prefix(idBytes))
        } else {
            bytes.append(0)
            bytes.append(contentsOf: repeatElement(0, count: idBytes))
        }
    }

    static func location(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset + 2]) | UInt32(bytes[offset + 3]) << 8 | UInt32(bytes[offset + 4]) << 16 | UInt32(bytes[offset + 5]) << 24
    }

    static func setLocation(_ value: UInt32, _ bytes: inout [UInt8], _ offset: Int) {
        bytes[offset + 2] = UInt8(value & 0xFF)
        bytes[offset + 3] = UInt8(value >> 8 & 0xFF)
        bytes[offset + 4] = UInt8(value >> 16 & 0xFF)
        bytes[offset + 5] = UInt8(value >> 24)
    }
}

/// Why an import stored nothing, in words for the analyst.
public struct CrimeImportRefused: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The counts of one file, for the import's record.
public struct CrimeFileSummary: Sendable, Equatable {
    public let file: String
    public let rowsRead: Int
    public let accepted: Int
    public let rejected: Int

    public init(file: String, rowsRead: Int, accepted: Int, rejected: Int) {
        self.file = file
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.rejected = rejected
    }
}

public struct CrimeImportSummary: Sendable, Codable, Equatable {
    public let id: Int64
    public let startedAt: Int64
    public let actor: String
    public let source: String
    public let status: String
    public let files: Int
    public let rowsRead: Int
    public let accepted: Int
    public let rejected: Int
    public let message: String
}

/// A force's months in the store, with the months missing between its first and last.
public struct ForceMonths: Sendable, Equatable, Codable {
    public let force: String
    public let forceArea: String?
    public let months: [Int]

    public init(force: String, forceArea: String?, months: [Int]) {
        self.force = force
        self.forceArea = forceArea
        self.months = months
    }

    public var gaps: [Int] {
        guard let first = months.first, let last = months.last else { return [] }
        let have = Set(months)
        return (first...last).filter { !have.contains($0) }
    }
}

public struct ForceMonthQuality: Sendable, Equatable, Codable {
    public let force: String
    public let forceArea: String?
    public let month: Int
    public let rowsRead: Int
    public let accepted: Int
    public let noLocation: Int
    public let unknownLSOA: Int
    public let outsideForce: Int
}

public struct MonthlyCount: Sendable, Equatable, Codable {
    public let month: Int
    public let type: Int
    public let crimes: Int
}

public struct LSOACount: Sendable, Equatable, Codable {
    public let lsoa: String
    public let type: Int
    public let crimes: Int
}

public struct StoredCrime: Sendable, Equatable {
    public let month: Int
    public let type: Int
    public let outcome: String
    public let location: CrimeLocation?
}

/// Recorded crime: imports, the cube of counts, and the crimes themselves for drill-down.
public struct CrimeRepository: Sendable {
    let store: Store
    public init(store: Store) { self.store = store }

    public enum AreaLevel: String, Sendable {
        case csp, district, forceArea = "force_area"
    }

    /// Stores every file in one transaction, replacing any force-month already there (police.uk
    /// republishes), or stores nothing and says why. Every attempt is recorded, failed or not.
    public func importFiles(_ files: [CrimeFileLoad], source: String, reportJSON: String, by author: ChangeAuthor) async throws -> (id: Int64, replaced: [String]) {
        try await importStreaming(source: source, by: author, produce: { write in
            for file in files { try await write(file) }
        }, finish: { _ in reportJSON })
    }

    /// The same, for files produced one at a time, so that a national year never sits in memory
    /// whole: `produce` calls `write` for each file; `finish` gives the report once all are written.
    public func importStreaming(source: String, by author: ChangeAuthor,
                                produce: (_ write: (CrimeFileLoad) async throws -> Void) async throws -> Void,
                                finish: ([CrimeFileSummary]) throws -> String) async throws -> (id: Int64, replaced: [String]) {
        let started = now()
        let dialect = store.dialect
        var written: [CrimeFileSummary] = []
        do {
            return try await store.bulkTransaction { session in
                let db = session.sql
                if dialect == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(72202)").run() }
                let importID = try await db.raw("""
                    INSERT INTO crime_imports (started_at, finished_at, user_id, actor, source, status, files, rows_read, accepted, rejected, message, report_json)
                    VALUES (\(bind: started), \(bind: started), \(bind: author.userID), \(bind: author.label), \(bind: source), 'complete',
                            0, 0, 0, 0, '', '{}')
                    RETURNING id
                    """).first()!.column("id", Int64.self)
                var nextLocation = try await db.raw("SELECT COALESCE(MAX(id), 0) AS top FROM crime_locations").first()!.column("top", Int64.self) + 1
                // The force-months already stored, asked once rather than once a file.
                func forceMonth(_ force: String, _ month: Int) -> String { "\(force) \(month)" }
                var stored: [String: Int64] = [:]
                for row in try await db.raw("SELECT id, force, month FROM crime_force_months").all() {
                    stored[forceMonth(try row.column("force"), try row.column("month"))] = try row.column("id", Int64.self)
                }
                // Rows wait here and go to the database in statements of up to 50,000 values
                // across files, rather than several small ones per file; few enough to keep
                // the national year's import under 300 MB.
                var pending = PendingRows(bulk: session.bulk)
                var knownLocations: [String: [CrimeLocation: Int64]] = [:]
                var replaced: [String] = []
                var seen: [String: String] = [:]
                try await produce { file in
                    let key = forceMonth(file.force, file.month)
                    if let other = seen[key] {
                        throw CrimeImportRefused("\(other) and \(file.file) both hold \(file.force) for \(MonthText.of(file.month)); import one of them. Nothing was stored.")
                    }
                    seen[key] = file.file
                    written.append(CrimeFileSummary(file: file.file, rowsRead: file.rowsRead, accepted: file.accepted, rejected: file.rejected))
                    if let oldID = stored.removeValue(forKey: key) {
                        try await db.raw("DELETE FROM crime_counts WHERE force_month_id = \(bind: oldID)").run()
                        try await db.raw("DELETE FROM crime_outcome_counts WHERE force_month_id = \(bind: oldID)").run()
                        try await db.raw("DELETE FROM crime_records WHERE force_month_id = \(bind: oldID)").run()
                        try await db.raw("DELETE FROM crime_force_months WHERE id = \(bind: oldID)").run()
                        replaced.append("\(file.force) \(MonthText.of(file.month))")
                    }
                    let outcomes = String(decoding: try JSONEncoder().encode(file.outcomes), as: UTF8.self)
                    let forceMonthID = try await db.raw("""
                        INSERT INTO crime_force_months (force, month, force_area, import_id, file, checksum, rows_read, accepted,
                                                        no_location, unknown_lsoa, outside_force, outcomes_json)
                        VALUES (\(bind: file.force), \(bind: file.month), \(bind: file.forceArea), \(bind: importID), \(bind: file.file),
                                \(bind: file.checksum), \(bind: file.rowsRead), \(bind: file.accepted), \(bind: file.noLocation),
                                \(bind: file.unknownLSOA), \(bind: file.outsideForce), \(bind: outcomes))
                        RETURNING id
                        """).first()!.column("id", Int64.self)

                    // Snap points are shared by every month of a force: reuse the ones already stored.
                    if knownLocations[file.force] == nil {
                        var known: [CrimeLocation: Int64] = [:]
                        for row in try await db.raw("SELECT id, longitude, latitude, name FROM crime_locations WHERE force = \(bind: file.force)").all() {
                            known[CrimeLocation(longitude: Int32(try row.column("longitude", Int64.self)), latitude: Int32(try row.column("latitude", Int64.self)),
                                                name: try row.column("name"))] = try row.column("id", Int64.self)
                        }
                        knownLocations[file.force] = known
                    }
                    var globalID: [Int64] = []
                    globalID.reserveCapacity(file.locations.count)
                    var newLocations: [[BulkValue]] = []
                    for location in file.locations {
                        if let id = knownLocations[file.force]![location] {
                            globalID.append(id)
                        } else {
                            globalID.append(nextLocation)
                            knownLocations[file.force]![location] = nextLocation
                            newLocations.append([.integer(nextLocation), .text(file.force), .integer(Int64(location.longitude)),
                                                 .integer(Int64(location.latitude)), .text(location.name)])
                            nextLocation += 1
                        }
                    }
                    try await pending.add("crime_locations", ["id", "force", "longitude", "latitude", "name"], newLocations)

                    var recordRows: [[BulkValue]] = []
                    recordRows.reserveCapacity(file.records.count)
                    for record in file.records {
                        var bytes = record.crimes
                        var offset = 0
                        while offset < bytes.count {
                            let local = CrimeRecordFormat.location(bytes, offset)
                            if local != CrimeRecordFormat.noLocation {
                                CrimeRecordFormat.setLocation(UInt32(globalID[Int(local)]), &bytes, offset)
                            }
                            offset += CrimeRecordFormat.size
                        }
                        recordRows.append([.integer(forceMonthID), .text(record.lsoa), .blob(bytes), .integer(Int64(CrimeRecordFormat.size))])
                    }
                    try await pending.add("crime_records", ["force_month_id", "lsoa", "crimes", "record_size"], recordRows)

                    let countRows: [[BulkValue]] = file.counts.map { c in
                        [.integer(forceMonthID), .integer(Int64(file.month)), .text(c.lsoa)] + c.crimes.map { .integer(Int64($0)) }
                    }
                    try await pending.add("crime_counts", ["force_month_id", "month", "lsoa"] + CrimeCube.columns, countRows)
                    let outcomeRows: [[BulkValue]] = file.outcomeCounts.map { c in
                        [.integer(forceMonthID), .integer(Int64(file.month)), .text(c.district), .integer(Int64(c.type)), .text(c.outcome), .integer(Int64(c.crimes))]
                    }
                    try await pending.add("crime_outcome_counts", ["force_month_id", "month", "district", "crime_type", "outcome", "crimes"], outcomeRows)
                }
                try await pending.flush()
                let accepted = written.reduce(0) { $0 + $1.accepted }
                try await db.raw("""
                    UPDATE crime_imports SET finished_at = \(bind: now()), files = \(bind: written.count),
                        rows_read = \(bind: written.reduce(0) { $0 + $1.rowsRead }), accepted = \(bind: accepted),
                        rejected = \(bind: written.reduce(0) { $0 + $1.rejected }),
                        message = \(bind: "Stored \(accepted) rows from \(written.count) files"), report_json = \(bind: try finish(written))
                    WHERE id = \(bind: importID)
                    """).run()
                try await AuditLog.record(db, by: author, .create, "crime import", id: importID, partnership: nil,
                                          after: ImportAudit(source: source, files: written.map(\.file), accepted: accepted, replaced: replaced))
                return (importID, replaced)
            }
        } catch {
            let message = (error as? CrimeImportRefused)?.description ?? "Nothing was stored: \(error)"
            throw try await refuse(message, written, source, (try? finish(written)) ?? "{}", author, started)
        }
    }

    /// Rows of the crime tables waiting to be written, in the order they were added.
    struct PendingRows {
        let bulk: BulkLoader
        var tables: [(name: String, columns: [String], rows: [[BulkValue]])] = []
        var values = 0
        static let flushAt = 50_000

        mutating func add(_ table: String, _ columns: [String], _ rows: [[BulkValue]]) async throws {
            guard !rows.isEmpty else { return }
            if let i = tables.firstIndex(where: { $0.name == table }) { tables[i].rows += rows } else { tables.append((table, columns, rows)) }
            values += rows.count * columns.count
            if values >= Self.flushAt { try await flush() }
        }

        mutating func flush() async throws {
            for table in tables { try await bulk.insert(into: table.name, columns: table.columns, rows: table.rows) }
            tables = []
            values = 0
        }
    }

    struct ImportAudit: Encodable {
        let source: String
        let files: [String]
        let accepted: Int
        let replaced: [String]
    }

    /// Records a failed attempt (in its own transaction, after the import's was rolled back) and
    /// returns the error to throw.
    public func refuse(_ message: String, _ files: [CrimeFileSummary], _ source: String, _ reportJSON: String, _ author: ChangeAuthor,
                       _ started: Int64) async throws -> CrimeImportRefused {
        try await store.withConnection { db in
            try await db.raw("""
                INSERT INTO crime_imports (started_at, finished_at, user_id, actor, source, status, files, rows_read, accepted, rejected, message, report_json)
                VALUES (\(bind: started), \(bind: now()), \(bind: author.userID), \(bind: author.label), \(bind: source), 'failed',
                        \(bind: files.count), \(bind: files.reduce(0) { $0 + $1.rowsRead }), 0, \(bind: files.reduce(0) { $0 + $1.rejected }),
                        \(bind: message), \(bind: reportJSON))
                """).run()
        }
        return CrimeImportRefused(message)
    }

    /// Loads the shipped LSOA lookup into `lsoa_areas` the first time crime is imported. A newer
    /// lookup imported since (`replaceAreas`) is left as it is.
    public func placeAreas(_ areas: () -> [LSOAArea]) async throws {
        try await store.bulkTransaction { session in
            let stored = try await session.sql.raw("SELECT COUNT(*) AS n FROM lsoa_areas").first()!.column("n", Int.self)
            guard stored == 0 else { return }
            try await session.bulk.insert(into: "lsoa_areas", columns: Self.areaColumns, rows: areas().map {
                [.text($0.lsoa), .text($0.district), .text($0.csp), .text($0.forceArea), .integer(Int64($0.population)), .integer($0.apportioned ? 1 : 0)]
            })
        }
    }

    static let areaColumns = ["lsoa", "district", "csp", "force_area", "population", "apportioned"]

    public struct GeographyChange: Sendable, Equatable {
        public let lsoas: Int
        public let newLSOAs: Int
        /// Old district code → its successor, for every district that changed.
        public let successors: [String: String]
    }

    /// Re-places every LSOA by a newer ONS lookup, in one transaction, without touching a crime:
    /// 2021 LSOAs by `lsoaDistricts`; every other LSOA by its district's successor, which is the
    /// new district most of that district's LSOAs now lie in. `districtAreas` gives each new
    /// district's CSP and police force area. Refused, changing nothing, if any LSOA is left
    /// without a place or a district has no CSP.
    public func replaceAreas(lsoaDistricts: [String: String], districtAreas: [String: (csp: String, force: String)], by author: ChangeAuthor) async throws -> GeographyChange {
        let unknown = Set(lsoaDistricts.values).subtracting(districtAreas.keys).sorted()
        guard unknown.isEmpty else {
            throw CrimeImportRefused("The LSOA lookup names districts the district lookup does not: \(unknown.prefix(5).joined(separator: ", ")). Nothing was changed.")
        }
        return try await store.bulkTransaction { session in
            let existing = try await session.sql.raw("SELECT lsoa, district, population, apportioned FROM lsoa_areas").all().map { r in
                (lsoa: try r.column("lsoa", String.self), district: try r.column("district", String.self),
                 population: try r.column("population", Int.self), apportioned: try r.column("apportioned", Int.self))
            }
            var votes: [String: [String: Int]] = [:]
            for row in existing { if let new = lsoaDistricts[row.lsoa] { votes[row.district, default: [:]][new, default: 0] += 1 } }
            let successor = votes.mapValues { $0.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key }
            var rows: [[BulkValue]] = []
            var unplaced: [String] = []
            let known = Set(existing.map(\.lsoa))
            for row in existing {
                guard let district = lsoaDistricts[row.lsoa] ?? successor[row.district] ?? (districtAreas[row.district] != nil ? row.district : nil),
                      let area = districtAreas[district] else { unplaced.append(row.lsoa); continue }
                rows.append([.text(row.lsoa), .text(district), .text(area.csp), .text(area.force), .integer(Int64(row.population)), .integer(Int64(row.apportioned))])
            }
            guard unplaced.isEmpty else {
                throw CrimeImportRefused("\(unplaced.count) LSOAs could not be placed by the new lookup (for example \(unplaced.prefix(3).joined(separator: ", "))). Nothing was changed.")
            }
            // LSOAs new to Hallmark: placed, but their residents are not known until a population file carries them.
            let added = lsoaDistricts.filter { !known.contains($0.key) }.sorted { $0.key < $1.key }
            for (lsoa, district) in added {
                rows.append([.text(lsoa), .text(district), .text(districtAreas[district]!.csp), .text(districtAreas[district]!.force), .integer(0), .integer(1)])
            }
            try await session.sql.raw("DELETE FROM lsoa_areas").run()
            try await session.bulk.insert(into: "lsoa_areas", columns: Self.areaColumns, rows: rows)
            let changed = successor.filter { $0.key != $0.value }
            try await AuditLog.record(session.sql, by: author, .update, "geography", id: 0, partnership: nil,
                                      after: GeographyAudit(lsoas: rows.count, newLSOAs: added.count, successors: changed))
            return GeographyChange(lsoas: rows.count, newLSOAs: added.count, successors: changed)
        }
    }

    struct GeographyAudit: Encodable {
        let lsoas: Int
        let newLSOAs: Int
        let successors: [String: String]
    }

    /// Residents of the areas given (2011 LSOAs only, so nobody is counted twice).
    public func population(_ level: AreaLevel, _ codes: [String]) async throws -> Int {
        guard !codes.isEmpty else { return 0 }
        return try await store.withConnection { db in
            try await db.raw("""
                SELECT COALESCE(SUM(population), 0) AS people FROM lsoa_areas
                WHERE \(ident: level.rawValue) IN \(SQLBind.group(codes)) AND apportioned = 0
                """).first()!.column("people", Int.self)
        }
    }

    public func imports(limit: Int = 50) async throws -> [CrimeImportSummary] {
        try await store.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.importColumns) FROM crime_imports ORDER BY id DESC LIMIT \(bind: limit)")
                .all().map(Self.importSummary)
        }
    }

    public func importSummary(_ id: Int64) async throws -> CrimeImportSummary? {
        try await store.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.importColumns) FROM crime_imports WHERE id = \(bind: id)").first().map(Self.importSummary)
        }
    }

    static let importColumns = "id, started_at, actor, source, status, files, rows_read, accepted, rejected, message"

    static func importSummary(_ r: any SQLRow) throws -> CrimeImportSummary {
        CrimeImportSummary(id: try r.column("id"), startedAt: try r.column("started_at"), actor: try r.column("actor"),
                           source: try r.column("source"), status: try r.column("status"), files: try r.column("files"),
                           rowsRead: try r.column("rows_read"), accepted: try r.column("accepted"), rejected: try r.column("rejected"),
                           message: try r.column("message"))
    }

    public func report(ofImport id: Int64) async throws -> String? {
        try await store.withConnection { db in
            try await db.raw("SELECT report_json FROM crime_imports WHERE id = \(bind: id)").first()?.column("report_json", String.self)
        }
    }

    /// Every force in the store and the months it has.
    public func monthsAvailable() async throws -> [ForceMonths] {
        try await store.withConnection { db in
            let rows = try await db.raw("SELECT force, force_area, month FROM crime_force_months ORDER BY force, month").all()
            var result: [ForceMonths] = []
            for row in rows {
                let force: String = try row.column("force")
                let month: Int = try row.column("month")
                if result.last?.force == force {
                    let last = result.removeLast()
                    result.append(ForceMonths(force: force, forceArea: last.forceArea, months: last.months + [month]))
                } else {
                    result.append(ForceMonths(force: force, forceArea: try row.column("force_area"), months: [month]))
                }
            }
            return result
        }
    }

    /// The latest month any force has published, if any crime is stored.
    public func latestMonth() async throws -> Int? {
        try await store.withConnection { db in
            let latest = try await db.raw("SELECT COALESCE(MAX(month), -1) AS latest FROM crime_force_months").first()!.column("latest", Int.self)
            return latest < 0 ? nil : latest
        }
    }

    /// Each force-month's row counts, for the data-quality tables.
    public func forceMonthQuality() async throws -> [ForceMonthQuality] {
        try await store.withConnection { db in
            try await db.raw("""
                SELECT force, force_area, month, rows_read, accepted, no_location, unknown_lsoa, outside_force
                FROM crime_force_months ORDER BY force, month
                """).all().map { r in
                ForceMonthQuality(force: try r.column("force"), forceArea: try r.column("force_area"), month: try r.column("month"),
                                  rowsRead: try r.column("rows_read"), accepted: try r.column("accepted"), noLocation: try r.column("no_location"),
                                  unknownLSOA: try r.column("unknown_lsoa"), outsideForce: try r.column("outside_force"))
            }
        }
    }

    /// The LSOAs of the areas given, with their residents (0 for a 2021 LSOA whose people are
    /// counted in the 2011 LSOAs it came from).
    public func lsoas(_ level: AreaLevel, _ codes: [String]) async throws -> [(lsoa: String, district: String, population: Int)] {
        guard !codes.isEmpty else { return [] }
        return try await store.withConnection { db in
            try await db.raw("""
                SELECT lsoa, district, population, apportioned FROM lsoa_areas WHERE \(ident: level.rawValue) IN \(SQLBind.group(codes)) ORDER BY lsoa
                """).all().map { r in
                (try r.column("lsoa"), try r.column("district"), try r.column("apportioned", Int.self) == 1 ? 0 : try r.column("population", Int.self))
            }
        }
    }

    /// Crimes by month and type in the areas given (CSP, district or force area codes).
    public func monthlyCounts(_ level: AreaLevel, _ codes: [String], months: ClosedRange<Int>) async throws -> [MonthlyCount] {
        guard !codes.isEmpty else { return [] }
        return try await store.withConnection { db in
            try await db.raw("""
                SELECT c.month, \(unsafeRaw: CrimeCube.sums) FROM crime_counts c JOIN lsoa_areas a ON a.lsoa = c.lsoa
                WHERE a.\(ident: level.rawValue) IN \(SQLBind.group(codes)) AND c.month BETWEEN \(bind: months.lowerBound) AND \(bind: months.upperBound)
                GROUP BY c.month ORDER BY c.month
                """).all().flatMap { row in
                let month = try row.decode(column: "month", as: Int.self)
                return try CrimeCube.types(row).map { MonthlyCount(month: month, type: $0.type, crimes: $0.crimes) }
            }
        }
    }

    /// Crimes by LSOA and type in the areas given, over the months given.
    public func lsoaCounts(_ level: AreaLevel, _ codes: [String], months: ClosedRange<Int>) async throws -> [LSOACount] {
        guard !codes.isEmpty else { return [] }
        return try await store.withConnection { db in
            try await db.raw("""
                SELECT c.lsoa, \(unsafeRaw: CrimeCube.sums) FROM crime_counts c JOIN lsoa_areas a ON a.lsoa = c.lsoa
                WHERE a.\(ident: level.rawValue) IN \(SQLBind.group(codes)) AND c.month BETWEEN \(bind: months.lowerBound) AND \(bind: months.upperBound)
                GROUP BY c.lsoa ORDER BY c.lsoa
                """).all().flatMap { row in
                let lsoa = try row.decode(column: "lsoa", as: String.self)
                return try CrimeCube.types(row).map { LSOACount(lsoa: lsoa, type: $0.type, crimes: $0.crimes) }
            }
        }
    }

    /// Crimes by type and residents of each CSP of a force area: one scan of the force's cube
    /// gives both the force's totals and every CSP's, however many CSPs it has.
    public func partnershipsInForceArea(_ force: String, months: ClosedRange<Int>) async throws -> [String: (byType: [Int], people: Int)] {
        try await store.withConnection { db in
            var result: [String: (byType: [Int], people: Int)] = [:]
            let empty = Array(repeating: 0, count: CrimeCube.columns.count)
            for row in try await db.raw("""
                SELECT a.csp, \(unsafeRaw: CrimeCube.sums) FROM crime_counts c JOIN lsoa_areas a ON a.lsoa = c.lsoa
                WHERE a.force_area = \(bind: force) AND c.month BETWEEN \(bind: months.lowerBound) AND \(bind: months.upperBound)
                GROUP BY a.csp
                """).all() {
                var byType = empty
                for (type, crimes) in try CrimeCube.types(row) { byType[type] = crimes }
                result[try row.decode(column: "csp", as: String.self), default: (empty, 0)].byType = byType
            }
            for row in try await db.raw("""
                SELECT csp, COALESCE(SUM(population), 0) AS people FROM lsoa_areas WHERE force_area = \(bind: force) AND apportioned = 0 GROUP BY csp
                """).all() {
                result[try row.decode(column: "csp", as: String.self), default: (empty, 0)].people = try row.decode(column: "people", as: Int.self)
            }
            return result
        }
    }

    /// The crimes themselves in one LSOA, with their street-level locations.
    public func crimes(inLSOA lsoa: String, months: ClosedRange<Int>) async throws -> [StoredCrime] {
        try await crimes(inLSOAs: [lsoa], months: months)
    }

    /// The crimes in several LSOAs, by LSOA and month, in a few queries however many LSOAs.
    public func crimes(inLSOAs lsoas: [String], months: ClosedRange<Int>) async throws -> [StoredCrime] {
        guard !lsoas.isEmpty else { return [] }
        return try await store.withConnection { db in
            var outcomesOf: [Int64: [String]] = [:]
            var ids = Set<Int64>()
            var decoded: [(month: Int, forceMonth: Int64, bytes: [UInt8], size: Int)] = []
            // Bound values per statement stay well under both databases' limits.
            for chunk in lsoas.chunks(of: 5000) {
                for row in try await db.raw("""
                    SELECT m.id, m.month, r.crimes, r.record_size FROM crime_records r JOIN crime_force_months m ON m.id = r.force_month_id
                    WHERE r.lsoa IN \(SQLBind.group(Array(chunk))) AND m.month BETWEEN \(bind: months.lowerBound) AND \(bind: months.upperBound)
                    ORDER BY r.lsoa, m.month, m.id
                    """).all() {
                    let bytes = [UInt8](try row.column("crimes", Data.self))
                    let size: Int = try row.column("record_size")
                    var offset = 0
                    while offset + size <= bytes.count {
                        let location = CrimeRecordFormat.location(bytes, offset)
                        if location != CrimeRecordFormat.noLocation { ids.insert(Int64(location)) }
                        offset += size
                    }
                    decoded.append((try row.column("month"), try row.column("id"), bytes, size))
                }
            }
            let forceMonths = Array(Set(decoded.map(\.forceMonth)))
            for chunk in forceMonths.chunks(of: 5000) {
                for row in try await db.raw("SELECT id, outcomes_json FROM crime_force_months WHERE id IN \(SQLBind.group(Array(chunk)))").all() {
                    outcomesOf[try row.column("id")] = try JSONDecoder().decode([String].self, from: Data(try row.column("outcomes_json", String.self).utf8))
                }
            }
            var places: [Int64: CrimeLocation] = [:]
            let wanted = ids.sorted()
            for chunk in wanted.chunks(of: 5000) {
                for row in try await db.raw("SELECT id, longitude, latitude, name FROM crime_locations WHERE id IN \(SQLBind.group(Array(chunk)))").all() {
                    places[try row.column("id")] = CrimeLocation(longitude: Int32(try row.column("longitude", Int64.self)),
                                                                latitude: Int32(try row.column("latitude", Int64.self)), name: try row.column("name"))
                }
            }
            var crimes: [StoredCrime] = []
            for entry in decoded {
                let outcomes = outcomesOf[entry.forceMonth] ?? []
                var offset = 0
                while offset + entry.size <= entry.bytes.count {
                    let outcome = Int(entry.bytes[offset + 1])
                    let location = CrimeRecordFormat.location(entry.bytes, offset)
                    crimes.append(StoredCrime(month: entry.month, type: Int(entry.bytes[offset]),
                                              outcome: outcome < outcomes.count ? outcomes[outcome] : "",
                                              location: location == CrimeRecordFormat.noLocation ? nil : places[Int64(location)]))
                    offset += entry.size
                }
            }
            return crimes
        }
    }
}

/// Months as text: 2021-04.
enum MonthText {
    static func of(_ n: Int) -> String { String(format: "%04d-%02d", n / 12, n % 12 + 1) }
}
