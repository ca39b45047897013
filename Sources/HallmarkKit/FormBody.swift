import Foundation

/// Reads an `application/x-www-form-urlencoded` body. The first value of a repeated field wins.
package enum FormBody {
    package struct NotUTF8: Error {}

    package static func parse(_ body: String) throws -> [String: String] {
        try parseInOrder(body).fields
    }

    /// The fields, and their names in the order the form sent them (as its page laid them out).
    package static func parseInOrder(_ body: String) throws -> (fields: [String: String], order: [String]) {
        var fields: [String: String] = [:]
        var order: [String] = []
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { throw NotUTF8() }
            guard let value = decode(parts.count > 1 ? parts[1] : "") else { throw NotUTF8() }
            if fields[name] == nil {
                fields[name] = value
                order.append(name)
            }
        }
        return (fields, order)
    }

    /// A GET form's fields from the address, read as a browser writes them (a space as "+").
    package static func query(_ query: String?) -> [String: String] {
        (try? parse(query ?? "")) ?? [:]
    }

    private static func decode(_ raw: Substring) -> String? {
        String(raw).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
