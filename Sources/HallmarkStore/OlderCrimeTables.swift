import Foundation
import HallmarkDomain
import SQLKit

/// Stores made before migration 8 kept crime in four tables, a row per LSOA-month, with snap
/// points shared by a force's months. This repacks each force-month into a block, so that
/// nothing already imported is lost; migration 9 then drops the old tables.
package enum OlderCrimeTables {
    @Sendable package static func repack(_ db: any SQLDatabase) async throws {
        for month in try await db.raw("SELECT id FROM crime_force_months ORDER BY id").all() {
            let id: Int64 = try month.column("id")
            var lsoas: [UInt32] = []
            var records: [UInt8] = []
            // Snap points were numbered across the store; a block numbers its own.
            var local: [Int64: UInt32] = [:]
            var stored: [Int64] = []
            for row in try await db.raw("SELECT lsoa, crimes, record_size FROM crime_records WHERE force_month_id = \(bind: id) ORDER BY lsoa").all() {
                let lsoa = LSOA(try row.column("lsoa", String.self)).map { UInt32($0.index) } ?? CrimeBlock.noLocation
                let bytes = [UInt8](try row.column("crimes", Data.self))
                let size: Int = try row.column("record_size")
                var offset = 0
                while offset + size <= bytes.count {
                    var location = CrimeRecordFormat.location(bytes, offset)
                    if location != CrimeRecordFormat.noLocation {
                        let global = Int64(location)
                        if let known = local[global] {
                            location = known
                        } else {
                            location = UInt32(stored.count)
                            local[global] = location
                            stored.append(global)
                        }
                    }
                    // Both older sizes begin alike: type, outcome, location, has-id, then the id.
                    let id = bytes[offset + 6] == 1 ? bytes[offset + 7..<offset + 7 + CrimeRecordFormat.idBytes] : nil
                    CrimeRecordFormat.append(type: bytes[offset], outcome: bytes[offset + 1], location: location, id: id, to: &records)
                    lsoas.append(lsoa)
                    offset += size
                }
            }
            var places: [Int64: CrimeLocation] = [:]
            for chunk in stored.chunks(of: 5000) {
                for row in try await db.raw("SELECT id, longitude, latitude, name FROM crime_locations WHERE id IN \(SQLBind.group(Array(chunk)))").all() {
                    places[try row.column("id")] = CrimeLocation(
                        longitude: Int32(try row.column("longitude", Int64.self)),
                        latitude: Int32(try row.column("latitude", Int64.self)), name: try row.column("name"))
                }
            }
            let locations = try stored.map { global in
                guard let place = places[global] else { throw StoreError.notFound("snap point \(global), which stored crimes point to") }
                return place
            }
            try await CrimeRepository.insert(CrimeBlock(lsoas: lsoas, records: records, locations: locations).stored, forceMonth: id, db)
        }
    }
}
