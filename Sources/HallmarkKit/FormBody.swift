import Foundation

/// Reads an `application/x-www-form-urlencoded` body. The first value of a repeated field wins.
package enum FormBody {
    package struct NotUTF8: Error {}

    package static func parse(_ body: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { throw NotUTF8() }
            guard let value = decode(parts.count > 1 ? parts[1] : "") else { throw NotUTF8() }
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    /// A GET form's fields from the address, read as a browser writes them (a space as "+").
    package static func query(_ query: String?) -> [String: String] {
        (try? parse(query ?? "")) ?? [:]
    }

    private static func decode(_ raw: Substring) -> String? {
        String(raw).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
