import Foundation

/// A value the rules computed and the value the assessment uses, which differ only when the
/// analyst adjusted it (and then her reason is kept with it).
public struct Judged<Value: Sendable & Codable & Equatable>: Sendable, Codable, Equatable {
    public let computed: Value
    public let final: Value
    /// The rule that gave the computed value, e.g. "K1: a significant increase".
    public let rule: String?
    public let adjustment: Adjustment?

    public var adjusted: Bool { adjustment != nil }
}

/// One candidate priority, scored, classified, triaged and given a level of delivery.
public struct Priority: Sendable, Codable, Equatable {
    public let theme: String
    public let kind: ThemeEvidence.Kind
    public let members: [String]
    public let evidence: String?
    /// Criterion scores keyed by `Criterion.rawValue`.
    public let scores: [String: Judged<Int>]
    /// 0 (every criterion 1) to 100 (every criterion 5), weighted by the settings.
    public let computedTotal: Double
    public let total: Double
    public let confidence: Judged<Confidence>
    public let classification: Judged<Classification>
    public let triage: Judged<Triage>
    public let delivery: Judged<DeliveryLevel>

    public func score(_ criterion: Criterion) -> Judged<Int> { scores[criterion.rawValue]! }
}

/// The priority matrix: every candidate theme scored on the criteria, then classified, triaged
/// and given a level of delivery by `PriorityRules`, highest total first.
public enum PriorityMatrix {
    public static func rank(_ themes: [ThemeEvidence], area: AreaEvidence, settings: AssessmentSettings) -> [Priority] {
        let fromData = themes.map { priority($0, area: area, settings: settings) }
        let fromAnalyst = settings.themes.map { priority($0, settings: settings) }
        return (fromData + fromAnalyst).sorted { ($1.total, $0.theme) < ($0.total, $1.theme) }
    }

    static func priority(_ theme: ThemeEvidence, area: AreaEvidence, settings: AssessmentSettings) -> Priority {
        let trend = PriorityRules.first(PriorityRules.trendRules, theme)
        let computed: [Criterion: (Int, String?)] = [
            .harm: (PriorityRules.harm(theme, area), String(format: "%.2f× the average incident's harm", PriorityRules.harmRatio(theme, area))),
            .volume: (PriorityRules.volume(theme, area), String(format: "%.1f%% of incidents", PriorityRules.share(theme, area) * 100)),
            .trend: (trend.result, trend.label),
            .publicConcern: unassessed,
            .organisationalPosition: unassessed,
        ]
        let confidence = PriorityRules.first(PriorityRules.confidenceRules, (theme, area))
        let classification = PriorityRules.first(PriorityRules.classificationRules, theme)
        return decide(
            theme: theme.name, kind: theme.kind, members: theme.members, evidence: nil,
            computed: computed, confidence: (confidence.result, confidence.label),
            classification: (classification.result, classification.label), settings: settings)
    }

    static func priority(_ theme: AnalystTheme, settings: AssessmentSettings) -> Priority {
        let given = "given by \(theme.addedBy)"
        let computed: [Criterion: (Int, String?)] = [
            .harm: (theme.harm, given), .volume: (theme.volume, given), .trend: (theme.trend, given),
            .publicConcern: unassessed, .organisationalPosition: unassessed,
        ]
        return decide(
            theme: theme.name, kind: .analyst, members: [], evidence: theme.evidence,
            computed: computed, confidence: (theme.confidence, given), classification: (theme.classification, given), settings: settings)
    }

    /// Public concern and organisational position until the analyst scores them.
    private static let unassessed: (Int, String?) = (3, "not yet assessed")

    private static func decide(
        theme: String, kind: ThemeEvidence.Kind, members: [String], evidence: String?,
        computed: [Criterion: (Int, String?)], confidence: (Confidence, String), classification: (Classification, String),
        settings: AssessmentSettings
    ) -> Priority {
        func judged<V>(_ field: Adjustment.Field, _ value: V, _ rule: String?, _ parse: (String) -> V?) -> Judged<V> {
            let adjustment = settings.adjustment(theme, field)
            let final = adjustment.flatMap { parse($0.value) } ?? value
            return Judged(computed: value, final: final, rule: rule, adjustment: adjustment)
        }
        var scores: [Criterion: Judged<Int>] = [:]
        for criterion in Criterion.allCases {
            let (value, rule) = computed[criterion]!
            scores[criterion] = judged(Adjustment.Field(rawValue: criterion.rawValue)!, value, rule) { Int($0).flatMap { (1...5).contains($0) ? $0 : nil } }
        }
        let computedTotal = total(scores.mapValues(\.computed), settings)
        let finalScores = scores.mapValues(\.final)
        let finalTotal = total(finalScores, settings)
        let classified = judged(.classification, classification.0, classification.1, Classification.init(rawValue:))
        let scored = PriorityRules.Scored(scores: finalScores, total: finalTotal, classification: classified.final)
        let triage = PriorityRules.first(PriorityRules.triageRules, scored)
        let delivery = PriorityRules.first(PriorityRules.deliveryRules, scored)
        return Priority(
            theme: theme, kind: kind, members: members, evidence: evidence,
            scores: Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, $0.value) }),
            computedTotal: computedTotal, total: finalTotal,
            confidence: judged(.confidence, confidence.0, confidence.1, Confidence.init(rawValue:)),
            classification: classified,
            triage: judged(.triage, triage.result, triage.label, Triage.init(rawValue:)),
            delivery: judged(.delivery, delivery.result, delivery.label, DeliveryLevel.init(rawValue:)))
    }

    /// 100 × Σ weight × (score − 1) ÷ (4 × Σ weight), rounded to one decimal place so that the
    /// document and the JSON agree.
    public static func total(_ scores: [Criterion: Int], _ settings: AssessmentSettings) -> Double {
        let weights = Criterion.allCases.map { max(0, settings.weight($0)) }
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return 0 }
        let points = zip(Criterion.allCases, weights).map { Double((scores[$0] ?? 1) - 1) * $1 }.reduce(0, +)
        return (1000 * points / (4 * sum)).rounded() / 10
    }
}
