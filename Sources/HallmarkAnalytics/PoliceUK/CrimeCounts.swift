import HallmarkDomain

/// Counts by area, month and crime type, summed from force-month files through the LSOA lookup.
public struct CrimeCounts: Sendable, Equatable {
    public struct Key: Hashable, Sendable, Comparable {
        /// A CSP or district code, or "none" for crimes with no location and "unknown" for LSOAs
        /// in no lookup.
        public let area: String
        public let month: Int
        public let type: CrimeType

        public init(area: String, month: Int, type: CrimeType) {
            self.area = area
            self.month = month
            self.type = type
        }

        public static func < (a: Key, b: Key) -> Bool { (a.area, a.month, a.type) < (b.area, b.month, b.type) }
    }

    public enum Level: Sendable { case district, csp, force }

    public private(set) var counts: [Key: Int] = [:]

    public init(_ months: [ForceMonth], lookup: AreaLookup, level: Level) {
        for file in months {
            for counted in file.counts {
                let (key, n) = (counted.key, counted.count)
                let area: String
                if key.lsoa < 0 {
                    area = "none"
                } else if let row = LSOA(index: key.lsoa).flatMap(lookup.district(of:)) {
                    switch level {
                    case .district: area = row.district.code.value
                    case .csp: area = row.cspCode.value
                    case .force: area = row.forceCode.value
                    }
                } else {
                    area = "unknown"
                }
                counts[Key(area: area, month: file.month, type: CrimeType(code: key.type)!), default: 0] += Int(n)
            }
        }
    }

    public var total: Int { counts.values.reduce(0, +) }
}
