import Crypto
import Foundation
import HummingbirdBcrypt

/// Random tokens and one-way hashes. Session and API tokens are stored only as SHA-256
/// hashes, so a copy of the database cannot be used to sign in.
package enum Secrets {
    /// 32 random bytes from the system's secure generator, as URL-safe text.
    package static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    package static func hash(_ token: String) -> String {
        sha256(Data(token.utf8))
    }

    /// A SHA-256 digest written in hexadecimal: how checksums and fingerprints are shown and stored.
    package static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Bytes as lowercase hexadecimal, two digits each. Every signed-in request hashes its
    /// session token, and `String(format: "%02x")` a byte at a time was a twelfth of a page.
    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares without stopping at the first difference, so timing reveals nothing.
    package static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Passwords are hashed with bcrypt; the cost is a setting so tests need not wait for it.
public struct PasswordHasher: Sendable {
    public let cost: UInt8
    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }
    public func verify(_ password: String, against hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// Minimum length from the NCSC's guidance: length matters more than composition.
    public static let minimumLength = 12
}

/// An API token for a machine client: the value is shown once, only the hash is stored.
public struct APIToken: Sendable {
    public let value: String
    public var hash: String { Secrets.hash(value) }

    public static func make() -> APIToken { APIToken(value: "hm_" + Secrets.token()) }
}
