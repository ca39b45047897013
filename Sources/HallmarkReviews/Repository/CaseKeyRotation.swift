import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// Seals every named field again with the current key, so that an old key can be taken out of
/// HALLMARK_CASE_KEYS. Row by row, each in its own transaction: stopped half way, what is done
/// stays done and the rest still opens with the old key, and running it again finishes it.
package enum CaseKeyRotation {
    /// Returns how many fields were sealed again; fails with the key's error, changing nothing
    /// more, when a field cannot be opened with the keys given.
    package static func reseal(_ store: Store, keys: CaseKeys) async throws -> Int {
        var resealed = 0
        for (table, columns) in SealedColumns.tables {
            let ids = try await store.withConnection { db in
                try await db.raw("SELECT id FROM \(unsafeRaw: table) ORDER BY id").all().map { try $0.column("id", Int64.self) }
            }
            for id in ids {
                resealed += try await store.transaction { db in
                    guard let row = try await db.raw("SELECT * FROM \(unsafeRaw: table) WHERE id = \(bind: id)").first() else { return 0 }
                    var changed = 0
                    for column in columns {
                        guard let sealed = try row.column(column, String?.self), CaseKeys.keyID(of: sealed) != keys.current.id else { continue }
                        let fresh = keys.seal(try keys.open(sealed, for: "\(table).\(column)"), for: "\(table).\(column)")
                        try await db.raw("UPDATE \(unsafeRaw: table) SET \(unsafeRaw: column) = \(bind: fresh) WHERE id = \(bind: id)").run()
                        changed += 1
                    }
                    return changed
                }
            }
        }
        return resealed
    }
}
