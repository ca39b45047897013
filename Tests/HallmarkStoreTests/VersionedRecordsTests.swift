import Foundation
import HallmarkDomain
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import SQLKit
import Testing

/// Versioned records: a draft with its parts, approved once at a meeting, then frozen by the
/// database whatever the code does; versions of one kind and partnership only.
@Suite("Versioned records")
struct VersionedRecordsTests {
    static func partnership(_ store: Store, _ name: String) async throws -> RecordID<Partnership> {
        try await PartnershipRepository(store: store).create(.init(kind: .countyStrategyGroup, name: name), by: .system("test")).id
    }

    /// Runs a statement that the database must refuse.
    static func refused(_ store: Store, _ sql: SQLQueryString) async {
        await #expect(throws: (any Error).self, "the database refuses: \(sql)") {
            try await store.withConnection { db in try await db.raw(sql).run() }
        }
    }

    @Test("a draft is approved once, then neither it nor its parts can change", arguments: Backend.allCases)
    func approvedIsFrozen(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let county = try await Self.partnership(store, "County"), other = try await Self.partnership(store, "Other")
            let plans = VersionedRecords(store: store, kind: "plan")
            let draft = try await plans.saveDraft(partnershipID: county, title: "2026/27 to 2028/29", fingerprint: "abc", by: .system("test")) { id in
                ["document.html": "<p>Plan \(id)</p>", "figures.json": "{}"]
            }
            #expect(draft.status == .draft && draft.kind == "plan" && draft.title == "2026/27 to 2028/29")
            let parts = try #require(try await plans.parts(["document.html", "figures.json"], of: draft.id, in: county))
            #expect(parts.parts == ["document.html": "<p>Plan \(draft.id)</p>", "figures.json": "{}"])
            // Another partnership's, or another kind's, is not found.
            #expect(try await plans.version(draft.id, in: other) == nil)
            #expect(try await VersionedRecords(store: store, kind: "terms of reference").version(draft.id, in: county) == nil)
            #expect(try await VersionedRecords(store: store, kind: "terms of reference").versions(of: county).isEmpty)

            // A draft may still change.
            try await store.withConnection { db in
                try await db.raw("UPDATE record_version_parts SET body = '<p>Plan, corrected</p>' WHERE version_id = \(bind: draft.id) AND name = 'document.html'").run()
            }
            let approved = try await plans.approve(draft.id, in: county, meeting: "Board, 14 March 2026", by: .system("test"))
            #expect(approved.isApproved && approved.approvedAtMeeting == "Board, 14 March 2026" && approved.approvedAt != nil)
            await #expect(throws: ValidationFailure.self) {
                _ = try await plans.approve(draft.id, in: county, meeting: "Another", by: .system("test"))
            }

            await Self.refused(store, "UPDATE record_versions SET title = 'changed' WHERE id = \(bind: draft.id)")
            await Self.refused(store, "DELETE FROM record_versions WHERE id = \(bind: draft.id)")
            await Self.refused(store, "UPDATE record_version_parts SET body = 'changed' WHERE version_id = \(bind: draft.id)")
            await Self.refused(store, "DELETE FROM record_version_parts WHERE version_id = \(bind: draft.id)")
            await Self.refused(store, "INSERT INTO record_version_parts (version_id, name, body) VALUES (\(bind: draft.id), 'extra', 'x')")
            #expect(try await plans.parts(["document.html"], of: draft.id, in: county)?.parts["document.html"] == "<p>Plan, corrected</p>")
            #expect(try await plans.version(draft.id, in: county) == approved)
            let audit = try await AuditLog.entries(in: store).filter { $0.subject == "plan version" && $0.subjectID == draft.id.rawValue }
            #expect(audit.count == 2)
        }
    }

    @Test("the assessment versions saved before migration 12 move with their ids, parts and approval, and stay frozen", arguments: Backend.allCases)
    func assessmentVersionsMove(_ backend: Backend) async throws {
        try await withStore(backend, migrate: false) { store in
            _ = try await Migrator(store: store).migrate(through: 11)
            // Written as the schema stood then: today's repository records in tables it lacked.
            let county = try await store.withConnection { db in
                RecordID<Partnership>(
                    try await db.raw("INSERT INTO partnerships (kind, name, created_at) VALUES ('county_group', 'County', 0) RETURNING id").first()!
                        .decode(column: "id", as: Int64.self))
            }
            try await store.withConnection { db in
                for (id, status) in [(7, "approved"), (9, "draft")] {
                    try await db.raw(
                        """
                        INSERT INTO assessment_versions (id, partnership_id, period, fingerprint, settings_json, figures_json, document_html, status,
                            created_at, created_by, approved_at, approved_by, approved_at_meeting, tables_json)
                        VALUES (\(bind: id), \(bind: county), 'April 2021 to March 2022', \(bind: "f\(id)"), '{"s":1}', '{"f":1}', \(bind: "<p>\(id)</p>"),
                            \(bind: status), 100, 'analyst', 200, 'coordinator', 'Board, 1 April 2022', '{"t":1}')
                        """
                    ).run()
                }
            }
            _ = try await Migrator(store: store).migrate()
            let records = VersionedRecords(store: store, kind: "strategic assessment")
            let moved = try await records.versions(of: county)
            #expect(moved.map(\.id) == [9, 7])
            #expect(moved.map(\.status) == [.draft, .approved])
            #expect(moved[1].title == "April 2021 to March 2022" && moved[1].fingerprint == "f7" && moved[1].approvedAtMeeting == "Board, 1 April 2022")
            let parts = try #require(try await records.parts(["document.html", "settings.json", "figures.json", "tables.json"], of: 7, in: county)).parts
            #expect(parts == ["document.html": "<p>7</p>", "settings.json": "{\"s\":1}", "figures.json": "{\"f\":1}", "tables.json": "{\"t\":1}"])
            await Self.refused(store, "UPDATE record_version_parts SET body = 'changed' WHERE version_id = 7")
            // New versions are numbered after the moved ones.
            let next = try await records.saveDraft(partnershipID: county, title: "t", fingerprint: "f", by: .system("test")) { _ in [:] }
            #expect(next.id > 9)
        }
    }

    @Test("a version moves from draft to approved and no further")
    func transitions() {
        #expect(VersionStatus.draft.next == [.approved])
        #expect(VersionStatus.approved.next.isEmpty)
    }
}
