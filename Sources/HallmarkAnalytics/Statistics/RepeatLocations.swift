/// How concentrated crime is at a few places, and whether those places stay busy month after
/// month. Places are police.uk's snap points; a place counts once it has one crime.
public struct RepeatLocations: Sendable, Equatable, Codable {
    public struct Place: Sendable, Equatable, Codable {
        public let name: String
        public let latitude: Double
        public let longitude: Double
        public let crimes: Int
        /// Months in the period with at least one crime here.
        public let monthsWithCrime: Int
    }

    public let places: Int
    public let crimes: Int
    /// Share of all crime at the busiest 5% and 10% of places (rounded up to whole places).
    public let shareAtTop5Percent: Double
    public let shareAtTop10Percent: Double
    /// Of the busiest 10% of places, the share with crime in at least three months out of four.
    public let persistentShareOfTop10Percent: Double
    /// The busiest places, most first (at most 20).
    public let top: [Place]

    /// - Parameter crimes: one entry per crime: its place and month (0-based within the period).
    public init(crimes list: [(place: Int, month: Int)], places names: [(name: String, latitude: Double, longitude: Double)], months: Int) {
        // Places are numbered from 0, so each has a slot; the months a place had crime in are
        // bits of a word (a period has no more than 64), counted once each at the end.
        var counts = [Int](repeating: 0, count: names.count)
        var monthBits = [UInt64](repeating: 0, count: names.count)
        var otherMonths: [Int: Set<Int>] = [:]
        for crime in list {
            counts[crime.place] += 1
            if (0..<64).contains(crime.month) {
                monthBits[crime.place] |= 1 << UInt64(crime.month)
            } else {
                otherMonths[crime.place, default: []].insert(crime.month)
            }
        }
        func monthsWithCrime(_ place: Int) -> Int { monthBits[place].nonzeroBitCount + (otherMonths[place]?.count ?? 0) }
        let ranked = counts.indices.filter { counts[$0] > 0 }.map { (key: $0, value: counts[$0]) }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        places = ranked.count
        crimes = list.count
        func share(_ fraction: Double) -> (Double, ArraySlice<(key: Int, value: Int)>) {
            guard !ranked.isEmpty else { return (0, []) }
            let take = Int((Double(ranked.count) * fraction).rounded(.up))
            let slice = ranked.prefix(take)
            return (Double(slice.reduce(0) { $0 + $1.value }) / Double(list.count), slice)
        }
        shareAtTop5Percent = share(0.05).0
        let (top10Share, top10) = share(0.10)
        shareAtTop10Percent = top10Share
        let persistent = top10.filter { 4 * monthsWithCrime($0.key) >= 3 * months }.count
        persistentShareOfTop10Percent = top10.isEmpty ? 0 : Double(persistent) / Double(top10.count)
        top = ranked.prefix(20).map { entry in
            let place = names[entry.key]
            return Place(
                name: place.name, latitude: place.latitude, longitude: place.longitude, crimes: entry.value,
                monthsWithCrime: monthsWithCrime(entry.key))
        }
    }
}

/// The month-of-year profile: each calendar month's average against the average month (100).
public struct Seasonality: Sendable, Equatable, Codable {
    /// January first; nil for a calendar month the series does not reach.
    public let index: [Double?]

    /// - Parameters: counts: monthly counts; firstMonth: the calendar month (1–12) of counts[0].
    public init(counts: [Int], firstMonth: Int) {
        var sums = [Double](repeating: 0, count: 12), seen = [Double](repeating: 0, count: 12)
        for (i, n) in counts.enumerated() {
            let m = (firstMonth - 1 + i) % 12
            sums[m] += Double(n)
            seen[m] += 1
        }
        let overall = counts.isEmpty ? 0 : Double(counts.reduce(0, +)) / Double(counts.count)
        index = (0..<12).map { m in seen[m] > 0 && overall > 0 ? sums[m] / seen[m] / overall * 100 : nil }
    }
}
