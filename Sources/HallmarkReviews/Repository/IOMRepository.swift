import Foundation
import HallmarkDomain
import HallmarkStore
import SQLKit

/// The IOM cohort's quarterly figures: one row a quarter, entered again to correct it; audited.
package struct IOMRepository: Sendable {
    package let store: Store

    package func quarters(of partnershipID: RecordID<Partnership>) async throws -> [IOMQuarter] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM iom_quarters WHERE partnership_id = \(bind: partnershipID) ORDER BY quarter").all().map { r in
                IOMQuarter(
                    partnershipID: try r.column("partnership_id"), quarter: try r.column("quarter"), cohortStart: try r.column("cohort_start"),
                    entries: try r.column("entries"), exits: try r.column("exits"), reoffenders: try r.column("reoffenders"), offences: try r.column("offences"),
                    enteredBy: try r.column("entered_by"), enteredAt: try r.column("entered_at"))
            }
        }
    }

    package func save(
        _ f: (quarter: String, start: Int, entries: Int, exits: Int, reoffenders: Int, offences: Int), of partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            let before = try await db.raw("SELECT * FROM iom_quarters WHERE partnership_id = \(bind: partnershipID) AND quarter = \(bind: f.quarter)").first()
            try await db.raw(
                """
                INSERT INTO iom_quarters (partnership_id, quarter, cohort_start, entries, exits, reoffenders, offences, entered_by, entered_at)
                VALUES (\(bind: partnershipID), \(bind: f.quarter), \(bind: f.start), \(bind: f.entries), \(bind: f.exits), \(bind: f.reoffenders), \(bind: f.offences),
                        \(bind: author.label), \(bind: now()))
                ON CONFLICT (partnership_id, quarter) DO UPDATE SET cohort_start = \(bind: f.start), entries = \(bind: f.entries), exits = \(bind: f.exits),
                    reoffenders = \(bind: f.reoffenders), offences = \(bind: f.offences), entered_by = \(bind: author.label), entered_at = \(bind: now())
                """
            ).run()
            let after = [
                "quarter": f.quarter, "cohort_start": "\(f.start)", "entries": "\(f.entries)", "exits": "\(f.exits)", "reoffenders": "\(f.reoffenders)",
                "offences": "\(f.offences)",
            ]
            try await AuditLog.record(db, by: author, before == nil ? .create : .update, "IOM quarter", id: nil, partnership: partnershipID, after: after)
        }
    }
}
