import Foundation
import Synchronization

/// JSON as Hallmark writes it, everywhere: keys sorted, so that the same value always gives the
/// same bytes (fingerprints, stored records and the audit log depend on it).
public enum JSONText {
    public enum Style: Sendable {
        /// Keys as in the Swift types, on one line: what the store keeps.
        case stored
        /// Keys in snake_case, on one line: what the API answers.
        case api
        /// Keys in snake_case, indented: a document's figures, for people to read.
        case document
    }

    public static func data<T: Encodable>(_ value: T, _ style: Style = .stored, userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.userInfo = userInfo
        encoder.outputFormatting = style == .document ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        if style != .stored { encoder.keyEncodingStrategy = .custom(SnakeCaseKeys.key) }
        return try encoder.encode(value)
    }

    public static func string<T: Encodable>(_ value: T, _ style: Style = .stored) throws -> String {
        String(decoding: try data(value, style), as: UTF8.self)
    }
}

/// Foundation's snake_case keys, each worked out once. Foundation converts every key of every
/// value it writes afresh: for an assessment's thousands of hotspot cells, a quarter of the
/// JSON's time. Each key's conversion is still Foundation's own, asked once of an encoder set
/// to `.convertToSnakeCase`, so the bytes are those it would have written.
enum SnakeCaseKeys {
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// A value of one key, to hear how Foundation writes the key.
    private struct Probe: Encodable {
        let key: String
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(0, forKey: Key(stringValue: key))
        }
    }

    private static let known = Mutex([String: String]())

    @Sendable static func key(_ path: [any CodingKey]) -> any CodingKey {
        guard let last = path.last else { return Key(stringValue: "") }
        if let converted = known.withLock({ $0[last.stringValue] }) { return Key(stringValue: converted) }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let written = (try? encoder.encode(Probe(key: last.stringValue))).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Int] }
        guard let converted = written?.keys.first else { return last }
        known.withLock { $0[last.stringValue] = converted }
        return Key(stringValue: converted)
    }
}
