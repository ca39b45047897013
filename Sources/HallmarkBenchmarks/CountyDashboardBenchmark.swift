import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkPlan
import HallmarkRegister
import HallmarkStore
import HallmarkWeb

/// The county's roll-up of its partnerships' plans (the Community Safety Agreement page): nine
/// partnerships, 40 indicators each, five years of quarterly values (20 a year's quarters, 7,200
/// values), every indicator rated and the page rendered. The reference, in the same run, is
/// reading the same values with one query and nothing else done.
func countyDashboardBenchmark(folder: URL) async throws {
    let path = folder.appendingPathComponent("hallmark-bench-plan.sqlite").path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let store = try await Store.open(.sqlite(path: path))
    let deps = Dependencies(store: store, settings: Settings(), printer: nil)
    let author = ChangeAuthor.system("benchmark")
    let county = try await deps.partnerships.create(.init(kind: .countyStrategyGroup, name: "Benchmark County"), by: author)
    let last = 2026 * 12 + 8  // September 2026
    for c in 1...9 {
        let csp = try await deps.partnerships.create(.init(kind: .communitySafetyPartnership, name: "Partnership \(c)", parentID: county.id), by: author)
        for p in 1...8 {
            let priority = try await deps.plan.plans.addPriority(
                PlanForms.Priority(title: "Priority \(p)", reason: "Benchmark", theme: ""), version: nil, evidence: "", to: csp.id, by: author)
            for i in 1...5 {
                let indicator = try await deps.plan.plans.addIndicator(
                    Indicator(
                        id: 0, partnershipID: csp.id, priorityID: priority.id, name: "Indicator \(p).\(i)", definition: "", unit: "per 1,000", polarity: .lowerIsBetter,
                        crimeTypes: [], baseline: 10, target: 9, tolerance: 5, owner: "Owner"), by: author)
                var values: [IndicatorValue] = []
                for q in 0..<20 {
                    let wobble = Double((c * 7 + p * 3 + i + q) % 11) / 5
                    values.append(IndicatorValue(month: last - 3 * (19 - q), value: 10 + wobble, source: "benchmark"))
                }
                try await deps.plan.plans.saveValues(values, of: indicator, by: author)
            }
        }
    }
    func median(_ runs: Int, _ body: () async throws -> Void) async throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try await body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return times.sorted()[runs / 2]
    }
    var size = 0
    let page = try await median(21) {
        let html = AgreementView.html(county, try await deps.plan.agreementMembers(of: county), today: CalendarDate("2026-11-29")!)
        size = html.utf8.count
    }
    var rows = 0
    let reference = try await median(21) {
        rows = try await store.withConnection { db in try await db.raw("SELECT indicator_id, month, value, source FROM indicator_values").all().count }
    }
    print("County dashboard: 9 partnerships × 40 indicators × 20 quarters (\(rows) values), page of \(size / 1024) KB")
    print(String(format: "  rated and rendered (median of 21)      %8.1f ms", page))
    print(String(format: "  reference: the values read in one query %8.1f ms   ratio %.2f", reference, reference / page))
    await store.close()
}
