import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister

/// Writes a synthetic national year in the exact police.uk street-level format: every force in
/// England and Wales, twelve months, real LSOA codes weighted by population, and the mix of
/// crime types, outcomes, anti-social behaviour and `No Location` rows seen in Leicestershire's
/// real files. Deterministic: the same seed writes the same bytes.
struct NationalYear {
    let lookup: AreaLookup
    let rowsPerYear: Int
    let year: Int

    /// Shares from the Leicestershire files, 2021-04 (crime type → rows in 8,217).
    static let typeMix: [(CrimeType, Int)] = [
        (.violenceAndSexualOffences, 3166), (.publicOrder, 1066), (.antiSocialBehaviour, 1957), (.criminalDamageAndArson, 849),
        (.otherTheft, 516), (.vehicleCrime, 373), (.burglary, 265), (.shoplifting, 253), (.drugs, 253), (.otherCrime, 228),
        (.bicycleTheft, 148), (.possessionOfWeapons, 67), (.theftFromThePerson, 37), (.robbery, 37),
    ]
    static let outcomes: [(String, Int)] = [
        ("Investigation complete; no suspect identified", 30), ("Unable to prosecute suspect", 35), ("Under investigation", 15),
        ("Awaiting court outcome", 5), ("Offender given a caution", 2), ("Local resolution", 4), ("Status update unavailable", 5),
        ("Further investigation is not in the public interest", 2), ("Formal action is not in the public interest", 2),
    ]
    static let streets = [
        "High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road", "Park Avenue",
        "Mill Lane", "The Crescent", "King Street", "Queen Street", "London Road", "Shopping Area", "Supermarket",
        "Parking Area", "Petrol Station", "Nightclub", "Sports/Recreation Area", "Hospital", "Further/Higher Educational Building",
    ]

    /// police.uk's file-name slug and force name for an ONS police force area name.
    static func force(_ area: String) -> (slug: String, name: String) {
        let name = ["Metropolitan Police": "Metropolitan Police Service", "London, City of": "City of London Police"][area] ?? "\(area) Police"
        let slug = name.lowercased().replacingOccurrences(of: " police service", with: "").replacingOccurrences(of: " police", with: "")
            .replacingOccurrences(of: "&", with: "and").replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "-")
        return (slug, name)
    }

    /// Writes the files under `folder`; returns their paths and the number of data rows.
    func write(to folder: URL) throws -> (files: [String], rows: Int) {
        // LSOAs of each force, with cumulative population weights for sampling.
        var byForce: [String: (name: String, lsoas: [LSOA], cumulative: [Int])] = [:]
        for index in 0..<Int32(LSOA.capacity) {
            guard let lsoa = LSOA(index: index), let row = lookup.district(of: lsoa), !lookup.populationIsApportioned(lsoa) else { continue }
            var entry = byForce[row.forceCode.value] ?? (row.forceName, [], [])
            entry.lsoas.append(lsoa)
            entry.cumulative.append((entry.cumulative.last ?? 0) + max(1, lookup.population(of: lsoa)))
            byForce[row.forceCode.value] = entry
        }
        let totalPopulation = byForce.values.reduce(0) { $0 + ($1.cumulative.last ?? 0) }
        let typeTotal = Self.typeMix.reduce(0) { $0 + $1.1 }
        let outcomeTotal = Self.outcomes.reduce(0) { $0 + $1.1 }
        // Each year its own stream (2024's is the seed the national year was first written with).
        var random = SplitMix(seed: 20_261_125 &+ UInt64(bitPattern: Int64(year - 2024)))
        var files: [String] = []
        var rows = 0
        for month in 1...12 {
            let monthText = String(format: "%04d-%02d", year, month)
            let monthFolder = folder.appendingPathComponent(monthText)
            try FileManager.default.createDirectory(at: monthFolder, withIntermediateDirectories: true)
            for (_, force) in byForce.sorted(by: { $0.key < $1.key }) {
                let (slug, name) = Self.force(force.name)
                let count = rowsPerYear / 12 * force.cumulative.last! / totalPopulation
                var out = Data()
                out.reserveCapacity(count * 240)
                out.append(contentsOf: (StreetCrimeReader.header + "\n").utf8)
                for _ in 0..<count {
                    var pick = Int(random.next() % UInt64(typeTotal))
                    let type = Self.typeMix.first {
                        pick -= $0.1; return pick < 0
                    }!.0
                    var line = ""
                    if type != .antiSocialBehaviour {
                        for _ in 0..<4 { line += String(format: "%016llx", random.next()) }
                    }
                    line += ",\(monthText),\(name),\(name),"
                    if random.next() % 100 < 2 {
                        line += ",,No Location,,,"
                    } else {
                        let target = Int(random.next() % UInt64(force.cumulative.last!))
                        var lo = 0, hi = force.cumulative.count - 1
                        while lo < hi { let mid = (lo + hi) / 2; if force.cumulative[mid] > target { hi = mid } else { lo = mid + 1 } }
                        let lsoa = force.lsoas[lo]
                        // A pseudo-centre per district inside England and Wales, each LSOA within about
                        // 6 km of it (so that a CSP covers a district's area, as real ones do), and one
                        // of a few snap points near the LSOA's own centre.
                        let district = UInt64(lookup.districtNumber(of: lsoa) ?? 0) &* 0xD1B54A32D192ED03
                        let base = UInt64(bitPattern: Int64(lsoa.index)) &* 0x9E3779B97F4A7C15
                        let point = random.next() % 12
                        let longitude = -4.5 + Double(district % 50_000) / 10_000 + (Double(base % 1_000) - 500) / 5_000 + Double(point) * 0.0007
                        let latitude = 50.8 + Double((district >> 20) % 37_000) / 10_000 + (Double((base >> 20) % 1_000) - 500) / 9_000 + Double(point) * 0.0005
                        let street = Self.streets[Int((base >> 40 &+ point) % UInt64(Self.streets.count))]
                        let place = point == 3 ? "\"On or near \(street), Upper\"" : "On or near \(street)"
                        line +=
                            String(format: "%.6f,%.6f,", longitude, latitude) + "\(place),\(lsoa.code),\(force.name.replacingOccurrences(of: ",", with: "")) \(lsoa.index % 997)A,"
                    }
                    line += type.rawValue + ","
                    if type != .antiSocialBehaviour {
                        var o = Int(random.next() % UInt64(outcomeTotal))
                        line +=
                            Self.outcomes.first {
                                o -= $0.1; return o < 0
                            }!.0
                    }
                    line += ",\n"
                    out.append(contentsOf: line.utf8)
                }
                let path = monthFolder.appendingPathComponent("\(monthText)-\(slug)-street.csv").path
                try out.write(to: URL(fileURLWithPath: path))
                files.append(path)
                rows += count
            }
        }
        return (files, rows)
    }
}

/// A small, fast, seedable generator (SplitMix64), so the national year is the same every time.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
