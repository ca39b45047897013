/// The stated rules that turn a theme's evidence into scores, a classification, a triage and a
/// level of delivery. Each rule is a row of data with the words the document prints; the first
/// row that applies decides.
public enum PriorityRules {
    public struct Rule<Input, Result: Sendable>: Sendable {
        public let id: String
        public let text: String
        let applies: @Sendable (Input) -> Bool
        public let result: Result

        /// How the document cites the rule: "K1: a significant increase: escalating".
        public var label: String { "\(id): \(text)" }
    }

    // MARK: Scores from the data

    /// Volume: the theme's share of all incidents here.
    public static let volumeBands: [(minimumShare: Double, score: Int)] = [(0.20, 5), (0.10, 4), (0.05, 3), (0.01, 2), (0, 1)]

    /// Harm: harm per incident of the theme against the average incident here.
    public static let harmBands: [(minimumRatio: Double, score: Int)] = [(4, 5), (2, 4), (0.75, 3), (0.25, 2), (0, 1)]

    /// The theme's share of all incidents here, which the volume score bands.
    public static func share(_ theme: ThemeEvidence, _ area: AreaEvidence) -> Double {
        area.incidents > 0 ? Double(theme.current) / Double(area.incidents) : 0
    }

    /// The theme's harm per incident against the average incident's, which the harm score bands.
    public static func harmRatio(_ theme: ThemeEvidence, _ area: AreaEvidence) -> Double {
        area.harmPerIncident > 0 ? theme.harmPerIncident / area.harmPerIncident : 1
    }

    public static func volume(_ theme: ThemeEvidence, _ area: AreaEvidence) -> Int {
        let share = share(theme, area)
        return volumeBands.first { share >= $0.minimumShare }!.score
    }

    public static func harm(_ theme: ThemeEvidence, _ area: AreaEvidence) -> Int {
        let ratio = harmRatio(theme, area)
        return harmBands.first { ratio >= $0.minimumRatio }!.score
    }

    public static let trendRules: [Rule<ThemeEvidence, Int>] = [
        Rule(id: "T5", text: "significant increase", applies: { $0.trend.significantRise }, result: 5),
        Rule(id: "T1", text: "significant decrease", applies: { $0.trend.significantFall }, result: 1),
        Rule(id: "T4", text: "up 10% or more, not significant", applies: { ($0.change ?? ($0.current > 0 ? 1 : 0)) >= 0.10 }, result: 4),
        Rule(id: "T2", text: "down 10% or more, not significant", applies: { ($0.change ?? 0) <= -0.10 }, result: 2),
        Rule(id: "T3", text: "within 10% either way", applies: { _ in true }, result: 3),
    ]

    public static let confidenceRules: [Rule<(ThemeEvidence, AreaEvidence), Confidence>] = [
        Rule(
            id: "C1", text: "small numbers (fewer than \(TrendTest.smallNumbers) in a period) or months missing from the data",
            applies: { theme, area in
                theme.trend.smallNumbers || area.incompleteMonths
            }, result: .low),
        Rule(id: "C2", text: "fewer than 100 incidents in the latest 12 months", applies: { theme, _ in theme.current < 100 }, result: .medium),
        Rule(id: "C3", text: "100 incidents or more and no month missing", applies: { _ in true }, result: .high),
    ]

    // MARK: From the scores to the decisions

    /// What the triage and delivery rules look at: the theme's final scores (after any
    /// adjustment), their total and its final classification.
    public struct Scored: Sendable {
        public let scores: [Criterion: Int]
        public let total: Double
        public let classification: Classification

        public init(scores: [Criterion: Int], total: Double, classification: Classification = .preventing) {
            self.scores = scores
            self.total = total
            self.classification = classification
        }
    }

    /// Galvanising communities is never computed: it describes what residents are doing, which
    /// crime figures cannot show, so only the analyst chooses it.
    public static let classificationRules: [Rule<ThemeEvidence, Classification>] = [
        Rule(id: "K1", text: "a significant increase: escalating", applies: { $0.trend.significantRise }, result: .emerging),
        Rule(id: "K2", text: "a significant decrease: keep the gains", applies: { $0.trend.significantFall }, result: .sustaining),
        Rule(id: "K3", text: "up 10% or more but not yet significant: act before it escalates", applies: { ($0.change ?? 0) >= 0.10 }, result: .preventing),
        Rule(
            id: "K4", text: "a rate above the force area's: a known issue to keep in hand",
            applies: { t in
                guard let here = t.perThousandResidents, let force = t.forceAreaPerThousand else { return false }
                return here > force
            }, result: .sustaining),
        Rule(id: "K5", text: "otherwise: at or below the force area's rate and not rising", applies: { _ in true }, result: .preventing),
    ]

    public static let triageRules: [Rule<Scored, Triage>] = [
        Rule(id: "R1", text: "total score 60 or more", applies: { $0.total >= 60 }, result: .high),
        Rule(id: "R2", text: "emerging with harm 4 or more", applies: { $0.classification == .emerging && ($0.scores[.harm] ?? 0) >= 4 }, result: .high),
        Rule(id: "R3", text: "total score 40 or more", applies: { $0.total >= 40 }, result: .medium),
        Rule(id: "R4", text: "total score under 40", applies: { _ in true }, result: .low),
    ]

    public static let deliveryRules: [Rule<Scored, DeliveryLevel>] = [
        Rule(id: "D1", text: "volume 3 or more: high volume, delivered locally", applies: { ($0.scores[.volume] ?? 0) >= 3 }, result: .local),
        Rule(
            id: "D2", text: "volume 2 or less with harm 4 or more: low-volume specialist issue, shared across the county",
            applies: { ($0.scores[.harm] ?? 0) >= 4 }, result: .subRegional),
        Rule(id: "D3", text: "otherwise: low volume and harm, delivered locally", applies: { _ in true }, result: .local),
    ]

    public static func first<Input, Result: Sendable>(_ rules: [Rule<Input, Result>], _ input: Input) -> Rule<Input, Result> {
        rules.first { $0.applies(input) }!
    }
}
