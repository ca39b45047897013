import HallmarkDomain
import HallmarkStore

/// Casework's daily job: remove the personal data of cases past their retention, keeping the
/// dates, decisions and counts the statistics need. Each partnership's own retention applies.
package enum CaseworkJobs {
    package static let retentionKind = "casework-retention"

    package static func retention(_ service: ReviewsService) -> JobHandler {
        { _, _ in
            guard service.keys != nil else { return "casework is closed on this server: nothing to do" }
            let today = CalendarDate.today()
            let author = ChangeAuthor.system("casework retention")
            let asb = try await service.asb().removeExpired(today: today, months: { try await service.casework.settings(of: $0).asbRetentionMonths }, by: author)
            let homicide = try await service.homicide().removeExpired(
                today: today, months: { try await service.casework.settings(of: $0).homicideRetentionMonths }, by: author)
            return "personal data removed from \(asb) ASB Case Review\(asb == 1 ? "" : "s") and \(homicide) homicide review\(homicide == 1 ? "" : "s")"
        }
    }
}
