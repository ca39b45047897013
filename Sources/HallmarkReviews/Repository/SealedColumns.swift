import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// Reads and writes a case table's sealed columns: sealed for their column on the way in,
/// opened on the way out (nil once removed). The audit log is given `redacted` instead, which
/// names a sealed field without its value. Also what every case table does alike: number its
/// cases, and remove their personal data at the end of retention.
struct SealedColumns: Sendable {
    let keys: CaseKeys
    let table: String

    /// The sealed columns of each casework table: what is removed at the end of retention, and
    /// what a key rotation seals again.
    static let tables: [(table: String, columns: [String])] = [
        ("asb_case_reviews", ["applicant_name", "applicant_contact", "applicant_address", "complaints", "recommendations"]),
        ("homicide_reviews", ["victim_name", "circumstances"]),
        ("iom_people", ["name", "notes"]),
    ]

    var columns: [String] { Self.tables.first { $0.table == table }!.columns }

    func seal(_ value: String?, _ column: String) -> String? { value.map { keys.seal($0, for: "\(table).\(column)") } }

    func open(_ row: any SQLRow, _ column: String) throws -> String? {
        guard let sealed = try row.column(column, String?.self) else { return nil }
        return try keys.open(sealed, for: "\(table).\(column)")
    }

    static let redacted = "[sealed]"

    /// The number of the partnership's next case in this table, inside the transaction that adds
    /// it: the partnership's row is held first, so that two cases never share a reference.
    func nextNumber(_ db: any SQLDatabase, of partnershipID: RecordID<Partnership>, lock: String) async throws -> Int {
        try await db.raw("SELECT id FROM partnerships WHERE id = \(bind: partnershipID)\(unsafeRaw: lock)").run()
        return try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE partnership_id = \(bind: partnershipID)").first()!.column("n", Int.self) + 1
    }

    /// Removes the sealed columns of every case whose end (`ended`, an SQL expression giving a
    /// date or NULL while the case goes on) lies more than its partnership's `months` before
    /// `today`; the dates, decisions and counts stay for the statistics. Each case in its own
    /// transaction, audited as `subject`. Returns how many were cleared.
    func removeExpired(
        _ store: Store, ended: String, today: CalendarDate, months: (RecordID<Partnership>) async throws -> Int, subject: String, by author: ChangeAuthor
    ) async throws -> Int {
        let candidates = try await store.withConnection { db in
            try await db.raw("SELECT id, partnership_id, \(unsafeRaw: ended) AS ended FROM \(unsafeRaw: table) WHERE personal_data_removed_on IS NULL").all()
                .compactMap { r -> (Int64, RecordID<Partnership>, CalendarDate)? in
                    guard let ended = try r.column("ended", String?.self).flatMap(CalendarDate.init) else { return nil }
                    return (try r.column("id", Int64.self), try r.column("partnership_id", RecordID<Partnership>.self), ended)
                }
        }
        let cleared = columns.map { "\($0) = NULL" }.joined(separator: ", ")
        var removed = 0
        for (id, partnershipID, ended) in candidates where WorkingDays.adding(months: try await months(partnershipID), to: ended) < today {
            try await store.transaction { db in
                try await db.raw(
                    """
                    UPDATE \(unsafeRaw: table) SET \(unsafeRaw: cleared), personal_data_removed_on = \(bind: today.iso)
                    WHERE id = \(bind: id) AND personal_data_removed_on IS NULL
                    """
                ).run()
                try await AuditLog.record(db, by: author, .update, subject, id: id, partnership: partnershipID, after: ["removed_on": today.iso])
            }
            removed += 1
        }
        return removed
    }
}
