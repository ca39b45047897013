import Crypto
import Foundation
import HallmarkStore

/// Tokens for the forms a visitor sees before signing in (the sign-in form), without a
/// database row per visitor: the cookie carries a random nonce and the form the nonce signed
/// with a key every server instance shares. A forger on another site can read neither.
package actor FormKey {
    package init() {}

    private var key: SymmetricKey?

    /// The CSRF token that goes with a pre-sign-in cookie's nonce.
    package func token(for nonce: String, _ accounts: AccountRepository) async throws -> String {
        let key = try await load(accounts)
        return Secrets.hex(HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: key))
    }

    /// Read once: the stored key never changes, so every instance's copy agrees.
    private func load(_ accounts: AccountRepository) async throws -> SymmetricKey {
        if let key { return key }
        let stored = try await accounts.formKey(candidate: Secrets.token())
        let loaded = SymmetricKey(data: Data(stored.utf8))
        key = loaded
        return loaded
    }
}
