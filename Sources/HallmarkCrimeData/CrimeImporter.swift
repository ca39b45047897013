import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// Imports police.uk street-level files: reads them on every core, checks every row, places each
/// crime in its LSOA, district, CSP and force area, and stores the lot in one transaction.
package struct CrimeImporter: Sendable {
    package let store: Store
    package let lookup: AreaLookup

    /// Bytes of files read ahead of the one being stored: room for every other force's file of a
    /// national month while one reader works through the Met's (20 MB). A file read is held as
    /// about a sixth of its bytes, so this is some 10 MB of memory.
    static let readAhead = 64 << 20

    package init(store: Store, lookup: AreaLookup) {
        self.store = store
        self.lookup = lookup
    }

    /// How far an import has got: sent after each file is stored.
    package struct Progress: Sendable {
        package let filesStored: Int
        package let filesTotal: Int
        package let file: String
        package let accepted: Int
    }

    /// What the analyst sees afterwards. Also stored, as JSON, with the import's record.
    package struct Report: Codable, Sendable {
        package struct File: Codable, Sendable {
            package let file: String
            package let force: String
            package let month: String
            package let checksum: String
            package let bytes: Int
            package let hadHeader: Bool
            package let rowsRead: Int
            package let accepted: Int
            package let rejected: Int
            package let noLocation: Int
            package let unknownLSOA: Int
            package let outsideForce: Int
        }
        package var importID: Int64?
        package var stored: Bool
        package var message: String
        package var files: [File]
        package var rejections: [Rejection]
        package var replaced: [String]

        package static func stored(_ json: String) -> Report? { try? JSONDecoder().decode(Report.self, from: Data(json.utf8)) }

        package var rowsRead: Int { files.reduce(0) { $0 + $1.rowsRead } }
        package var accepted: Int { files.reduce(0) { $0 + $1.accepted } }
        package var rejected: Int { files.reduce(0) { $0 + $1.rejected } }
        package var noLocation: Int { files.reduce(0) { $0 + $1.noLocation } }
        package var unknownLSOA: Int { files.reduce(0) { $0 + $1.unknownLSOA } }
        package var outsideForce: Int { files.reduce(0) { $0 + $1.outsideForce } }
    }

    /// Who may replace a force-month already held, and whether a much smaller file may. A
    /// force-month feeds every partnership in its force area, so one partnership's analyst must
    /// not be able to empty her neighbours' figures with a one-row file.
    package struct ReplacementRule: Sendable {
        /// The police force areas (ONS codes) whose months this importer may replace; nil for any.
        package var forceAreas: Set<String>?
        /// Replace a month even when the new file holds under half the crimes of the one held.
        package var allowShrinking: Bool

        package init(forceAreas: Set<String>?, allowShrinking: Bool) {
            self.forceAreas = forceAreas
            self.allowShrinking = allowShrinking
        }

        package func check(_ r: CrimeMonthReplacement) throws {
            let month = "\(MonthNumber.long(r.month)) for \(r.force)"
            if let forceAreas, !forceAreas.contains(r.forceArea ?? "") {
                throw CrimeImportRefused(
                    "\(r.file) would replace \(month), which is already held and which every partnership in the force area uses. "
                        + "Only a county officer for every partnership in the force area, or an administrator, may replace a month. Nothing was stored.")
            }
            if !allowShrinking, r.newCrimes * 2 < r.heldCrimes {
                throw CrimeImportRefused(
                    "\(month) holds \(Numbers.whole(r.heldCrimes)) crimes, but \(r.file) holds \(Numbers.whole(r.newCrimes)): replacing it would remove "
                        + "\(Numbers.whole(r.heldCrimes - r.newCrimes)) crimes from every partnership in the force. Nothing was stored. If the smaller file is right, "
                        + "import it again and confirm that months may be replaced by files with far fewer crimes.")
            }
        }
    }

    /// - Parameters:
    ///   - acceptValidRows: store the good rows even when some were rejected. Off by default: an
    ///     import is all or nothing, and a rejected row stops it.
    ///   - replacing: who may replace months already held; by default anyone, but not with a file
    ///     holding under half the crimes.
    ///   - record: the import's record, made beforehand so a page can follow it; nil to make one.
    package func importStreetFiles(
        at path: String, record: Int64? = nil, source: String? = nil, acceptValidRows: Bool = false,
        replacing rule: ReplacementRule = ReplacementRule(forceAreas: nil, allowShrinking: false),
        by author: ChangeAuthor, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Progress) -> Void)? = nil
    ) async throws -> Report {
        var folder = path
        var unpacked: URL?
        if path.lowercased().hasSuffix(".zip") {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-zip-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            unpacked = scratch
            do {
                try PoliceUKZip.extractStreetFiles(from: URL(fileURLWithPath: path), into: scratch)
            } catch let refused as PoliceUKZip.Refused {
                try? FileManager.default.removeItem(at: scratch)
                throw CrimeImportRefused(refused.description)
            }
            folder = scratch.path
        }
        defer { if let unpacked { try? FileManager.default.removeItem(at: unpacked) } }
        let paths = try PoliceUKFolder.streetFiles(at: folder)
        guard !paths.isEmpty else {
            // Named as the user sent them, never by the server's own folder.
            let message = "No police.uk street-level files were found in \(source ?? path): their names must end -street.csv, as data.police.uk names them. Nothing was stored."
            try await CrimeRepository(store: store).recordRefusal(record, source: source ?? path, message: message, by: author)
            throw CrimeImportRefused(message)
        }
        return try await importFiles(
            paths, record: record, source: source ?? path, acceptValidRows: acceptValidRows, replacing: rule, by: author,
            threads: threads, progress: progress)
    }

    /// Reads a few files at a time (one per core) and stores each as soon as it is read, all in one
    /// transaction, so memory holds a few force-months, never the whole import.
    package func importFiles(
        _ paths: [String], record: Int64? = nil, source: String, acceptValidRows: Bool,
        replacing rule: ReplacementRule = ReplacementRule(forceAreas: nil, allowShrinking: false), by author: ChangeAuthor,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Progress) -> Void)? = nil
    ) async throws -> Report {
        var report = Report(importID: nil, stored: false, message: "", files: [], rejections: [], replaced: [])
        let repository = CrimeRepository(store: store)
        try await repository.placeAreas { areas }
        do {
            let result = try await repository.importStreaming(
                into: record, source: source, filesTotal: paths.count, by: author,
                replacing: rule.check,
                produce: { write in
                    // Files are read on every core while earlier ones are written, and each is
                    // packed for the store on the thread that read it.
                    let reader = StreetCrimeReader(keepCrimes: true)
                    let files = FileStream(paths, threads: threads, aheadBytes: Self.readAhead) { path in
                        let month = try reader.read(path: path)
                        return (month, load(month))
                    }
                    defer { files.stop() }
                    while let (month, load) = try await files.next() {
                        report.files.append(entry(month, load))
                        report.rejections += month.rejections.prefix(ForceMonth.maxRejectionsKept - report.rejections.count)
                        if month.rejected > 0 && !acceptValidRows {
                            let first = month.rejections[0]
                            throw CrimeImportRefused(
                                "\(month.rejected) rows of \(month.file) were rejected (the first, line \(first.line): \(first.reason)). "
                                    + "Nothing was stored. Correct the file, or import again accepting the valid rows only.",
                                unwritten: [CrimeFileSummary(file: month.file, rowsRead: month.rowsRead, accepted: month.accepted, rejected: month.rejected)])
                        }
                        if month.month < 0 {
                            throw CrimeImportRefused("\(month.file) holds no rows Hallmark could read. Nothing was stored.")
                        }
                        try await write(load)
                        progress?(Progress(filesStored: report.files.count, filesTotal: paths.count, file: month.file, accepted: month.accepted))
                    }
                },
                finish: { _, replaced in
                    var final = report
                    final.stored = replaced != nil
                    final.replaced = replaced ?? []
                    final.message = replaced == nil ? "Nothing was stored." : CrimeRepository.storedMessage(rows: report.accepted, files: report.files.count)
                    return try json(final)
                })
            report.importID = result.id
            report.replaced = result.replaced
            report.stored = true
            report.message = CrimeRepository.storedMessage(rows: report.accepted, files: report.files.count)
            return report
        } catch let refused as CrimeImportRefused {
            report.message = refused.description
            throw ImportFailed(report: report, refused: refused)
        }
    }

    private func entry(_ month: ForceMonth, _ load: CrimeFileLoad) -> Report.File {
        Report.File(
            file: month.file, force: month.force, month: month.month >= 0 ? MonthNumber.text(month.month) : "",
            checksum: load.checksum, bytes: month.bytes, hadHeader: month.hadHeader, rowsRead: month.rowsRead,
            accepted: month.accepted, rejected: month.rejected, noLocation: month.noLocation,
            unknownLSOA: load.unknownLSOA, outsideForce: load.outsideForce)
    }

    /// The LSOA lookup as rows for the store, which places crimes by it.
    package var areas: [LSOAArea] {
        lookup.allLSOAs.map {
            LSOAArea(
                lsoa: $0.lsoa.code, district: $0.area.district.code.value, csp: $0.area.cspCode.value,
                forceArea: $0.area.forceCode.value, population: $0.population, apportioned: $0.apportioned)
        }
    }

    package struct ImportFailed: Error, CustomStringConvertible {
        package let report: Report
        package let refused: CrimeImportRefused
        package var description: String { refused.description }
    }

    /// The report as stored with the import's record; `Report.stored(_:)` reads it back.
    private func json(_ report: Report) throws -> String {
        return try JSONText.string(report)
    }

    /// Places one force-month's counts and crimes in their areas and packs them for the store.
    package func load(_ month: ForceMonth) -> CrimeFileLoad {
        let block = CrimeBlock(
            lsoas: month.crimes.map { $0.lsoa.map { UInt32($0.index) } ?? CrimeBlock.noLocation },
            places: month.places, locations: month.locations
        ) { i, place in
            let crime = month.crimes[i]
            CrimeRecordFormat.write(
                type: crime.type.code, outcome: crime.outcome,
                location: crime.location < 0 ? CrimeRecordFormat.noLocation : UInt32(crime.location),
                id: crime.idPrefix, to: place)
        }

        // The force area is the one most of the file's located crimes fall in.
        var byForce: [String: Int] = [:]
        var unknown = 0
        for (slot, lsoa) in block.slots.enumerated() where lsoa != CrimeBlock.noLocation {
            let crimes = Int(block.starts[slot + 1] - block.starts[slot])
            if let row = LSOA(index: Int32(lsoa)).flatMap(lookup.district(of:)) { byForce[row.forceCode.value, default: 0] += crimes } else { unknown += crimes }
        }
        let forceArea = byForce.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        let outside = byForce.filter { $0.key != forceArea }.values.reduce(0, +)

        return CrimeFileLoad(
            force: month.force, month: month.month, forceArea: forceArea, file: month.file, checksum: String(month.checksum, radix: 16),
            rowsRead: month.rowsRead, accepted: month.accepted, rejected: month.rejected, noLocation: month.noLocation,
            unknownLSOA: unknown, outsideForce: outside, outcomes: month.outcomes, block: block.stored)
    }
}
