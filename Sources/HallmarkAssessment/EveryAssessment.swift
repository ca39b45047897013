import Foundation
import HallmarkCrimeData
import HallmarkDomain

extension AssessmentService {
    /// The partnerships `hallmark assess --all` writes: every CSP with an ONS code and districts,
    /// except those that have ended (merged, or succeeded by another), which keep their districts
    /// as history.
    package func partnershipsToAssess(on day: CalendarDate = .today()) async throws -> [Partnership] {
        var chosen: [Partnership] = []
        for p in try await partnerships.all() where p.kind == .communitySafetyPartnership && p.onsCode != nil && !p.hasEnded(by: day) {
            if try await !partnerships.districts(of: p.id).isEmpty { chosen.append(p) }
        }
        return chosen
    }
}

extension StrategicAssessment {
    /// The drafts of many partnerships, for writing every CSP's assessment at once (a county, a
    /// region, the country). Two are made for each core at a time (so that a core is not idle
    /// while one waits on the database), in order of police force area:
    /// partnerships of one force read the same blocks, which are then still kept in memory (see
    /// `BlockParts`) when the next reads them, and share their force area's counts. `each` gets each draft on the task that made it,
    /// so that documents are written on every core too; the order they arrive in is not fixed.
    package static func draftEvery(
        _ partnerships: [Partnership], to last: Int, deps: AssessmentService, atOnce: Int = 2 * ProcessInfo.processInfo.activeProcessorCount,
        _ each: @escaping @Sendable (Partnership, StrategicAssessment) async throws -> Void
    ) async throws {
        var byForce: [(force: String, position: Int, partnership: Partnership)] = []
        for (position, partnership) in partnerships.enumerated() {
            let codes = Set(try await CrimeArea.districts(of: partnership, deps.partnerships).map(\.code))
            let force = deps.areas.forceArea(ofDistricts: codes)?.value ?? ""
            byForce.append((force, position, partnership))
        }
        let forceAreas = ForceAreaCounts()
        var waiting = byForce.sorted { ($0.force, $0.position) < ($1.force, $1.position) }.map(\.partnership).makeIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            func start() {
                guard let partnership = waiting.next() else { return }
                group.addTask {
                    do {
                        try await each(partnership, try await draft(partnership, to: last, deps: deps, forceAreas: forceAreas))
                    } catch {
                        throw DraftFailed(partnership: partnership, reason: error)
                    }
                }
            }
            for _ in 0..<max(1, atOnce) { start() }
            while try await group.next() != nil { start() }
        }
    }
}

/// Which partnership's draft failed, when many are made at once, and why.
package struct DraftFailed: Error, CustomStringConvertible {
    package let partnership: Partnership
    package let reason: any Error

    package var description: String {
        "The assessment of \(partnership.name)\(partnership.onsCode.map { " (\($0.value))" } ?? "") could not be made: \(reason)"
    }
}
