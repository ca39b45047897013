import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// Casework as JSON, by the same rules as the pages: only the cases whose team the token's
/// holder is on, each logged as a view through the API; and the ASB Case Review figures the
/// law requires published, the IOM cohort's counts and the information-sharing register, which
/// name no one.
package struct CaseworkAPIController {
    package let deps: ReviewsService

    package init(deps: ReviewsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.caseworkAPI.path, use: api)
    }

    struct ASBRecord: Encodable {
        let id: Int64
        let reference: String
        let receivedOn: String
        let stage: String
        let applicantName: String?
        let applicantContact: String?
        let applicantAddress: String?
        let complaints: [ASBComplaint]?
        let complaintsCounted: Int
        let thresholdMet: Bool?
        let letterDue: String
        let letterSentOn: String?
        let meetingOn: String?
        let recommendations: String?
        let closedOn: String?
        let personalDataRemovedOn: String?
    }

    struct HomicideRecord: Encodable {
        let id: Int64
        let kind: String
        let reference: String
        let notifiedOn: String
        let stage: String
        let victimName: String?
        let decision: String?
        let decidedOn: String?
        let decisionDue: String
        let homeOfficeSubmissionDue: String?
        let qaSubmittedOn: String?
        let publishedOn: String?
        let agencyReports: [AgencyReport]
        let actions: [ReviewAction]
        let personalDataRemovedOn: String?
    }

    struct Statistics: Encodable {
        let year: String
        let applications: Int
        let thresholdNotMet: Int
        let reviewsHeld: Int
        let withRecommendations: Int
    }

    struct CaseworkRecord: Encodable {
        let asbCaseReviews: [ASBRecord]
        let homicideReviews: [HomicideRecord]
        let asbStatistics: [Statistics]
        /// Counts only: no one is named.
        let iomQuarters: [IOMQuarter]
        let sharingAgreements: [SharingAgreement]
    }

    package func api(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .readRegister)
        let settings = try await deps.casework.settings(of: p.id)
        let today = CalendarDate.today()
        let asbAll = try await deps.asb().reviews(of: p.id)
        let asbMine = try await deps.casework.cases(.asbCaseReview, of: visitor.user.id)
        var asb: [ASBRecord] = []
        for r in asbAll where asbMine.contains(r.id.rawValue) {
            _ = try await deps.open(.asbCaseReview, r.id.rawValue, in: p.id, by: visitor, what: "API")
            asb.append(
                ASBRecord(
                    id: r.id.rawValue, reference: r.reference, receivedOn: r.receivedOn.iso, stage: r.stage, applicantName: r.applicantName,
                    applicantContact: r.applicantContact, applicantAddress: r.applicantAddress, complaints: r.complaints, complaintsCounted: r.complaintsCounted,
                    thresholdMet: r.thresholdMet, letterDue: r.letterDeadline(settings, today: today).due.iso, letterSentOn: r.letterSentOn?.iso,
                    meetingOn: r.meetingOn?.iso, recommendations: r.recommendations, closedOn: r.closedOn?.iso, personalDataRemovedOn: r.personalDataRemovedOn?.iso))
        }
        let homicide = try deps.homicide()
        let homicideMine = try await deps.casework.cases(.homicideReview, of: visitor.user.id)
        var homicides: [HomicideRecord] = []
        for r in try await homicide.reviews(of: p.id) where homicideMine.contains(r.id.rawValue) {
            _ = try await deps.open(.homicideReview, r.id.rawValue, in: p.id, by: visitor, what: "API")
            let actions = try await homicide.actions(of: r.id)
            let submission = r.completionDeadline(settings, today: today)
            homicides.append(
                HomicideRecord(
                    id: r.id.rawValue, kind: r.kind.rawValue, reference: r.reference, notifiedOn: r.notifiedOn.iso, stage: r.stage(actions: actions).label,
                    victimName: r.victimName, decision: r.decision?.rawValue, decidedOn: r.decidedOn?.iso,
                    decisionDue: r.decisionDeadline(settings, today: today).due.iso,
                    homeOfficeSubmissionDue: submission.flatMap { $0.done ? nil : $0.due.iso },
                    qaSubmittedOn: r.qaSubmittedOn?.iso, publishedOn: r.publishedOn?.iso, agencyReports: try await homicide.reports(of: r.id), actions: actions,
                    personalDataRemovedOn: r.personalDataRemovedOn?.iso))
        }
        return try jsonResponse(
            CaseworkRecord(
                asbCaseReviews: asb, homicideReviews: homicides,
                asbStatistics: ASBStatistics.count(asbAll).map {
                    Statistics(
                        year: $0.year.description, applications: $0.applications, thresholdNotMet: $0.thresholdNotMet, reviewsHeld: $0.reviewsHeld,
                        withRecommendations: $0.withRecommendations)
                }, iomQuarters: try await deps.iom.quarters(of: p.id), sharingAgreements: try await deps.sharing.agreements(of: p.id)))
    }
}
