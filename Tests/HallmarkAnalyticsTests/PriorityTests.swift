import Foundation
@testable import HallmarkAnalytics
import Testing

/// The stated rules of the priority matrix, each with a case that hits it, and the harm
/// weights files that feed it.
@Suite("Priority matrix rules")
struct PriorityTests {
    /// A year's count spread over 12 months as evenly as whole numbers allow.
    static func months(_ total: Int) -> [Int] { (0..<12).map { total / 12 + ($0 < total % 12 ? 1 : 0) } }

    static func theme(
        _ name: String = "Burglary", earlier: Int, later: Int, harm: Double = 1,
        here: Double? = nil, force: Double? = nil
    ) -> ThemeEvidence {
        ThemeEvidence(
            name: name, kind: .crimeType, members: [name], previous: earlier, current: later,
            trend: TrendTest(earlier: months(earlier), later: months(later)), harmPerIncident: harm,
            perThousandResidents: here, forceAreaPerThousand: force)
    }

    static let area = AreaEvidence(incidents: 1000, harmPerIncident: 1, incompleteMonths: false)

    static func rule<I, R>(_ rules: [PriorityRules.Rule<I, R>], _ input: I) -> String { PriorityRules.first(rules, input).id }

    @Test("Volume is scored by the theme's share of all incidents, at each band's lower edge")
    func volumeBands() {
        let cases: [(Int, Int)] = [(200, 5), (199, 4), (100, 4), (99, 3), (50, 3), (49, 2), (10, 2), (9, 1), (0, 1)]
        for (count, score) in cases {
            #expect(PriorityRules.volume(Self.theme(earlier: count, later: count), Self.area) == score, "\(count) of 1,000")
        }
    }

    @Test("Harm is scored by harm per incident against the average incident's")
    func harmBands() {
        let cases: [(Double, Int)] = [(4, 5), (3.99, 4), (2, 4), (1.99, 3), (0.75, 3), (0.74, 2), (0.25, 2), (0.24, 1)]
        for (harm, score) in cases {
            #expect(PriorityRules.harm(Self.theme(earlier: 100, later: 100, harm: harm), Self.area) == score, "\(harm)× the average")
        }
    }

    @Test("Each trend rule has a case that hits it")
    func trendRules() {
        // 120 → 240: a doubling, significant; 120 → 132: +10%, z ≈ 0.76, not significant.
        #expect(Self.theme(earlier: 120, later: 240).trend.significant)
        #expect(!Self.theme(earlier: 120, later: 132).trend.significant)
        #expect(Self.rule(PriorityRules.trendRules, Self.theme(earlier: 120, later: 240)) == "T5")
        #expect(Self.rule(PriorityRules.trendRules, Self.theme(earlier: 240, later: 120)) == "T1")
        #expect(Self.rule(PriorityRules.trendRules, Self.theme(earlier: 120, later: 132)) == "T4")
        #expect(Self.rule(PriorityRules.trendRules, Self.theme(earlier: 132, later: 118)) == "T2")
        #expect(Self.rule(PriorityRules.trendRules, Self.theme(earlier: 120, later: 125)) == "T3")
        #expect(PriorityRules.first(PriorityRules.trendRules, Self.theme(earlier: 120, later: 240)).result == 5)
        #expect(PriorityRules.first(PriorityRules.trendRules, Self.theme(earlier: 240, later: 120)).result == 1)
    }

    @Test("Each confidence rule has a case that hits it")
    func confidenceRules() {
        let incomplete = AreaEvidence(incidents: 1000, harmPerIncident: 1, incompleteMonths: true)
        #expect(Self.rule(PriorityRules.confidenceRules, (Self.theme(earlier: 5, later: 6), Self.area)) == "C1")
        #expect(Self.rule(PriorityRules.confidenceRules, (Self.theme(earlier: 500, later: 500), incomplete)) == "C1")
        #expect(Self.rule(PriorityRules.confidenceRules, (Self.theme(earlier: 60, later: 60), Self.area)) == "C2")
        #expect(Self.rule(PriorityRules.confidenceRules, (Self.theme(earlier: 120, later: 125), Self.area)) == "C3")
        #expect(PriorityRules.first(PriorityRules.confidenceRules, (Self.theme(earlier: 5, later: 6), Self.area)).result == .low)
    }

    @Test("Each classification rule has a case that hits it; galvanising communities is never computed")
    func classificationRules() {
        let cases: [(ThemeEvidence, String, Classification)] = [
            (Self.theme(earlier: 120, later: 240), "K1", .emerging),
            (Self.theme(earlier: 240, later: 120), "K2", .sustaining),
            (Self.theme(earlier: 120, later: 132), "K3", .preventing),
            (Self.theme(earlier: 120, later: 120, here: 5, force: 4), "K4", .sustaining),
            (Self.theme(earlier: 120, later: 120, here: 3, force: 4), "K5", .preventing),
            (Self.theme(earlier: 120, later: 120), "K5", .preventing),
        ]
        for (theme, id, result) in cases {
            let rule = PriorityRules.first(PriorityRules.classificationRules, theme)
            #expect(rule.id == id && rule.result == result, "\(theme.previous) → \(theme.current)")
        }
        #expect(!PriorityRules.classificationRules.contains { $0.result == .galvanising })
    }

    static func scored(total: Double, harm: Int = 3, volume: Int = 3, classification: Classification = .preventing) -> PriorityRules.Scored {
        PriorityRules.Scored(scores: [.harm: harm, .volume: volume], total: total, classification: classification)
    }

    @Test("Each triage rule has a case that hits it")
    func triageRules() {
        #expect(Self.rule(PriorityRules.triageRules, Self.scored(total: 60)) == "R1")
        #expect(Self.rule(PriorityRules.triageRules, Self.scored(total: 50, harm: 4, classification: .emerging)) == "R2")
        #expect(Self.rule(PriorityRules.triageRules, Self.scored(total: 50, harm: 3, classification: .emerging)) == "R3")
        #expect(Self.rule(PriorityRules.triageRules, Self.scored(total: 40)) == "R3")
        #expect(Self.rule(PriorityRules.triageRules, Self.scored(total: 39.9)) == "R4")
        #expect(PriorityRules.first(PriorityRules.triageRules, Self.scored(total: 50, harm: 4, classification: .emerging)).result == .high)
        #expect(PriorityRules.first(PriorityRules.triageRules, Self.scored(total: 39.9)).result == .low)
    }

    @Test("Each delivery rule has a case that hits it: local for high volume, sub-regional for low-volume specialist issues")
    func deliveryRules() {
        #expect(PriorityRules.first(PriorityRules.deliveryRules, Self.scored(total: 0, harm: 5, volume: 3)).result == .local)
        #expect(Self.rule(PriorityRules.deliveryRules, Self.scored(total: 0, harm: 5, volume: 3)) == "D1")
        let specialist = PriorityRules.first(PriorityRules.deliveryRules, Self.scored(total: 0, harm: 4, volume: 2))
        #expect(specialist.id == "D2" && specialist.result == .subRegional)
        #expect(Self.rule(PriorityRules.deliveryRules, Self.scored(total: 0, harm: 3, volume: 1)) == "D3")
    }

    @Test("The total score is the weighted mean of the criteria, by hand")
    func total() {
        // Weights 2, 2, 1, 1, 1; scores 5, 1, 3, 3, 3: (2×4 + 2×0 + 2 + 2 + 2) ÷ (4 × 7) = 14 ÷ 28.
        let scores: [Criterion: Int] = [.harm: 5, .volume: 1, .trend: 3, .publicConcern: 3, .organisationalPosition: 3]
        #expect(PriorityMatrix.total(scores, AssessmentSettings()) == 50)
        var onlyHarm = AssessmentSettings()
        onlyHarm.criterionWeights = [
            Criterion.harm.rawValue: 1, Criterion.volume.rawValue: 0, Criterion.trend.rawValue: 0,
            Criterion.publicConcern.rawValue: 0, Criterion.organisationalPosition.rawValue: 0,
        ]
        #expect(PriorityMatrix.total(scores, onlyHarm) == 100)
        #expect(PriorityMatrix.total([.harm: 2, .volume: 2, .trend: 2, .publicConcern: 2, .organisationalPosition: 2], AssessmentSettings()) == 25)
    }

    @Test("An adjustment keeps the computed value beside the final one, flows into the triage, and a later one replaces it")
    func adjustments() throws {
        // Burglary: 120 → 125 of 1,000 incidents at the average harm: harm 3, volume 4, trend 3 → total (2×2 + 2×3 + 2 + 2 + 2) ÷ 28.
        let burglary = Self.theme(earlier: 120, later: 125)
        let plain = try #require(PriorityMatrix.rank([burglary], area: Self.area, settings: AssessmentSettings()).first)
        #expect(plain.total == (1000.0 * 16 / 28).rounded() / 10)
        #expect(plain.triage.rule == "R3: total score 40 or more" && plain.triage.final == .medium)
        #expect(plain.score(.publicConcern).computed == 3 && !plain.score(.publicConcern).adjusted)

        var settings = AssessmentSettings()
        func adjust(_ field: Adjustment.Field, _ value: String, _ reason: String) {
            settings.adjustments.append(Adjustment(theme: "Burglary", field: field, value: value, reason: reason, by: "analyst@example.org", on: "2026-11-25"))
        }
        adjust(.publicConcern, "4", "Residents' survey")
        adjust(.publicConcern, "5", "Residents' survey, autumn wave: burglary first of ten concerns")
        adjust(.organisationalPosition, "5", "No burglary team since the restructure")
        let adjusted = try #require(PriorityMatrix.rank([burglary], area: Self.area, settings: settings).first)
        #expect(adjusted.score(.publicConcern).computed == 3)
        #expect(adjusted.score(.publicConcern).final == 5)
        #expect(adjusted.score(.publicConcern).adjustment?.reason == "Residents' survey, autumn wave: burglary first of ten concerns")
        #expect(adjusted.computedTotal == plain.total)
        // (2×2 + 2×3 + 2 + 4 + 4) ÷ 28 = 20 ÷ 28 → 71.4: the triage rule R1 now applies.
        #expect(adjusted.total == 71.4)
        #expect(adjusted.triage.computed == .high && adjusted.triage.rule == "R1: total score 60 or more")

        adjust(.triage, "Low", "Covered by the force's own burglary plan")
        adjust(.classification, Classification.galvanising.rawValue, "Neighbourhood Watch groups leading the work")
        let overruled = try #require(PriorityMatrix.rank([burglary], area: Self.area, settings: settings).first)
        #expect(overruled.triage.computed == .high && overruled.triage.final == .low)
        #expect(overruled.triage.adjustment?.by == "analyst@example.org")
        #expect(overruled.classification.computed == .preventing && overruled.classification.final == .galvanising)
    }

    @Test("The analyst's own theme is scored from her scores and ranked with the rest")
    func analystTheme() throws {
        var settings = AssessmentSettings()
        settings.themes = [
            AnalystTheme(
                name: "Domestic abuse", evidence: "MARAC referrals up 30% (force data, 2021/22)", harm: 5, volume: 4, trend: 5,
                confidence: .medium, classification: .emerging, addedBy: "analyst@example.org")
        ]
        let ranked = PriorityMatrix.rank([Self.theme(earlier: 120, later: 125)], area: Self.area, settings: settings)
        let abuse = try #require(ranked.first)
        #expect(abuse.theme == "Domestic abuse" && abuse.kind == .analyst)
        // (2×4 + 2×3 + 4 + 2 + 2) ÷ 28 = 22 ÷ 28 → 78.6.
        #expect(abuse.total == 78.6)
        #expect(abuse.classification.final == .emerging && abuse.confidence.final == .medium)
        #expect(abuse.triage.final == .high && abuse.delivery.final == .local)
        #expect(ranked.map(\.theme) == ["Domestic abuse", "Burglary"])
    }

    @Test("Every shipped weights file parses, covers every police.uk category and states its source and mapping")
    func shippedWeights() {
        for scheme in HarmWeights.Scheme.allCases {
            let w = HarmWeights.shipped(scheme)
            #expect(Set(w.weights.keys) == Set(CrimeType.allCases.map(\.rawValue)), "\(scheme)")
            #expect(!w.title.isEmpty && !w.source.isEmpty && !w.mapping.isEmpty, "\(scheme)")
            #expect(w.weights.values.allSatisfy { $0 >= 0 })
        }
        #expect(HarmWeights.shipped(.equal).weights.values.allSatisfy { $0 == 1 })
        #expect(HarmWeights.standard.scheme == .css)
        // The sentencing-based tables put robbery above shoplifting, as sentencing does.
        for scheme in [HarmWeights.Scheme.css, .cchi] {
            #expect(HarmWeights.shipped(scheme).weight(.robbery) > HarmWeights.shipped(scheme).weight(.shoplifting))
        }
    }

    @Test("Each Cambridge weight is its subgroup's median, or lies between the medians of the subgroups it mixes")
    func cambridgeWeightsFollowTheirSubgroups() throws {
        let table = HarmWeights.shipped(.cchi)
        // The basis column gives the subgroup medians a category was built from ("residential
        // 273.5, non-residential 183.5"); a mix of them cannot fall outside their range.
        let median = try Regex(#"(?:^|[ (,:])(\d[\d,]*(?:\.\d+)?)(?=,|$| \()"#)
        for type in CrimeType.allCases where type != .antiSocialBehaviour {
            let basis = try #require(table.basis[type.rawValue])
            let medians = basis.matches(of: median).compactMap { Double($0.output[1].substring!.replacingOccurrences(of: ",", with: "")) }
            let weight = table.weight(type)
            #expect(!medians.isEmpty, "\(type.rawValue) names no subgroup median")
            if Set(medians).count == 1 {
                #expect(weight == medians[0], "\(type.rawValue)")
            } else {
                #expect(medians.min()! < weight && weight < medians.max()!, "\(type.rawValue)")
            }
        }
    }

    @Test("Settings saved before a part was added still open, that part taking its default")
    func olderSettingsOpen() throws {
        var settings = AssessmentSettings(harm: .shipped(.cchi), themes: [])
        settings.criterionWeights["harm"] = 3
        var saved = try JSONSerialization.jsonObject(with: JSONEncoder().encode(settings)) as! [String: Any]
        saved["hotspots"] = nil
        saved["adjustments"] = nil
        let older = try JSONDecoder().decode(AssessmentSettings.self, from: JSONSerialization.data(withJSONObject: saved))
        #expect(older.harm == .shipped(.cchi) && older.weight(.harm) == 3)
        #expect(older.hotspots == AssessmentSettings().hotspots && older.adjustments.isEmpty)
        #expect(try JSONDecoder().decode(AssessmentSettings.self, from: Data("{}".utf8)) == AssessmentSettings())
    }

    @Test("A broken weights file is refused with a message naming the problem")
    func brokenWeights() {
        let head = "# title: t\n# source: s\n# mapping: m\ncrime_type,weight,mostly\n"
        let all = CrimeType.allCases.map { "\($0.rawValue),1," }.joined(separator: "\n")
        #expect(throws: Never.self) { try HarmWeights.parse(head + all, scheme: .equal) }
        #expect { try HarmWeights.parse(head + "Burglary,-2,\n" + all, scheme: .equal) } throws: {
            "\($0)".contains("Line 5") && "\($0)".contains("0 or more")
        }
        #expect { try HarmWeights.parse(head + "Burglery,2,\n", scheme: .equal) } throws: { "\($0)".contains("not a police.uk crime type: Burglery") }
        #expect { try HarmWeights.parse(head + "Burglary,2,\n", scheme: .equal) } throws: { "\($0)".contains("leave out") && "\($0)".contains("Robbery") }
        #expect { try HarmWeights.parse(all, scheme: .equal) } throws: { _ in true }
    }
}

@Suite struct HarmWeightsEditorTests {
    @Test("weights edited before names alone were kept still name their editor without the address")
    func editorByName() {
        var weights = HarmWeights.standard
        #expect(weights.editor == nil && weights.label == weights.title)
        weights.editedBy = "Ann Analyst <ann@council.example>"
        #expect(weights.editor == "Ann Analyst" && weights.label == weights.title + ", edited by Ann Analyst")
        weights.editedBy = "Ann Analyst"
        #expect(weights.editor == "Ann Analyst")
    }
}
