import Foundation

/// Hotspots by the Getis-Ord Gi* statistic over a regular grid of square cells.
///
/// Crimes are projected to metres about the area's centre (an equirectangular projection, exact
/// enough over a district), counted in cells of `cellSize` metres covering their bounding box,
/// and each cell's Gi* z-score is computed with binary distance-band weights: every cell whose
/// centre lies within `band` metres, the cell itself included. A cell is a hotspot (or a cold
/// spot) when its two-sided p-value survives the Benjamini–Hochberg correction for the number
/// of cells tested, at a false discovery rate of `falseDiscoveryRate`.
public struct HotspotGrid: Sendable, Equatable, Encodable {
    public struct Settings: Sendable, Equatable, Codable {
        public var cellSize: Double = 250
        public var band: Double = 500
        public var falseDiscoveryRate: Double = 0.05
        public init(cellSize: Double = 250, band: Double = 500, falseDiscoveryRate: Double = 0.05) {
            self.cellSize = cellSize
            self.band = band
            self.falseDiscoveryRate = falseDiscoveryRate
        }
    }

    public struct Cell: Sendable, Equatable, Codable {
        public let column: Int
        public let row: Int
        public let crimes: Int
        public let z: Double
        /// Two-sided, before correction.
        public let p: Double
        /// +1 hotspot, −1 cold spot, 0 neither, after the correction.
        public let spot: Int
    }

    public let settings: Settings
    public let columns: Int
    public let rows: Int
    /// The centre the projection is about, in degrees.
    public let originLatitude: Double
    public let originLongitude: Double
    /// The grid's south-west corner in projected metres.
    public let minX: Double
    public let minY: Double
    public let cells: [Cell]
    /// Crimes left off the map because they lie beyond the area's main extent (see `init`).
    public let outlying: Int

    /// The most cells a map may have: about 250 km square at 250 m. A wider spread of crime
    /// than that is not one partnership's, and the map is not drawn.
    public static let maximumCells = 1_000_000

    private enum CodingKeys: String, CodingKey {
        case settings, columns, rows, originLatitude, originLongitude, minX, minY, cells, outlying
    }

    /// The JSON lists only the cells with crime or a significant result: a wide rural area has
    /// hundreds of thousands of empty cells, which would make the file large and say nothing.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(settings, forKey: .settings)
        try c.encode(columns, forKey: .columns)
        try c.encode(rows, forKey: .rows)
        try c.encode(originLatitude, forKey: .originLatitude)
        try c.encode(originLongitude, forKey: .originLongitude)
        try c.encode(minX, forKey: .minX)
        try c.encode(minY, forKey: .minY)
        if encoder.userInfo[Self.cellsApart] as? Bool == true, let placeholder = cellsPlaceholder {
            try c.encode([placeholder], forKey: .cells)
        } else {
            try c.encode(shownCells, forKey: .cells)
        }
        try c.encode(outlying, forKey: .outlying)
    }

    /// The cells the JSON lists: those with crime or a significant result.
    var shownCells: [Cell] { cells.filter { $0.crimes > 0 || $0.spot != 0 } }

    /// Set in an encoder's `userInfo` by a writer that puts in `cellsJSON` itself: Foundation
    /// takes most of an assessment's JSON time over the cells, which are thousands of small
    /// objects of six keys each.
    public static let cellsApart = CodingUserInfoKey(rawValue: "hallmark.hotspotCellsApart")!

    /// The one string the cells' list holds when they are written apart. A cell list that is
    /// empty, or holds a number JSON cannot write (which Foundation refuses), is written as usual.
    public var cellsPlaceholder: String? {
        let shown = shownCells
        return shown.isEmpty || !shown.allSatisfy({ $0.z.isFinite && $0.p.isFinite }) ? nil : "\u{1}hotspot cells"
    }

    /// The cells as Foundation writes them with sorted keys, indented, each object starting at
    /// `indentation` (the first without it, as it takes the placeholder's place in its line).
    public func cellsJSON(indentation: String) -> String {
        let inner = "\n" + indentation + "  "
        // A cell's keys in the order Foundation sorts them, each with what its value is written as.
        let keys: [(key: String, value: (Cell) -> Substring)] = [
            ("column", { Substring(String($0.column)) }), ("crimes", { Substring(String($0.crimes)) }), ("p", { Self.jsonNumber($0.p) }),
            ("row", { Substring(String($0.row)) }), ("spot", { Substring(String($0.spot)) }), ("z", { Self.jsonNumber($0.z) }),
        ]
        // What comes before each value: the object's opening or a comma, then the key.
        let before = keys.enumerated().map { Array(($0.offset == 0 ? "{" : ",").utf8) + Array((inner + "\"\($0.element.key)\" : ").utf8) }
        let between = Array((",\n" + indentation).utf8), end = Array(("\n" + indentation + "}").utf8)
        let cells = shownCells
        var out: [UInt8] = []
        out.reserveCapacity(cells.count * (before.reduce(0) { $0 + $1.count } + 60))
        for (i, cell) in cells.enumerated() {
            if i > 0 { out += between }
            for (key, prefix) in zip(keys, before) {
                out += prefix
                out += key.value(cell).utf8
            }
            out += end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A finite number as Foundation's JSON writes it: its shortest description, without ".0".
    static func jsonNumber(_ value: Double) -> Substring {
        let text = value.description
        return text.hasSuffix(".0") ? text.dropLast(2) : text[...]
    }

    public var hotspots: [Cell] { cells.filter { $0.spot > 0 }.sorted { ($1.z, $0.row, $0.column) < ($0.z, $1.row, $1.column) } }

    public static let earthRadius = 6_371_008.8

    /// - Parameter points: (latitude, longitude) in degrees, one per crime.
    public init(points: [(latitude: Double, longitude: Double)], settings: Settings = Settings()) {
        self.settings = settings
        // A few crimes placed far from the rest (a snap point in a neighbouring county, a bad
        // coordinate) would stretch the grid over empty land: the map covers the middle 99.8%
        // of crimes in each direction and counts the rest as outlying.
        let trim = points.count >= 1000 ? points.count / 1000 : 0
        // Closures, not key paths: a key path into a tuple is looked up at run time, for every
        // crime (a twentieth of an assessment's time).
        guard let (south, north) = Self.trimmedRange(points.map { $0.latitude }, trim: trim),
            let (west, east) = Self.trimmedRange(points.map { $0.longitude }, trim: trim)
        else {
            (columns, rows, originLatitude, originLongitude, minX, minY, cells, outlying) = (0, 0, 0, 0, 0, 0, [], points.count)
            return
        }
        let kept = points.filter { $0.latitude >= south && $0.latitude <= north && $0.longitude >= west && $0.longitude <= east }
        let lat0 = (south + north) / 2
        let lon0 = (west + east) / 2
        let extent = Self.project(north, east, lat0: lat0, lon0: lon0)
        let span = (columns: Int(2 * extent.x / settings.cellSize) + 1, rows: Int(2 * extent.y / settings.cellSize) + 1)
        guard span.columns * span.rows <= Self.maximumCells else {
            (columns, rows, originLatitude, originLongitude, minX, minY, cells, outlying) = (0, 0, lat0, lon0, 0, 0, [], points.count)
            return
        }
        outlying = points.count - kept.count
        originLatitude = lat0
        originLongitude = lon0
        let projected = kept.map { Self.project($0.latitude, $0.longitude, lat0: lat0, lon0: lon0) }
        var (x0, y0, x1, y1) = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
        for p in projected {
            (x0, x1) = (min(x0, p.x), max(x1, p.x))
            (y0, y1) = (min(y0, p.y), max(y1, p.y))
        }
        minX = x0
        minY = y0
        let size = settings.cellSize
        let cols = Int(((x1 - x0) / size).rounded(.down)) + 1
        let rws = Int(((y1 - y0) / size).rounded(.down)) + 1
        columns = cols
        rows = rws
        var counts = [Int](repeating: 0, count: cols * rws)
        for p in projected {
            let c = min(cols - 1, Int((p.x - x0) / size)), r = min(rws - 1, Int((p.y - y0) / size))
            counts[r * cols + c] += 1
        }
        let z = Self.giStar(counts: counts, columns: cols, rows: rws, reach: settings.band / size)
        let p = z.map(TrendTest.twoSidedNormal)
        let keep = Self.benjaminiHochberg(p, rate: settings.falseDiscoveryRate)
        cells = counts.indices.map { i in
            Cell(column: i % cols, row: i / cols, crimes: counts[i], z: z[i], p: p[i], spot: keep[i] ? (z[i] > 0 ? 1 : -1) : 0)
        }
    }

    static func project(_ lat: Double, _ lon: Double, lat0: Double, lon0: Double) -> (x: Double, y: Double) {
        let radians = Double.pi / 180
        return ((lon - lon0) * radians * cos(lat0 * radians) * earthRadius, (lat - lat0) * radians * earthRadius)
    }

    /// Gi* z-scores with binary weights: cells whose centres are within `reach` cell widths,
    /// the cell itself included (Getis and Ord 1992; Ord and Getis 1995).
    public static func giStar(counts: [Int], columns: Int, rows: Int, reach: Double) -> [Double] {
        let n = Double(counts.count)
        let mean = Double(counts.reduce(0, +)) / n
        let s = (counts.reduce(0.0) { $0 + Double($1) * Double($1) } / n - mean * mean).squareRoot()
        let span = Int(reach.rounded(.down))
        var offsets: [(Int, Int)] = []
        for dr in -span...span { for dc in -span...span where Double(dr * dr + dc * dc) <= reach * reach + 1e-9 { offsets.append((dr, dc)) } }
        return counts.indices.map { i in
            let r = i / columns, c = i % columns
            var sum = 0.0, weights = 0.0
            for (dr, dc) in offsets {
                let rr = r + dr, cc = c + dc
                guard rr >= 0, rr < rows, cc >= 0, cc < columns else { continue }
                sum += Double(counts[rr * columns + cc])
                weights += 1
            }
            let denominator = s * ((n * weights - weights * weights) / (n - 1)).squareRoot()
            return denominator > 0 ? (sum - mean * weights) / denominator : 0
        }
    }

    /// The `trim`-th smallest and the `trim`-th largest of `values` (counting from 0), as sorting
    /// them would find them; nil if there are not more than `trim`. Only the few at each end are
    /// kept in order: sorting every crime's coordinates twice was a tenth of an assessment.
    public static func trimmedRange(_ values: [Double], trim: Int) -> (low: Double, high: Double)? {
        guard values.count > trim else { return nil }
        var low: [Double] = [], high: [Double] = []
        low.reserveCapacity(trim + 1)
        high.reserveCapacity(trim + 1)
        for value in values {
            if low.count <= trim || value < low[trim] {
                low.insert(value, at: low.firstIndex { $0 > value } ?? low.count)
                if low.count > trim + 1 { low.removeLast() }
            }
            if high.count <= trim || value > high[trim] {
                high.insert(value, at: high.firstIndex { $0 < value } ?? high.count)
                if high.count > trim + 1 { high.removeLast() }
            }
        }
        return (low[trim], high[trim])
    }

    /// Which p-values are discoveries under the Benjamini–Hochberg procedure at `rate`.
    public static func benjaminiHochberg(_ p: [Double], rate: Double) -> [Bool] {
        // Only a p-value of at most `rate` can be a discovery (its bound, k / m × rate, is at most
        // `rate`), and every other is larger than all of those: so only they need sorting, and
        // each one's rank among them is its rank among all.
        let order = p.indices.filter { p[$0] <= rate }.sorted { (p[$0], $0) < (p[$1], $1) }
        let m = Double(p.count)
        var cutoff = -1
        for (rank, index) in order.enumerated() where p[index] <= Double(rank + 1) / m * rate { cutoff = rank }
        var keep = [Bool](repeating: false, count: p.count)
        if cutoff >= 0 { for index in order[0...cutoff] { keep[index] = true } }
        return keep
    }
}
