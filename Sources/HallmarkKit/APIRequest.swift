import Foundation
import HallmarkDomain
import Hummingbird

/// What every JSON API route checks of its request the same way.
package enum APIRequest {
    /// Query parameters a caller sent empty: absent means "the default", empty is a mistake.
    package static func refuseEmpty(_ names: [String], in request: Request) throws {
        let empty = names.filter { request.uri.queryParameters.get($0)?.isEmpty == true }
        guard empty.isEmpty else {
            throw ValidationFailure(empty.map { FieldError(field: $0, message: "\($0) must be a month like 2022-03, or left out for the default") })
        }
    }

    package enum MemberKind: Sendable { case text, date, id }

    /// A JSON object's members as the fields the validators read, each checked against
    /// `kinds`; true, false, objects and arrays are refused, naming the member
    /// (`{"name": false}` is not a name called "false").
    package static func fields(_ request: Request, _ context: HallmarkContext, kinds: [String: MemberKind]) async throws -> [String: String] {
        guard (request.headers[.contentType] ?? "").lowercased().hasPrefix("application/json") else {
            throw HTTPError(.unsupportedMediaType, message: "Send the request body as application/json")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard let object = try? JSONDecoder().decode([String: JSONField].self, from: Data(buffer.readableBytesView)) else {
            throw HTTPError(.badRequest, message: "The request body must be a JSON object, sent as UTF-8")
        }
        var fields: [String: String] = [:]
        var problems: [FieldError] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            switch (value, kinds[key]) {
            case (.null, _): break
            case (.flag, _): problems.append(FieldError(field: key, message: "\(key) must be text or a number, not true or false"))
            case (.nested, _): problems.append(FieldError(field: key, message: "\(key) must be text or a number, not a list or an object"))
            case (.unreadableNumber, _):
                problems.append(FieldError(field: key, message: "\(key) is a number too large or too small to read; send it as text if it is meant"))
            case (.text, .id): problems.append(FieldError(field: key, message: "\(key) must be a whole number, not text"))
            case (.number, .text), (.number, .date): problems.append(FieldError(field: key, message: "\(key) must be text, not a number"))
            case (.text(""), .date): problems.append(FieldError(field: key, message: "\(key) must be a date like 2026-04-01, or null for none"))
            case (.text(let text), _), (.number(let text), _): fields[key] = text
            }
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        return fields
    }

    /// One member of a request's JSON object, as the validators see it.
    enum JSONField: Decodable {
        case text(String), number(String), null, flag, nested
        /// A number past what a Double holds, such as 1e309: neither text nor a list.
        case unreadableNumber

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                self = .null
            } else if (try? value.decode(Bool.self)) != nil {
                self = .flag
            } else if let whole = try? value.decode(Int64.self) {
                self = .number(String(whole))
            } else if let number = try? value.decode(Double.self) {
                self = .number(String(number))
            } else if let text = try? value.decode(String.self) {
                self = .text(text)
            } else if (try? decoder.unkeyedContainer()) != nil || (try? decoder.container(keyedBy: AnyKey.self)) != nil {
                self = .nested
            } else {
                self = .unreadableNumber
            }
        }
    }
}
