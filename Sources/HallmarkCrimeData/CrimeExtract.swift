import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// The cube of counts as an extract for Excel, QGIS and R: a row for each area, month and
/// crime type with crime in it, anti-social behaviour as a type of its own, areas placed as the
/// crime pages place them, and crimes with no location (or in an LSOA no lookup places) under
/// the area code `none`.
package enum CrimeExtract {
    package enum Level: String, CaseIterable, Sendable {
        case lsoa, district, csp, force
    }

    package static let header = "area_code,area_name,month,crime_type,count"
    package static let nowhere = "none"

    /// - Parameter within: the districts whose areas the reader may see (an area is given only
    ///   when it lies wholly among them, and crimes placed nowhere only to a reader of every
    ///   area); nil for every area.
    /// - Parameter write: called with the CSV a piece at a time, the header first.
    package static func write(
        level: Level, months: ClosedRange<Int>, within: Set<String>?, deps: CrimeDataService,
        to write: (String) throws -> Void
    ) async throws {
        let placed = try await deps.crime.placements()
        let areaOfPlaced: (_ district: String, _ csp: String, _ forceArea: String) -> String =
            switch level {
            case .lsoa: { _, _, _ in "" }
            case .district: { district, _, _ in district }
            case .csp: { _, csp, _ in csp }
            case .force: { _, _, force in force }
            }
        // An area is shown when every district it covers is the reader's to see.
        var districtsOf: [String: Set<String>] = [:]
        for p in placed.values { districtsOf[areaOfPlaced(p.district, p.csp, p.forceArea), default: []].insert(p.district) }

        // Each LSOA's slot among the areas, found once, so that counting is arithmetic on arrays.
        var codes: [String] = []
        var slotOfCode: [String: Int32] = [:]
        func slot(_ code: String) -> Int32 {
            if let known = slotOfCode[code] { return known }
            codes.append(code)
            slotOfCode[code] = Int32(codes.count - 1)
            return Int32(codes.count - 1)
        }
        var slotOfLSOA = [Int32](repeating: -1, count: LSOA.capacity)
        for (lsoa, p) in placed where Int(lsoa) < LSOA.capacity {
            if let within {
                guard within.contains(p.district) else { continue }
                if level != .lsoa && level != .district, !(districtsOf[areaOfPlaced(p.district, p.csp, p.forceArea)] ?? []).isSubset(of: within) { continue }
            }
            slotOfLSOA[Int(lsoa)] = slot(level == .lsoa ? LSOA(index: Int32(lsoa))!.code : areaOfPlaced(p.district, p.csp, p.forceArea))
        }
        let nowhereSlot: Int32? = within == nil ? slot(nowhere) : nil

        let monthCount = months.count
        let types = CrimeBlock.types
        var totals = [Int32](repeating: 0, count: codes.count * monthCount * types)
        try await deps.crime.everyCount(months: months) { month, lsoa, counts in
            var area = Int(lsoa) < LSOA.capacity ? slotOfLSOA[Int(lsoa)] : -1
            if area < 0 {
                // Placed nowhere (every placed LSOA has a slot when nothing is out of reach): with
                // no location, or an LSOA the lookup does not know.
                guard let nowhereSlot else { return }
                area = level == .lsoa && Int(lsoa) < LSOA.capacity ? slot(LSOA(index: Int32(lsoa))!.code) : nowhereSlot
                if Int(area) * monthCount * types >= totals.count { totals += [Int32](repeating: 0, count: monthCount * types) }
            }
            let base = (Int(area) * monthCount + (month - months.lowerBound)) * types
            for (type, n) in counts.enumerated() where n > 0 { totals[base + type] += Int32(n) }
        }

        try write(header + "\n")
        let names = self.names(level, deps)
        let typeNames = CrimeType.allCases.sorted { $0.code < $1.code }.map(\.rawValue)
        for area in codes.indices.sorted(by: { codes[$0] < codes[$1] }) {
            let code = codes[area]
            let name = CSVRecord.quoted(code == nowhere ? "No location" : names(code))
            var piece = ""
            for m in 0..<monthCount {
                let base = (area * monthCount + m) * types
                let month = MonthNumber.text(months.lowerBound + m)
                for type in 0..<types where totals[base + type] > 0 {
                    piece += "\(code),\(name),\(month),\(CSVRecord.quoted(typeNames[type])),\(totals[base + type])\n"
                }
            }
            if !piece.isEmpty { try write(piece) }
        }
    }

    /// Each area's name at the level asked for, from the geography Hallmark ships.
    package static func names(_ level: Level, _ deps: CrimeDataService) -> (String) -> String {
        let codeAndName: (CSPGeography.Row) -> (String, String)
        switch level {
        case .lsoa: return { deps.lsoaNames.name(of: $0) ?? "" }
        case .district: codeAndName = { ($0.district.code.value, $0.district.name) }
        case .csp: codeAndName = { ($0.cspCode.value, $0.cspName) }
        case .force: codeAndName = { ($0.forceCode.value, $0.forceName) }
        }
        let byCode = Dictionary(deps.geography.counted.map(codeAndName)) { first, _ in first }
        return { byCode[$0] ?? "" }
    }

    /// The extract whole, for an answer that is not streamed to a file.
    package static func csv(level: Level, months: ClosedRange<Int>, within: Set<String>?, deps: CrimeDataService) async throws -> String {
        var out = ""
        try await write(level: level, months: months, within: within, deps: deps) { out += $0 }
        return out
    }
}
