import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Every page template as HTML, from the same fixture every time, compared with the copy kept
/// in `Snapshots/`: a change to any page shows as a reviewable diff of that file. Run with
/// HALLMARK_RECORD_SNAPSHOTS=1 to write the files afresh after a deliberate change, then read
/// the diff before committing it.
@Suite("Page snapshots")
struct PageSnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let recording = ProcessInfo.processInfo.environment["HALLMARK_RECORD_SNAPSHOTS"] == "1"

    /// The page as kept: without what changes from one run to the next and means nothing (tokens,
    /// the time of the run), a tag a line.
    static func steady(_ html: String) -> String {
        let text = html.replacingOccurrences(of: #"name="(csrf_token|started|stamp)" value="[^"]*""#, with: #"name="$1" value="…""#, options: .regularExpression)
            // A job's number depends on how many daily jobs the server queued as it started.
            .replacingOccurrences(of: #"/crime-data/jobs/\d+"#, with: "/crime-data/jobs/N", options: .regularExpression)
            // Days since a case began grow by one a day.
            .replacingOccurrences(of: #"<span class="elapsed">-?\d+</span>"#, with: #"<span class="elapsed">N</span>"#, options: .regularExpression)
            // A new plan, allocation or pooled fund is offered this financial year or the next,
            // which moves each 1 April.
            .replacingOccurrences(
                of: #"name="(year|first_year)" value="\d{4}/\d{2}""#, with: #"name="$1" value="YYYY/YY""#, options: .regularExpression)
        // A tag a line, so that a change shows as the lines it touches.
        return withoutToday(text).replacingOccurrences(of: #"\b\d{2}:\d{2}\b"#, with: "HH:MM", options: .regularExpression)
            .replacingOccurrences(of: "><", with: ">\n<") + "\n"
    }

    /// Today's date, which moves, written as TODAY. Applied to the kept snapshot as well: a
    /// fixed date in it (a review due on 2 December 2026) is today once.
    static func withoutToday(_ text: String) -> String {
        let today = CalendarDate.today()
        return [(today.long, "TODAY"), (today.iso, "TODAY-ISO")].reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// The pages, by snapshot name: who asks, and where.
    static func pages(_ site: TestSite, lsoa: String, job: RecordID<Job>) -> [(name: String, role: Role?, path: String)] {
        let a = site.cspA.id, version = site.assessmentVersionID!, m = site.meetings
        return [
            ("home", nil, "/"),
            ("sign-in", nil, "/sign-in"),
            ("public-partnerships", nil, "/public/partnerships"),
            ("public-partnership", nil, "/public/partnerships/\(a)"),
            ("public-county", nil, "/public/partnerships/\(site.county.id)"),
            ("public-not-found", nil, "/public/partnerships/999999"),
            ("not-found", .administrator, "/partnerships/999999"),
            ("partnerships", .administrator, "/partnerships"),
            ("partnership-new", .administrator, "/partnerships/new"),
            ("partnership", .administrator, "/partnerships/\(a)"),
            ("partnership-edit", .administrator, "/partnerships/\(a)/edit"),
            ("sub-group-new", .administrator, "/partnerships/\(a)/sub-groups/new"),
            ("district-new", .administrator, "/partnerships/\(a)/districts/new"),
            ("authority-new", .administrator, "/partnerships/\(a)/authorities/new"),
            ("member-new", .administrator, "/partnerships/\(site.cspB.id)/members/new"),
            ("member-edit", .administrator, "/partnerships/\(site.cspB.id)/members/\(site.membershipB.id)/edit"),
            ("member-end", .administrator, "/partnerships/\(site.cspB.id)/members/\(site.membershipB.id)/end"),
            ("person-new", .administrator, "/partnerships/\(a)/people/new"),
            ("person", .administrator, "/people/\(site.personA.id)"),
            ("person-edit", .administrator, "/people/\(site.personA.id)/edit"),
            ("organisations", .administrator, "/organisations"),
            ("organisation-new", .administrator, "/organisations/new"),
            ("organisation", .administrator, "/organisations/\(site.organisation.id)"),
            ("organisation-edit", .administrator, "/organisations/\(site.organisation.id)/edit"),
            ("audit", .administrator, "/audit"),
            ("outbox", .administrator, "/outbox"),
            ("outbox-message", .administrator, "/outbox/\(site.outboxMessage.id)"),
            ("crime-data", .administrator, "/crime-data"),
            ("crime-import", .administrator, "/crime-data/import"),
            ("crime-import-report", .administrator, "/crime-data/imports/\(site.crimeImportID!)"),
            ("crime-import-job", .administrator, "/crime-data/jobs/\(job)"),
            ("crime", .administrator, "/partnerships/\(a)/crime?from=2021-04&to=2022-03"),
            ("crime-lsoa", .administrator, "/partnerships/\(a)/crime/lsoas/\(lsoa)?from=2021-04&to=2022-03"),
            ("assessment", .analyst, "/partnerships/\(a)/assessment?to=2022-03"),
            ("assessment-settings", .analyst, "/partnerships/\(a)/assessment/settings"),
            ("assessment-versions", .coordinator, "/partnerships/\(a)/assessment/versions"),
            ("assessment-version", .coordinator, "/partnerships/\(a)/assessment/versions/\(version)"),
            ("assessment-approve", .coordinator, "/partnerships/\(a)/assessment/versions/\(version)/approve"),
            ("meetings", .coordinator, "/partnerships/\(a)/meetings"),
            ("meeting-new", .coordinator, "/partnerships/\(a)/meetings/new"),
            ("meeting", .coordinator, "/partnerships/\(a)/meetings/\(m.a.id)"),
            ("meeting-edit", .coordinator, "/partnerships/\(a)/meetings/\(m.a.id)/edit"),
            ("agenda-item", .coordinator, "/partnerships/\(a)/meetings/\(m.a.id)/items/\(m.itemA.id)"),
            ("attendance", .coordinator, "/partnerships/\(a)/meetings/\(m.a.id)/attendance"),
            ("action-log", .coordinator, "/partnerships/\(a)/actions"),
            ("action", .coordinator, "/partnerships/\(a)/actions/\(m.actionA.id)"),
            ("terms", .coordinator, "/partnerships/\(a)/terms-of-reference"),
            ("terms-edit", .coordinator, "/partnerships/\(a)/terms-of-reference/edit"),
            ("terms-version", .coordinator, "/partnerships/\(a)/terms-of-reference/versions/\(m.termsA.id)"),
            ("attendance-report", .boardMember, "/partnerships/\(a)/attendance?from=2098-01-01&to=2099-12-31"),
            ("annual-report", .boardMember, "/partnerships/\(a)/annual-report?year=2025"),
            ("public-meetings", nil, "/public/partnerships/\(a)/meetings"),
            ("allocations", .countyOfficer, "/partnerships/\(site.county.id)/allocations"),
            ("reconciliation", .boardMember, "/partnerships/\(a)/reconciliation"),
            ("budget", .coordinator, "/partnerships/\(a)/budget?year=2026/27"),
            ("budget-line", .coordinator, "/partnerships/\(a)/budget/lines/\(site.budgetLineA.id)"),
            ("funding", .coordinator, "/partnerships/\(a)/funding?year=2026/27"),
            ("funding-stream", .coordinator, "/partnerships/\(a)/funding/streams/\(site.funds.streamA.id)"),
            ("pooled-funds", .coordinator, "/partnerships/\(a)/pooled-funds"),
            ("pooled-fund", .coordinator, "/partnerships/\(a)/pooled-funds/\(site.funds.fundA.id)"),
            ("services", .coordinator, "/partnerships/\(a)/services"),
            ("service", .coordinator, "/partnerships/\(a)/services/\(site.funds.serviceA.id)"),
            ("budget-paper", .boardMember, "/partnerships/\(a)/budget/paper?year=2026/27"),
            ("projection", .boardMember, "/partnerships/\(a)/projection?from=2026/27"),
            ("plan", .coordinator, "/partnerships/\(a)/plan"),
            ("plan-priority", .coordinator, "/partnerships/\(a)/plan/priorities/\(site.plan.priorityA.id)"),
            ("plan-action", .boardMember, "/partnerships/\(a)/plan/actions/\(site.plan.ownedAction.id)"),
            ("plan-chain", .boardMember, "/partnerships/\(a)/plan/chain"),
            ("engagement", .coordinator, "/partnerships/\(a)/engagement"),
            ("engagement-beta", .countyOfficer, "/partnerships/\(site.cspB.id)/engagement"),
            ("engagement-event", .countyOfficer, "/partnerships/\(site.cspB.id)/engagement/events/\(site.engagementB.event.id)"),
            ("you-said-we-did", .countyOfficer, "/partnerships/\(site.cspB.id)/engagement/you-said-we-did/\(site.engagementB.item.id)"),
            ("public-you-said-we-did", nil, "/public/partnerships/\(a)/you-said-we-did"),
            ("consultations", .coordinator, "/partnerships/\(a)/consultations"),
            ("consultation", .coordinator, "/partnerships/\(a)/consultations/\(site.consultationA.id)"),
            ("consultation-edit", .coordinator, "/partnerships/\(a)/consultations/\(site.consultationA.id)/edit"),
            ("consultation-question", .coordinator, "/partnerships/\(a)/consultations/\(site.consultationA.id)/questions/\(site.consultationQuestionA.id)"),
            ("public-consultations", nil, "/public/partnerships/\(a)/consultations"),
            ("public-consultation", nil, "/public/partnerships/\(a)/consultations/\(site.consultationA.id)"),
            ("self-assessment", .coordinator, "/partnerships/\(a)/self-assessment"),
            ("self-assessment-round", .coordinator, "/partnerships/\(a)/self-assessment/\(site.selfAssessmentA.id)"),
            ("plan-action-kept", .coordinator, "/partnerships/\(a)/plan/actions/\(site.plan.unownedAction.id)"),
            ("indicators", .boardMember, "/partnerships/\(a)/indicators"),
            ("plan-version", .coordinator, "/partnerships/\(a)/plan/versions/\(site.plan.versionA.id)"),
            ("indicators-paper", .boardMember, "/partnerships/\(a)/indicators/paper"),
            ("agreement", .countyOfficer, "/partnerships/\(site.county.id)/community-safety-agreement"),
            ("public-plan", nil, "/public/partnerships/\(a)/plan"),
            ("indicator", .coordinator, "/partnerships/\(a)/indicators/\(site.plan.indicatorA.id)"),
            ("allocation-statement", .countyOfficer, "/partnerships/\(site.county.id)/allocations/versions/\(site.allocationVersionID)"),
            ("public-meeting", nil, "/public/partnerships/\(a)/meetings/\(m.a.id)"),
            // Before any case is seen, so that the log is empty and the page steady.
            ("case-views", .administrator, "/case-views"),
            ("subject-access", .administrator, "/subject-access"),
            ("asb-case-reviews", .coordinator, "/partnerships/\(a)/asb-case-reviews"),
            ("asb-case-review", .coordinator, "/partnerships/\(a)/asb-case-reviews/\(site.asbReviewA.id)"),
            ("asb-case-review-letter", .coordinator, "/partnerships/\(a)/asb-case-reviews/\(site.asbReviewA.id)/letter"),
            ("asb-case-review-glass", .administrator, "/partnerships/\(a)/asb-case-reviews/\(site.asbReviewA.id)"),
            ("casework-settings", .coordinator, "/partnerships/\(a)/casework/settings"),
            ("iom", .coordinator, "/partnerships/\(a)/iom"),
            ("iom-people", .coordinator, "/partnerships/\(a)/iom/people"),
            ("iom-person", .coordinator, "/partnerships/\(a)/iom/people/\(site.cohortMemberA.id)"),
            ("sharing-agreements", .coordinator, "/partnerships/\(a)/sharing-agreements"),
            ("sharing-agreement", .coordinator, "/partnerships/\(a)/sharing-agreements/\(site.sharingAgreementA.id)"),
            ("homicide-reviews", .coordinator, "/partnerships/\(a)/homicide-reviews"),
            ("homicide-review", .coordinator, "/partnerships/\(a)/homicide-reviews/\(site.homicideReviewA.id)"),
            ("public-asb-case-review", nil, "/public/partnerships/\(a)/asb-case-review"),
            ("arrangement-reviews", .countyOfficer, "/partnerships/\(site.county.id)/arrangement-reviews"),
            ("arrangement-review", .countyOfficer, "/partnerships/\(site.county.id)/arrangement-reviews/\(site.arrangementReview.id)"),
            (
                "arrangement-option", .countyOfficer,
                "/partnerships/\(site.county.id)/arrangement-reviews/\(site.arrangementReview.id)/options/\(site.arrangementOption.id)?place=p0&board=0"
            ),
            ("arrangement-appraisal", .countyOfficer, "/partnerships/\(site.county.id)/arrangement-reviews/\(site.arrangementReview.id)/appraisal"),
            (
                "appraisal-version", .countyOfficer,
                "/partnerships/\(site.county.id)/arrangement-reviews/\(site.arrangementReview.id)/appraisal/versions/\(site.appraisalVersion.id)"
            ),
            ("mergers", .countyOfficer, "/partnerships/\(site.county.id)/mergers"),
            ("merger", .countyOfficer, "/partnerships/\(site.county.id)/mergers/\(site.merger.id)"),
        ]
    }

    /// Pages that answer a form, by snapshot name: who sends it, where, and what.
    static func answers(_ site: TestSite) -> [(name: String, role: Role, path: String, form: [String: String])] {
        [("confirm-removal", .countyOfficer, Site.removeYouSaidWeDid(site.cspB.id), ["item": "\(site.engagementB.item.id)"])]
    }

    @Test("every page template is as its snapshot")
    func pagesAsSnapshots() async throws {
        try await withSite(.sqlite, crime: true) { site, client in
            let admin = try #require(try await site.deps.accounts.user(email: TestSite.email(.administrator)))
            let job = try await JobQueue(store: site.deps.store).enqueue(kind: "crime-import", arguments: "{}", runsOn: "elsewhere", by: admin.id)
            var browsers: [Role?: Browser] = [nil: Browser(client)]
            func browser(_ role: Role?) async throws -> Browser {
                if let known = browsers[role] { return known }
                let browser = Browser(client)
                if let role { try await browser.signIn(as: role) }
                browsers[role] = browser
                return browser
            }
            var differing: [String] = []
            for page in Self.pages(site, lsoa: TestSite.alphaLSOA, job: job) {
                if try Self.differs(page.name, try await browser(page.role).get(page.path)) { differing.append(page.name) }
            }
            for page in Self.answers(site) {
                if try Self.differs(page.name, try await browser(page.role).post(page.path, page.form)) { differing.append(page.name) }
            }
            #expect(
                differing.isEmpty,
                "pages unlike their snapshots (each written beside it as NAME.actual.html; diff them, and record again if the change is meant): \(differing)")
        }
    }

    /// Whether the page differs from its snapshot (then written beside it); when recording, records it afresh.
    static func differs(_ name: String, _ response: TestResponse) throws -> Bool {
        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "\(name) is a page")
        let html = steady(response.text)
        // Two elements with one id: a label, an error link or a skip link finds the wrong one (axe 4 no longer says).
        let ids = response.text.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "\(name) repeats the ids \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        let file = folder.appendingPathComponent("\(name).html")
        if recording {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: file)
            return false
        }
        guard let kept = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("No snapshot of \(name): run the tests with HALLMARK_RECORD_SNAPSHOTS=1 to write it")
            return false
        }
        guard withoutToday(kept) != html else { return false }
        try Data(html.utf8).write(to: folder.appendingPathComponent("\(name).actual.html"))
        return true
    }
}
