/// A Government Statistical Service code such as `E22000168`: three characters naming the
/// kind of area, then six digits.
public struct GSSCode: Hashable, Codable, Sendable, CustomStringConvertible, Comparable {
    public let value: String

    /// The kinds of area Hallmark deals with, by their GSS prefix.
    public enum Entity: String, Sendable, CaseIterable {
        case lsoaEngland = "E01", lsoaWales = "W01"
        case unitaryEngland = "E06", nonMetropolitanDistrict = "E07", metropolitanDistrict = "E08"
        case londonBorough = "E09", unitaryWales = "W06"
        case county = "E10"
        case cspEngland = "E22", cspWales = "W14"
        case policeForceEngland = "E23", policeForceWales = "W15"

        public static let communitySafetyPartnership: Set<Entity> = [.cspEngland, .cspWales]
        public static let localAuthorityDistrict: Set<Entity> = [
            .unitaryEngland, .nonMetropolitanDistrict, .metropolitanDistrict, .londonBorough, .unitaryWales,
        ]
    }

    public let entity: Entity

    /// Accepts lower case and surrounding spaces, as people type them; refuses anything else.
    public init?(_ raw: String, allowed: Set<Entity> = Set(Entity.allCases)) {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 9, code.unicodeScalars.allSatisfy(\.isASCII),
            let entity = Entity(rawValue: String(code.prefix(3))), allowed.contains(entity),
            code.dropFirst(3).allSatisfy(\.isNumber)
        else { return nil }
        self.value = code
        self.entity = entity
    }

    public var description: String { value }
    public static func < (a: GSSCode, b: GSSCode) -> Bool { a.value < b.value }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let code = GSSCode(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(raw) is not a GSS code"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

import Foundation
