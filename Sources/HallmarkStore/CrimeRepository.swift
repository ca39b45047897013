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
    /// Its crimes and their counts, packed for `crime_blocks` on the thread that read the file.
    public var block: CrimeBlock.Stored

    public init(
        force: String, month: Int, forceArea: String?, file: String, checksum: String, rowsRead: Int, accepted: Int,
        rejected: Int, noLocation: Int, unknownLSOA: Int, outsideForce: Int, outcomes: [String], block: CrimeBlock.Stored
    ) {
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
        self.block = block
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

    /// A snap point's coordinates all but identify it, so only they are hashed (the assessment
    /// groups a partnership's every crime by place). Equality still compares the name.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(UInt32(bitPattern: longitude)) << 32 | UInt64(UInt32(bitPattern: latitude)))
    }
}

/// How one crime is packed in a block's `crimes`: 15 bytes. (Stores made before blocks held
/// some crimes in 39, with the whole police.uk id; migration 8 repacks them.)
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

    /// Writes the same record as `append` at `place`, with the id's first 16 hex digits read as
    /// one number (its bytes kept in the digits' order).
    public static func write(type: UInt8, outcome: UInt8, location: UInt32, id: UInt64?, to place: UnsafeMutableRawPointer) {
        place.storeBytes(of: type, as: UInt8.self)
        place.storeBytes(of: outcome, toByteOffset: 1, as: UInt8.self)
        place.storeBytes(of: location.littleEndian, toByteOffset: 2, as: UInt32.self)
        place.storeBytes(of: id == nil ? 0 : 1, toByteOffset: 6, as: UInt8.self)
        place.storeBytes(of: (id ?? 0).bigEndian, toByteOffset: 7, as: UInt64.self)
    }

    package static func location(_ bytes: [UInt8], _ offset: Int) -> UInt32 { bytes.uint32LE(at: offset + 2) }

    /// The crime's last outcome among its block's `labels`; "" if the index is not one of them.
    package static func outcome(_ bytes: [UInt8], _ offset: Int, _ labels: [String]) -> String {
        let index = outcomeIndex(bytes, offset)
        return index < labels.count ? labels[index] : ""
    }

    /// Which of its block's labels is the crime's last outcome (any number, checked by the reader).
    package static func outcomeIndex(_ bytes: [UInt8], _ offset: Int) -> Int { Int(bytes[offset + 1]) }
}

/// Why an import stored nothing, in words for the analyst.
public struct CrimeImportRefused: Error, CustomStringConvertible, Equatable {
    public let description: String
    /// Files read but refused before they were written, counted in the import's record all the same.
    public let unwritten: [CrimeFileSummary]
    public init(_ description: String, unwritten: [CrimeFileSummary] = []) {
        self.description = description
        self.unwritten = unwritten
    }
}

/// A force-month already held that an import would replace. police.uk republishes, so a
/// replacement is normal, but it changes the figures of every partnership in the force: the
/// importer decides whether this one may (`CrimeImportRefused` if not).
public struct CrimeMonthReplacement: Sendable, Equatable {
    public init(force: String, forceArea: String?, month: Int, file: String, heldCrimes: Int, newCrimes: Int) {
        (self.force, self.forceArea, self.month, self.file, self.heldCrimes, self.newCrimes) = (force, forceArea, month, file, heldCrimes, newCrimes)
    }

    public let force: String
    public let forceArea: String?
    public let month: Int
    public let file: String
    public let heldCrimes: Int
    public let newCrimes: Int
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
    public var actor: String
    public let source: String
    public let status: CrimeImportStatus
    public let files: Int
    public let rowsRead: Int
    public let accepted: Int
    public let rejected: Int
    public let message: String
}

/// Where an import stands. An import is recorded as running before it starts, in its own
/// transaction, so that one cut off by a stopped server is still on the record.
public enum CrimeImportStatus: String, Sendable, Codable, Equatable {
    case running, complete, failed, interrupted
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

/// Crimes of one type with one last outcome ("" where police.uk gives none, as for anti-social
/// behaviour).
public struct OutcomeCount: Sendable, Equatable, Codable {
    public let type: Int
    public let outcome: String
    public let crimes: Int

    package struct Key: Hashable {
        package let type: Int
        package let outcome: String
    }
}

public struct StoredCrime: Sendable, Equatable {
    public let month: Int
    public let type: Int
    public let outcome: String
    public let location: CrimeLocation?
}

/// Crimes with their snap points listed once, not copied into each crime: for a reader of every
/// crime of a partnership's year at a few thousand places (the assessment's hotspots and repeat
/// locations), to whom a place name for each crime was a tenth of the work.
public struct PlacedCrimes: Sendable, Equatable {
    public struct Crime: Sendable, Equatable {
        public let month: Int
        public let type: Int
        /// Empty when asked for without outcomes.
        public let outcome: String
        /// Where it is in `places`; nil for a crime with no location.
        public let place: Int?
    }

    /// Each snap point once, in no order that means anything.
    public var places: [CrimeLocation] = []
    /// By LSOA and month, as `CrimeRepository.crimes(inLSOAs:months:)` lists them.
    public var crimes: [Crime] = []

    public init(places: [CrimeLocation] = [], crimes: [Crime] = []) {
        self.places = places
        self.crimes = crimes
    }

    /// Each crime with its place written in.
    public var stored: [StoredCrime] {
        crimes.map { StoredCrime(month: $0.month, type: $0.type, outcome: $0.outcome, location: $0.place.map { places[$0] }) }
    }
}

/// Recorded crime: imports, the cube of counts, and the crimes themselves for drill-down.
public struct CrimeRepository: Sendable {
    package let store: Store
    public init(store: Store) { self.store = store }

    public enum AreaLevel: String, Sendable {
        case csp, district, forceArea = "force_area"
    }

    /// Stores every file `produce` hands to `write`, one at a time so that a national year never
    /// sits in memory whole, replacing any force-month already there (police.uk republishes) once
    /// `replacing` allows it, or stores nothing and says why; `finish` gives the report once all
    /// are written. Every attempt is recorded, failed or not.
    ///
    /// Each file is written in a short transaction of its own, staged under the import where no
    /// reader sees it, so that an import of an hour never holds the database's one writer lock
    /// for more than a moment; the last transaction makes the whole import live at once, or a
    /// failure removes what was staged. An import that stops without either (its process was
    /// killed) keeps a heartbeat no longer, and `closeInterruptedImports` clears it up.
    ///
    /// - Parameters:
    ///   - record: the import's record made beforehand by `begin` (so that a page can follow it
    ///     from the start); nil to make one here.
    ///   - filesTotal: how many files `produce` will hand over, for the progress shown.
    public func importStreaming(
        into record: Int64? = nil, source: String, filesTotal: Int = 0, by author: ChangeAuthor,
        replacing: @escaping @Sendable (CrimeMonthReplacement) throws -> Void = { _ in },
        produce: (_ write: (CrimeFileLoad) async throws -> Void) async throws -> Void,
        finish: (_ files: [CrimeFileSummary], _ replaced: [String]?) throws -> String
    ) async throws -> (id: Int64, replaced: [String]) {
        let dialect = store.dialect
        let importID: Int64
        if let record { importID = record } else { importID = try await begin(source: source, by: author) }
        try await store.withConnection { db in
            try await db.raw("UPDATE crime_imports SET files_total = \(bind: filesTotal), heartbeat_at = \(bind: now()) WHERE id = \(bind: importID)").run()
        }
        var written: [CrimeFileSummary] = []
        var staged: [StagedMonth] = []
        do {
            var seen: [ForceMonthKey: String] = [:]
            let held = try await store.withConnection { db in try await Self.liveForceMonths(db) }
            try await produce { file in
                let key = ForceMonthKey(force: file.force, month: file.month)
                if let other = seen[key] {
                    throw CrimeImportRefused("\(other) and \(file.file) both hold \(file.force) for \(MonthNumber.text(file.month)); import one of them. Nothing was stored.")
                }
                seen[key] = file.file
                written.append(CrimeFileSummary(file: file.file, rowsRead: file.rowsRead, accepted: file.accepted, rejected: file.rejected))
                let month = StagedMonth(key: key, forceArea: file.forceArea, file: file.file, accepted: file.accepted)
                if let old = held[key] { try replacing(month.replacement(of: old)) }
                try await store.bulkTransaction { session in
                    let db = session.sql
                    let outcomes = try JSONText.string(file.outcomes)
                    let forceMonthID = try await db.raw(
                        """
                        INSERT INTO crime_force_months (force, month, force_area, import_id, file, checksum, rows_read, accepted,
                                                        no_location, unknown_lsoa, outside_force, outcomes_json, staged_by)
                        VALUES (\(bind: file.force), \(bind: file.month), \(bind: file.forceArea), \(bind: importID), \(bind: file.file),
                                \(bind: file.checksum), \(bind: file.rowsRead), \(bind: file.accepted), \(bind: file.noLocation),
                                \(bind: file.unknownLSOA), \(bind: file.outsideForce), \(bind: outcomes), \(bind: importID))
                        RETURNING id
                        """
                    ).first()!.column("id", Int64.self)
                    try await Self.insert(file.block, forceMonth: forceMonthID, db)
                    try await db.raw(
                        """
                        UPDATE crime_imports SET heartbeat_at = \(bind: now()), files_stored = \(bind: staged.count + 1), current_file = \(bind: file.file)
                        WHERE id = \(bind: importID)
                        """
                    ).run()
                }
                staged.append(month)
            }
            let result = try await store.bulkTransaction { [staged, written] session in
                let db = session.sql
                // Imports finishing together take turns, so each sees the other's months.
                if dialect == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(72202)").run() }
                let status = try await db.raw("SELECT status FROM crime_imports WHERE id = \(bind: importID)").first()?.column("status", String.self)
                guard status == CrimeImportStatus.running.rawValue else {
                    throw CrimeImportRefused("The import stopped sending word that it was alive and was marked interrupted. Nothing was stored; import the files again.")
                }
                // The months held now, which another import may have changed since the first look.
                let held = try await Self.liveForceMonths(db)
                var replaced: [String] = []
                for month in staged {
                    guard let old = held[month.key] else { continue }
                    try replacing(month.replacement(of: old))
                    try await db.raw("DELETE FROM crime_blocks WHERE force_month_id = \(bind: old.id)").run()
                    try await db.raw("DELETE FROM crime_force_months WHERE id = \(bind: old.id)").run()
                    replaced.append("\(month.key.force) \(MonthNumber.text(month.key.month))")
                }
                try await db.raw("UPDATE crime_force_months SET staged_by = NULL WHERE staged_by = \(bind: importID)").run()
                let accepted = written.reduce(0) { $0 + $1.accepted }
                let report = try finish(written, replaced)
                let message = Self.storedMessage(rows: accepted, files: written.count)
                try await db.raw(
                    """
                    UPDATE crime_imports SET status = 'complete', finished_at = \(bind: now()), files = \(bind: written.count),
                        rows_read = \(bind: written.reduce(0) { $0 + $1.rowsRead }), accepted = \(bind: accepted),
                        rejected = \(bind: written.reduce(0) { $0 + $1.rejected }),
                        message = \(bind: message), report_json = \(bind: report)
                    WHERE id = \(bind: importID)
                    """
                ).run()
                try await AuditLog.record(
                    db, by: author, .create, "crime import", id: importID, partnership: nil,
                    after: ImportAudit(source: source, files: written.map(\.file), accepted: accepted, replaced: replaced))
                return (importID, replaced)
            }
            return result
        } catch {
            let refused = error as? CrimeImportRefused
            let read = written + (refused?.unwritten ?? [])
            throw try await refuse(importID, refused?.description ?? "Nothing was stored: \(error)", read, (try? finish(read, nil)) ?? "{}")
        }
    }

    /// "Stored 10,019 rows from 1 file.": the record's message, and the report's.
    public static func storedMessage(rows: Int, files: Int) -> String {
        "Stored \(Counting.of(rows, "row", "rows")) from \(Counting.of(files, "file", "files"))."
    }

    package struct ForceMonthKey: Hashable, Sendable {
        package let force: String
        package let month: Int
    }

    /// A force-month an import has staged.
    package struct StagedMonth: Sendable {
        package let key: ForceMonthKey
        package let forceArea: String?
        package let file: String
        package let accepted: Int

        package func replacement(of old: (id: Int64, accepted: Int)) -> CrimeMonthReplacement {
            CrimeMonthReplacement(force: key.force, forceArea: forceArea, month: key.month, file: file, heldCrimes: old.accepted, newCrimes: accepted)
        }
    }

    /// The force-months readers see, asked once rather than once a file.
    package static func liveForceMonths(_ db: any SQLDatabase) async throws -> [ForceMonthKey: (id: Int64, accepted: Int)] {
        var held: [ForceMonthKey: (id: Int64, accepted: Int)] = [:]
        for row in try await db.raw("SELECT id, force, month, accepted FROM crime_force_months WHERE staged_by IS NULL").all() {
            held[ForceMonthKey(force: try row.column("force"), month: try row.column("month"))] = (try row.column("id", Int64.self), try row.column("accepted", Int.self))
        }
        return held
    }

    package static func insert(_ block: CrimeBlock.Stored, forceMonth id: Int64, _ db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO crime_blocks (force_month_id, lsoas, counts, crime_starts, crimes, locations)
            VALUES (\(bind: id), \(bind: block.lsoas), \(bind: block.counts), \(bind: block.starts), \(bind: block.crimes), \(bind: block.locations))
            """
        ).run()
    }

    package struct ImportAudit: Encodable {
        package let source: String
        package let files: [String]
        package let accepted: Int
        package let replaced: [String]
    }

    /// Records why an import failed, removing what it had staged, so nothing of it is stored,
    /// and returns the error to throw. An import already marked interrupted stays so.
    package func refuse(_ id: Int64, _ message: String, _ files: [CrimeFileSummary], _ reportJSON: String) async throws -> CrimeImportRefused {
        try await store.transaction { db in
            try await Self.removeStaged(ofImportsWhere: "id = \(id)", db)
            try await db.raw(
                """
                UPDATE crime_imports SET status = 'failed', finished_at = \(bind: now()), files = \(bind: files.count),
                    rows_read = \(bind: files.reduce(0) { $0 + $1.rowsRead }), accepted = 0, rejected = \(bind: files.reduce(0) { $0 + $1.rejected }),
                    message = \(bind: message), report_json = \(bind: reportJSON)
                WHERE id = \(bind: id) AND status = 'running'
                """
            ).run()
        }
        return CrimeImportRefused(message)
    }

    /// How long a running import may go without a heartbeat before anyone may call it dead.
    /// An import beats once a file, and no police.uk file takes anything like this long.
    public static let importLease: Int64 = 120

    /// Marks the running imports whose heartbeat has lapsed (their process was stopped or
    /// killed) as interrupted, and removes whatever they had staged, which no reader ever saw.
    /// Any server or command may call it: a live import, wherever it runs, keeps beating and
    /// is left alone.
    @discardableResult
    public func closeInterruptedImports(lease: Int64 = CrimeRepository.importLease) async throws -> Int {
        let lapsed = now() - lease
        // Asked on every view of the imports and every poll of a job: a look first, so that the
        // writer's lock is taken only when there is something to close.
        let pending = try await store.withConnection { db in
            try await db.raw(
                """
                SELECT (SELECT COUNT(*) FROM crime_imports WHERE status = 'running' AND heartbeat_at < \(bind: lapsed)) AS lapsed,
                       (SELECT COUNT(*) FROM crime_force_months m JOIN crime_imports i ON i.id = m.staged_by WHERE i.status <> 'running') AS orphans
                """
            ).first()!
        }
        guard try pending.column("lapsed", Int.self) > 0 || pending.column("orphans", Int.self) > 0 else { return 0 }
        return try await store.transaction { db in
            let running = try await db.raw(
                """
                SELECT COUNT(*) AS n FROM crime_imports WHERE status = 'running' AND heartbeat_at < \(bind: lapsed)
                """
            ).first()!.column("n", Int.self)
            if running > 0 {
                try await db.raw(
                    """
                    UPDATE crime_imports SET status = 'interrupted', finished_at = \(bind: now()),
                        message = 'The import stopped before it finished (its server or command was stopped), so nothing from it was stored. Import the files again.'
                    WHERE status = 'running' AND heartbeat_at < \(bind: lapsed)
                    """
                ).run()
            }
            try await Self.removeStaged(ofImportsWhere: "status <> 'running'", db)
            return running
        }
    }

    /// Deletes the staged force-months, and their blocks, of the imports `condition` picks.
    package static func removeStaged(ofImportsWhere condition: String, _ db: any SQLDatabase) async throws {
        let staged = "SELECT m.id FROM crime_force_months m JOIN crime_imports i ON i.id = m.staged_by WHERE i.\(condition)"
        try await db.raw("DELETE FROM crime_blocks WHERE force_month_id IN (\(unsafeRaw: staged))").run()
        try await db.raw("DELETE FROM crime_force_months WHERE id IN (\(unsafeRaw: staged))").run()
    }

    /// Records an import as running, before its files are read: its id is where a page follows
    /// its progress, and its heartbeat starts now.
    public func begin(source: String, by author: ChangeAuthor) async throws -> Int64 {
        try await store.withConnection { db in
            let time = now()
            return try await db.raw(
                """
                INSERT INTO crime_imports (started_at, finished_at, heartbeat_at, user_id, actor, source, status, files, rows_read, accepted, rejected, message, report_json)
                VALUES (\(bind: time), \(bind: time), \(bind: time), \(bind: author.userID), \(bind: author.label), \(bind: source), 'running',
                        0, 0, 0, 0, 'Running', '{}')
                RETURNING id
                """
            ).first()!.column("id", Int64.self)
        }
    }

    /// Records an attempt refused before anything was read (no police.uk files among those
    /// sent), as a new record or as the end of one made by `begin`.
    @discardableResult
    public func recordRefusal(_ record: Int64? = nil, source: String, message: String, by author: ChangeAuthor) async throws -> Int64 {
        let id: Int64
        if let record { id = record } else { id = try await begin(source: source, by: author) }
        _ = try await refuse(id, message, [], "{}")
        return id
    }

    /// How far a running import has got, and how it ended: read by whichever server is asked.
    public struct Progress: Sendable, Equatable {
        public let userID: Int64?
        public let status: CrimeImportStatus
        public let filesTotal: Int
        public let filesStored: Int
        public let currentFile: String
        public let message: String
    }

    public func progress(ofImport id: Int64) async throws -> Progress? {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT user_id, status, files_total, files_stored, current_file, message FROM crime_imports WHERE id = \(bind: id)
                """
            ).first().map { r in
                Progress(
                    userID: try r.column("user_id"), status: try r.column("status"), filesTotal: try r.column("files_total"),
                    filesStored: try r.column("files_stored"), currentFile: try r.column("current_file"), message: try r.column("message"))
            }
        }
    }

    /// Loads the shipped LSOA lookup into `lsoa_areas` the first time crime is imported. A newer
    /// lookup imported since (`replaceAreas`) is left as it is.
    public func placeAreas(_ areas: () -> [LSOAArea]) async throws {
        try await store.bulkTransaction { session in
            let stored = try await session.sql.raw("SELECT COUNT(*) AS n FROM lsoa_areas").first()!.column("n", Int.self)
            guard stored == 0 else { return }
            try await session.bulk.insert(
                into: "lsoa_areas", columns: Self.areaColumns,
                rows: areas().map {
                    [.text($0.lsoa), .text($0.district), .text($0.csp), .text($0.forceArea), .integer(Int64($0.population)), .integer($0.apportioned ? 1 : 0)]
                })
        }
    }

    package static let areaColumns = ["lsoa", "district", "csp", "force_area", "population", "apportioned"]

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
                (
                    lsoa: try r.column("lsoa", String.self), district: try r.column("district", String.self),
                    population: try r.column("population", Int.self), apportioned: try r.column("apportioned", Int.self)
                )
            }
            var votes: [String: [String: Int]] = [:]
            for row in existing { if let new = lsoaDistricts[row.lsoa] { votes[row.district, default: [:]][new, default: 0] += 1 } }
            let successor = votes.mapValues { $0.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key }
            var rows: [[BulkValue]] = []
            var unplaced: [String] = []
            let known = Set(existing.map(\.lsoa))
            for row in existing {
                guard let district = lsoaDistricts[row.lsoa] ?? successor[row.district] ?? (districtAreas[row.district] != nil ? row.district : nil),
                    let area = districtAreas[district]
                else { unplaced.append(row.lsoa); continue }
                rows.append([.text(row.lsoa), .text(district), .text(area.csp), .text(area.force), .integer(Int64(row.population)), .integer(Int64(row.apportioned))])
            }
            guard unplaced.isEmpty else {
                throw CrimeImportRefused(
                    "\(unplaced.count) LSOAs could not be placed by the new lookup (for example \(unplaced.prefix(3).joined(separator: ", "))). Nothing was changed.")
            }
            // LSOAs new to Hallmark: placed, but their residents are not known until a population file carries them.
            let added = lsoaDistricts.filter { !known.contains($0.key) }.sorted { $0.key < $1.key }
            for (lsoa, district) in added {
                rows.append([.text(lsoa), .text(district), .text(districtAreas[district]!.csp), .text(districtAreas[district]!.force), .integer(0), .integer(1)])
            }
            try await session.sql.raw("DELETE FROM lsoa_areas").run()
            try await session.bulk.insert(into: "lsoa_areas", columns: Self.areaColumns, rows: rows)
            let changed = successor.filter { $0.key != $0.value }
            try await AuditLog.record(
                session.sql, by: author, .update, "geography", id: Int64(0), partnership: nil,
                after: GeographyAudit(lsoas: rows.count, newLSOAs: added.count, successors: changed))
            return GeographyChange(lsoas: rows.count, newLSOAs: added.count, successors: changed)
        }
    }

    package struct GeographyAudit: Encodable {
        package let lsoas: Int
        package let newLSOAs: Int
        package let successors: [String: String]
    }

    /// Residents of the areas given (2011 LSOAs only, so nobody is counted twice).
    public func population(_ level: AreaLevel, _ codes: [String]) async throws -> Int {
        guard !codes.isEmpty else { return 0 }
        return try await store.withConnection { db in
            try await db.raw(
                """
                SELECT COALESCE(SUM(population), 0) AS people FROM lsoa_areas
                WHERE \(ident: level.rawValue) IN \(SQLBind.group(codes)) AND apportioned = 0
                """
            ).first()!.column("people", Int.self)
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

    package static let importColumns = "id, started_at, actor, source, status, files, rows_read, accepted, rejected, message"

    package static func importSummary(_ r: any SQLRow) throws -> CrimeImportSummary {
        CrimeImportSummary(
            id: try r.column("id"), startedAt: try r.column("started_at"), actor: try r.column("actor"),
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
            let rows = try await db.raw("SELECT force, force_area, month FROM crime_force_months WHERE staged_by IS NULL ORDER BY force, month").all()
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

    /// The first and last months any force has published, if any crime is stored.
    /// - Parameter changes: a count at which the request may read what a server keeps (see
    ///   `Store.monthsHeld`); without one, the database is asked.
    public func monthsHeld(at changes: Int64? = nil) async throws -> ClosedRange<Int>? {
        let held = try await store.monthsHeld.value(0, at: changes) {
            try await store.withConnection { db in
                let row = try await db.raw(
                    "SELECT COALESCE(MIN(month), -1) AS first, COALESCE(MAX(month), -1) AS last FROM crime_force_months WHERE staged_by IS NULL"
                ).first()!
                return (first: try row.column("first", Int.self), last: try row.column("last", Int.self))
            }
        }
        return held.first < 0 ? nil : held.first...held.last
    }

    /// The latest month any force has published, if any crime is stored.
    public func latestMonth(at changes: Int64? = nil) async throws -> Int? {
        try await monthsHeld(at: changes)?.upperBound
    }

    /// Each force-month's row counts in the police force areas given, for the data-quality tables.
    public func forceMonthQuality(inForceAreas forceAreas: Set<String>) async throws -> [ForceMonthQuality] {
        guard !forceAreas.isEmpty else { return [] }
        return try await store.withConnection { db in
            try await db.raw(
                """
                SELECT force, force_area, month, rows_read, accepted, no_location, unknown_lsoa, outside_force
                FROM crime_force_months WHERE staged_by IS NULL AND force_area IN \(SQLBind.group(forceAreas.sorted())) ORDER BY force, month
                """
            ).all().map { r in
                ForceMonthQuality(
                    force: try r.column("force"), forceArea: try r.column("force_area"), month: try r.column("month"),
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
            try await db.raw(
                """
                SELECT lsoa, district, population, apportioned FROM lsoa_areas WHERE \(ident: level.rawValue) IN \(SQLBind.group(codes)) ORDER BY lsoa
                """
            ).all().map { r in
                (try r.column("lsoa"), try r.column("district"), try r.column("apportioned", Int.self) == 1 ? 0 : try r.column("population", Int.self))
            }
        }
    }

    /// The LSOAs of the areas given, each with the area of `group`'s level it lies in.
    private func placed(_ level: AreaLevel, _ codes: [String], under group: AreaLevel? = nil, _ db: any SQLDatabase) async throws -> [UInt32: String] {
        var result: [UInt32: String] = [:]
        for row in try await db.raw(
            """
            SELECT lsoa, \(ident: (group ?? level).rawValue) AS area FROM lsoa_areas WHERE \(ident: level.rawValue) IN \(SQLBind.group(codes))
            """
        ).all() {
            if let lsoa = LSOA(try row.column("lsoa", String.self)) { result[UInt32(lsoa.index)] = try row.column("area", String.self) }
        }
        return result
    }

    /// Crimes by month and type in the areas given (CSP, district or force area codes).
    public func monthlyCounts(_ level: AreaLevel, _ codes: [String], months: ClosedRange<Int>) async throws -> [MonthlyCount] {
        try await tally(level, codes, months: months, byLSOA: false).monthly
    }

    /// Crimes in the areas given over the months given, by month and type and by LSOA and
    /// type, from one pass over the blocks.
    public func areaCounts(_ level: AreaLevel, _ codes: [String], months: ClosedRange<Int>) async throws -> (monthly: [MonthlyCount], byLSOA: [LSOACount]) {
        try await tally(level, codes, months: months, byLSOA: true)
    }

    private func tally(_ level: AreaLevel, _ codes: [String], months: ClosedRange<Int>, byLSOA wantLSOAs: Bool) async throws -> (monthly: [MonthlyCount], byLSOA: [LSOACount]) {
        guard !codes.isEmpty else { return ([], []) }
        return try await store.withConnection { db in
            let wanted = try await placed(level, codes, db)
            var byMonth: [Int: [Int]] = [:], byLSOA: [UInt32: [Int]] = [:]
            try await counts(in: Set(wanted.keys), months: months, db) { month, lsoa, counts in
                byMonth[month, default: Array(repeating: 0, count: CrimeBlock.types)].add(counts)
                if wantLSOAs { byLSOA[lsoa, default: Array(repeating: 0, count: CrimeBlock.types)].add(counts) }
            }
            let monthly = byMonth.sorted { $0.key < $1.key }.flatMap { month, counts in
                counts.enumerated().filter { $0.element > 0 }.map { MonthlyCount(month: month, type: $0.offset, crimes: $0.element) }
            }
            let lsoas = byLSOA.sorted { $0.key < $1.key }.flatMap { lsoa, counts in
                let code = LSOA(index: Int32(lsoa))!.code
                return counts.enumerated().filter { $0.element > 0 }.map { LSOACount(lsoa: code, type: $0.offset, crimes: $0.element) }
            }
            return (monthly, lsoas)
        }
    }

    /// Every LSOA-month's counts by type in `months`, in every force, with the crimes of no
    /// location under `CrimeBlock.noLocation`: the whole cube, for extracts. Read a month at a
    /// time, so that five years never sit in memory at once.
    public func everyCount(months: ClosedRange<Int>, _ each: (_ month: Int, _ lsoa: UInt32, _ counts: ArraySlice<UInt32>) -> Void) async throws {
        try await store.withSession { session in
            let db = session.sql
            for month in months {
                for row in try await db.raw(
                    """
                    SELECT b.lsoas, b.counts FROM crime_force_months m JOIN crime_blocks b ON b.force_month_id = m.id
                    WHERE m.staged_by IS NULL AND m.month = \(bind: month)
                    """
                ).all() {
                    let lsoas = try row.column("lsoas", Data.self).words
                    let counts = try row.column("counts", Data.self).words
                    for (slot, lsoa) in lsoas.enumerated() {
                        each(month, lsoa, counts[slot * CrimeBlock.types..<(slot + 1) * CrimeBlock.types])
                    }
                }
            }
        }
    }

    /// Where every LSOA is placed now (by the shipped lookup, or a newer one imported since).
    public func placements() async throws -> [UInt32: (district: String, csp: String, forceArea: String)] {
        try await store.withConnection { db in
            var result: [UInt32: (district: String, csp: String, forceArea: String)] = [:]
            for row in try await db.raw("SELECT lsoa, district, csp, force_area FROM lsoa_areas").all() {
                guard let lsoa = LSOA(try row.column("lsoa", String.self)) else { continue }
                result[UInt32(lsoa.index)] = (try row.column("district"), try row.column("csp"), try row.column("force_area"))
            }
            return result
        }
    }

    /// Crimes by type and residents of each CSP of a force area: one pass over the force's blocks
    /// gives both the force's totals and every CSP's, however many CSPs it has.
    public func partnershipsInForceArea(_ force: String, months: ClosedRange<Int>) async throws -> [String: (byType: [Int], people: Int)] {
        try await store.withConnection { db in
            var result: [String: (byType: [Int], people: Int)] = [:]
            let empty = Array(repeating: 0, count: CrimeBlock.types)
            let cspOf = try await placed(.forceArea, [force], under: .csp, db)
            try await counts(in: Set(cspOf.keys), months: months, db) { _, lsoa, counts in
                result[cspOf[lsoa]!, default: (empty, 0)].byType.add(counts)
            }
            for row in try await db.raw(
                """
                SELECT csp, COALESCE(SUM(population), 0) AS people FROM lsoa_areas WHERE force_area = \(bind: force) AND apportioned = 0 GROUP BY csp
                """
            ).all() {
                result[try row.decode(column: "csp", as: String.self), default: (empty, 0)].people = try row.decode(column: "people", as: Int.self)
            }
            return result
        }
    }

    /// The blocks in `months` with crime in any of `wanted`, and the slots that hold it, found
    /// from the blocks' LSOA lists alone (see `HeldBlocks`).
    private func blocks(touching wanted: Set<UInt32>, months: ClosedRange<Int>, _ db: any SQLDatabase) async throws -> [BlockHit] {
        guard !wanted.isEmpty else { return [] }
        // Made when a block is first looked through slot by slot, not for searches alone.
        var bits: [UInt64] = []
        let near = HeldBlocks.Shape.wanted(wanted)
        let ascending = wanted.sorted()
        return try await store.heldBlocks.blocks(in: months, db).compactMap { block in
            guard block.shape.mayHold(near) else { return nil }
            let lsoas = block.shape.lsoas
            var slots: [(slot: Int, lsoa: UInt32)] = []
            if ascending.count * 16 < lsoas.count {
                // A partnership's few LSOAs in a large force's block: each looked up in its sorted list.
                for lsoa in ascending {
                    let slot = lsoas.firstIndex(notBefore: lsoa) { $0 }
                    if slot < lsoas.count && lsoas[slot] == lsoa { slots.append((slot, lsoa)) }
                }
            } else {
                if bits.isEmpty {
                    bits = [UInt64](repeating: 0, count: (LSOA.capacity + 63) / 64)
                    for lsoa in wanted where lsoa < LSOA.capacity { bits[Int(lsoa) >> 6] |= 1 << (UInt64(lsoa) & 63) }
                }
                for (slot, lsoa) in lsoas.enumerated() where lsoa < LSOA.capacity && bits[Int(lsoa) >> 6] & (1 << (UInt64(lsoa) & 63)) != 0 {
                    slots.append((slot, lsoa))
                }
            }
            return slots.isEmpty ? nil : BlockHit(key: block.key, month: block.month, outcomes: block.shape.outcomes, slotCount: lsoas.count, slots: slots)
        }
    }

    /// A block with crime in the LSOAs a query wants.
    private struct BlockHit {
        let key: BlockKey
        let month: Int
        /// The block's outcome labels, which its crimes' outcome bytes index.
        let outcomes: [String]
        /// How many slots the block has, as listed: what is read of it must agree.
        let slotCount: Int
        /// The block's slots for those LSOAs.
        let slots: [(slot: Int, lsoa: UInt32)]

        /// A part read that does not fit the block as listed, which would otherwise be read out of bounds.
        func unlike(_ part: String) -> StoreError { StoreError.notFound("the \(part) of stored force-month \(key.id) as listed") }
    }

    /// Calls `each` with the month, the LSOA and the counts by type of every LSOA-month in
    /// `wanted` that has crime.
    private func counts(
        in wanted: Set<UInt32>, months: ClosedRange<Int>, _ db: any SQLDatabase,
        _ each: (_ month: Int, _ lsoa: UInt32, _ counts: ArraySlice<UInt32>) -> Void
    ) async throws {
        let hits = try await blocks(touching: wanted, months: months, db)
        let kept = try await store.blockParts.counts(of: hits.map(\.key), db)
        for hit in hits {
            guard let counts = kept[hit.key] else { continue }
            guard counts.count == hit.slotCount * CrimeBlock.types else { throw hit.unlike("counts") }
            for (slot, lsoa) in hit.slots {
                each(hit.month, lsoa, counts[slot * CrimeBlock.types..<(slot + 1) * CrimeBlock.types])
            }
        }
    }

    /// The blocks in `months` with crime in any of `wanted`, each with its crimes, checked
    /// against the block as listed.
    private func crimeBlocks(touching wanted: Set<UInt32>, months: ClosedRange<Int>, _ db: any SQLDatabase) async throws -> [(
        hit: BlockHit, crimes: BlockParts.Crimes
    )] {
        let hits = try await blocks(touching: wanted, months: months, db)
        let kept = try await store.blockParts.crimes(of: hits.map(\.key), db)
        return try hits.compactMap { hit in
            guard let block = kept[hit.key] else { return nil }
            guard block.starts.count == hit.slotCount + 1, Int(block.starts.last!) * CrimeRecordFormat.size <= block.records.count else {
                throw hit.unlike("crimes")
            }
            return (hit, block)
        }
    }

    /// Crimes by type and last outcome in the areas given: the cube's outcome dimension, read
    /// from the crimes themselves, which each carry their outcome.
    public func outcomeCounts(_ level: AreaLevel, _ codes: [String], months: ClosedRange<Int>) async throws -> [OutcomeCount] {
        guard !codes.isEmpty else { return [] }
        return try await store.withConnection { db in
            let wanted = Set(try await placed(level, codes, db).keys)
            var counted: [OutcomeCount.Key: Int] = [:]
            for (hit, block) in try await crimeBlocks(touching: wanted, months: months, db) {
                // Tallied by the crime's type byte and outcome byte, and named once a block: a
                // label hashed for every crime was a tenth of a crime page's time. The last
                // column holds outcome bytes beyond the block's labels, which name no outcome.
                let labels = hit.outcomes.count, width = labels + 1
                var tally = [Int](repeating: 0, count: 256 * width)
                for (slot, _) in hit.slots {
                    for i in Int(block.starts[slot])..<Int(block.starts[slot + 1]) {
                        let offset = i * CrimeRecordFormat.size
                        tally[Int(block.records[offset]) * width + min(CrimeRecordFormat.outcomeIndex(block.records, offset), labels)] += 1
                    }
                }
                for (cell, crimes) in tally.enumerated() where crimes > 0 {
                    let outcome = cell % width
                    counted[OutcomeCount.Key(type: cell / width, outcome: outcome < labels ? hit.outcomes[outcome] : ""), default: 0] += crimes
                }
            }
            return counted.map { OutcomeCount(type: $0.key.type, outcome: $0.key.outcome, crimes: $0.value) }
                .sorted { ($0.type, $0.outcome) < ($1.type, $1.outcome) }
        }
    }

    /// The crimes themselves in one LSOA, with their street-level locations.
    public func crimes(inLSOA lsoa: String, months: ClosedRange<Int>) async throws -> [StoredCrime] {
        try await crimes(inLSOAs: [lsoa], months: months)
    }

    /// The crimes in several LSOAs, by LSOA and month.
    public func crimes(inLSOAs lsoas: [String], months: ClosedRange<Int>) async throws -> [StoredCrime] {
        try await placedCrimes(inLSOAs: lsoas, months: months, withOutcomes: true).stored
    }

    /// The crimes in several LSOAs, by LSOA and month, with their snap points listed once.
    /// - Parameter withOutcomes: false leaves each crime's outcome empty, for a caller that does
    ///   not show them (the assessment), which is then spared a string for each crime.
    public func placedCrimes(inLSOAs lsoas: [String], months: ClosedRange<Int>, withOutcomes: Bool) async throws -> PlacedCrimes {
        let wanted = Set(lsoas.compactMap { LSOA($0).map { UInt32($0.index) } })
        return try await store.withConnection { db in
            var answer = PlacedCrimes()
            // A snap point in several blocks (months) is one place, found by its value once a block.
            var placeOf: [CrimeLocation: Int32] = [:]
            var found: [(lsoa: UInt32, month: Int, id: Int64, crimes: [PlacedCrimes.Crime])] = []
            for (hit, block) in try await crimeBlocks(touching: wanted, months: months, db) {
                let starts = block.starts, records = block.records, locations = block.locations
                // The block's snap points, by their number in it, as places of the answer: not yet
                // looked at (-2), no place (-1), or the place's index. Written in the loop, not
                // in a function of its own, which would make every crime check its access.
                var placed = [Int32](repeating: -2, count: locations.count)
                for (slot, lsoa) in hit.slots {
                    var crimes: [PlacedCrimes.Crime] = []
                    crimes.reserveCapacity(Int(starts[slot + 1] - starts[slot]))
                    for i in Int(starts[slot])..<Int(starts[slot + 1]) {
                        let offset = i * CrimeRecordFormat.size
                        let location = Int(CrimeRecordFormat.location(records, offset))
                        var place: Int? = nil
                        if location != Int(CrimeRecordFormat.noLocation) && location < locations.count {
                            if placed[location] == -2 {
                                placed[location] = -1
                                if let snap = locations.location(location) {
                                    if let known = placeOf[snap] {
                                        placed[location] = known
                                    } else {
                                        placed[location] = Int32(answer.places.count)
                                        placeOf[snap] = Int32(answer.places.count)
                                        answer.places.append(snap)
                                    }
                                }
                            }
                            if placed[location] >= 0 { place = Int(placed[location]) }
                        }
                        crimes.append(
                            PlacedCrimes.Crime(
                                month: hit.month, type: Int(records[offset]), outcome: withOutcomes ? CrimeRecordFormat.outcome(records, offset, hit.outcomes) : "",
                                place: place))
                    }
                    found.append((lsoa, hit.month, hit.key.id, crimes))
                }
            }
            // The order is sorted by index, so that the crimes are moved once, into the answer.
            let order = found.indices.sorted { (found[$0].lsoa, found[$0].month, found[$0].id) < (found[$1].lsoa, found[$1].month, found[$1].id) }
            answer.crimes.reserveCapacity(found.reduce(0) { $0 + $1.crimes.count })
            for i in order { answer.crimes.append(contentsOf: found[i].crimes) }
            return answer
        }
    }
}

extension [Int] {
    package mutating func add(_ counts: ArraySlice<UInt32>) {
        for (i, n) in zip(indices, counts) { self[i] += Int(n) }
    }
}
