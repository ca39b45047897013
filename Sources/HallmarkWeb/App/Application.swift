import Foundation
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
import Hummingbird
import Logging
import ServiceLifecycle

/// The routes, with every dependency passed in. Tests build this with a store of their own.
package func buildRouter(_ deps: Dependencies) -> Router<HallmarkContext> {
    // The routes once without middleware, only to learn each path's methods, since a route's
    // middleware is fixed when the route is added.
    let table = Router(context: HallmarkContext.self)
    registerRoutes(deps, on: table)
    // HEAD answers as GET does, without the body, as load balancers and link checkers expect.
    let router = Router(context: HallmarkContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ResponseStampMiddleware(metrics: deps.metrics))
    router.add(middleware: SessionMiddleware(deps))
    router.add(middleware: ErrorPagesMiddleware())
    router.add(middleware: KeptPagesMiddleware(routes: keptPages))
    router.add(middleware: MethodNotAllowedMiddleware(routes: table.routes.map { ($0.path.description, $0.method) }))
    registerRoutes(deps, on: router)
    return router
}

/// The signed-in pages people wait on, kept as rendered until anything stored changes (see
/// `KeptPagesMiddleware` for what may join).
let keptPages: [Route] = [
    Site.partnerships, Site.partnership, Site.crime, Site.crimeByTypeCSV, Site.crimeOutcomesCSV, Site.crimeLSOAsCSV,
    Site.assessment, Site.assessmentJSON, Site.assessmentTable,
]

private func registerRoutes(_ deps: Dependencies, on router: Router<HallmarkContext>) {
    OperationsController(deps: deps).register(on: router)
    AccountController(deps: deps).register(on: router)
    PartnershipController(deps: deps.register).register(on: router)
    MembershipController(deps: deps.register).register(on: router)
    OrganisationController(deps: deps.register).register(on: router)
    AuditController(deps: deps).register(on: router)
    OutboxController(deps: deps).register(on: router)
    CrimeDataController(deps: deps.crimeData).register(on: router)
    AssessmentController(deps: deps.assessment).register(on: router)
    AssessmentSettingsController(deps: deps.assessment).register(on: router)
    MeetingController(deps: deps.meetings).register(on: router)
    AgendaController(deps: deps.meetings).register(on: router)
    GovernanceController(deps: deps.meetings).register(on: router)
    MeetingsAPIController(deps: deps.meetings).register(on: router)
    CalendarLinkController(deps: deps.meetings).register(on: router)
    FundingController(deps: deps.funding).register(on: router)
    BudgetController(deps: deps.funding).register(on: router)
    FundingStreamController(deps: deps.funding).register(on: router)
    PooledFundController(deps: deps.funding).register(on: router)
    CommissioningController(deps: deps.funding).register(on: router)
    FundingAPIController(deps: deps.funding).register(on: router)
    PlanController(deps: deps.plan).register(on: router)
    IndicatorController(deps: deps.plan).register(on: router)
    PlanVersionController(deps: deps.plan).register(on: router)
    SelfAssessmentController(deps: deps.engagement).register(on: router)
    ConsultationController(deps: deps.engagement).register(on: router)
    EngagementController(deps: deps.engagement).register(on: router)
    EngagementAPIController(deps: deps.engagement).register(on: router)
    ASBCaseReviewController(deps: deps.reviews).register(on: router)
    HomicideReviewController(deps: deps.reviews).register(on: router)
    CaseworkController(deps: deps.reviews).register(on: router)
    CaseworkAPIController(deps: deps.reviews).register(on: router)
    PartnersRecordsController(deps: deps.reviews).register(on: router)
    SubjectAccessController(deps: deps.reviews).register(on: router)
    CohortController(deps: deps.reviews).register(on: router)
    ReviewController(deps: deps.restructuring).register(on: router)
    MergerController(deps: deps.restructuring).register(on: router)
    RestructuringAPIController(deps: deps.restructuring).register(on: router)
    APIController(deps: deps).register(on: router)
    // The public pages: their own group, layout and rules (see `PublicPagesMiddleware`).
    let publicPages = router.group().add(middleware: PublicPagesMiddleware(forms: RateLimit(store: deps.store, limit: 20)))
    PublicRegisterController(
        deps: deps.register,
        home: [PublicPlanController.home(deps.plan), PublicMeetingsController.home(deps.meetings), PublicEngagementController.home(deps.engagement)],
        pages: deps.publicPages
    ).register(on: publicPages)
    PublicMeetingsController(deps: deps.meetings).register(on: publicPages)
    PublicPlanController(deps: deps.plan).register(on: publicPages)
    PublicConsultationController(deps: deps.engagement).register(on: publicPages)
    PublicEngagementController(deps: deps.engagement).register(on: publicPages)
    PublicASBCaseReviewController(deps: deps.reviews).register(on: publicPages)
}

/// What runs each kind of job.
package func jobHandlers(_ deps: Dependencies, logger: Logger) -> [String: JobHandler] {
    let delivery = deps.mailDelivery(logger: logger)
    return [
        ImportJobs.kind: ImportJobs.handler(deps.crimeData), MeetingJobs.packKind: MeetingJobs.packHandler(deps.meetings),
        MeetingJobs.conversionKind: MeetingJobs.conversionHandler(deps.meetings),
        ActionDigest.kind: ActionDigest.handler(deps.plan, delivery: delivery, siteURL: deps.settings.publicURL),
        ConsultationJobs.closingKind: ConsultationJobs.closing(deps.engagement),
        CaseworkJobs.retentionKind: CaseworkJobs.retention(deps.reviews),
        CaseworkJobs.sharingReviewKind: CaseworkJobs.sharingReviews(deps.reviews),
        MergerJobs.completionKind: MergerJobs.completion(deps.restructuring),
        OutboxController.deliveryKind: { _, _ in
            let (sent, unsent) = try await delivery.deliver()
            return "\(sent) sent, \(unsent) waiting in the outbox"
        },
    ]
}

/// The services that run beside the routes: the job runner, with a handler for each kind of
/// job, and the weekly digest's schedule when it is on.
package func backgroundServices(_ deps: Dependencies, logger: Logger) -> [any Service] {
    let runner = JobRunner(
        queue: JobQueue(store: deps.store), handlers: jobHandlers(deps, logger: logger), instance: ServerInstance.name, lease: deps.settings.importLeaseSeconds,
        logger: logger)
    return [runner, WeeklyDigest(store: deps.store, digest: deps.settings.weeklyDigest, logger: logger)]
}

/// The server: routes on the configured address, and the job runner beside them. SIGTERM and
/// SIGINT stop it gracefully, finishing requests and the job already under way (Hummingbird's
/// service group does this).
package func buildApplication(_ deps: Dependencies, logger: Logger) -> some ApplicationProtocol {
    Application(
        router: buildRouter(deps),
        configuration: .init(address: .hostname(deps.settings.host, port: deps.settings.port), serverName: "Hallmark"),
        services: backgroundServices(deps, logger: logger),
        logger: logger)
}
