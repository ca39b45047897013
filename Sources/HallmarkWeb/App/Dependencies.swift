import HallmarkAssessment
import HallmarkCrimeData
import HallmarkEngagement
import HallmarkFunding
import HallmarkKit
import HallmarkMeetings
import HallmarkPlan
import HallmarkRegister
import HallmarkRestructuring
import HallmarkReviews
import HallmarkStore
import Logging

/// What the server needs, made once at start-up and passed in: never global. Each capability
/// gets its own service from here.
package struct Dependencies: Sendable {
    package let store: Store
    package let settings: Settings
    package let hasher: PasswordHasher
    let metrics: RequestMetrics
    /// Checked against when an email address is unknown, so that a wrong address takes as
    /// long to refuse as a wrong password and reveals nothing about who has an account.
    let decoyHash: String
    let formKey = FormKey()
    /// Public pages as last rendered, kept for the change count (see `PublicPageCache`).
    package let publicPages = PublicPageCache()
    package let register: RegisterService
    package let crimeData: CrimeDataService
    package let assessment: AssessmentService
    package let meetings: MeetingsService
    package let funding: FundingService
    package let plan: PlanService
    package let engagement: EngagementService
    package let reviews: ReviewsService
    package let restructuring: RestructuringService

    /// - Parameter printer: prints documents to PDF; by default Chromium if the server has it.
    package init(store: Store, settings: Settings, printer: PDFPrinter? = PDFPrinter.find()) {
        self.store = store
        self.settings = settings
        self.hasher = PasswordHasher(cost: settings.bcryptCost)
        self.metrics = RequestMetrics()
        self.decoyHash = hasher.hash(Secrets.token())
        self.register = RegisterService(store: store)
        // A server reads the shipped geography as it starts, not at its first crime page.
        CrimeDataService.readShipped()
        self.crimeData = CrimeDataService(store: store, settings: settings)
        self.assessment = AssessmentService(crimeData: crimeData, printer: printer)
        self.meetings = MeetingsService(register: register, printer: printer)
        self.funding = FundingService(crimeData: crimeData, printer: printer)
        self.plan = PlanService(crimeData: crimeData, printer: printer)
        self.engagement = EngagementService(register: register, formKey: formKey)
        // A bad HALLMARK_CASE_KEYS stops `serve` before it starts (see `CaseKeys.parse`); here it closes casework.
        self.reviews = ReviewsService(register: register, keys: settings.caseKeys.flatMap { try? CaseKeys.parse($0) }, formKey: formKey)
        self.restructuring = RestructuringService(funding: funding)
    }

    package var accounts: AccountRepository { AccountRepository(store: store) }
    package var outbox: Outbox { Outbox(store: store) }
    package func mailDelivery(logger: Logger) -> MailDelivery { MailDelivery(outbox: outbox, server: settings.mailServer, logger: logger) }
    package var partnerships: PartnershipRepository { register.partnerships }
    package var organisations: OrganisationRepository { register.organisations }
    package var people: PersonRepository { register.people }
    package var memberships: MembershipRepository { register.memberships }
    package var crime: CrimeRepository { crimeData.crime }
    package var importer: CrimeImporter { crimeData.importer }
}
