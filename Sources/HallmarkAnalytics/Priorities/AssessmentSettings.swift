/// Everything an analyst chooses about a partnership's assessment beyond the data: the harm
/// weights, the matrix's weights, her own themes and every adjustment with its reason. Stored
/// with each version, so that the same data and settings give the same document.
public struct AssessmentSettings: Sendable, Codable, Equatable {
    public var harm: HarmWeights
    /// Weight of each criterion in the total score, keyed by `Criterion.rawValue`.
    public var criterionWeights: [String: Double]
    public var themes: [AnalystTheme]
    public var adjustments: [Adjustment]
    public var hotspots: HotspotGrid.Settings

    public init(
        harm: HarmWeights = .standard, criterionWeights: [String: Double] = Criterion.standardWeights,
        themes: [AnalystTheme] = [], adjustments: [Adjustment] = [], hotspots: HotspotGrid.Settings = .init()
    ) {
        self.harm = harm
        self.criterionWeights = criterionWeights
        self.themes = themes
        self.adjustments = adjustments
        self.hotspots = hotspots
    }

    /// Settings saved by an earlier Hallmark may lack a part added since; that part takes its
    /// default, so that older drafts and saved versions still open.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = AssessmentSettings()
        harm = try c.decodeIfPresent(HarmWeights.self, forKey: .harm) ?? defaults.harm
        criterionWeights = try c.decodeIfPresent([String: Double].self, forKey: .criterionWeights) ?? defaults.criterionWeights
        themes = try c.decodeIfPresent([AnalystTheme].self, forKey: .themes) ?? defaults.themes
        adjustments = try c.decodeIfPresent([Adjustment].self, forKey: .adjustments) ?? defaults.adjustments
        hotspots = try c.decodeIfPresent(HotspotGrid.Settings.self, forKey: .hotspots) ?? defaults.hotspots
    }

    public func weight(_ criterion: Criterion) -> Double { criterionWeights[criterion.rawValue] ?? 1 }

    /// The latest adjustment of one field of one theme: later ones replace earlier ones.
    public func adjustment(_ theme: String, _ field: Adjustment.Field) -> Adjustment? {
        adjustments.last { $0.theme == theme && $0.field == field }
    }
}

/// A theme the analyst brings with her own evidence (domestic abuse, reoffending, Prevent…),
/// which police.uk's categories cannot show. She gives its harm, volume and trend scores.
public struct AnalystTheme: Sendable, Codable, Equatable {
    public var name: String
    public var evidence: String
    public var harm: Int
    public var volume: Int
    public var trend: Int
    public var confidence: Confidence
    public var classification: Classification
    public var addedBy: String

    public init(
        name: String, evidence: String, harm: Int, volume: Int, trend: Int, confidence: Confidence,
        classification: Classification, addedBy: String
    ) {
        self.name = name
        self.evidence = evidence
        self.harm = harm
        self.volume = volume
        self.trend = trend
        self.confidence = confidence
        self.classification = classification
        self.addedBy = addedBy
    }
}

/// The analyst's professional judgement on one value of one theme. The computed value is kept
/// beside it; who, when and why are part of the assessment.
public struct Adjustment: Sendable, Codable, Equatable {
    public enum Field: String, Sendable, Codable, CaseIterable {
        case harm, volume, trend
        case publicConcern = "public_concern"
        case organisationalPosition = "organisational_position"
        case confidence, classification, triage, delivery

        public var label: String {
            if let criterion = Criterion(rawValue: rawValue) { return criterion.label }
            return switch self {
            case .confidence: "Confidence"
            case .classification: "Classification"
            case .triage: "Triage"
            default: "Level of delivery"
            }
        }

        /// The values this field takes, as written in the document.
        public var choices: [String] {
            switch self {
            case .confidence: Confidence.allCases.map(\.rawValue)
            case .classification: Classification.allCases.map(\.rawValue)
            case .triage: Triage.allCases.map(\.rawValue)
            case .delivery: DeliveryLevel.allCases.map(\.rawValue)
            default: (1...5).map(String.init)
            }
        }
    }

    public var theme: String
    public var field: Field
    public var value: String
    public var reason: String
    public var by: String
    /// The day it was made, YYYY-MM-DD.
    public var on: String

    public init(theme: String, field: Field, value: String, reason: String, by: String, on: String) {
        self.theme = theme
        self.field = field
        self.value = value
        self.reason = reason
        self.by = by
        self.on = on
    }
}
