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
}
