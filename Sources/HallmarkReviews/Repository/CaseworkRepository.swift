import Foundation
import HallmarkDomain
import HallmarkStore
import SQLKit

/// Who may see each case, the log of every view, and the partnership's case settings.
package struct CaseworkRepository: Sendable {
    package let store: Store

    package func team(_ kind: CaseKind, _ caseID: Int64) async throws -> [Int64] {
        try await store.withConnection { db in try await Self.team(db, kind, caseID) }
    }

    static func team(_ db: any SQLDatabase, _ kind: CaseKind, _ caseID: Int64) async throws -> [Int64] {
        try await db.raw("SELECT user_id FROM case_team WHERE case_kind = \(bind: kind.rawValue) AND case_id = \(bind: caseID) ORDER BY user_id")
            .all().map { try $0.column("user_id", Int64.self) }
    }

    /// The cases of one kind a user is on the team of.
    package func cases(_ kind: CaseKind, of userID: Int64) async throws -> Set<Int64> {
        try await store.withConnection { db in
            Set(
                try await db.raw("SELECT case_id FROM case_team WHERE case_kind = \(bind: kind.rawValue) AND user_id = \(bind: userID)")
                    .all().map { try $0.column("case_id", Int64.self) })
        }
    }

    /// Adds a member to a case's team, inside the transaction that made or changed the case.
    static func join(_ db: any SQLDatabase, _ kind: CaseKind, _ caseID: Int64, user: Int64) async throws {
        try await db.raw(
            """
            INSERT INTO case_team (case_kind, case_id, user_id, added_at) VALUES (\(bind: kind.rawValue), \(bind: caseID), \(bind: user), \(bind: now()))
            ON CONFLICT DO NOTHING
            """
        ).run()
    }

    package func setMember(
        _ kind: CaseKind, _ caseID: Int64, user: Int64, on: Bool, partnership: RecordID<Partnership>, by author: ChangeAuthor
    ) async throws {
        try await store.transaction { db in
            if on {
                try await Self.join(db, kind, caseID, user: user)
            } else {
                let left = try await Self.team(db, kind, caseID).filter { $0 != user }
                if left.isEmpty { throw ValidationFailure(field: "user_id", message: "A case keeps at least one person on its team") }
                try await db.raw("DELETE FROM case_team WHERE case_kind = \(bind: kind.rawValue) AND case_id = \(bind: caseID) AND user_id = \(bind: user)").run()
            }
            try await AuditLog.record(
                db, by: author, on ? .create : .delete, "\(kind.label) team member", id: caseID, partnership: partnership, after: ["user_id": "\(user)"])
        }
    }

    /// Records one view or export of a case. Never skipped: the page is not shown if this fails.
    package func logView(_ view: CaseView) async throws {
        try await store.withConnection { db in
            try await db.raw(
                """
                INSERT INTO case_views (case_kind, case_id, partnership_id, user_id, user_label, what, broke_glass, reason, viewed_at)
                VALUES (\(bind: view.caseKind.rawValue), \(bind: view.caseID), \(bind: view.partnershipID), \(bind: view.userID), \(bind: view.userLabel),
                        \(bind: view.what), \(bind: view.brokeGlass ? 1 : 0), \(bind: view.reason), \(bind: view.viewedAt))
                """
            ).run()
        }
    }

    /// The view log, newest first; only the glass broken when `brokenGlassOnly`.
    package func views(limit: Int, offset: Int, brokenGlassOnly: Bool) async throws -> [CaseView] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT * FROM case_views \(unsafeRaw: brokenGlassOnly ? "WHERE broke_glass = 1" : "")
                ORDER BY id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
                """
            ).all().map { r in
                CaseView(
                    caseKind: CaseKind(rawValue: try r.column("case_kind")) ?? .asbCaseReview, caseID: try r.column("case_id"),
                    partnershipID: try r.column("partnership_id"), userID: try r.column("user_id"), userLabel: try r.column("user_label"),
                    what: try r.column("what"), brokeGlass: try r.column("broke_glass", Int.self) == 1, reason: try r.column("reason"),
                    viewedAt: try r.column("viewed_at"))
            }
        }
    }

    package func settings(of partnershipID: RecordID<Partnership>) async throws -> CaseSettings {
        try await store.withConnection { db in
            guard let json = try await db.raw("SELECT settings_json FROM case_settings WHERE partnership_id = \(bind: partnershipID)").first()?.column("settings_json", String.self)
            else { return CaseSettings() }
            return try JSONDecoder().decode(CaseSettings.self, from: Data(json.utf8))
        }
    }

    package func save(_ settings: CaseSettings, of partnershipID: RecordID<Partnership>, by author: ChangeAuthor) async throws {
        let json = try JSONText.string(settings)
        try await store.transaction { db in
            let before = try await db.raw("SELECT settings_json FROM case_settings WHERE partnership_id = \(bind: partnershipID)").first()?.column("settings_json", String.self)
            try await db.raw(
                """
                INSERT INTO case_settings (partnership_id, settings_json, updated_at, updated_by) VALUES (\(bind: partnershipID), \(bind: json), \(bind: now()), \(bind: author.label))
                ON CONFLICT (partnership_id) DO UPDATE SET settings_json = \(bind: json), updated_at = \(bind: now()), updated_by = \(bind: author.label)
                """
            ).run()
            try await AuditLog.record(
                db, by: author, before == nil ? .create : .update, "case settings", id: partnershipID, partnership: partnershipID, before: before, after: json)
        }
    }
}
