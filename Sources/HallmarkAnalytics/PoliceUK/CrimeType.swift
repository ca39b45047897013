import Foundation

/// The police.uk street-level crime categories, in the order police.uk lists them.
/// The raw value is the label exactly as it appears in the CSV's `Crime type` column.
public enum CrimeType: String, CaseIterable, Sendable, Codable, Comparable {
    case antiSocialBehaviour = "Anti-social behaviour"
    case bicycleTheft = "Bicycle theft"
    case burglary = "Burglary"
    case criminalDamageAndArson = "Criminal damage and arson"
    case drugs = "Drugs"
    case otherTheft = "Other theft"
    case possessionOfWeapons = "Possession of weapons"
    case publicOrder = "Public order"
    case robbery = "Robbery"
    case shoplifting = "Shoplifting"
    case theftFromThePerson = "Theft from the person"
    case vehicleCrime = "Vehicle crime"
    case violenceAndSexualOffences = "Violence and sexual offences"
    case otherCrime = "Other crime"

    /// A small number for storage: the position in `allCases`, which never changes order.
    /// A switch rather than a search of `allCases`: asked once for every row counted.
    public var code: UInt8 {
        switch self {
        case .antiSocialBehaviour: 0
        case .bicycleTheft: 1
        case .burglary: 2
        case .criminalDamageAndArson: 3
        case .drugs: 4
        case .otherTheft: 5
        case .possessionOfWeapons: 6
        case .publicOrder: 7
        case .robbery: 8
        case .shoplifting: 9
        case .theftFromThePerson: 10
        case .vehicleCrime: 11
        case .violenceAndSexualOffences: 12
        case .otherCrime: 13
        }
    }
    public init?(code: UInt8) {
        guard Int(code) < CrimeType.allCases.count else { return nil }
        self = CrimeType.allCases[Int(code)]
    }

    public static func < (a: CrimeType, b: CrimeType) -> Bool { a.code < b.code }

    /// Recognises a label from the CSV's bytes without making a String: the length and two
    /// letters narrow it to one candidate, which is then compared in full.
    static func match(_ bytes: UnsafeRawBufferPointer) -> CrimeType? {
        guard bytes.count >= 5 else { return nil }
        let candidate: CrimeType? =
            switch (bytes.count, bytes[0], bytes[1]) {
            case (21, 0x41, _): .antiSocialBehaviour
            case (13, 0x42, _): .bicycleTheft
            case (8, _, _): .burglary
            case (25, _, _): .criminalDamageAndArson
            case (5, _, _): .drugs
            case (11, 0x4F, _): bytes[6] == 0x74 ? .otherTheft : .otherCrime
            case (21, 0x50, _): .possessionOfWeapons
            case (12, _, _): .publicOrder
            case (7, _, _): .robbery
            case (11, 0x53, _): .shoplifting
            case (21, 0x54, _): .theftFromThePerson
            case (13, 0x56, _): .vehicleCrime
            case (28, _, _): .violenceAndSexualOffences
            default: nil
            }
        guard let candidate else { return nil }
        return labels[Int(candidate.code)].withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 } ? candidate : nil
    }

    private static let labels: [[UInt8]] = allCases.map { Array($0.rawValue.utf8) }
}
