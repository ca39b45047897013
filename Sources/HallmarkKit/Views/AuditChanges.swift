import Foundation

/// A change in the audit log in words: the fields that changed, each before and after, rather
/// than two blobs of JSON. Times are written as times, nested settings by their path.
package enum AuditChanges {
    package struct Line: Equatable {
        package let field: String
        package let before: String?
        package let after: String?
    }

    /// The fields whose values differ (all of them for a record made or removed).
    package static func lines(before: String?, after: String?) -> [Line] {
        let old = flatten(parse(before)), new = flatten(parse(after))
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            old[key] == new[key] ? nil : Line(field: label(key), before: old[key].map { shown(key, $0) }, after: new[key].map { shown(key, $0) })
        }
    }

    private static func parse(_ json: String?) -> Any? {
        guard let json, let data = json.data(using: .utf8) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// Every leaf by its path ("harm.weights.Burglary"); a list of values is shown whole, a list
    /// of records (a service's funders) by each one's place in it ("funders 2 amount").
    private static func flatten(_ value: Any?, prefix: String = "") -> [String: String] {
        switch value {
        case let object as [String: Any]:
            return object.reduce(into: [:]) { out, item in
                out.merge(flatten(item.value, prefix: prefix.isEmpty ? item.key : "\(prefix).\(item.key)")) { $1 }
            }
        case let list as [Any] where list.contains(where: { $0 is [String: Any] }):
            return list.enumerated().reduce(into: [:]) { out, item in
                out.merge(flatten(item.element, prefix: prefix.isEmpty ? "\(item.offset + 1)" : "\(prefix).\(item.offset + 1)")) { $1 }
            }
        case nil, is NSNull:
            return [:]
        default:
            return [prefix.isEmpty ? "value" : prefix: text(value!)]
        }
    }

    private static func text(_ value: Any) -> String {
        switch value {
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        default:
            let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// "start_date" → "start date", "approvedAt" → "approved at", "partnershipID" → "partnership id".
    private static func label(_ key: String) -> String {
        key.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "ID", with: "Id").reduce(into: "") { out, c in
            if c.isUppercase { out += " " + c.lowercased() } else { out.append(c) }
        }
    }

    /// A value as a reader wants it: a time as a time, and nothing longer than a line or two.
    private static func shown(_ key: String, _ value: String) -> String {
        if key.hasSuffix("At") || key.hasSuffix("_at"), let seconds = Double(value), seconds > 1_000_000_000 {
            return Format.timestamp(Date(timeIntervalSince1970: seconds))
        }
        return value.count > 160 ? String(value.prefix(157)) + "…" : value
    }
}
