/// The words of the priority matrix, as the partnership's own documents use them.

/// Seed 004 §15: what kind of work a priority calls for.
public enum Classification: String, Sendable, Codable, CaseIterable {
    case emerging = "Emerging"
    case preventing = "Preventing"
    case sustaining = "Sustaining"
    case galvanising = "Galvanising communities"
}

/// Seed 002 §10: the partnership's triage of its priorities.
public enum Triage: String, Sendable, Codable, CaseIterable, Comparable {
    case high = "High", medium = "Medium", low = "Low"

    public static func < (a: Triage, b: Triage) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// Seed 000 §4: high-volume issues are best dealt with locally, low-volume specialist ones
/// (the seed's examples are the sexual assault referral centre and hate crime) across the county.
public enum DeliveryLevel: String, Sendable, Codable, CaseIterable {
    case local = "Local"
    case subRegional = "Sub-regional"
}

/// How far the figures behind a priority can be trusted.
public enum Confidence: String, Sendable, Codable, CaseIterable {
    case high = "High", medium = "Medium", low = "Low"
}

/// The matrix's criteria, in the spirit of MoRiLE (management of risk in law enforcement):
/// how harmful, how often, which way it is going, how much the public worry, and how weak the
/// partners' position to deal with it is. Each is scored 1 (least) to 5 (most).
public enum Criterion: String, Sendable, Codable, CaseIterable {
    case harm, volume, trend
    case publicConcern = "public_concern"
    case organisationalPosition = "organisational_position"

    public var label: String {
        switch self {
        case .harm: "Harm"
        case .volume: "Volume"
        case .trend: "Trend"
        case .publicConcern: "Public concern"
        case .organisationalPosition: "Organisational position"
        }
    }

    /// What a score means, for the settings page and the methods appendix.
    public var meaning: String {
        switch self {
        case .harm: "harm per incident against the average incident here"
        case .volume: "share of all recorded incidents (crime and anti-social behaviour) here"
        case .trend: "change against the previous 12 months and its significance"
        case .publicConcern: "what residents say (consultation, complaints, councillors); set by the analyst, 3 until assessed"
        case .organisationalPosition: "how weak the partners' capacity and capability to respond is; set by the analyst, 3 until assessed"
        }
    }

    /// The default weight of each criterion in the total score.
    public static let standardWeights: [String: Double] = [
        Criterion.harm.rawValue: 2, Criterion.volume.rawValue: 2, Criterion.trend.rawValue: 1,
        Criterion.publicConcern.rawValue: 1, Criterion.organisationalPosition.rawValue: 1,
    ]
}
