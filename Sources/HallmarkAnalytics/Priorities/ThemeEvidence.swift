/// What the data say about one candidate theme: a police.uk category, a group of them, or a
/// theme the analyst adds herself.
public struct ThemeEvidence: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case crimeType = "crime type"
        case group = "group of crime types"
        case analyst = "analyst's theme"
    }

    public let name: String
    public let kind: Kind
    /// The police.uk categories it is made of.
    public let members: [String]
    public let previous: Int
    public let current: Int
    public let trend: TrendTest
    /// Harm-weighted incidents per incident, with the assessment's weights.
    public let harmPerIncident: Double
    public let perThousandResidents: Double?
    public let forceAreaPerThousand: Double?

    public init(
        name: String, kind: Kind, members: [String], previous: Int, current: Int, trend: TrendTest,
        harmPerIncident: Double, perThousandResidents: Double?, forceAreaPerThousand: Double?
    ) {
        self.name = name
        self.kind = kind
        self.members = members
        self.previous = previous
        self.current = current
        self.trend = trend
        self.harmPerIncident = harmPerIncident
        self.perThousandResidents = perThousandResidents
        self.forceAreaPerThousand = forceAreaPerThousand
    }

    /// later ÷ earlier − 1, or nil when the earlier period had none.
    public var change: Double? { previous > 0 ? Double(current) / Double(previous) - 1 : nil }

    /// Groups of categories that partnerships take on as one priority.
    public static let groups: [(name: String, members: [CrimeType])] = [
        ("Acquisitive crime", [.burglary, .robbery, .vehicleCrime, .theftFromThePerson, .bicycleTheft, .shoplifting, .otherTheft]),
        ("Violence and weapons", [.violenceAndSexualOffences, .robbery, .possessionOfWeapons]),
        ("Anti-social behaviour, damage and disorder", [.antiSocialBehaviour, .criminalDamageAndArson, .publicOrder]),
    ]
}

/// What the whole partnership's figures say, against which a theme is scored.
public struct AreaEvidence: Sendable, Codable, Equatable {
    /// Crimes and anti-social behaviour incidents in the latest 12 months.
    public let incidents: Int
    /// Harm-weighted incidents per incident over all of them.
    public let harmPerIncident: Double
    /// Whether any month of the two periods is missing from the force's published data.
    public let incompleteMonths: Bool

    public init(incidents: Int, harmPerIncident: Double, incompleteMonths: Bool) {
        self.incidents = incidents
        self.harmPerIncident = harmPerIncident
        self.incompleteMonths = incompleteMonths
    }
}
