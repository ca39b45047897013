import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// Each member's calendar link: one secret per user, kept only as its hash; making a new one
/// ends the old, so a link shared by mistake can be withdrawn.
package struct CalendarLinks: Sendable {
    package let store: Store
    package init(store: Store) { self.store = store }

    /// A new link's secret, shown once; the user's earlier link stops working.
    package func make(for userID: Int64, by author: ChangeAuthor) async throws -> String {
        let token = Secrets.token()
        try await store.transaction { db in
            try await db.raw("DELETE FROM calendar_links WHERE user_id = \(bind: userID)").run()
            try await db.raw(
                "INSERT INTO calendar_links (user_id, token_hash, created_at) VALUES (\(bind: userID), \(bind: Secrets.hash(token)), \(bind: now()))"
            ).run()
            try await AuditLog.record(db, by: author, .create, "calendar link", id: userID, partnership: nil as Int64?, after: ["user": "\(userID)"])
        }
        return token
    }

    package func hasLink(_ userID: Int64) async throws -> Bool {
        try await store.withConnection { db in try await db.raw("SELECT user_id FROM calendar_links WHERE user_id = \(bind: userID)").first() != nil }
    }

    /// The user whose link this is, if it is one.
    package func user(for token: String) async throws -> Int64? {
        try await store.withConnection { db in
            try await db.raw("SELECT user_id FROM calendar_links WHERE token_hash = \(bind: Secrets.hash(token))").first()?.column("user_id", Int64.self)
        }
    }
}
