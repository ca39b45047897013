import Foundation
import HallmarkDomain
import SQLKit

public struct User: Sendable, Equatable, Codable {
    public let id: Int64
    public let email: String
    public let name: String
    public let role: Role
    public let disabled: Bool

    package init(id: Int64, email: String, name: String, role: Role, disabled: Bool) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.disabled = disabled
    }
}

/// A browser session. Anonymous sessions exist too: they carry the CSRF token of the sign-in form.
public struct Session: Sendable, Equatable {
    public let tokenHash: String
    public let userID: Int64?
    public let csrfToken: String
    public let expiresAt: Int64

    public init(tokenHash: String, userID: Int64?, csrfToken: String, expiresAt: Int64) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// Users, what they may see, their sessions, API tokens and sign-in attempts.
/// Secrets arrive here already hashed: the store never sees a password or a raw token.
public struct AccountRepository: Sendable {
    package let store: Store
    public init(store: Store) { self.store = store }

    package static let userColumns = "id, email, name, role, disabled"

    private static func user(_ row: any SQLRow) throws -> User {
        User(
            id: try row.column("id"), email: try row.column("email"), name: try row.column("name"),
            role: try row.choice("role"), disabled: try row.column("disabled", Int.self) != 0)
    }

    public func createUser(
        email: String, name: String, passwordHash: String, role: Role, partnerships: [RecordID<Partnership>],
        by author: ChangeAuthor
    ) async throws -> User {
        try await store.transaction { db in
            if try await db.raw("SELECT id FROM users WHERE email = \(bind: email)").first() != nil {
                throw ValidationFailure(field: "email", message: "An account with the email address \(email) already exists")
            }
            let id = try await db.raw(
                """
                INSERT INTO users (email, name, password_hash, role, created_at)
                VALUES (\(bind: email), \(bind: name), \(bind: passwordHash), \(bind: role.rawValue), \(bind: now()))
                RETURNING id
                """
            ).first()!.column("id", Int64.self)
            for partnership in partnerships {
                try await db.raw("INSERT INTO user_partnerships (user_id, partnership_id) VALUES (\(bind: id), \(bind: partnership))").run()
            }
            let created = User(id: id, email: email, name: name, role: role, disabled: false)
            // The audit record never holds the password hash.
            try await AuditLog.record(db, by: author, .create, "user", id: id, partnership: nil, after: created)
            return created
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await store.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.userColumns) FROM users WHERE id = \(bind: id)").first().map(Self.user)
        }
    }

    public func user(email: String) async throws -> User? {
        try await store.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.userColumns) FROM users WHERE email = \(bind: email.lowercased())").first().map(Self.user)
        }
    }

    public func passwordHash(email: String) async throws -> (User, String)? {
        try await store.withConnection { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT \(unsafeRaw: Self.userColumns), password_hash FROM users WHERE email = \(bind: email.lowercased())
                    """
                ).first()
            else { return nil }
            return (try Self.user(row), try row.column("password_hash", String.self))
        }
    }

    /// The partnerships a user was given directly (not those beneath them).
    public func grantedPartnerships(of userID: Int64) async throws -> Set<RecordID<Partnership>> {
        try await store.withConnection { db in
            Set(
                try await db.raw("SELECT partnership_id FROM user_partnerships WHERE user_id = \(bind: userID)").all()
                    .map { try $0.column("partnership_id", RecordID<Partnership>.self) })
        }
    }

    // MARK: Sessions

    public func createSession(tokenHash: String, userID: Int64?, csrfToken: String, lifetime: Int64) async throws {
        try await store.withConnection { db in
            let time = now()
            // Expired sessions are swept whenever one is made, so the table never grows unbounded.
            try await db.raw("DELETE FROM sessions WHERE expires_at < \(bind: time)").run()
            try await db.raw(
                """
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (\(bind: tokenHash), \(bind: userID), \(bind: csrfToken), \(bind: time), \(bind: time + lifetime))
                """
            ).run()
        }
    }

    /// The live session with this token, and the change count (see `ChangeCount`) read in the
    /// same statement: all a signed-in request must ask the database before a cache may answer.
    public func session(tokenHash: String) async throws -> (session: Session?, changes: Int64) {
        try await store.withConnection { db in
            let row = try await db.raw(
                """
                SELECT c.n AS changes, s.token_hash, s.user_id, s.csrf_token, s.expires_at
                FROM change_count c
                LEFT JOIN sessions s ON s.token_hash = \(bind: tokenHash) AND s.expires_at >= \(bind: now())
                """
            ).first()!
            // No session row: the left join's columns are all null.
            let session = try row.decode(column: "token_hash", as: String?.self).map { tokenHash in
                Session(tokenHash: tokenHash, userID: try row.column("user_id"), csrfToken: try row.column("csrf_token"), expiresAt: try row.column("expires_at"))
            }
            return (session, try row.column("changes"))
        }
    }

    /// The key that signs the tokens of forms shown before sign-in: `candidate` the first time
    /// it is asked for, the stored one ever after, so every server instance signs alike.
    public func formKey(candidate: String) async throws -> String {
        try await store.withConnection { db in
            try await db.raw(
                """
                INSERT INTO server_keys (name, value, created_at) VALUES ('forms', \(bind: candidate), \(bind: now()))
                ON CONFLICT (name) DO NOTHING
                """
            ).run()
            return try await db.raw("SELECT value FROM server_keys WHERE name = 'forms'").first()!.column("value", String.self)
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await store.withConnection { db in
            try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
        }
    }

    // MARK: API tokens

    public func createAPIToken(userID: Int64, name: String, tokenHash: String, by author: ChangeAuthor) async throws -> Int64 {
        try await store.transaction { db in
            let id = try await db.raw(
                """
                INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (\(bind: userID), \(bind: name), \(bind: tokenHash), \(bind: now()))
                RETURNING id
                """
            ).first()!.column("id", Int64.self)
            try await AuditLog.record(db, by: author, .create, "API token", id: id, partnership: nil, after: APITokenRecord(userID: userID, name: name))
            return id
        }
    }

    public func user(apiTokenHash: String) async throws -> User? {
        try await store.withConnection { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT u.id, u.email, u.name, u.role, u.disabled, t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id
                    WHERE t.token_hash = \(bind: apiTokenHash)
                    """
                ).first()
            else { return nil }
            try await db.raw("UPDATE api_tokens SET last_used_at = \(bind: now()) WHERE id = \(bind: try row.column("token_id", Int64.self))").run()
            return try Self.user(row)
        }
    }

    // MARK: Sign-in attempts

    public func recordSignIn(email: String, client: String, succeeded: Bool) async throws {
        try await store.withConnection { db in
            try await db.raw(
                """
                INSERT INTO sign_in_attempts (email, client, at, succeeded)
                VALUES (\(bind: email.lowercased()), \(bind: client), \(bind: now()), \(bind: succeeded ? 1 : 0))
                """
            ).run()
        }
    }

    /// Failed attempts since a moment, for this email address and for this client address.
    public func failedSignIns(email: String, client: String, since: Int64) async throws -> (email: Int, client: Int) {
        try await store.withConnection { db in
            let byEmail = try await db.raw(
                """
                SELECT COUNT(*) AS n FROM sign_in_attempts WHERE email = \(bind: email.lowercased()) AND succeeded = 0 AND at >= \(bind: since)
                """
            ).first()!.column("n", Int.self)
            let byClient = try await db.raw(
                """
                SELECT COUNT(*) AS n FROM sign_in_attempts WHERE client = \(bind: client) AND succeeded = 0 AND at >= \(bind: since)
                """
            ).first()!.column("n", Int.self)
            return (byEmail, byClient)
        }
    }
}

/// What the audit log keeps of a new API token: never the token itself.
package struct APITokenRecord: Codable {
    package let userID: Int64
    package let name: String
}
