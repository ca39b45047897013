import Crypto
import Foundation

/// The keys that seal the named fields of casework (a victim's name, an applicant's address)
/// before they reach the database, with AES-256-GCM. Each key has an id, written beside what it
/// sealed; the first key seals, every key opens, so a new key goes first and the old one stays
/// until `hallmark case-keys reseal` has sealed everything again with the new. A field sealed
/// for one column cannot be moved to another: the column's name is authenticated with it.
package struct CaseKeys: Sendable {
    package struct Key: Sendable {
        package let id: String
        let key: SymmetricKey
    }

    package let keys: [Key]
    package var current: Key { keys[0] }

    package init(_ keys: [(id: String, key: SymmetricKey)]) {
        precondition(!keys.isEmpty)
        self.keys = keys.map { Key(id: $0.id, key: $0.key) }
    }

    /// "k2:BASE64,k1:BASE64", as HALLMARK_CASE_KEYS holds them: 32-byte keys, newest first.
    package static func parse(_ text: String) throws(CaseKeyError) -> CaseKeys {
        var keys: [(id: String, key: SymmetricKey)] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
            guard pieces.count == 2, !pieces[0].isEmpty, pieces[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw .configuration("each key is written ID:BASE64, like k1:…; “\(part.prefix(12))…” is not")
            }
            guard let bytes = Data(base64Encoded: pieces[1]), bytes.count == 32 else {
                throw .configuration("key “\(pieces[0])” is not 32 bytes in base64 (make one with `openssl rand -base64 32`)")
            }
            if keys.contains(where: { $0.id == pieces[0] }) { throw .configuration("key id “\(pieces[0])” is given twice") }
            keys.append((pieces[0], SymmetricKey(data: bytes)))
        }
        guard !keys.isEmpty else { throw .configuration("no key is given") }
        return CaseKeys(keys)
    }

    /// The demo county's key, as HALLMARK_CASE_KEYS would hold it: published in the source, so
    /// never for real cases.
    package static let demoConfiguration = "demo:" + Data(SHA256.hash(data: Data("Hallmark demo county: not for real cases".utf8))).base64EncodedString()

    static let prefix = "sealed:v1:"

    /// `plaintext` sealed for `column` ("asb_case_reviews.applicant_name") under the current key.
    package func seal(_ plaintext: String, for column: String) -> String {
        let box = try! AES.GCM.seal(Data(plaintext.utf8), using: current.key, authenticating: Data(column.utf8))
        return Self.prefix + current.id + ":" + box.combined!.base64EncodedString()
    }

    /// The plaintext of a sealed field; a clear error when the key is missing or is not the one
    /// it was sealed with, never garbage.
    package func open(_ sealed: String, for column: String) throws(CaseKeyError) -> String {
        guard sealed.hasPrefix(Self.prefix) else { throw .malformed(column) }
        let rest = sealed.dropFirst(Self.prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { throw .malformed(column) }
        let id = String(rest[..<colon])
        guard let key = keys.first(where: { $0.id == id }) else { throw .unknownKey(id) }
        guard let data = Data(base64Encoded: String(rest[rest.index(after: colon)...])), let box = try? AES.GCM.SealedBox(combined: data) else {
            throw .malformed(column)
        }
        guard let plain = try? AES.GCM.open(box, using: key.key, authenticating: Data(column.utf8)), let text = String(data: plain, encoding: .utf8) else {
            throw .wrongKey(id)
        }
        return text
    }

    /// The id of the key a sealed field was sealed with.
    package static func keyID(of sealed: String) -> String? {
        guard sealed.hasPrefix(prefix) else { return nil }
        return sealed.dropFirst(prefix.count).split(separator: ":").first.map(String.init)
    }
}

package enum CaseKeyError: Error, CustomStringConvertible, Equatable {
    case configuration(String)
    case unknownKey(String)
    case wrongKey(String)
    case malformed(String)

    package var description: String {
        switch self {
        case .configuration(let why): "HALLMARK_CASE_KEYS is not usable: \(why)."
        case .unknownKey(let id): "This case data was sealed with the key “\(id)”, which this server does not hold: add it to HALLMARK_CASE_KEYS."
        case .wrongKey(let id): "This case data could not be opened: the key “\(id)” this server holds is not the one it was sealed with."
        case .malformed(let column): "The sealed value of \(column) is damaged and cannot be opened."
        }
    }
}
