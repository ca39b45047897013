import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkStore

/// Five national years, the history an assessment shows: the generated national year (2024)
/// and the four before it, imported at once as police.uk's custom download gives them, then
/// every CSP's assessment with five years behind it. Run in a process of its own, so that the
/// peak memory reported is this import's.
func fiveYearsBenchmark(nationalYear: [String], folder: URL) async throws {
    var earlier = (try? PoliceUKFolder.streetFiles(at: folder.path)) ?? []
    if earlier.isEmpty {
        for year in 2020...2023 {
            print("Writing \(year) (\(rowsInNationalYear) rows) to \(folder.path)…")
            earlier += try NationalYear(lookup: lookup, rowsPerYear: rowsInNationalYear, year: year).write(to: folder).files
        }
    }
    let files = earlier.sorted() + nationalYear
    print("== Five national years: \(files.count) files")
    let name = "hallmark-bench-five-years.sqlite"
    let databasePath = withImport ? emptySQLitePath(name) : FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    if withImport { try readIntoPageCache(files) }
    let store = try await Store.open(.sqlite(path: databasePath))
    if withImport {
        let (imported, importTime) = try await timedImport(files, into: store, source: "Five national years (generated)")
        line("Hallmark import into SQLite (crimes + cube)", imported, importTime)
    }
    let importRSS = peakRSSMegabytes()
    if withAssessments { try await assessments(store, months: try await CrimeRepository(store: store).latestMonth()!) }
    await store.close()
    let databaseBytes = (try? FileManager.default.attributesOfItem(atPath: databasePath)[.size] as? Int) ?? 0
    print("  Hallmark database: \(databaseBytes / 1_000_000) MB, \(databaseBytes / 5_000_000) MB a year")
    print(String(format: "Hallmark peak RSS up to the end of the import: %.0f MB; after the assessments: %.0f MB\n", importRSS, peakRSSMegabytes()))
    if withImport, let url = environment["HALLMARK_BENCH_POSTGRES_URL"] { try await postgresImport(files, url: url, years: 5) }
}
