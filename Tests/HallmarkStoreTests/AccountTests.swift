import HallmarkDomain
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import Testing

@Suite("Accounts store")
struct AccountTests {
    @Test("Users, grants, sessions and sign-in attempts", arguments: Backend.allCases)
    func accounts(backend: Backend) async throws {
        try await withStore(backend) { store in
            let accounts = AccountRepository(store: store)
            let county = try await PartnershipRepository(store: store).create(.init(kind: .countyStrategyGroup, name: "County"), by: .system("test"))
            let user = try await accounts.createUser(
                email: "a@example.org", name: "A", passwordHash: "$2b$hash", role: .countyOfficer,
                partnerships: [county.id], by: .system("test"))
            #expect(try await accounts.user(email: "A@Example.org") == user)
            #expect(try await accounts.grantedPartnerships(of: user.id) == [county.id])
            #expect(try await accounts.passwordHash(email: "a@example.org")?.1 == "$2b$hash")
            await #expect(throws: ValidationFailure.self) {
                try await accounts.createUser(email: "a@example.org", name: "Again", passwordHash: "x", role: .analyst, partnerships: [], by: .system("test"))
            }
            // The audit record of a new user never holds the password hash.
            #expect(try await AuditLog.entries(in: store).allSatisfy { !($0.after ?? "").contains("$2b$hash") })

            try await accounts.createSession(tokenHash: "live", userID: user.id, csrfToken: "c1", lifetime: 3600)
            try await accounts.createSession(tokenHash: "old", userID: user.id, csrfToken: "c2", lifetime: -10)
            #expect(try await accounts.session(tokenHash: "live").session?.userID == user.id)
            #expect(try await accounts.session(tokenHash: "old").session == nil)
            try await accounts.deleteSession(tokenHash: "live")
            #expect(try await accounts.session(tokenHash: "live").session == nil)

            try await accounts.recordSignIn(email: "a@example.org", client: "10.0.0.1", succeeded: false)
            try await accounts.recordSignIn(email: "a@example.org", client: "10.0.0.2", succeeded: false)
            try await accounts.recordSignIn(email: "a@example.org", client: "10.0.0.1", succeeded: true)
            let failed = try await accounts.failedSignIns(email: "a@example.org", client: "10.0.0.1", since: 0)
            #expect(failed.email == 2)
            #expect(failed.client == 1)

            _ = try await accounts.createAPIToken(userID: user.id, name: "reporting", tokenHash: "tokenhash", by: .system("test"))
            #expect(try await accounts.user(apiTokenHash: "tokenhash") == user)
            #expect(try await accounts.user(apiTokenHash: "other") == nil)
        }
    }
}
