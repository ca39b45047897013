import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkMeetings
import HallmarkRegister
import HallmarkStore
import HallmarkWeb

/// Hallmark's speed, measured against the best general tools on the same files in the same run.
/// Run with `scripts/bench`, which prepares the reference tools first.

let environment = ProcessInfo.processInfo.environment
let venv = environment["HALLMARK_BENCH_VENV"] ?? ".venv-bench"
let dataFolder = URL(fileURLWithPath: environment["HALLMARK_BENCH_DATA"] ?? "/tmp/hallmark-bench")
let shared = URL(fileURLWithPath: "../shared/data/police-uk/leicestershire")
let rowsInNationalYear = Int(environment["HALLMARK_BENCH_ROWS"] ?? "") ?? 6_500_000
/// While working on one figure: HALLMARK_BENCH_ONLY=national skips the Leicestershire set, and
/// HALLMARK_BENCH_REFERENCES=no skips the reference tools, HALLMARK_BENCH_ASSESSMENTS=no the
/// assessments. The recorded figures use none of them.
let onlyNational = environment["HALLMARK_BENCH_ONLY"] == "national"
let withReferences = environment["HALLMARK_BENCH_REFERENCES"] != "no"
let withAssessments = environment["HALLMARK_BENCH_ASSESSMENTS"] != "no"
/// HALLMARK_BENCH_IMPORT=no reuses the five years' store from the last run: for the assessments alone.
let withImport = environment["HALLMARK_BENCH_IMPORT"] != "no"

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Processor time the whole process has used so far, user and system, in seconds: against the
/// time on the clock it tells whether a run kept both cores busy or waited.
func processorSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func time(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return time(usage.ru_utime) + time(usage.ru_stime)
}

func line(_ what: String, _ rows: Int, _ time: Double, against reference: Double? = nil) {
    let rate = Double(rows) / time
    var text =
        what.padding(toLength: 46, withPad: " ", startingAt: 0)
        + String(format: "%10.3f s %14.0f rows/s", time, rate)
    if let reference { text += String(format: "   ratio %.2f", reference / time) }
    print(text)
}

if environment["HALLMARK_BENCH_ONLY"] == "county-dashboard" {
    try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
    try await countyDashboardBenchmark(folder: dataFolder)
    exit(0)
}

if environment["HALLMARK_BENCH_ONLY"] == "saves" {
    try await savesBenchmark()
    exit(0)
}

if environment["HALLMARK_BENCH_ONLY"] == "board-pack" {
    try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
    try await boardPackBenchmark(folder: dataFolder)
    exit(0)
}

let lookup = try AreaLookup.shipped()
print("Hallmark benchmarks, \(Date()) on \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("(ratio = reference time / Hallmark time: above 1 means Hallmark is faster)\n")

// The data sets: Leicestershire's real files, and a generated national year.
let leicestershire = try PoliceUKFolder.streetFiles(at: shared.path)
let nationalFolder = dataFolder.appendingPathComponent("national-\(rowsInNationalYear)")
var national = (try? PoliceUKFolder.streetFiles(at: nationalFolder.path)) ?? []
if national.isEmpty {
    print("Writing the national year (\(rowsInNationalYear) rows) to \(nationalFolder.path)…")
    let made = try NationalYear(lookup: lookup, rowsPerYear: rowsInNationalYear, year: 2024).write(to: nationalFolder)
    national = made.files
}
let bytes = national.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
print("National year: \(national.count) files, \(bytes / 1_000_000) MB\n")

/// While working on the reader: the national year's parse + aggregate five times over, and the
/// import into SQLite three times, each time printed (this machine's speed moves between runs).
if environment["HALLMARK_BENCH_ONLY"] == "reader" {
    try readIntoPageCache(national)
    for _ in 0..<5 {
        let processor = processorSeconds()
        let time = try seconds { _ = try PoliceUKFolder.read(national, reader: StreetCrimeReader(keepCrimes: false), threads: 2) }
        print(String(format: "parse + aggregate %.3f s, processor %.3f s", time, processorSeconds() - processor))
    }
    for _ in 0..<3 {
        let store = try await Store.open(.sqlite(path: emptySQLitePath("hallmark-bench-import.sqlite")))
        let processor = processorSeconds()
        let (_, time) = try await timedImport(national, into: store, source: "National year (generated)")
        let used = processorSeconds() - processor
        await store.close()
        print(String(format: "import into SQLite %.3f s, processor %.3f s", time, used))
    }
    exit(0)
}

if environment["HALLMARK_BENCH_ONLY"] == "five-years" {
    try await fiveYearsBenchmark(nationalYear: national, folder: dataFolder.appendingPathComponent("earlier-years-\(rowsInNationalYear)"))
    exit(0)
}

for (name, files) in [("Leicestershire (24 real files)", leicestershire), ("National year (generated)", national)] where !onlyNational || files == national {
    print("== \(name)")
    try readIntoPageCache(files)

    var counted = 0
    let hallmark = try seconds {
        let months = try PoliceUKFolder.read(files, reader: StreetCrimeReader(keepCrimes: false), threads: 2)
        counted = months.reduce(0) { $0 + $1.accepted }
    }
    let polars = withReferences ? try? References.python(References.polars, files: files, venv: venv) : nil
    let duckdb = withReferences ? try? References.python(References.duckdb, files: files, venv: venv) : nil
    let best = [polars?.seconds, duckdb?.seconds].compactMap { $0 }.min()
    line("Hallmark parse + aggregate (2 threads)", counted, hallmark, against: best)
    if let polars { line("  polars scan_csv + group_by", polars.rows, polars.seconds) } else { print("  polars: not available (run scripts/bench)") }
    if let duckdb { line("  DuckDB read_csv + GROUP BY (2 threads)", duckdb.rows, duckdb.seconds) } else { print("  DuckDB: not available (run scripts/bench)") }

    // The full import: every row checked, placed and stored (crimes packed, plus the cube).
    let databasePath = emptySQLitePath("hallmark-bench-import.sqlite")
    let store = try await Store.open(.sqlite(path: databasePath))
    let (imported, importTime) = try await timedImport(files, into: store, source: name)
    let importRSS = peakRSSMegabytes()
    if withAssessments { try await assessments(store, months: try await CrimeRepository(store: store).latestMonth()!) }
    await store.close()
    let databaseBytes = (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int) ?? 0
    line("Hallmark import into SQLite (crimes + cube)", imported, importTime, against: best)
    importReference(
        withReferences ? try? References.sqliteImport(files: files) : nil, "sqlite3 .import into one table", tool: "sqlite3", named: "sqlite3 .import", against: importTime)
    print("  Hallmark database: \(databaseBytes / 1_000_000) MB")
    print(String(format: "Hallmark peak RSS up to the end of this import: %.0f MB; after the assessments: %.0f MB\n", importRSS, peakRSSMegabytes()))
    if let url = environment["HALLMARK_BENCH_POSTGRES_URL"], files == national { try await postgresImport(files, url: url) }
}

/// The national year into PostgreSQL, against `COPY` of the raw rows into one table on the
/// same server in the same run (the server reading the files itself: COPY at its fastest); or
/// several years, with the database's size a year and no reference.
func postgresImport(_ files: [String], url: String, years: Int = 1) async throws {
    let store = try await Store.open(.postgres(url: url))
    let (imported, time) = try await timedImport(files, into: store, source: years == 1 ? "National year (generated)" : "Five national years (generated)")
    let size = try await store.withConnection { db in
        try await db.raw("SELECT pg_database_size(current_database()) AS bytes").first()!.decode(column: "bytes", as: Int64.self)
    }
    await store.close()
    let copy = withReferences && years == 1 ? try? References.postgresCopy(files: files, url: url) : nil
    line("Hallmark import into PostgreSQL", imported, time, against: copy?.seconds)
    if years == 1 {
        importReference(copy, "COPY into one table (server reads the files)", tool: "psql", named: "COPY", against: time)
        print("  Hallmark database in PostgreSQL: \(size / 1_000_000) MB\n")
    } else {
        print("  Hallmark database in PostgreSQL: \(size / 1_000_000) MB, \(size / Int64(years) / 1_000_000) MB a year\n")
    }
}

/// Reads every file once, so that every tool (and every run) reads them from the page cache.
func readIntoPageCache(_ files: [String]) throws {
    let time = try seconds {
        for file in files { _ = try Data(contentsOf: URL(fileURLWithPath: file)).count }
    }
    print(String(format: "Reading the files from the page cache: %.3f s", time))
}

/// A path in the temporary folder for a new SQLite store, with any left by an earlier run removed.
func emptySQLitePath(_ name: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    return path
}

/// Every file imported into `store` as the web's import does: the rows stored, and the seconds taken.
func timedImport(_ files: [String], into store: Store, source: String) async throws -> (rows: Int, seconds: Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let report = try await CrimeImporter(store: store, lookup: lookup)
        .importFiles(files, source: source, acceptValidRows: false, by: .system("benchmark"), threads: 2)
    return (report.accepted, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// A reference import's line and how much faster Hallmark's was, or that the tool was missing.
func importReference(_ reference: References.Measured?, _ what: String, tool: String, named name: String, against seconds: Double) {
    guard let reference else { return print("  \(tool): not available (run scripts/bench)") }
    line("  " + what, reference.rows, reference.seconds)
    print(String(format: "  Hallmark import vs %@: %.2f× faster", name, reference.seconds / seconds))
}

/// Strategic assessments from the store just filled: one CSP's, then every CSP's with crime.
/// The CSPs are put in the register first, each with its ONS districts.
func assessments(_ store: Store, months last: Int) async throws {
    let service = AssessmentService(crimeData: CrimeDataService(store: store, settings: Settings()))
    let geography = try CSPGeography.shipped()
    let forces = Set(try await CrimeRepository(store: store).monthsAvailable().compactMap(\.forceArea))
    // A store kept from an earlier run (HALLMARK_BENCH_IMPORT=no) has its CSPs already.
    var partnerships = try await service.partnerships.all().filter { $0.kind == .communitySafetyPartnership }
    let kept = !partnerships.isEmpty
    for force in forces.sorted() where !kept {
        for csp in geography.partnerships(inForce: GSSCode(force)!) {
            let p = try await service.partnerships.create(.init(kind: .communitySafetyPartnership, name: csp.name, onsCode: csp.code), by: .system("benchmark"))
            for district in csp.districts { try await service.partnerships.addDistrict(district, to: p.id, by: .system("benchmark")) }
            partnerships.append(p)
        }
    }
    guard let first = partnerships.first else { return }
    // The whole of it: the figures, the document and the JSON.
    @Sendable func render(_ p: Partnership, _ a: StrategicAssessment) throws {
        _ = a.html(partnershipID: p.id)
        _ = try a.json()
    }
    func assess(_ p: Partnership) async throws { try render(p, try await StrategicAssessment.draft(p, to: last, deps: service)) }
    try await assess(first)  // warm the page cache
    var one = 0.0
    try await timeAsync(&one) { try await assess(first) }
    print(String(format: "One CSP's assessment (%@)                %8.3f s", first.name, one))
    var all = 0.0
    let processor = processorSeconds()
    try await timeAsync(&all) {
        try await StrategicAssessment.draftEvery(partnerships, to: last, deps: service, render)
    }
    print(String(format: "Every CSP's assessment (%d CSPs)               %8.3f s (processor %.3f s)", partnerships.count, all, processorSeconds() - processor))
}

func timeAsync(_ seconds: inout Double, _ body: () async throws -> Void) async rethrows {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
