import Hummingbird

/// A page or action's path: its pattern, as the router registers it, and its links, with the
/// pattern's parameters filled in order: `Site.member(partnership.id, membership.id)`.
package struct Route: Sendable, CustomStringConvertible {
    package let pattern: String
    private let parts: [Substring]
    /// The pattern's text before, between and after its parameters, so that a link is these
    /// joined by the values: worked out once, since pages write a link for every row of a table.
    private let literals: [String]

    package init(_ pattern: String) {
        self.pattern = pattern
        parts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        var literals = [""]
        for (i, part) in parts.enumerated() {
            if i > 0 { literals[literals.count - 1] += "/" }
            if part.hasPrefix(":") { literals.append("") } else { literals[literals.count - 1] += part }
        }
        self.literals = literals
    }

    /// The pattern for the router.
    package var path: RouterPath { RouterPath(pattern) }

    package var description: String { pattern }

    /// A request's path split as `matches` takes it: split once, however many routes it is held to.
    package static func segments(_ path: String) -> [Substring] { path.split(separator: "/", omittingEmptySubsequences: false) }

    /// Whether a request's path (its `segments`) is this route's, each `:parameter` standing for
    /// any one non-empty segment of plain characters.
    package func matches(_ segments: [Substring]) -> Bool {
        parts.count == segments.count
            && zip(parts, segments).allSatisfy { $0.hasPrefix(":") ? !$1.isEmpty && $1.allSatisfy(\.isASCII) : $0 == $1 }
    }

    /// The link, each `:parameter` replaced by the next value given.
    package func callAsFunction(_ values: any CustomStringConvertible...) -> String {
        assert(literals.count - 1 == values.count, "\(pattern) takes \(literals.count - 1) values")
        var link = literals[0]
        for (value, after) in zip(values, literals.dropFirst()) {
            link += value.description
            link += after
        }
        return link
    }
}

/// Every page and action of Hallmark's, by name: the pattern each route registers and every
/// link to it come from the same line here, so no link is spelt by hand and a path changed here
/// changes everywhere. One table for the whole site, since pages link across capabilities.
package enum Site {
    // Everyone
    package static let home = Route("/")
    package static let signIn = Route("/sign-in")
    package static let signOut = Route("/sign-out")
    package static let healthz = Route("/healthz")
    package static let metrics = Route("/metrics")
    package static let stylesheet = Route("/assets/site.css")
    package static let progressScript = Route("/assets/progress.js")
    package static let audit = Route("/audit")
    package static let outbox = Route("/outbox")
    package static let outboxMessage = Route("/outbox/:message")
    package static let outboxSend = Route("/outbox/send")

    // The register
    package static let partnerships = Route("/partnerships")
    package static let partnershipsCSV = Route("/partnerships.csv")
    package static let newPartnership = Route("/partnerships/new")
    package static let partnership = Route("/partnerships/:id")
    package static let editPartnership = Route("/partnerships/:id/edit")
    package static let subGroups = Route("/partnerships/:id/sub-groups")
    package static let newSubGroup = Route("/partnerships/:id/sub-groups/new")
    package static let districts = Route("/partnerships/:id/districts")
    package static let newDistrict = Route("/partnerships/:id/districts/new")
    package static let authorities = Route("/partnerships/:id/authorities")
    package static let newAuthority = Route("/partnerships/:id/authorities/new")
    package static let removeAuthority = Route("/partnerships/:id/authorities/:organisation/remove")
    package static let members = Route("/partnerships/:id/members")
    package static let membersCSV = Route("/partnerships/:id/members.csv")
    package static let newMember = Route("/partnerships/:id/members/new")
    package static let member = Route("/partnerships/:id/members/:membership")
    package static let editMember = Route("/partnerships/:id/members/:membership/edit")
    package static let endMember = Route("/partnerships/:id/members/:membership/end")
    package static let people = Route("/partnerships/:id/people")
    package static let newPerson = Route("/partnerships/:id/people/new")
    package static let person = Route("/people/:person")
    package static let editPerson = Route("/people/:person/edit")
    package static let organisations = Route("/organisations")
    package static let organisationsCSV = Route("/organisations.csv")
    package static let newOrganisation = Route("/organisations/new")
    package static let organisation = Route("/organisations/:id")
    package static let editOrganisation = Route("/organisations/:id/edit")

    // Crime data
    package static let crimeData = Route("/crime-data")
    package static let crimeImport = Route("/crime-data/import")
    package static let crimeImportReport = Route("/crime-data/imports/:id")
    package static let importJob = Route("/crime-data/jobs/:job")
    package static let importJobStatus = Route("/crime-data/jobs/:job/status")
    package static let crime = Route("/partnerships/:id/crime")
    package static let crimeByTypeCSV = Route("/partnerships/:id/crime/by-type.csv")
    package static let crimeOutcomesCSV = Route("/partnerships/:id/crime/outcomes.csv")
    package static let crimeLSOAsCSV = Route("/partnerships/:id/crime/lsoas.csv")
    package static let crimeLSOA = Route("/partnerships/:id/crime/lsoas/:lsoa")
    package static let crimeLSOACrimesCSV = Route("/partnerships/:id/crime/lsoas/:lsoa/crimes.csv")

    // The strategic assessment
    package static let assessment = Route("/partnerships/:id/assessment")
    package static let assessmentJSON = Route("/partnerships/:id/assessment.json")
    package static let assessmentPDF = Route("/partnerships/:id/assessment.pdf")
    package static let assessmentAPI = Route("/api/v1/partnerships/:id/assessment")
    package static let assessmentTable = Route("/partnerships/:id/assessment/tables/:table")
    package static let assessmentSettings = Route("/partnerships/:id/assessment/settings")
    package static let assessmentWeighting = Route("/partnerships/:id/assessment/settings/weighting")
    package static let assessmentWeights = Route("/partnerships/:id/assessment/settings/weights")
    package static let assessmentThemes = Route("/partnerships/:id/assessment/settings/themes")
    package static let removeAssessmentTheme = Route("/partnerships/:id/assessment/settings/themes/remove")
    package static let assessmentAdjustments = Route("/partnerships/:id/assessment/settings/adjustments")
    package static let assessmentVersions = Route("/partnerships/:id/assessment/versions")
    package static let assessmentVersion = Route("/partnerships/:id/assessment/versions/:version")
    package static let assessmentVersionTable = Route("/partnerships/:id/assessment/versions/:version/tables/:table")
    package static let approveAssessmentVersion = Route("/partnerships/:id/assessment/versions/:version/approve")
    package static let assessmentVersionPDF = Route("/partnerships/:id/assessment/versions/:version/document.pdf")

    // Meetings and papers
    package static let meetings = Route("/partnerships/:id/meetings")
    package static let meetingsCSV = Route("/partnerships/:id/meetings.csv")
    package static let meetingsCalendar = Route("/partnerships/:id/meetings.ics")
    package static let newMeeting = Route("/partnerships/:id/meetings/new")
    package static let meeting = Route("/partnerships/:id/meetings/:meeting")
    package static let agendaCSV = Route("/partnerships/:id/meetings/:meeting/agenda.csv")
    package static let decisionsCSV = Route("/partnerships/:id/decisions.csv")
    package static let editMeeting = Route("/partnerships/:id/meetings/:meeting/edit")
    package static let publishMeeting = Route("/partnerships/:id/meetings/:meeting/publish")
    package static let agendaItems = Route("/partnerships/:id/meetings/:meeting/items")
    package static let agendaItem = Route("/partnerships/:id/meetings/:meeting/items/:item")
    package static let moveAgendaItem = Route("/partnerships/:id/meetings/:meeting/items/:item/move")
    package static let removeAgendaItem = Route("/partnerships/:id/meetings/:meeting/items/:item/remove")
    package static let itemMinute = Route("/partnerships/:id/meetings/:meeting/items/:item/minute")
    package static let itemDecisions = Route("/partnerships/:id/meetings/:meeting/items/:item/decisions")
    package static let itemActions = Route("/partnerships/:id/meetings/:meeting/items/:item/actions")
    package static let itemPapers = Route("/partnerships/:id/meetings/:meeting/items/:item/papers")
    package static let paper = Route("/partnerships/:id/meetings/:meeting/papers/:paper")
    package static let attendance = Route("/partnerships/:id/meetings/:meeting/attendance")
    package static let approveMinutes = Route("/partnerships/:id/meetings/:meeting/approve-minutes")
    package static let boardPacks = Route("/partnerships/:id/meetings/:meeting/packs")
    package static let boardPack = Route("/partnerships/:id/meetings/:meeting/packs/:pack")
    package static let actionLog = Route("/partnerships/:id/actions")
    package static let actionLogCSV = Route("/partnerships/:id/actions.csv")
    package static let action = Route("/partnerships/:id/actions/:action")
    package static let termsOfReference = Route("/partnerships/:id/terms-of-reference")
    package static let editTermsOfReference = Route("/partnerships/:id/terms-of-reference/edit")
    package static let termsVersion = Route("/partnerships/:id/terms-of-reference/versions/:version")
    package static let approveTermsVersion = Route("/partnerships/:id/terms-of-reference/versions/:version/approve")
    package static let signOffs = Route("/partnerships/:id/terms-of-reference/versions/:version/sign-offs")
    package static let attendanceReport = Route("/partnerships/:id/attendance")
    package static let attendanceReportCSV = Route("/partnerships/:id/attendance.csv")
    package static let annualReport = Route("/partnerships/:id/annual-report")
    package static let annualReportPDF = Route("/partnerships/:id/annual-report.pdf")
    package static let personCalendar = Route("/people/:person/meetings.ics")
    package static let calendarLink = Route("/calendar-link")
    /// A member's own calendar, by the secret in its address: no session, as calendar programs send none.
    package static let calendarFeed = Route("/calendar/:token")
    package static let meetingsAPI = Route("/api/v1/partnerships/:id/meetings")
    package static let meetingAPI = Route("/api/v1/partnerships/:id/meetings/:meeting")
    package static let actionsAPI = Route("/api/v1/partnerships/:id/actions")

    // Funding
    package static let allocations = Route("/partnerships/:id/allocations")
    package static let allocationPreview = Route("/partnerships/:id/allocations/preview")
    package static let allocationVersion = Route("/partnerships/:id/allocations/versions/:version")
    package static let approveAllocation = Route("/partnerships/:id/allocations/versions/:version/approve")
    package static let reconciliation = Route("/partnerships/:id/reconciliation")
    package static let budget = Route("/partnerships/:id/budget")
    package static let budgetCSV = Route("/partnerships/:id/budget.csv")
    package static let budgetLine = Route("/partnerships/:id/budget/lines/:line")
    package static let budgetImport = Route("/partnerships/:id/budget/import")
    package static let budgetPaper = Route("/partnerships/:id/budget/paper")
    package static let budgetPaperPDF = Route("/partnerships/:id/budget/paper.pdf")
    package static let projection = Route("/partnerships/:id/projection")
    package static let projectionCSV = Route("/partnerships/:id/projection.csv")
    package static let allocationCSV = Route("/partnerships/:id/allocations/versions/:version/statement.csv")
    package static let allocationPDF = Route("/partnerships/:id/allocations/versions/:version/statement.pdf")
    package static let funding = Route("/partnerships/:id/funding")
    package static let fundingStreams = Route("/partnerships/:id/funding/streams")
    package static let fundingStreamsCSV = Route("/partnerships/:id/funding/streams.csv")
    package static let fundingStream = Route("/partnerships/:id/funding/streams/:stream")
    package static let pooledFunds = Route("/partnerships/:id/pooled-funds")
    package static let pooledFund = Route("/partnerships/:id/pooled-funds/:fund")
    package static let pooledFundCSV = Route("/partnerships/:id/pooled-funds/:fund/statement.csv")
    package static let poolMovementsCSV = Route("/partnerships/:id/pooled-funds/:fund/movements.csv")
    package static let fundingPrioritiesCSV = Route("/partnerships/:id/funding/priorities.csv")
    package static let poolContributors = Route("/partnerships/:id/pooled-funds/:fund/contributors")
    package static let poolMovements = Route("/partnerships/:id/pooled-funds/:fund/movements")
    package static let services = Route("/partnerships/:id/services")
    package static let servicesCSV = Route("/partnerships/:id/services.csv")
    package static let service = Route("/partnerships/:id/services/:service")
    package static let fundingAPI = Route("/api/v1/partnerships/:id/funding")
    package static let allocationsAPI = Route("/api/v1/partnerships/:id/allocations")

    // The partnership plan and its indicators
    package static let plan = Route("/partnerships/:id/plan")
    package static let planPriorities = Route("/partnerships/:id/plan/priorities")
    package static let planPriority = Route("/partnerships/:id/plan/priorities/:priority")
    package static let planVersions = Route("/partnerships/:id/plan/versions")
    package static let planVersion = Route("/partnerships/:id/plan/versions/:version")
    package static let planVersionPDF = Route("/partnerships/:id/plan/versions/:version/document.pdf")
    package static let approvePlan = Route("/partnerships/:id/plan/versions/:version/approve")
    package static let planActions = Route("/partnerships/:id/plan/priorities/:priority/actions")
    package static let planRisks = Route("/partnerships/:id/plan/priorities/:priority/risks")
    package static let priorityIndicators = Route("/partnerships/:id/plan/priorities/:priority/indicators")
    package static let planAction = Route("/partnerships/:id/plan/actions/:action")
    package static let indicators = Route("/partnerships/:id/indicators")
    package static let indicatorsCSV = Route("/partnerships/:id/indicators.csv")
    package static let indicatorsPaper = Route("/partnerships/:id/indicators/paper")
    package static let indicatorsPDF = Route("/partnerships/:id/indicators/paper.pdf")
    package static let indicator = Route("/partnerships/:id/indicators/:indicator")
    package static let indicatorValues = Route("/partnerships/:id/indicators/:indicator/values")
    package static let indicatorImport = Route("/partnerships/:id/indicators/:indicator/import")
    package static let planAPI = Route("/api/v1/partnerships/:id/plan")
    package static let engagementAPI = Route("/api/v1/partnerships/:id/engagement")
    package static let priorityPublic = Route("/partnerships/:id/plan/priorities/:priority/public")
    package static let publicPlan = Route("/public/partnerships/:id/plan")
    package static let agreement = Route("/partnerships/:id/community-safety-agreement")
    package static let agreementPDF = Route("/partnerships/:id/community-safety-agreement.pdf")
    package static let planChain = Route("/partnerships/:id/plan/chain")
    package static let planActionsCSV = Route("/partnerships/:id/plan/actions.csv")
    package static let agreementCSV = Route("/partnerships/:id/community-safety-agreement.csv")

    // The Hallmarks self-assessment
    package static let selfAssessment = Route("/partnerships/:id/self-assessment")
    package static let selfAssessmentRound = Route("/partnerships/:id/self-assessment/:round")
    package static let selfAssessmentClose = Route("/partnerships/:id/self-assessment/:round/close")
    package static let selfAssessmentCSV = Route("/partnerships/:id/self-assessment/:round/results.csv")
    package static let selfAssessmentImprovements = Route("/partnerships/:id/self-assessment/:round/improvements")

    // Consultations: kept by those who keep the plan, answered on the public site
    package static let consultations = Route("/partnerships/:id/consultations")
    package static let consultation = Route("/partnerships/:id/consultations/:consultation")
    package static let editConsultation = Route("/partnerships/:id/consultations/:consultation/edit")
    package static let withdrawConsultation = Route("/partnerships/:id/consultations/:consultation/withdraw")
    package static let consultationQuestions = Route("/partnerships/:id/consultations/:consultation/questions")
    package static let consultationQuestion = Route("/partnerships/:id/consultations/:consultation/questions/:question")
    package static let removeConsultationQuestion = Route("/partnerships/:id/consultations/:consultation/questions/remove")
    package static let consultationThemes = Route("/partnerships/:id/consultations/:consultation/themes")
    package static let consultationCSV = Route("/partnerships/:id/consultations/:consultation/results.csv")
    package static let consultationPublicConcern = Route("/partnerships/:id/consultations/:consultation/public-concern")
    package static let engagement = Route("/partnerships/:id/engagement")
    package static let engagementEvents = Route("/partnerships/:id/engagement/events")
    package static let engagementEvent = Route("/partnerships/:id/engagement/events/:event")
    package static let removeEngagementEvent = Route("/partnerships/:id/engagement/events/remove")
    package static let youSaidWeDid = Route("/partnerships/:id/engagement/you-said-we-did")
    package static let youSaidWeDidItem = Route("/partnerships/:id/engagement/you-said-we-did/:item")
    package static let removeYouSaidWeDid = Route("/partnerships/:id/engagement/you-said-we-did/remove")
    package static let youSaidWeDidPublish = Route("/partnerships/:id/engagement/you-said-we-did/publish")
    package static let publicYouSaidWeDid = Route("/public/partnerships/:id/you-said-we-did")
    package static let publicConsultations = Route("/public/partnerships/:id/consultations")
    package static let publicConsultation = Route("/public/partnerships/:id/consultations/:consultation")
    package static let changePriority = Route("/partnerships/:id/plan/priorities/:priority/change")
    package static let withdrawPriority = Route("/partnerships/:id/plan/priorities/:priority/withdraw")
    package static let planStrategies = Route("/partnerships/:id/plan/priorities/:priority/strategies")
    package static let changeAction = Route("/partnerships/:id/plan/actions/:action/change")
    package static let actionMilestones = Route("/partnerships/:id/plan/actions/:action/milestones")
    package static let actionMilestone = Route("/partnerships/:id/plan/actions/:action/milestones/:milestone")
    package static let removeStrategy = Route("/partnerships/:id/plan/priorities/:priority/strategies/remove")
    package static let removeRisk = Route("/partnerships/:id/plan/priorities/:priority/risks/remove")
    package static let changeIndicator = Route("/partnerships/:id/indicators/:indicator/change")
    package static let removeIndicatorValue = Route("/partnerships/:id/indicators/:indicator/values/remove")

    // The public pages, all beneath one prefix: no session, their own frame (see `PublicPagesMiddleware`)
    // Casework: statutory reviews, seen only by each case's team.
    package static let asbCaseReviews = Route("/partnerships/:id/asb-case-reviews")
    package static let asbCaseReview = Route("/partnerships/:id/asb-case-reviews/:review")
    package static let asbCaseReviewGlass = Route("/partnerships/:id/asb-case-reviews/:review/break-glass")
    package static let asbCaseReviewDecision = Route("/partnerships/:id/asb-case-reviews/:review/decision")
    package static let asbCaseReviewMeeting = Route("/partnerships/:id/asb-case-reviews/:review/meeting")
    package static let asbCaseReviewAppeal = Route("/partnerships/:id/asb-case-reviews/:review/appeal")
    package static let asbCaseReviewTeam = Route("/partnerships/:id/asb-case-reviews/:review/team")
    package static let asbCaseReviewLetter = Route("/partnerships/:id/asb-case-reviews/:review/letter")
    package static let homicideReviews = Route("/partnerships/:id/homicide-reviews")
    package static let homicideReview = Route("/partnerships/:id/homicide-reviews/:review")
    package static let homicideReviewGlass = Route("/partnerships/:id/homicide-reviews/:review/break-glass")
    package static let homicideReviewDecision = Route("/partnerships/:id/homicide-reviews/:review/decision")
    package static let homicideReviewProgress = Route("/partnerships/:id/homicide-reviews/:review/progress")
    package static let homicideReviewReports = Route("/partnerships/:id/homicide-reviews/:review/reports")
    package static let homicideReviewReportReceived = Route("/partnerships/:id/homicide-reviews/:review/reports/received")
    package static let homicideReviewActions = Route("/partnerships/:id/homicide-reviews/:review/actions")
    package static let homicideReviewActionDone = Route("/partnerships/:id/homicide-reviews/:review/actions/done")
    package static let homicideReviewCosts = Route("/partnerships/:id/homicide-reviews/:review/costs")
    package static let homicideReviewTeam = Route("/partnerships/:id/homicide-reviews/:review/team")
    package static let caseworkAPI = Route("/api/v1/partnerships/:id/casework")
    package static let iom = Route("/partnerships/:id/iom")
    package static let iomCSV = Route("/partnerships/:id/iom.csv")
    package static let cohort = Route("/partnerships/:id/iom/people")
    package static let cohortMember = Route("/partnerships/:id/iom/people/:person")
    package static let cohortMemberGlass = Route("/partnerships/:id/iom/people/:person/break-glass")
    package static let cohortMemberExit = Route("/partnerships/:id/iom/people/:person/exit")
    package static let cohortMemberTeam = Route("/partnerships/:id/iom/people/:person/team")
    package static let sharingAgreements = Route("/partnerships/:id/sharing-agreements")
    package static let sharingAgreementsCSV = Route("/partnerships/:id/sharing-agreements.csv")
    package static let sharingAgreement = Route("/partnerships/:id/sharing-agreements/:agreement")
    package static let sharingAgreementReview = Route("/partnerships/:id/sharing-agreements/:agreement/review")
    package static let caseSettings = Route("/partnerships/:id/casework/settings")
    package static let caseViews = Route("/case-views")
    package static let subjectAccess = Route("/subject-access")
    package static let publicASBCaseReview = Route("/public/partnerships/:id/asb-case-review")
    package static let arrangementReviews = Route("/partnerships/:id/arrangement-reviews")
    package static let arrangementReview = Route("/partnerships/:id/arrangement-reviews/:review")
    package static let arrangementReviewFormula = Route("/partnerships/:id/arrangement-reviews/:review/formula")
    package static let arrangementReviewPositions = Route("/partnerships/:id/arrangement-reviews/:review/positions")
    package static let arrangementReviewRecommendation = Route("/partnerships/:id/arrangement-reviews/:review/recommendation")
    package static let arrangementReviewAppraisal = Route("/partnerships/:id/arrangement-reviews/:review/appraisal")
    package static let arrangementReviewAppraisalPDF = Route("/partnerships/:id/arrangement-reviews/:review/appraisal.pdf")
    package static let appraisalVersions = Route("/partnerships/:id/arrangement-reviews/:review/appraisal/versions")
    package static let appraisalVersion = Route("/partnerships/:id/arrangement-reviews/:review/appraisal/versions/:version")
    package static let appraisalVersionPDF = Route("/partnerships/:id/arrangement-reviews/:review/appraisal/versions/:version/document.pdf")
    package static let approveAppraisal = Route("/partnerships/:id/arrangement-reviews/:review/appraisal/versions/:version/approve")
    package static let arrangementReviewCSV = Route("/partnerships/:id/arrangement-reviews/:review/tables/:table")
    package static let arrangementOptions = Route("/partnerships/:id/arrangement-reviews/:review/options")
    package static let arrangementOption = Route("/partnerships/:id/arrangement-reviews/:review/options/:option")
    package static let arrangementOptionWords = Route("/partnerships/:id/arrangement-reviews/:review/options/:option/words")
    package static let arrangementOptionPartnerships = Route("/partnerships/:id/arrangement-reviews/:review/options/:option/partnerships")
    package static let arrangementOptionBoards = Route("/partnerships/:id/arrangement-reviews/:review/options/:option/boards")
    package static let arrangementOptionThemes = Route("/partnerships/:id/arrangement-reviews/:review/options/:option/themes")
    package static let mergers = Route("/partnerships/:id/mergers")
    package static let merger = Route("/partnerships/:id/mergers/:merger")
    package static let mergerAgreements = Route("/partnerships/:id/mergers/:merger/agreements")
    package static let mergerApprovals = Route("/partnerships/:id/mergers/:merger/approvals")
    package static let mergerDate = Route("/partnerships/:id/mergers/:merger/effective-date")
    package static let mergerComplete = Route("/partnerships/:id/mergers/:merger/complete")
    package static let mergerWithdraw = Route("/partnerships/:id/mergers/:merger/withdraw")
    package static let arrangementReviewsAPI = Route("/api/v1/partnerships/:id/arrangement-reviews")
    package static let arrangementReviewAPI = Route("/api/v1/partnerships/:id/arrangement-reviews/:review")
    package static let mergersAPI = Route("/api/v1/partnerships/:id/mergers")
    package static let mergerAgreementsAPI = Route("/api/v1/partnerships/:id/mergers/:merger/agreements")
    package static let mergerApprovalsAPI = Route("/api/v1/partnerships/:id/mergers/:merger/approvals")
    package static let mergerCompleteAPI = Route("/api/v1/partnerships/:id/mergers/:merger/complete")
    package static let publicPages = "/public/"
    package static let publicPartnerships = Route("/public/partnerships")
    package static let publicPartnership = Route("/public/partnerships/:id")
    package static let publicMeetings = Route("/public/partnerships/:id/meetings")
    package static let publicMeetingsCalendar = Route("/public/partnerships/:id/meetings.ics")
    package static let publicMeeting = Route("/public/partnerships/:id/meetings/:meeting")
    package static let publicPaper = Route("/public/partnerships/:id/meetings/:meeting/papers/:paper")
    package static let publicPack = Route("/public/partnerships/:id/meetings/:meeting/pack.pdf")
}
