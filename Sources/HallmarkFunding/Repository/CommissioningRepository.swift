import HallmarkDomain
import HallmarkStore
import SQLKit

/// Commissioned services with their funders, each change in one transaction with its audit entry.
package struct CommissioningRepository: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    static func service(_ r: any SQLRow, funders: [CommissionedService.Funder]) throws -> CommissionedService {
        CommissionedService(
            id: try r.column("id"), partnershipID: try r.column("partnership_id"), name: try r.column("name"), provider: try r.column("provider"),
            startsOn: CalendarDate(try r.column("starts_on"))!, endsOn: CalendarDate(try r.column("ends_on"))!, value: Money(pence: try r.column("value_pence")),
            outcomes: try r.column("outcomes"), reportDueOn: (try r.column("report_due_on") as String?).flatMap(CalendarDate.init),
            renewal: CommissionedService.Renewal(rawValue: try r.column("renewal")) ?? .undecided, funders: funders)
    }

    private static func load(_ db: any SQLDatabase, _ rows: [any SQLRow]) async throws -> [CommissionedService] {
        var services: [CommissionedService] = []
        for row in rows {
            let id: Int64 = try row.column("id")
            let funders = try await db.raw("SELECT funder, amount_pence FROM service_funders WHERE service_id = \(bind: id) ORDER BY id").all().map {
                CommissionedService.Funder(name: try $0.column("funder"), amount: Money(pence: try $0.column("amount_pence")))
            }
            services.append(try Self.service(row, funders: funders))
        }
        return services
    }

    package func services(of partnershipID: RecordID<Partnership>) async throws -> [CommissionedService] {
        try await store.withConnection { db in
            try await Self.load(db, try await db.raw("SELECT * FROM commissioned_services WHERE partnership_id = \(bind: partnershipID) ORDER BY ends_on, lower(name)").all())
        }
    }

    package func find(_ id: RecordID<CommissionedService>, in partnershipID: RecordID<Partnership>) async throws -> CommissionedService? {
        try await store.withConnection { db in
            try await Self.load(db, try await db.raw("SELECT * FROM commissioned_services WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)").all()).first
        }
    }

    private static func saveFunders(_ db: any SQLDatabase, _ id: RecordID<CommissionedService>, _ funders: [CommissionedService.Funder]) async throws {
        try await db.raw("DELETE FROM service_funders WHERE service_id = \(bind: id)").run()
        for f in funders {
            try await db.raw("INSERT INTO service_funders (service_id, funder, amount_pence) VALUES (\(bind: id), \(bind: f.name), \(bind: f.amount.pence))").run()
        }
    }

    private static func clash(_ db: any SQLDatabase, _ name: String, _ partnershipID: RecordID<Partnership>, other: RecordID<CommissionedService>?) async throws {
        let taken = try await db.raw(
            "SELECT id FROM commissioned_services WHERE partnership_id = \(bind: partnershipID) AND name = \(bind: name) AND id <> \(bind: other ?? RecordID(0))"
        ).first()
        if taken != nil { throw ValidationFailure(field: "name", message: "There is already a service called “\(name)”") }
    }

    package func add(_ d: CommissionedServiceDraft, to partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws -> CommissionedService {
        try await store.transaction { db in
            try await Self.clash(db, d.name, partnershipID, other: nil)
            let row = try await db.raw(
                """
                INSERT INTO commissioned_services (partnership_id, name, provider, starts_on, ends_on, value_pence, outcomes, report_due_on, renewal)
                VALUES (\(bind: partnershipID), \(bind: d.name), \(bind: d.provider), \(bind: d.startsOn.iso), \(bind: d.endsOn.iso), \(bind: d.value.pence),
                        \(bind: d.outcomes), \(bind: d.reportDueOn?.iso), \(bind: d.renewal.rawValue))
                RETURNING *
                """
            ).first()!
            let id: RecordID<CommissionedService> = try row.column("id")
            try await Self.saveFunders(db, id, d.funders)
            let added = try Self.service(row, funders: d.funders)
            try await AuditLog.record(db, by: author, .create, "commissioned service", id: id, partnership: partnershipID, after: added)
            return added
        }
    }

    package func update(_ id: RecordID<CommissionedService>, in partnershipID: RecordID<Partnership>, to d: CommissionedServiceDraft, by author: ChangeAuthor) async throws
        -> CommissionedService
    {
        let lock = store.rowLock
        return try await store.transaction { db in
            guard
                let before = try await Self.load(
                    db, try await db.raw("SELECT * FROM commissioned_services WHERE id = \(bind: id) AND partnership_id = \(bind: partnershipID)\(unsafeRaw: lock)").all()
                ).first
            else { throw StoreError.notFound("Commissioned service \(id)") }
            try await Self.clash(db, d.name, partnershipID, other: id)
            try await db.raw(
                """
                UPDATE commissioned_services SET name = \(bind: d.name), provider = \(bind: d.provider), starts_on = \(bind: d.startsOn.iso), ends_on = \(bind: d.endsOn.iso),
                    value_pence = \(bind: d.value.pence), outcomes = \(bind: d.outcomes), report_due_on = \(bind: d.reportDueOn?.iso), renewal = \(bind: d.renewal.rawValue)
                WHERE id = \(bind: id)
                """
            ).run()
            try await Self.saveFunders(db, id, d.funders)
            let after = try await Self.load(db, try await db.raw("SELECT * FROM commissioned_services WHERE id = \(bind: id)").all()).first!
            try await AuditLog.record(db, by: author, .update, "commissioned service", id: id, partnership: partnershipID, before: before, after: after)
            return after
        }
    }
}
