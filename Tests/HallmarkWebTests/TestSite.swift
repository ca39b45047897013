import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkEngagement
import HallmarkFunding
import HallmarkKit
import HallmarkMeetings
import HallmarkPlan
import HallmarkRestructuring
import HallmarkReviews
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A small county for route tests: county group above CSPs A and B, a sub-group of A,
/// a person and a membership in each, and one signed-in account per role, all given CSP A
/// (the county officer is given the county). Built fresh for each test on either database.
struct TestSite: Sendable {
    let deps: Dependencies
    /// The key the test site seals case data with: 32 bytes of 7.
    static let caseKeys = "test:" + Data(repeating: 7, count: 32).base64EncodedString()
    let county: Partnership
    let cspA: Partnership
    let cspB: Partnership
    let subGroupA: Partnership
    let personA: Person
    let personB: Person
    let membershipB: Membership
    let organisation: Organisation
    let tokens: [Role: String]
    /// A meeting of each CSP, months ahead, published, with an item, a paper, an action and a public pack (Alpha's).
    let meetings: Meetings
    /// A draft allocation statement of the county's.
    let allocationVersionID: RecordID<RecordVersion>
    /// A budget line of Alpha's for 2026/27.
    let budgetLineA: BudgetLine
    let funds: Funds
    let plan: Plan
    /// A message waiting in the outbox.
    let outboxMessage: OutboxMessage
    /// A named round of Alpha's self-assessment, closed early with no answers.
    let selfAssessmentA: SelfAssessmentRound
    /// Alpha's consultation, open since January 2026 (to 2099), with one question.
    let consultationA: Consultation
    var consultationQuestionA: ConsultationQuestion { consultationQuestions[0] }
    let consultationQuestions: [ConsultationQuestion]
    /// An event Beta held with residents, and a "you said, we did" answer raised at it.
    let engagementB: (event: EngagementEvent, item: YouSaidWeDid)
    /// An ASB Case Review of Alpha's, applied for on 2 November 2026 and found to meet the
    /// threshold on the 5th, whose team is the coordinator.
    let asbReviewA: ASBCaseReview
    /// A homicide review of Alpha's, notified on 2 November 2026, whose team is the coordinator.
    let homicideReviewA: HomicideReview
    /// Alpha's information-sharing agreement, next reviewed in 2099.
    let sharingAgreementA: SharingAgreement
    /// Someone in Alpha's IOM cohort since 2 November 2026, whose record's team is the coordinator.
    let cohortMemberA: CohortMember
    /// The county's review of its arrangements, with one option: today's structure.
    let arrangementReview: ArrangementReview
    let arrangementOption: ArrangementOption
    /// The review's appraisal saved for the board, a draft.
    let appraisalVersion: RecordVersion
    /// Alpha and Beta proposed to merge into Gamma on 1 April 2031; no step taken yet.
    let merger: Merger
    /// Alpha's plan: a priority added with a reason; an action the board member owns and one
    /// nobody does; an entered indicator.
    struct Plan {
        let priorityA: PlanPriority
        let ownedAction: PlanAction
        let unownedAction: PlanAction
        /// A step of the owned action.
        let milestoneA: PlanMilestone
        let indicatorA: Indicator
        let versionA: RecordVersion

        static func build(_ deps: Dependencies, a: Partnership, author: ChangeAuthor) async throws -> Plan {
            let plans = deps.plan.plans
            let priority = try await plans.addPriority(
                PlanForms.Priority(title: "Domestic abuse", reason: "Repeat victims", theme: ""), version: nil, evidence: "", to: a.id, by: author)
            let board = try await deps.accounts.user(email: TestSite.email(.boardMember))!
            func action(_ title: String, owner: Int64?) async throws -> PlanAction {
                try await plans.addAction(
                    PlanForms.Action(title: title, ownerOrganisation: "Test Police", ownerUserID: owner, dueOn: CalendarDate("2026-06-30")!, budgetLineID: nil),
                    ownerName: owner == nil ? "Test Police" : board.name, to: priority, by: author)
            }
            let owned = try await action("Train call handlers", owner: board.id)
            return Plan(
                priorityA: priority, ownedAction: owned, unownedAction: try await action("Review MARAC", owner: nil),
                milestoneA: try await plans.addMilestone((title: "Trainer booked", dueOn: CalendarDate("2026-05-31")!), to: owned, in: a.id, by: author),
                indicatorA: try await plans.addIndicator(
                    Indicator(
                        id: 0, partnershipID: a.id, priorityID: priority.id, name: "Repeat referrals", definition: "", unit: "%", polarity: .lowerIsBetter, crimeTypes: [],
                        baseline: 30, target: 25, tolerance: 5, owner: "MARAC chair"), by: author),
                versionA: try await deps.plan.versions.saveDraft(partnershipID: a.id, title: "Partnership plan 2026/27 to 2028/29", fingerprint: "test", by: author) { _ in
                    ["plan.html": "<main id=\"main\" class=\"page\"><p id=\"status\" class=\"status\">Draft</p></main>", "status": "Draft"]
                })
        }
    }
    /// Alpha's funding stream, pooled fund (with one partner) and commissioned service.
    struct Funds {
        let streamA: FundingStream
        let fundA: PooledFund
        let contributorA: PoolContributor
        let serviceA: CommissionedService

        static func build(_ deps: Dependencies, a: Partnership, author: ChangeAuthor) async throws -> Funds {
            let f = deps.funding
            let year = FinancialYear("2026/27")!
            let fund = try await f.pools.add(PoolForms.Fund(year: year, name: "DHR fund", purpose: "", target: .pounds(3_000)), to: a.id, by: author)
            return Funds(
                streamA: try await f.streams.add(
                    FundingStreamDraft(year: year, name: "Community safety grant", source: .pccGrant, funder: "OPCC", amount: .pounds(40_000)), to: a.id, by: author),
                fundA: fund, contributorA: try await f.pools.addContributor("Test Police", parts: 1, to: fund.id, in: a.id, by: author),
                serviceA: try await f.commissioning.add(
                    CommissionedServiceDraft(
                        name: "IDVA service", provider: "Haven", startsOn: CalendarDate("2026-04-01")!, endsOn: CalendarDate("2031-03-31")!, value: .pounds(10_000),
                        outcomes: "", reportDueOn: nil, renewal: .undecided, funders: [.init(name: "OPCC", amount: .pounds(10_000))]), to: a.id, by: author))
        }
    }

    struct Meetings: Sendable {
        let a: Meeting
        let b: Meeting
        let itemA: AgendaItem
        let itemB: AgendaItem
        let paperA: Paper
        let actionA: Action
        let packA: BoardPack
        let termsA: RecordVersion
        let termsB: RecordVersion

        static func build(_ deps: Dependencies, a: Partnership, b: Partnership, author: ChangeAuthor) async throws -> Meetings {
            let service = deps.meetings
            // Far ahead and fixed, so that pages showing it stay as their snapshots.
            let day = CalendarDate("2099-03-14")!
            func meeting(_ p: Partnership) async throws -> (Meeting, AgendaItem) {
                let m = try await service.meetings.create(
                    [MeetingDraft(title: "\(p.name) Board", date: day, startTime: "14:00", endTime: "16:00", venue: "Town Hall")], in: p.id,
                    standing: TermsOfReference.starting.standingItems, by: author)[0]
                try await service.meetings.setPublished(m.id, in: p.id, true, by: author)
                let item = try await service.meetings.addItem(ItemDraft(title: "Annual plan", purpose: .decision, durationMinutes: 20), to: m.id, in: p.id, by: author)
                return (try await service.meetings.find(m.id, in: p.id)!, item)
            }
            let (ma, itemA) = try await meeting(a)
            let (mb, itemB) = try await meeting(b)
            let paper = try await service.papers.add(
                PaperUpload(title: "Plan", fileName: "plan.txt", format: .text, bytes: Data("The plan.".utf8)), to: itemA.id, of: ma.id, in: a.id, by: author)
            let action = try await service.minutes.addAction(
                ActionDraft(text: "Write to the council", ownerPersonID: nil, ownerOrganisationID: nil, dueDate: day), under: itemA.id, of: ma.id, in: a.id, today: day, by: author)
            let pack = try await service.papers.addPack(
                Data("%PDF-1.4 test".utf8), pages: 1, audience: .public, agendaVersion: try await service.papers.agendaVersion(of: ma.id), for: ma.id, in: a.id, by: author)
            return Meetings(
                a: ma, b: mb, itemA: itemA, itemB: itemB, paperA: paper, actionA: action, packA: pack,
                termsA: try await service.terms.saveDraft(.starting, for: a.id, by: author), termsB: try await service.terms.saveDraft(.starting, for: b.id, by: author))
        }
    }
    /// The import made by `build(_:crime:)`, when asked for.
    var crimeImportID: Int64? = nil
    /// A draft assessment of Alpha saved by `build(_:crime:)`.
    var assessmentVersionID: RecordID<RecordVersion>? = nil

    static let password = "correct horse battery staple"

    static func email(_ role: Role) -> String { "\(role.rawValue)@example.org" }

    /// Blaby's districts for Alpha, Charnwood's for Beta: an LSOA in each.
    static let blaby = District(code: GSSCode("E07000129")!, name: "Blaby")
    static let charnwood = District(code: GSSCode("E07000130")!, name: "Charnwood")
    static let alphaLSOA = try! AreaLookup.shipped().lsoas(inDistricts: [blaby.code]).first!.code
    static let betaLSOA = try! AreaLookup.shipped().lsoas(inDistricts: [charnwood.code]).first!.code

    /// The same site with Blaby given to Alpha, Charnwood to Beta, and one month of crime in
    /// each imported: one burglary in Alpha's LSOA, two in Beta's.
    static func build(_ store: Store, crime: Bool) async throws -> TestSite {
        var site = try await build(store)
        guard crime else { return site }
        let author = ChangeAuthor.system("fixture")
        try await site.deps.partnerships.addDistrict(blaby, to: site.cspA.id, by: author)
        try await site.deps.partnerships.addDistrict(charnwood, to: site.cspB.id, by: author)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context"
        let rows = [(alphaLSOA, "a"), (betaLSOA, "b"), (betaLSOA, "c")].map { lsoa, id in
            String(repeating: id, count: 64) + ",2022-03,Leicestershire Police,Leicestershire Police,-1.15,52.6,On or near Test Street,\(lsoa),Test,Burglary,Under investigation,"
        }
        try ([header] + rows).joined(separator: "\n").write(to: folder.appendingPathComponent("2022-03-leicestershire-street.csv"), atomically: true, encoding: .utf8)
        site.crimeImportID = try await CrimeImporter(store: store, lookup: site.deps.crimeData.areas).importStreetFiles(
            at: folder.path, source: "Fixture: 2022-03-leicestershire-street.csv", by: author
        ).importID
        let draft = try await StrategicAssessment.build(site.cspA, to: MonthNumber.parse("2022-03")!, deps: site.deps.assessment)
        site.assessmentVersionID = try await AssessmentRepository(store: store).saveDraft(
            partnershipID: site.cspA.id, period: draft.period, fingerprint: draft.fingerprint, settingsJSON: "{}",
            figuresJSON: String(decoding: try draft.json(), as: UTF8.self), tablesJSON: try draft.tablesJSON(),
            html: { [id = site.cspA.id] in draft.html(partnershipID: id, version: $0) }, by: author
        ).id
        return site
    }

    static func build(_ store: Store) async throws -> TestSite {
        // No weekly digest: a test that wants one starts it, so that none arrives unasked.
        let deps = Dependencies(store: store, settings: Settings(bcryptCost: 4, weeklyDigest: false, caseKeys: TestSite.caseKeys))
        let author = ChangeAuthor.system("fixture")
        let county = try await deps.partnerships.create(.init(kind: .countyStrategyGroup, name: "Test County Board"), by: author)
        let a = try await deps.partnerships.create(.init(kind: .communitySafetyPartnership, name: "Alpha CSP", onsCode: GSSCode("E22000164"), parentID: county.id), by: author)
        let b = try await deps.partnerships.create(.init(kind: .communitySafetyPartnership, name: "Beta CSP", onsCode: GSSCode("E22000165"), parentID: county.id), by: author)
        let sub = try await deps.partnerships.create(.init(kind: .subGroup, name: "Alpha JAG", parentID: a.id, subGroupType: .jointAction), by: author)
        let organisation = try await deps.organisations.create(.init(name: "Test Police", type: .police), by: author)
        let personA = try await deps.people.create(.init(name: "Alice Alpha"), keptBy: a.id, by: author)
        let personB = try await deps.people.create(.init(name: "Bob Beta"), keptBy: b.id, by: author)
        let membershipB = try await deps.memberships.create(
            .init(
                personID: personB.id, vote: .voting, office: .chair,
                startDate: CalendarDate("2024-04-01")!), in: b.id, by: author)
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            let grants: [RecordID<Partnership>] = role == .administrator ? [] : role == .countyOfficer ? [county.id] : [a.id]
            let user = try await deps.accounts.createUser(
                email: email(role), name: role.label, passwordHash: deps.hasher.hash(password),
                role: role, partnerships: grants, by: author)
            let token = APIToken.make()
            _ = try await deps.accounts.createAPIToken(userID: user.id, name: "test", tokenHash: token.hash, by: author)
            tokens[role] = token.value
        }
        // Alpha's consultation, set up the day before it opened.
        let opened = CalendarDate("2026-01-05")!
        let consultationA = try await deps.engagement.consultations.add(
            (title: "Feeling safe", introduction: "", opensOn: opened, closesOn: CalendarDate("2099-12-31")!, onePerDevice: false), to: a.id, by: author)
        let consultationQuestions = [
            try await deps.engagement.consultations.addQuestion(
                (kind: .single, text: "Do you feel safe?", options: ["Yes", "No"]), to: consultationA, today: opened.adding(days: -1), by: author)
        ]
        return TestSite(
            deps: deps, county: county, cspA: a, cspB: b, subGroupA: sub, personA: personA, personB: personB,
            membershipB: membershipB, organisation: organisation, tokens: tokens, meetings: try await Meetings.build(deps, a: a, b: b, author: author),
            allocationVersionID: try await {
                let request = try AllocationRequest.validate(
                    ["year": "2026/27", "pot": "£1,000", "method": "pro_rata", "previous_\(a.id)": "1", "previous_\(b.id)": "1"],
                    recipients: [("\(a.id)", Recipient(code: "E22000164", name: a.name)), ("\(b.id)", Recipient(code: "E22000165", name: b.name))])
                return try await deps.funding.save(request, try request.allocate(), for: county, savedBy: "the fixture", by: author).id
            }(),
            budgetLineA: try await BudgetRepository(store: store).add(
                BudgetLineDraft(name: "IDVA service", budget: .pounds(25_000), committed: .pounds(20_000), spent: [.pounds(5_000), .zero, .zero, .zero]), to: a.id,
                in: FinancialYear("2026/27")!, by: author),
            funds: try await Funds.build(deps, a: a, author: author), plan: try await Plan.build(deps, a: a, author: author),
            outboxMessage: try await deps.outbox.add(
                [Letter(userID: nil, toAddress: "someone@test.example", toName: "Someone", subject: "Test message", body: "Hello")], kind: "test")[0],
            selfAssessmentA: try await {
                let round = try await deps.engagement.selfAssessment.open(
                    title: "Self-assessment 2025", anonymous: false, closesOn: CalendarDate("2099-12-31")!, in: a.id, by: author)
                try await deps.engagement.selfAssessment.close(round, by: author)
                return try await deps.engagement.selfAssessment.round(round.id, in: a.id)!
            }(),
            consultationA: consultationA, consultationQuestions: consultationQuestions,
            engagementB: try await {
                let event = try await deps.engagement.engagement.addEvent(
                    (kind: .faceThePeople, heldOn: CalendarDate("2026-09-01")!, place: "Beta Hall", attendance: 30, issues: ""), to: b.id, by: author)
                let item = try await deps.engagement.engagement.addItem(
                    (said: "Speeding", did: "Camera van", eventID: event.id, actionID: nil, published: false), to: b.id, by: author)
                return (event, item)
            }(),
            asbReviewA: try await {
                let applied = try await deps.reviews.asb().apply(
                    (
                        name: "Pat Fixture", contact: "01234 000000", address: "2 Fixture Row", onBehalf: false,
                        complaints: ["2026-08-03", "2026-09-14", "2026-09-20"].map { ASBComplaint(reportedOn: CalendarDate($0)!, reportedTo: "the council", about: "Noise") }
                    ), on: CalendarDate("2026-10-01")!, madeBy: "the fixture", settings: CaseSettings(),
                    team: [try await deps.accounts.user(email: TestSite.email(.coordinator))!.id], to: a.id, by: author)
                // Decided, so that its letter can be written; its meeting's day long past, so that
                // the page says the same whatever day the tests run.
                return try await deps.reviews.asb().change(applied.id, in: a.id, by: author) { r in
                    r.thresholdMet = true
                    r.decidedOn = CalendarDate("2026-10-05")!
                }
            }(),
            homicideReviewA: try await deps.reviews.homicide().notify(
                // Its decision's day long past, so that the page says the same whatever day the tests run.
                (kind: .dhr, notifiedOn: CalendarDate("2026-10-02")!, victimName: "Sam Fixture", circumstances: "Fixture"),
                team: [try await deps.accounts.user(email: TestSite.email(.coordinator))!.id], to: a.id, by: author),
            sharingAgreementA: try await deps.reviews.sharing.add(
                (
                    title: "ASB case information", parties: ["Alpha Council", "Test Police"], purpose: "Reviewing ASB cases", basis: .publicTask, special: "",
                    items: "Names, addresses, incidents", retention: "Two years after closing", signed: CalendarDate("2026-04-01")!, review: CalendarDate("2099-04-01")!,
                    signatories: ["Head of Community Safety"]
                ), to: a.id, by: author),
            cohortMemberA: try await deps.reviews.cohort().add(
                (name: "Jo Fixture", notes: "", enteredOn: CalendarDate("2026-11-02")!), team: [try await deps.accounts.user(email: TestSite.email(.coordinator))!.id],
                to: a.id, by: author),
            arrangementReview: try await deps.restructuring.reviews.open("Review of arrangements", formula: .starting, in: county.id, on: CalendarDate("2026-11-02")!, by: author),
            arrangementOption: try await {
                let review = try await deps.restructuring.reviews.reviews(of: county.id)[0]
                return try await deps.restructuring.reviews.addOption(
                    "As today", summary: "", structure: try await deps.restructuring.today(of: county, on: .today()), to: review, by: author)
            }(),
            appraisalVersion: try await {
                let review = try await deps.restructuring.reviews.reviews(of: county.id)[0]
                let model = ReviewView.Model(
                    county: county, review: review, comparison: try await deps.restructuring.comparison(review, county: county, on: .today()), positions: [],
                    canEdit: false, today: .today())
                return try await deps.restructuring.saveAppraisal(model, for: "the county board", savedBy: "the fixture", by: author)
            }(),
            merger: try await deps.restructuring.mergers.propose(
                sources: [a, b], successors: [.init(name: "Gamma CSP", onsCode: GSSCode("E22000991")!, districts: [TestSite.blaby, TestSite.charnwood])], members: .move,
                subGroups: .move, terms: .copy, effectiveOn: CalendarDate("2031-04-01")!, in: county.id, on: CalendarDate("2026-11-02")!, by: author))
    }

    var application: some ApplicationProtocol {
        var logger = Logger(label: "hallmark-test")
        logger.logLevel = .warning
        return Application(router: buildRouter(deps), services: backgroundServices(deps, logger: logger), logger: logger)
    }
}

/// Runs `body` against a fresh site on the given database.
func withSite(_ backend: Backend, crime: Bool = false, _ body: @escaping @Sendable (TestSite, any TestClientProtocol) async throws -> Void) async throws {
    try await withStore(backend) { store in
        let site = try await TestSite.build(store, crime: crime)
        try await site.application.test(.router) { client in try await body(site, client) }
    }
}

/// A browser: keeps the session cookie and the CSRF token of the last page it saw.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookie: String?
    var csrf: String = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ path: String) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        let response = try await client.execute(uri: path, method: .get, headers: headers)
        remember(response)
        return response
    }

    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: Bool = true, headers more: HTTPFields = [:]) async throws -> TestResponse {
        var all = fields
        if csrf, all["csrf_token"] == nil { all["csrf_token"] = self.csrf }
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        headers.append(contentsOf: more)
        if let cookie { headers[.cookie] = cookie }
        let body = all.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// A removal or withdrawal, sent as a person sends it: the button's form first, which must
    /// come back as a page asking `question` with nothing done yet (`stillThere` true), then the
    /// form on that page, exactly as it carries the fields.
    @discardableResult
    func postConfirming(
        _ path: String, _ fields: [String: String], asks question: String, stillThere: () async throws -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> TestResponse {
        let asked = try await post(path, fields)
        let page = asked.text
        #expect(asked.status == .ok && page.contains("<h1>\(question)</h1>"), "asks “\(question)”", sourceLocation: sourceLocation)
        #expect(try await stillThere(), "nothing is done before the answer", sourceLocation: sourceLocation)
        let carried = try Self.hiddenFields(of: page, action: path, sourceLocation: sourceLocation)
        #expect(carried["confirmed"] == "yes", sourceLocation: sourceLocation)
        for (name, value) in fields { #expect(carried[name] == value, "the question's form carries \(name)", sourceLocation: sourceLocation) }
        return try await post(path, carried)
    }

    /// The hidden fields of the page's form that posts to `action`, as a browser sends them.
    static func hiddenFields(of page: String, action: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: String] {
        let opened = try #require(page.components(separatedBy: "<form method=\"post\" action=\"\(action)\"").dropFirst().first, sourceLocation: sourceLocation)
        let form = try #require(opened.components(separatedBy: "</form>").first, sourceLocation: sourceLocation)
        var fields: [String: String] = [:]
        for input in form.matches(of: /<input type="hidden" name="([^"]*)" value="([^"]*)"\/?>/) {
            fields[Self.unescape(String(input.1))] = Self.unescape(String(input.2))
        }
        return fields
    }

    static func unescape(_ attribute: String) -> String {
        [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")].reduce(attribute) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// A form with one file, as a browser sends it: the CSRF token first (or the one given), then
    /// the fields, then the file.
    func upload(_ path: String, fields: [(String, String)] = [], file: (field: String, name: String, bytes: Data), token: String? = nil) async throws -> TestResponse {
        var form = CrimeUploadTests.Multipart()
        form.field("csrf_token", token ?? csrf)
        for (name, value) in fields { form.field(name, value) }
        form.file(file.field, filename: file.name, file.bytes)
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(CrimeUploadTests.Multipart.boundary)"]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(data: form.finished()))
    }

    func signIn(as role: Role) async throws {
        try await get("/sign-in")
        let response = try await post("/sign-in", ["email": TestSite.email(role), "password": TestSite.password])
        #expect(response.status == .seeOther, "sign-in as \(role) should succeed")
    }

    private func remember(_ response: TestResponse) {
        for value in response.headers[values: .setCookie] where value.hasPrefix("hallmark_session=") {
            cookie = String(value.prefix { $0 != ";" })
        }
        let html = String(buffer: response.body)
        if let range = html.range(of: "name=\"csrf_token\" value=\"") {
            // Like a person pressing Back after a refusal, keep the last token a page gave.
            let token = String(html[range.upperBound...].prefix { $0 != "\"" })
            if !token.isEmpty { csrf = token }
        }
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// The real police.uk files in ../shared/data, used where they lie, and scratch copies of them.
enum PoliceFiles {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("../shared/data/police-uk").standardized

    /// A scratch folder holding copies of some real files (and, optionally, a broken one).
    static func copy(_ files: [String], extra: [String: String] = [:]) throws -> URL {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        for file in files {
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent(file),
                to: scratch.appendingPathComponent((file as NSString).lastPathComponent))
        }
        for (name, text) in extra { try text.write(to: scratch.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return scratch
    }
}
