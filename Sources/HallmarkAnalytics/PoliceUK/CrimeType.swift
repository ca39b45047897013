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
    public var code: UInt8 { UInt8(CrimeType.allCases.firstIndex(of: self)!) }
    public init?(code: UInt8) {
        guard Int(code) < CrimeType.allCases.count else { return nil }
        self = CrimeType.allCases[Int(code)]
    }

    public static func < (a: CrimeType, b: CrimeType) -> Bool { a.code < b.code }

    /// Recognises a label from the CSV's bytes without making a String.
    static func match(_ bytes: UnsafeRawBufferPointer) -> CrimeType? {
        for (index, label) in labels.enumerated() where label.count == bytes.count {
            if label.withUnsafeBytes({ $0.elementsEqual(bytes) }) { return allCases[index] }
        }
        return nil
    }

    private static let labels: [[UInt8]] = allCases.map { Array($0.rawValue.utf8) }
}
