import HallmarkDomain
import HallmarkStore

/// Casework's daily jobs: remind the partners of information-sharing agreements coming up for
/// review; and remove the personal data of cases past their retention, keeping the
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
            let offenders = try await service.cohort().removeExpired(
                today: today, months: { try await service.casework.settings(of: $0).offenderRetentionMonths }, by: author)
            return
                "personal data removed from \(asb) ASB Case Review\(asb == 1 ? "" : "s"), \(homicide) homicide review\(homicide == 1 ? "" : "s") and \(offenders) IOM record\(offenders == 1 ? "" : "s")"
        }
    }

    package static let sharingReviewKind = "sharing-agreement-reviews"

    /// Writes once to each partnership's case leads about each agreement within its reminder's
    /// days of review (or past it): once per agreement and review date, however often it runs.
    package static func sharingReviews(_ service: ReviewsService) -> JobHandler {
        { _, _ in
            let today = CalendarDate.today()
            let outbox = Outbox(store: service.store)
            var written = 0
            for a in try await service.sharing.dueForReview(today: today) {
                let kind = "sharing-review \(a.id) \(a.reviewOn.iso)"
                guard try await outbox.recipients(of: kind, since: 0).isEmpty else { continue }
                let leads = try await service.caseLeads(of: a.partnershipID)
                let letters = leads.map { lead in
                    Letter(
                        userID: lead.id, toAddress: lead.email, toName: lead.name, subject: "Information-sharing agreement to review: \(a.title)",
                        body: """
                            Dear \(lead.name),

                            The information-sharing agreement “\(a.title)” between \(a.parties.joined(separator: ", ")) \(a.reviewOn < today ? "was" : "is") due for review on \(a.reviewOn.long).

                            Its lawful basis: \(a.lawfulBasis.label). When the partners have reviewed it, record the next review date in Hallmark.
                            """)
                }
                written += try await outbox.add(letters, kind: kind).count
            }
            return "\(written) reminder\(written == 1 ? "" : "s") of agreements to review written"
        }
    }
}
