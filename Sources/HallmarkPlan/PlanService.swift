import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// What the plan's routes work with: the register, the crime store for computed indicators,
/// the approved assessments the priorities come from, and the budget lines that pay for actions.
package struct PlanService: Sendable {
    package let register: RegisterService
    package let crimeData: CrimeDataService
    package let printer: PDFPrinter?

    package init(crimeData: CrimeDataService, printer: PDFPrinter? = PDFPrinter.find()) {
        self.register = crimeData.register
        self.crimeData = crimeData
        self.printer = printer
    }

    package var store: Store { register.store }
    package var plans: PlanRepository { PlanRepository(store: store) }
    package var assessments: AssessmentRepository { AssessmentRepository(store: store) }
    package var budgets: BudgetRepository { BudgetRepository(store: store) }
    /// The plan as saved each year, approved at a meeting, then frozen.
    package var versions: VersionedRecords { VersionedRecords(store: store, kind: "partnership plan") }

    /// A theme of an approved assessment: its name and the figures and rules that ranked it, in words.
    package struct Theme: Sendable, Equatable {
        package var name: String
        package var triage: String
        package var evidence: String
        /// The police.uk categories the theme gathers, where it gathers any.
        package var members: [String] = []
    }

    /// The partnership's latest approved assessment and its ranked themes, if it has one.
    package func approvedAssessment(of p: RecordID<Partnership>) async throws -> (version: RecordVersion, themes: [Theme])? {
        guard let version = try await assessments.versions(of: p).first(where: \.isApproved),
            let document = try await assessments.document(version.id, in: p)
        else { return nil }
        return (version, Self.themes(fromFigures: document.figuresJSON))
    }

    /// The themes in a saved assessment's figures, highest total first, each with its scores and
    /// the rule behind each, as the assessment's priority matrix set them.
    package static func themes(fromFigures json: String) -> [Theme] {
        guard let figures = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let priorities = figures["priorities"] as? [[String: Any]]
        else { return [] }
        func final(_ value: Any?) -> String { ((value as? [String: Any])?["final"]).map { "\($0)" } ?? "" }
        return priorities.compactMap { p in
            guard let name = p["theme"] as? String else { return nil }
            let total = (p["total"] as? Double).map { String(format: "%.0f", $0) } ?? "?"
            let scores = (p["scores"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }.map { key, value -> String in
                let s = value as? [String: Any] ?? [:]
                let rule = (s["rule"] as? String).map { " (\($0))" } ?? ""
                return "\(key.replacingOccurrences(of: "_", with: " ")) \(s["final"].map { "\($0)" } ?? "not scored")\(rule)"
            }
            let evidence =
                "Scored \(total) of 100 in the assessment’s priority matrix; triage \(final(p["triage"])), \(final(p["classification"]).lowercased()). Criteria: "
                + scores.joined(separator: "; ") + "."
            return Theme(name: name, triage: final(p["triage"]), evidence: evidence, members: p["members"] as? [String] ?? [])
        }
    }

    /// Each indicator with its values: a computed one's from the crime store (the periods of the
    /// latest 24 months held), an entered one's as entered.
    package func readings(of p: Partnership, _ indicators: [Indicator]) async throws -> [IndicatorReading] {
        var crime: (figures: CrimeFigures, period: CrimePeriod)? = nil
        if indicators.contains(where: \.computed), let last = try await crimeData.crime.latestMonth() {
            let period = CrimePeriod(from: last - 23, to: last)
            crime = (try await CrimeFigures.load(p, period: period, crimeData, withOutcomes: false), period)
        }
        var readings: [IndicatorReading] = []
        for i in indicators {
            if i.computed {
                guard let crime else {
                    readings.append(IndicatorReading(indicator: i, values: []))
                    continue
                }
                let chosen = crime.figures.types.filter { row in i.crimeTypes.contains { $0.rawValue == row.crimeType } }
                let byMonth = crime.period.months.indices.map { m in chosen.reduce(0) { $0 + $1.byMonth[m] } }
                readings.append(
                    IndicatorReading(
                        indicator: i,
                        values: IndicatorReading.crimeRates(
                            byMonth: byMonth, firstMonth: crime.period.from, residents: crime.figures.residents, frequency: i.frequency),
                        trend: byMonth.count == 24 ? TrendTest(earlier: Array(byMonth[..<12]), later: Array(byMonth[12...])) : nil))
            } else {
                readings.append(IndicatorReading(indicator: i, values: try await plans.values(of: i.id)))
            }
        }
        return readings
    }

    /// The partnerships beneath (sub-groups apart), each with its plan's priorities, ratings and
    /// overdue actions: the county's roll-up and its Community Safety Agreement.
    package func agreementMembers(of p: Partnership, today: CalendarDate = .today()) async throws -> [AgreementView.Member] {
        var members: [AgreementView.Member] = []
        for child in try await register.partnerships.children(of: p.id) where child.kind != .subGroup {
            members.append(
                AgreementView.Member(
                    partnership: child, priorities: try await plans.priorities(of: child.id).filter { !$0.withdrawn },
                    readings: try await readings(of: child, try await plans.indicators(of: child.id)),
                    overdue: try await plans.actions(of: child.id).filter { $0.overdue(on: today) }.count))
        }
        return members
    }

    /// The partnerships whose people may own an action here: this one and those above it.
    package func ownerPartnerships(of p: Partnership) async throws -> [RecordID<Partnership>] {
        var ids = [p.id]
        var parent = p.parentID
        while let id = parent, let above = try await register.partnerships.find(id) {
            ids.append(above.id)
            parent = above.parentID
        }
        return ids
    }
}
