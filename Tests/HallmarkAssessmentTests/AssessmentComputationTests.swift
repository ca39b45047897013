import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkStore
import Testing

/// The assessment computed from values held in the test, with no store and no server: the
/// figures below are worked out by hand from the inputs.
@Suite("Strategic assessment from loaded inputs")
struct AssessmentComputationTests {
    static let last = MonthNumber.parse("2022-03")!
    static let ours = GSSCode("E22000001")!, theirs = GSSCode("E22000002")!
    static let types = CrimeType.allCases

    /// A count per month: `before` each month of the previous 12, `now` each month of the current 12.
    static func months(_ before: Int, _ now: Int) -> [Int] { Array(repeating: before, count: 12) + Array(repeating: now, count: 12) }

    static func byType(_ counts: [CrimeType: Int]) -> [Int] { types.map { counts[$0] ?? 0 } }

    static func inputs() -> AssessmentInputs {
        let district = District(code: GSSCode("E07000001")!, name: "Alpha")
        let burglary = months(4, 6), violence = months(6, 9), asb = months(5, 5)
        let rows = types.map { type -> CrimeFigures.TypeRow in
            let monthly = type == .burglary ? burglary : type == .violenceAndSexualOffences ? violence : type == .antiSocialBehaviour ? asb : months(0, 0)
            return .init(crimeType: type.rawValue, byMonth: monthly, total: monthly.reduce(0, +), perThousandResidents: nil)
        }
        let labels = ((last - 23)...last).map(MonthNumber.text)
        let figures = CrimeFigures(
            partnership: "Alpha Community Safety Partnership", districts: [district], from: labels[0], to: labels[23], months: labels, residents: 2000,
            crimesByMonth: zip(burglary, violence).map(+), antiSocialBehaviourByMonth: asb, types: rows, lsoas: [], outcomes: [],
            forces: [.init(force: "Test force", first: labels[0], last: labels[23], monthsHeld: 24, missingMonths: [], rowsRead: 0, noLocation: 0, outsideForce: 0)])
        let force = AssessmentInputs.ForceArea(
            counted: [
                ours.value: (byType([.burglary: 72, .violenceAndSexualOffences: 108, .antiSocialBehaviour: 60]), 2000),
                theirs.value: (byType([.burglary: 30, .antiSocialBehaviour: 10]), 1000),
            ],
            partnerships: [.init(code: ours, name: "Alpha", districts: [district]), .init(code: theirs, name: "Beta", districts: [])])
        return AssessmentInputs(
            partnership: Partnership(id: 1, kind: .communitySafetyPartnership, name: "Alpha Community Safety Partnership", onsCode: ours),
            last: last, figures: figures, forceArea: force, county: nil, crimes: PlacedCrimes(), history: [])
    }

    @Test("counts, rates, force comparison and harm follow from the inputs alone")
    func figuresByHand() throws {
        let settings = AssessmentSettings()
        let a = try StrategicAssessment.compute(Self.inputs(), settings: settings)

        // 6 + 9 a month now, 4 + 6 before; 2,000 residents.
        #expect(a.allCrime.current == 180)
        #expect(a.allCrime.previous == 120)
        #expect(a.allCrime.perThousandResidents == 90)
        // The force: 180 + 30 crimes among 3,000 residents.
        #expect(a.allCrime.forceAreaPerThousand == 70)
        #expect(a.antiSocialBehaviour.current == 60)
        let burglary = try #require(a.types.first { $0.crimeType == CrimeType.burglary.rawValue })
        #expect(burglary.current == 72 && burglary.previous == 48)
        #expect(burglary.perThousandResidents == 36)
        #expect(burglary.forceAreaPerThousand == 34)
        // Highest rate first: Alpha 180 per 2,000 = 90, Beta 30 per 1,000 = 30.
        #expect(a.partnershipsInForce.map(\.csp) == [Self.ours.value, Self.theirs.value])
        #expect(a.partnershipsInForce.map(\.perThousandResidents) == [90, 30])
        let harm = 72 * settings.harm.weight(.burglary) + 108 * settings.harm.weight(.violenceAndSexualOffences)
        #expect(abs(a.harmWeightedCrime - harm) < 1e-9)
        #expect(a.countyGroup == nil && a.history.isEmpty)
        #expect(a.period == "April 2021 to March 2022")
    }

    @Test("the same inputs and settings give the same bytes; other settings another fingerprint")
    func reproducible() throws {
        let first = try StrategicAssessment.compute(Self.inputs(), settings: AssessmentSettings())
        let again = try StrategicAssessment.compute(Self.inputs(), settings: AssessmentSettings())
        #expect(try first.json() == again.json())
        #expect(first.fingerprint == again.fingerprint && first.fingerprint.count == 64)
        var other = AssessmentSettings()
        other.harm = HarmWeights.shipped(other.harm.scheme == .equal ? .css : .equal)
        #expect(try StrategicAssessment.compute(Self.inputs(), settings: other).fingerprint != first.fingerprint)
    }

    @Test("the JSON written with the figures is the figures encoded afresh, and holds every stored figure")
    func writtenOnce() throws {
        let a = try StrategicAssessment.compute(Self.inputs(), settings: AssessmentSettings())
        // Written once, not encoded again when asked for.
        #expect(Mirror(reflecting: a).children.contains { $0.label == "written" && "\($0.value)" != "nil" })
        #expect(try a.json() == JSONText.data(a, .document))
        let top = try #require(try JSONSerialization.jsonObject(with: a.json()) as? [String: Any])
        #expect(top["fingerprint"] as? String == a.fingerprint)
        // A figure added to the type but not to its coding keys would be left out silently.
        func snake(_ name: String) -> String { name.reduce(into: "") { $0 += $1.isUppercase ? "_" + $1.lowercased() : String($1) } }
        let stored = Mirror(reflecting: a).children.compactMap { child -> String? in
            guard let label = child.label, label != "written", "\(child.value)" != "nil" else { return nil }
            return snake(label)
        }
        #expect(Set(stored) == Set(top.keys))
    }
}
