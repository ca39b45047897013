import Foundation

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

    public static func data<T: Encodable>(_ value: T, _ style: Style = .stored) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = style == .document ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        if style != .stored { encoder.keyEncodingStrategy = .convertToSnakeCase }
        return try encoder.encode(value)
    }

    public static func string<T: Encodable>(_ value: T, _ style: Style = .stored) throws -> String {
        String(decoding: try data(value, style), as: UTF8.self)
    }
}
