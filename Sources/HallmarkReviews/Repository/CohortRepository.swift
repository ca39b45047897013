import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// The people in the IOM cohort as stored: names and notes sealed; every change audited without them.
package struct CohortRepository: Sendable {
    package let store: Store
    let sealed: SealedColumns

    package init(store: Store, keys: CaseKeys) {
        self.store = store
        self.sealed = SealedColumns(keys: keys, table: "iom_people")
    }

    func member(_ r: any SQLRow) throws -> CohortMember {
        func day(_ c: String) throws -> CalendarDate? { try r.column(c, String?.self).flatMap(CalendarDate.init) }
        return CohortMember(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), reference: try r.column("reference"), name: try sealed.open(r, "name"),
            notes: try sealed.open(r, "notes"), enteredOn: CalendarDate(try r.column("entered_on", String.self))!, exitedOn: try day("exited_on"),
            exitReason: try r.column("exit_reason"), personalDataRemovedOn: try day("personal_data_removed_on"))
    }

    static func audited(_ m: CohortMember) -> [String: String] {
        [
            "reference": m.reference, "name": SealedColumns.redacted, "notes": SealedColumns.redacted, "entered_on": m.enteredOn.iso, "exited_on": m.exitedOn?.iso ?? "",
            "exit_reason": m.exitReason,
        ]
    }

    package func members(of partnershipID: RecordID<Partnership>) async throws -> [CohortMember] {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM iom_people WHERE partnership_id = \(bind: partnershipID) ORDER BY reference").all().map(member)
        }
    }

    package func member(_ id: RecordID<CohortMember>, in partnershipID: RecordID<Partnership>) async throws -> CohortMember? {
        try await store.withConnection { db in
            try await db.raw("SELECT * FROM iom_people WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").first().map(member)
        }
    }

    /// Someone joins the cohort; the member who records it joins their team.
    package func add(
        _ f: (name: String, notes: String, enteredOn: CalendarDate), team: [Int64], to partnershipID: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws -> CohortMember {
        let lock = store.rowLock
        return try await store.transaction { db in
            let n = try await sealed.nextNumber(db, of: partnershipID, lock: lock)
            let added = try member(
                try await db.raw(
                    """
                    INSERT INTO iom_people (partnership_id, reference, name, notes, entered_on)
                    VALUES (\(bind: partnershipID), \(bind: "IOM-\(String(format: "%03d", n))"), \(bind: sealed.seal(f.name, "name")),
                        \(bind: sealed.seal(f.notes, "notes")), \(bind: f.enteredOn.iso))
                    RETURNING *
                    """
                ).first()!)
            for user in team { try await CaseworkRepository.join(db, .offender, added.id.rawValue, user: user) }
            try await AuditLog.record(db, by: author, .create, "IOM cohort member", id: added.id, partnership: partnershipID, after: Self.audited(added))
            return added
        }
    }

    package func exit(_ id: RecordID<CohortMember>, on day: CalendarDate, reason: String, in partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        let lock = store.rowLock
        try await store.transaction { db in
            guard let row = try await db.raw("SELECT * FROM iom_people WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock)").first()
            else { throw StoreError.notFound("IOM cohort member \(id)") }
            let before = try member(row)
            if before.exitedOn != nil { throw ValidationFailure(field: "exited_on", message: "\(before.reference) has already left the cohort") }
            if day < before.enteredOn { throw ValidationFailure(field: "exited_on", message: "Leaving falls on or after joining (\(before.enteredOn.long))") }
            try await db.raw("UPDATE iom_people SET exited_on = \(bind: day.iso), exit_reason = \(bind: reason) WHERE id = \(bind: id)").run()
            var after = before
            after.exitedOn = day
            after.exitReason = reason
            try await AuditLog.record(db, by: author, .update, "IOM cohort member", id: id, partnership: partnershipID, before: Self.audited(before), after: Self.audited(after))
        }
    }

    /// Removes the name and notes of those who left more than `months` before `today`.
    package func removeExpired(today: CalendarDate, months: (RecordID<Partnership>) async throws -> Int, by author: ChangeAuthor) async throws -> Int {
        try await sealed.removeExpired(store, ended: "exited_on", today: today, months: months, subject: "IOM cohort member personal data removed", by: author)
    }
}
