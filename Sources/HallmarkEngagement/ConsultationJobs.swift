import HallmarkDomain
import HallmarkStore

/// The consultations' daily job: close those whose last day has passed.
package enum ConsultationJobs {
    package static let closingKind = "consultation-closing"

    package static func closing(_ service: EngagementService) -> JobHandler {
        { _, _ in
            let n = try await service.consultations.closeEnded(today: .today())
            return "\(n) consultation\(n == 1 ? "" : "s") closed"
        }
    }
}
