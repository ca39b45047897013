import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// The meetings as JSON under `/api/v1`, for the partnerships in the caller's scope.
package struct MeetingsAPIController {
    package let deps: MeetingsService

    package init(deps: MeetingsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.meetingsAPI.path, use: meetings)
        router.get(Site.meetingAPI.path, use: meeting)
        router.get(Site.actionsAPI.path, use: actions)
    }

    package func meetings(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        return try jsonResponse(try await deps.meetings.meetings(of: p.id))
    }

    struct MeetingRecord: Encodable {
        let meeting: Meeting
        let agenda: [AgendaItem]
        let papers: [Paper]
        let attendance: [Attendance]
        let quorate: Bool?
        let decisions: [Decision]
        let packs: [BoardPack]
    }

    package func meeting(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (_, m, _) = try await deps.meeting(context, .readMeetings)
        let attendance = try await deps.minutes.attendance(at: m.id)
        return try jsonResponse(
            MeetingRecord(
                meeting: m, agenda: try await deps.meetings.items(of: m.id), papers: try await deps.papers.papers(of: m.id),
                attendance: attendance.values.sorted { $0.membershipID < $1.membershipID }, quorate: attendance.isEmpty ? nil : try await deps.quorum(of: m).quorate,
                decisions: try await deps.minutes.decisions(at: m.id), packs: try await deps.papers.packs(of: m.id)))
    }

    package func actions(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readMeetings)
        return try jsonResponse(try await deps.minutes.actions(of: p.id))
    }
}
