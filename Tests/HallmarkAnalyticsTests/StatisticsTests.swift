import Foundation
@testable import HallmarkAnalytics
import HallmarkDomain
import Testing

/// Hallmark's statistics against references computed by statsmodels, scipy and esda (see
/// Fixtures/statistics/README.md for the command and versions).
@Suite("Statistics against reference tools")
struct StatisticsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/statistics")

    static func table(_ name: String) throws -> [[String: String]] {
        let lines = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    static func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-9) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test("The trend test equals statsmodels' quasi-Poisson GLM and scipy's exact test on every series")
    func trends() throws {
        let series = try Self.table("trend-series.csv")
        let reference = Dictionary(uniqueKeysWithValues: try Self.table("trend-reference.csv").map { ($0["series"]!, $0) })
        #expect(series.count == 6)
        for row in series {
            let counts = (1...24).map { Int(row["m\($0)"]!)! }
            let test = TrendTest(earlier: Array(counts[0..<12]), later: Array(counts[12...]))
            let want = try #require(reference[row["series"]!])
            let name = row["series"]!
            #expect(test.method == (want["method"] == "exact" ? .exactBinomial : .quasiPoissonSeasonal), "\(name)")
            #expect(Self.close(test.rateRatio, Double(want["rate_ratio"]!)), "\(name) rate ratio")
            #expect(Self.close(test.p, Double(want["p"]!)), "\(name) p: \(test.p) against \(want["p"]!)")
            if want["method"] != "exact" {
                #expect(Self.close(test.dispersion, Double(want["dispersion"]!), 1e-7), "\(name) dispersion")
                #expect(Self.close(test.z, Double(want["z"]!)), "\(name) z")
            }
        }
    }

    @Test("Each branch of the trend test is reached and called as it should be")
    func trendRules() {
        // A rise of 87% on wildly varying months is not called significant once dispersion is allowed for.
        let wild = TrendTest(earlier: [12, 40, 8, 55, 20, 3, 60, 15, 30, 9, 70, 25], later: [80, 10, 95, 30, 110, 45, 5, 60, 20, 25, 50, 120])
        #expect(wild.rateRatio! > 1.8)
        #expect(!wild.significant)
        #expect(wild.direction == "no significant change")
        // The same totals spread evenly are a significant increase under Poisson variation.
        let even = TrendTest(earlier: Array(repeating: 29, count: 12), later: Array(repeating: 54, count: 12))
        #expect(even.significant && even.direction == "significant increase")
        // Small numbers take the exact test and say so.
        let small = TrendTest(earlier: [0, 1, 0, 0, 2, 0, 1, 0, 0, 0, 1, 0], later: [1, 2, 0, 1, 0, 3, 0, 1, 2, 0, 1, 1])
        #expect(small.smallNumbers && small.method == .exactBinomial)
        // Periods that are not whole years have no month-of-year terms.
        #expect(TrendTest(earlier: [50, 60, 55], later: [40, 45, 42]).method == .quasiPoisson)
        // By hand: 9 of 9 crimes in the later period: P = 2 × ½⁹.
        #expect(abs(TrendTest(earlier: [0, 0, 0], later: [3, 3, 3]).p - 2 * pow(0.5, 9)) < 1e-15)
    }

    @Test("Gi* z-scores, p-values and Benjamini–Hochberg discoveries equal esda's to 1e-9")
    func giStar() throws {
        let cells = try Self.table("grid-counts.csv")
        let reference = try Self.table("gistar-reference.csv")
        let columns = 14, rows = 11
        var counts = [Int](repeating: 0, count: columns * rows)
        for cell in cells { counts[Int(cell["row"]!)! * columns + Int(cell["column"]!)!] = Int(cell["crimes"]!)! }
        let z = HotspotGrid.giStar(counts: counts, columns: columns, rows: rows, reach: 2)
        let p = z.map(TrendTest.twoSidedNormal)
        let discovered = HotspotGrid.benjaminiHochberg(p, rate: 0.05)
        #expect(reference.count == columns * rows)
        for want in reference {
            let i = Int(want["row"]!)! * columns + Int(want["column"]!)!
            #expect(Self.close(z[i], Double(want["z"]!)), "cell \(i) z \(z[i]) against \(want["z"]!)")
            #expect(Self.close(p[i], Double(want["p_two_sided"]!)), "cell \(i) p")
            #expect(discovered[i] == (want["fdr_bh_discovery"] == "1"), "cell \(i) discovery")
        }
        #expect(discovered.filter { $0 }.count == 13)
    }

    @Test("The trimmed range and the discoveries, found without sorting everything, are those a full sort finds")
    func withoutSortingAll() {
        var random = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let count = Int.random(in: 1...5000, using: &random)
            // Few distinct values in some rounds, so that ties are common.
            let distinct = round % 3 == 0 ? 7 : 1_000_000
            let values = (0..<count).map { _ in Double(Int.random(in: 0..<distinct, using: &random)) / 97 }
            let trim = Int.random(in: 0..<min(count, 12), using: &random)
            let sorted = values.sorted()
            let range = HotspotGrid.trimmedRange(values, trim: trim)
            #expect(range?.low == sorted.dropFirst(trim).first && range?.high == sorted.dropLast(trim).last, "round \(round)")

            // Benjamini–Hochberg as written down: every p-value ranked.
            let p = (0..<count).map { _ in round % 2 == 0 ? Double(Int.random(in: 0..<200, using: &random)) / 2000 : Double.random(in: 0...1, using: &random) }
            let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
            var cutoff = -1
            for (rank, index) in order.enumerated() where p[index] <= Double(rank + 1) / Double(count) * 0.05 { cutoff = rank }
            var expected = [Bool](repeating: false, count: count)
            if cutoff >= 0 { for index in order[0...cutoff] { expected[index] = true } }
            #expect(HotspotGrid.benjaminiHochberg(p, rate: 0.05) == expected, "round \(round)")
        }
        #expect(HotspotGrid.trimmedRange([], trim: 0) == nil && HotspotGrid.trimmedRange([1, 2], trim: 2) == nil)
    }

    @Test("Crimes projected to a grid put the planted cluster in the hotspots")
    func grid() {
        // One crime at each of 400 places spread over about 6.5 km, and 60 more at one corner.
        var points: [(latitude: Double, longitude: Double)] = Array(repeating: (52.60, -1.20), count: 60)
        for i in 0..<400 { points.append((52.60 + Double(i % 20) * 0.003, -1.20 + Double(i / 20) * 0.0045)) }
        let grid = HotspotGrid(points: points)
        #expect(grid.cells.reduce(0) { $0 + $1.crimes } == 460)
        let corner = grid.cells.first { $0.row == 0 && $0.column == 0 }
        #expect(corner?.crimes == 61)
        #expect(corner?.spot == 1)
        // Every hotspot lies within the 500 m band of the cluster: two cells.
        #expect(!grid.hotspots.isEmpty && grid.hotspots.allSatisfy { $0.row <= 2 && $0.column <= 2 })
        // Cells are 250 m: 19 steps of 0.003° of latitude are about 6.3 km, so 26 rows.
        #expect(grid.rows == 26)
    }

    /// The cells are written by hand for speed; Foundation's JSON of the same cells is the reference.
    @Test("The hotspot cells written by hand are Foundation's JSON of them, byte for byte")
    func cellsJSON() throws {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let points = (0..<Int.random(in: 1...3000, using: &random)).map { _ in
                (latitude: 52.6 + Double.random(in: 0...0.05, using: &random), longitude: -1.2 + Double.random(in: 0...0.08, using: &random))
            }
            let grid = HotspotGrid(points: points)
            let cells = grid.cells.filter { $0.crimes > 0 || $0.spot != 0 }
            #expect(grid.cellsPlaceholder != nil)
            let foundation = String(decoding: try JSONText.data(["cells": cells], .document), as: UTF8.self)
            #expect(foundation == "{\n  \"cells\" : [\n    " + grid.cellsJSON(indentation: "    ") + "\n  ]\n}")
        }
        // Numbers of every size and sign, as Foundation writes them.
        var numbers: [Double] = [0, -0.0, 1, -1, 0.5, 1e-7, 1e16, 1e21, 123456789.123, 0.1 + 0.2, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        numbers += (0..<20_000).map { _ in Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random)) }.filter(\.isFinite)
        numbers += (0..<20_000).map { _ in Double.random(in: -10...10, using: &random) }
        for number in numbers {
            #expect(HotspotGrid.jsonNumber(number) == String(decoding: try JSONText.data(number), as: UTF8.self), "\(number)")
        }
        #expect(HotspotGrid(points: [(50.0, -5.0), (55.0, 1.5)]).cellsPlaceholder == nil, "no cells: written as usual")
    }

    @Test("A few far-flung crimes do not stretch the map, and a spread wider than a partnership's is not drawn")
    func outliers() {
        var points: [(latitude: Double, longitude: Double)] = []
        for i in 0..<2000 {
            let latitude = 52.6 + Double(i % 40) * 0.0005
            let longitude = -1.2 + Double(i / 40) * 0.0007
            points.append((latitude, longitude))
        }
        points.append((54.9, 1.7))  // 300 km away
        let grid = HotspotGrid(points: points)
        #expect(grid.outlying >= 1 && grid.outlying <= 8)
        #expect(grid.columns * 250 < 5_000 && grid.rows * 250 < 5_000)
        #expect(grid.cells.reduce(0) { $0 + $1.crimes } + grid.outlying == 2001)

        let scattered = HotspotGrid(points: [(50.0, -5.0), (55.0, 1.5)])
        #expect(scattered.cells.isEmpty && scattered.outlying == 2)
    }

    @Test("Concentration at repeat locations and the seasonal profile, by hand")
    func repeatsAndSeasons() {
        // 20 places: place 0 has 10 crimes in every month of 4; the other 19 have one each.
        var crimes: [(place: Int, month: Int)] = (0..<10).map { (0, $0 % 4) }
        crimes += (1..<20).map { ($0, 0) }
        let places = (0..<20).map { (name: "Place \($0)", latitude: 52.0, longitude: -1.0) }
        let repeats = RepeatLocations(crimes: crimes, places: places, months: 4)
        #expect(repeats.places == 20 && repeats.crimes == 29)
        #expect(repeats.shareAtTop5Percent == 10.0 / 29)  // the top 1 place of 20
        #expect(repeats.shareAtTop10Percent == 11.0 / 29)  // the top 2
        #expect(repeats.persistentShareOfTop10Percent == 0.5)  // place 0 in 4 of 4 months; the next in 1
        #expect(repeats.top.first?.monthsWithCrime == 4)
        // Months past a word's 64 bits, or before the period, are each counted once too.
        let spread = RepeatLocations(crimes: [(0, 0), (0, 70), (0, 70), (0, -1), (1, 63)], places: Array(places.prefix(2)), months: 4)
        #expect(spread.top.map(\.monthsWithCrime) == [3, 1] && spread.top.map(\.crimes) == [4, 1])

        // Two years starting in April: January's mean is 30 against an overall mean of 20.
        var counts = Array(repeating: 20, count: 24)
        counts[9] = 25; counts[21] = 35; counts[10] = 15; counts[22] = 5
        let seasons = Seasonality(counts: counts, firstMonth: 4)
        #expect(seasons.index[0] == 150)
        #expect(seasons.index[1] == 50)
        #expect(seasons.index[3] == 100)
    }
}
