import Crypto
import Foundation
import HallmarkDomain
import HallmarkKit
@testable import HallmarkReviews
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Logging
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Casework with privacy first: named fields sealed at rest and never in the audit log, keys
/// rotated without losing a case, each case seen only by its team, every view logged, an
/// administrator outside the team let in only with a reason; and the statutory timescales
/// counted as the guidance counts them.
@Suite("Casework")
struct CaseworkTests {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso)! }

    /// Working days by hand: from Friday 18 December 2026, ten working days skip Christmas Day
    /// (Friday 25), the Boxing Day substitute (Monday 28) and New Year's Day, landing on
    /// Wednesday 6 January 2027; from Thursday 25 March 2027, three skip Good Friday and Easter
    /// Monday, landing on Thursday 1 April.
    @Test func workingDaysAsTheGuidanceCountsThem() {
        #expect(WorkingDays.weekday(Self.day("2026-11-30")) == 1 && WorkingDays.weekday(Self.day("2026-12-26")) == 6)
        #expect(WorkingDays.adding(10, to: Self.day("2026-12-18")) == Self.day("2027-01-06"))
        #expect(WorkingDays.adding(3, to: Self.day("2027-03-25")) == Self.day("2027-04-01"))
        #expect(WorkingDays.adding(1, to: Self.day("2026-11-27")) == Self.day("2026-11-30"), "Friday to Monday")
        #expect(WorkingDays.between(Self.day("2026-12-18"), Self.day("2027-01-06")) == 10)
        #expect(WorkingDays.adding(months: 1, to: Self.day("2027-01-31")) == Self.day("2027-02-28"))
        #expect(WorkingDays.adding(months: 1, to: Self.day("2028-01-31")) == Self.day("2028-02-29"))
        #expect(WorkingDays.adding(months: -6, to: Self.day("2026-11-30")) == Self.day("2026-05-30"))
    }

    /// At, before and after each deadline: due on the day itself, overdue the day after, and
    /// done late still flagged.
    @Test func deadlinesAtAndAroundTheDay() {
        let settings = CaseSettings()
        var asb = ASBCaseReview(
            id: 1, partnershipID: 1, reference: "ASB-1", receivedOn: Self.day("2026-12-18"), madeBy: "test", applicantName: nil, applicantContact: nil,
            applicantAddress: nil, complaints: nil, onBehalf: false, complaintsCounted: 3, thresholdMet: nil, decidedOn: nil, letterSentOn: nil, meetingOn: nil,
            recommendations: nil, recommendationsMade: false, appealRequestedOn: nil, appealOutcome: "", closedOn: nil, personalDataRemovedOn: nil)
        #expect(asb.letterDeadline(settings, today: Self.day("2027-01-05")) == .open(due: Self.day("2027-01-06")))
        #expect(!asb.letterDeadline(settings, today: Self.day("2027-01-06")).overdue, "due today is not late")
        #expect(asb.letterDeadline(settings, today: Self.day("2027-01-07")).overdue)
        asb.letterSentOn = Self.day("2027-01-07")
        #expect(asb.letterDeadline(settings, today: Self.day("2027-02-01")).overdue, "sent a day late stays flagged")
        asb.letterSentOn = Self.day("2027-01-06")
        #expect(!asb.letterDeadline(settings, today: Self.day("2027-02-01")).overdue)
        // Beyond the years GOV.UK has published, the usual bank holidays are counted, and the page
        // says so: a holiday declared for one year cannot be known.
        #expect(!ASBCaseReviewView.working(asb.letterDeadline(settings, today: Self.day("2027-02-01"))).contains("usual bank holidays"))
        #expect(ASBCaseReviewView.working(.open(due: Self.day("2029-01-10"))).contains("counted with the usual bank holidays of 2029"))

        var dhr = HomicideReview(
            id: 1, partnershipID: 1, kind: .dhr, reference: "DHR-1", notifiedOn: Self.day("2026-01-31"), victimName: nil, circumstances: nil, decision: nil,
            decidedOn: nil, decisionReason: "", homeOfficeInformedOn: nil, chair: "", panel: "", draftOn: nil, qaSubmittedOn: nil, qaOutcome: "", publishedOn: nil,
            personalDataRemovedOn: nil)
        #expect(!dhr.decisionDeadline(settings, today: Self.day("2026-02-28")).overdue && dhr.decisionDeadline(settings, today: Self.day("2026-03-01")).overdue)
        dhr.decision = .commission
        dhr.decidedOn = Self.day("2026-02-20")
        #expect(dhr.completionDeadline(settings, today: Self.day("2026-08-20")) == .open(due: Self.day("2026-08-20")))
        #expect(dhr.completionDeadline(settings, today: Self.day("2026-08-21"))!.overdue)
        #expect(dhr.stage(actions: []) == .decided && dhr.daysElapsed(today: Self.day("2026-03-02")) == 30)
    }

    /// Received on 30 November 2026, six months back reaches 30 May: a report that day counts,
    /// the day before does not, nor one after the application.
    @Test func thresholdCountsTheMonthsBefore() {
        let complaints = ["2026-05-29", "2026-05-30", "2026-09-01", "2026-11-30", "2026-12-01"].map {
            ASBComplaint(reportedOn: Self.day($0), reportedTo: "council", about: "noise")
        }
        #expect(ASBThreshold.qualifying(complaints, receivedOn: Self.day("2026-11-30"), months: 6) == 3)
        #expect(ASBThreshold.qualifying(complaints, receivedOn: Self.day("2026-11-30"), months: 1) == 1)
    }

    @Test func keysSealOpenRotateAndRefuse() throws {
        let k1 = Data(repeating: 1, count: 32).base64EncodedString(), k2 = Data(repeating: 2, count: 32).base64EncodedString()
        let old = try CaseKeys.parse("k1:\(k1)")
        let sealed = old.seal("Jane Example", for: "asb_case_reviews.applicant_name")
        #expect(sealed.hasPrefix("sealed:v1:k1:") && !sealed.contains("Jane"))
        #expect(old.seal("Jane Example", for: "asb_case_reviews.applicant_name") != sealed, "a fresh nonce each time")
        // Rotated: the new key seals, the old still opens.
        let rotated = try CaseKeys.parse("k2:\(k2), k1:\(k1)")
        #expect(try rotated.open(sealed, for: "asb_case_reviews.applicant_name") == "Jane Example")
        #expect(CaseKeys.keyID(of: rotated.seal("x", for: "t.c")) == "k2")
        // The old key gone: a clear error, never garbage.
        #expect(throws: CaseKeyError.unknownKey("k1")) { try CaseKeys.parse("k2:\(k2)").open(sealed, for: "asb_case_reviews.applicant_name") }
        #expect(throws: CaseKeyError.wrongKey("k1")) { try CaseKeys.parse("k1:\(k2)").open(sealed, for: "asb_case_reviews.applicant_name") }
        #expect(throws: CaseKeyError.wrongKey("k1")) { try old.open(sealed, for: "asb_case_reviews.applicant_address") }
        #expect(CaseKeyError.unknownKey("k1").description.contains("add it to HALLMARK_CASE_KEYS"))
        for bad in ["", "k1", "k1:short", "k1:\(k1),k1:\(k2)", "k 1:\(k1)"] {
            #expect(throws: CaseKeyError.self, "\(bad)") { try CaseKeys.parse(bad) }
        }
    }

    static func application(_ name: String) -> [String: String] {
        let today = CalendarDate.today()
        return [
            "name": name, "contact": "01509 000000", "address": "1 Example Street", "consent": "yes",
            "reported_on_1": today.adding(days: -20).iso, "reported_to_1": "the council", "about_1": "Shouting at night",
            "reported_on_2": today.adding(days: -50).iso, "reported_to_2": "the police", "about_2": "Broken windows",
            "reported_on_3": today.adding(days: -90).iso, "reported_to_3": "the housing association", "about_3": "Threats in the stairwell",
        ]
    }

    @Test("An application from the public site: sealed at rest, seen by its team only, every view logged, the glass broken only with a reason", arguments: Backend.allCases)
    func privacy(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let store = site.deps.store
            let started = Int64(Date().timeIntervalSince1970) - 60
            func apply(_ fields: [String: String], started: Int64 = started) async throws -> TestResponse {
                var body = fields
                body["started"] = "\(started)"
                body["stamp"] = try await site.deps.reviews.formCheck.stamp("asb case review \(a)", at: started)
                let encoded = body.sorted { $0.key < $1.key }.map { "\(Browser.encode($0.key))=\(Browser.encode($0.value))" }.joined(separator: "&")
                return try await client.execute(
                    uri: Site.publicASBCaseReview(a), method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: encoded))
            }
            func count() async throws -> Int {
                try await store.withConnection { db in try await db.raw("SELECT COUNT(*) AS n FROM asb_case_reviews").first()!.column("n", Int.self) }
            }
            let before = try await count()
            // Machines and bad input: nothing kept.
            #expect(String(buffer: try await apply(Self.application("Robot").merging(["website": "x"]) { $1 }).body).contains("Thank you"))
            #expect(try await apply(Self.application("Robot"), started: Int64(Date().timeIntervalSince1970) + 600).status == .ok)
            for (bad, message) in [
                (["name": String(repeating: "a", count: 100_000)], "must be 120 characters or fewer"),
                (["about_1": "<script>alert(1)</script>"], "must not contain"), (["name": "Jane\u{7}"], "must not contain"),
                (["consent": ""], "Agree that the partners may share"), (["reported_on_1": "2099-01-01"], "in the future"),
            ] {
                let refused = try await apply(Self.application("Jane Example").merging(bad) { $1 })
                #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains(message), "\(bad.keys)")
            }
            #expect(try await count() == before)

            let sent = try await apply(Self.application("Jane Example"))
            #expect(sent.status == .ok && String(buffer: sent.body).contains("Your reference is ASB-"))
            let review = try #require(try await site.deps.reviews.asb().reviews(of: a).first)
            #expect(review.applicantName == "Jane Example" && review.complaintsCounted == 3 && review.madeBy == "the public site")
            // At rest: sealed under the test key; the audit log holds none of it.
            let raw = try await store.withConnection { db in
                try await db.raw("SELECT applicant_name, complaints FROM asb_case_reviews WHERE id = \(bind: review.id)").first()!
            }
            let name = try raw.column("applicant_name", String.self)
            let complaints = try raw.column("complaints", String.self)
            #expect(name.hasPrefix("sealed:v1:test:") && !name.contains("Jane") && !complaints.contains("Shouting"))
            let audit = try await store.withConnection { db in
                try await db.raw("SELECT COALESCE(before_json, '') || COALESCE(after_json, '') AS j FROM audit_log").all().map { try $0.column("j", String.self) }.joined()
            }
            #expect(!audit.contains("Jane") && !audit.contains("Example Street") && !audit.contains("Shouting") && audit.contains("[sealed]"))

            func views() async throws -> [CaseView] { try await site.deps.reviews.casework.views(limit: 100, offset: 0, brokenGlassOnly: false) }
            // The partnership's coordinator is on the team: sees it, and the view is logged.
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            #expect(try await coordinator.get(Site.asbCaseReviews(a)).text.contains(review.reference))
            let page = try await coordinator.get(Site.asbCaseReview(a, review.id))
            #expect(page.status == .ok && page.text.contains("Jane Example") && page.text.contains("Threats in the stairwell"))
            let first = try await views()
            #expect(first.count == 1 && first[0].what == "page" && !first[0].brokeGlass)
            // Members off the team, and the county officer above, find nothing; nor does the list name it.
            for role in [Role.boardMember, .analyst, .countyOfficer] {
                let other = Browser(client)
                try await other.signIn(as: role)
                #expect(try await other.get(Site.asbCaseReview(a, review.id)).status == .notFound, "\(role)")
                #expect(!(try await other.get(Site.asbCaseReviews(a)).text.contains(review.reference)), "\(role)")
            }
            #expect(try await views().count == 1, "a refused look is not a view")
            // The administrator is asked for a reason; with one, sees it, logged and flagged.
            let admin = Browser(client)
            try await admin.signIn(as: .administrator)
            let asked = try await admin.get(Site.asbCaseReview(a, review.id))
            #expect(asked.text.contains("is outside your team") && !asked.text.contains("Jane Example"))
            #expect(try await admin.post(Site.asbCaseReviewGlass(a, review.id), ["glass_reason": "why"]).status == .unprocessableContent)
            let glass = try await admin.post(Site.asbCaseReviewGlass(a, review.id), ["glass_reason": "Complaint from the applicant's MP about delay"])
            #expect(glass.status == .ok && glass.text.contains("Jane Example") && glass.text.contains("You are outside this case’s team"))
            let flagged = try await site.deps.reviews.casework.views(limit: 10, offset: 0, brokenGlassOnly: true)
            #expect(flagged.count == 1 && flagged[0].reason == "Complaint from the applicant's MP about delay" && flagged[0].userLabel.contains("Administrator"))
            #expect(try await admin.get(Site.caseViews() + "?glass=only").text.contains("Complaint from the applicant"))
            #expect(try await coordinator.get(Site.caseViews()).status == .forbidden)
            // A subject access request finds her by part of her name, in every partnership, logged with its reference.
            #expect(try await admin.post(Site.subjectAccess(), ["name": "Ja", "request": "SAR 1"]).text.contains("at least 3 letters"))
            let access = try await admin.post(Site.subjectAccess(), ["name": "jane exam", "request": "SAR 2026-114"])
            #expect(access.text.contains("1 case found") && access.text.contains("1 Example Street") && access.text.contains("Threats in the stairwell"))
            let exported = try await admin.post(Site.subjectAccess(), ["name": "jane exam", "request": "SAR 2026-114", "csv": "yes"])
            #expect(exported.headers[.contentType]?.hasPrefix("text/csv") == true && exported.text.contains("Address,1 Example Street"))
            #expect(try await views().filter { $0.what == "subject access" && $0.reason == "Subject access request: SAR 2026-114" && $0.brokeGlass }.count == 2)
            #expect(try await coordinator.post(Site.subjectAccess(), ["name": "jane exam", "request": "x"]).status == .forbidden)

            // Outside the team, even the administrator cannot change it.
            #expect(try await admin.post(Site.asbCaseReviewDecision(a, review.id), ["threshold_met": "yes", "decided_on": CalendarDate.today().iso]).status == .forbidden)

            // The API: the same rules. The team's token sees it, and the view is logged as through the API.
            func api(_ role: Role) async throws -> String {
                String(
                    buffer: try await client.execute(
                        uri: Site.caseworkAPI(a), method: .get, headers: [.authorization: "Bearer \(site.tokens[role]!)"]
                    ).body)
            }
            #expect(try await api(.coordinator).contains("\"applicant_name\":\"Jane Example\""))
            for role in [Role.boardMember, .analyst, .countyOfficer, .administrator] { #expect(!(try await api(role).contains(review.reference)), "\(role)") }
            #expect(try await views().contains { $0.what == "API" && $0.caseID == review.id.rawValue })

            // Another partnership's coordinator knows nothing of it.
            #expect(try await client.execute(uri: Site.asbCaseReview(site.cspB.id, review.id), method: .get).status != .ok)

            // A key rotated in: still read; the old key dropped: a clear error, not garbage.
            let newKey = "k2:" + Data(repeating: 9, count: 32).base64EncodedString()
            let rotated = ASBCaseReviewRepository(store: store, keys: try CaseKeys.parse("\(newKey),\(TestSite.caseKeys)"))
            #expect(try await rotated.review(review.id, in: a)?.applicantName == "Jane Example")
            await #expect(throws: CaseKeyError.unknownKey("test")) { try await ASBCaseReviewRepository(store: store, keys: try CaseKeys.parse(newKey)).review(review.id, in: a) }
            // Sealed again with the new key (as `hallmark case-keys reseal` does), the old key can go.
            let resealed = try await CaseKeyRotation.reseal(store, keys: try CaseKeys.parse("\(newKey),\(TestSite.caseKeys)"))
            #expect(resealed >= 4, "the applicant's name, contact, address and complaints at least")
            #expect(try await ASBCaseReviewRepository(store: store, keys: try CaseKeys.parse(newKey)).review(review.id, in: a)?.applicantName == "Jane Example")
            #expect(try await CaseKeyRotation.reseal(store, keys: try CaseKeys.parse(newKey)) == 0, "nothing left under the old key")
        }
    }

    @Test(
        "An ASB Case Review through decision, meeting and close; the published figures; personal data removed at the end of retention, the figures kept",
        arguments: Backend.allCases)
    func lifecycle(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.asbCaseReviews(a))
            #expect(try await coordinator.post(Site.asbCaseReviews(a), Self.application("Sam Sample")).status == .seeOther)
            #expect(
                try await coordinator.post(Site.asbCaseReviews(a), Self.application("Alex Other").merging(["reported_on_2": "", "reported_to_2": "", "about_2": ""]) { $1 }).status
                    == .seeOther)
            let reviews = try await site.deps.reviews.asb().reviews(of: a)
            let (met, short) = (try #require(reviews.first { $0.applicantName == "Sam Sample" }), try #require(reviews.first { $0.applicantName == "Alex Other" }))
            #expect(met.complaintsCounted == 3 && short.complaintsCounted == 2)
            let today = CalendarDate.today()
            try await coordinator.get(Site.asbCaseReview(a, met.id))
            let early = try await coordinator.post(Site.asbCaseReviewMeeting(a, short.id), ["meeting_on": today.iso])
            #expect(early.status == .unprocessableContent && early.text.contains("Record that the threshold is met"))
            #expect(
                try await coordinator.post(Site.asbCaseReviewDecision(a, short.id), ["threshold_met": "no", "decided_on": today.iso, "letter_sent_on": today.iso]).status
                    == .seeOther)
            #expect(
                try await coordinator.post(Site.asbCaseReviewDecision(a, met.id), ["threshold_met": "yes", "decided_on": today.iso, "letter_sent_on": today.iso]).status
                    == .seeOther)
            // The letters: to print and send; each a view of the case, logged.
            let yes = try await coordinator.get(Site.asbCaseReviewLetter(a, met.id)).text
            #expect(yes.contains("Dear Sam Sample,") && yes.contains("Your application meets this threshold") && yes.contains("3 reports of anti-social behaviour"))
            #expect(yes.contains("a meeting to be held by \(WorkingDays.adding(20, to: today).long)"))
            let no = try await coordinator.get(Site.asbCaseReviewLetter(a, short.id)).text
            #expect(no.contains("does not meet this threshold") && no.contains("2 reports"))
            #expect(try await site.deps.reviews.casework.views(limit: 50, offset: 0, brokenGlassOnly: false).filter { $0.what == "letter" }.count == 2)
            let future = try await coordinator.post(Site.asbCaseReviewMeeting(a, met.id), ["meeting_on": today.adding(days: 3).iso])
            #expect(future.status == .unprocessableContent && future.text.contains("between the decision"))
            #expect(
                try await coordinator.post(Site.asbCaseReviewMeeting(a, met.id), ["meeting_on": today.iso, "recommendations": "Mediation; a joint visit by police and housing"])
                    .status == .seeOther)
            #expect(try await coordinator.post(Site.asbCaseReviewAppeal(a, met.id), ["closed_on": today.iso]).status == .seeOther)
            #expect(try await coordinator.post(Site.asbCaseReviewAppeal(a, short.id), ["closed_on": today.iso]).status == .seeOther)

            // The published figures: 3 applications (the fixture's of 1 October 2026 too, while that
            // is this financial year), 1 below the threshold, 1 review, 1 with recommendations.
            let year = FinancialYear(containing: today)
            let applications = year == FinancialYear(containing: CalendarDate("2026-10-01")!) ? 3 : 2
            let figures = try await client.execute(uri: Site.publicASBCaseReview(a), method: .get)
            let row = figures.text.replacingOccurrences(of: " class=\"number\"", with: "")
            #expect(row.contains("<td>\(year)</td><td>\(applications)</td><td>1</td><td>1</td><td>1</td>"))
            #expect(!figures.text.contains("Sam Sample"))

            // Retention: nothing removed before its time; after it, the personal data goes and the figures stay.
            let repository = try site.deps.reviews.asb()
            #expect(try await repository.removeExpired(today: today, months: { _ in 24 }, by: .system("test")) == 0)
            #expect(
                try await repository.removeExpired(today: WorkingDays.adding(months: 25, to: today), months: { _ in 24 }, by: .system("test")) == 2,
                "the two closed, not the open fixture")
            let kept = try #require(try await repository.review(met.id, in: a))
            #expect(kept.applicantName == nil && kept.complaints == nil && kept.recommendations == nil && kept.recommendationsMade && kept.meetingOn == today)
            let raw = try await site.deps.store.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM asb_case_reviews WHERE closed_on IS NOT NULL AND (applicant_name IS NOT NULL OR complaints IS NOT NULL)")
                    .first()!.column("n", Int.self)
            }
            #expect(raw == 0)
            #expect(ASBStatistics.count(try await repository.reviews(of: a)).first?.withRecommendations == 1)
            #expect(try await coordinator.get(Site.asbCaseReview(a, met.id)).text.contains("Removed on"))
        }
    }

    /// The fund holds £3,000 once Test Police pays its share; the chair's fee of £1,250.50 and
    /// the report's printing of £99.50 leave £1,650.00 (by hand). A cost of £5,000 is refused
    /// and nothing of it kept.
    @Test("A homicide review from notification to its action plan: stages, deadlines, agencies' reports, costs from the pooled fund, its team only", arguments: Backend.allCases)
    func homicideReview(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let today = CalendarDate.today()
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.homicideReviews(a))
            let future = try await coordinator.post(
                Site.homicideReviews(a), ["kind": "dhr", "notified_on": today.adding(days: 2).iso, "victim_name": "Chris Fictional", "circumstances": "Found at home"])
            #expect(future.status == .unprocessableContent && future.text.contains("in the future"))
            let notified = today.adding(days: -40)
            #expect(
                try await coordinator.post(
                    Site.homicideReviews(a), ["kind": "dhr", "notified_on": notified.iso, "victim_name": "Chris Fictional", "circumstances": "Found at home by a neighbour"]
                ).status == .seeOther)
            let review = try #require(try await site.deps.reviews.homicide().reviews(of: a).first { $0.victimName == "Chris Fictional" })
            #expect(review.reference == "DHR-\(notified.year)-02", "the fixture's is the first")
            // Forty days after notification with no decision: a month has passed, so it is overdue.
            let dashboard = try await coordinator.get(Site.homicideReviews(a)).text.replacingOccurrences(of: " class=\"number\"", with: "")
            #expect(dashboard.contains(review.reference) && dashboard.contains("Notified: decision to make") && dashboard.contains("<span class=\"elapsed\">40</span>"))
            #expect(dashboard.contains("<strong>Overdue: was due by \(WorkingDays.adding(months: 1, to: notified).long)</strong>"))

            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.get(Site.homicideReview(a, review.id)).status == .notFound)
            #expect(!(try await board.get(Site.homicideReviews(a)).text.contains(review.reference)))

            try await coordinator.get(Site.homicideReview(a, review.id))
            let early = try await coordinator.post(Site.homicideReviewProgress(a, review.id), ["chair": "Dr Independent"])
            #expect(early.status == .unprocessableContent && early.text.contains("Record the decision to hold the review first"))
            let decided = today.adding(days: -10)
            #expect(
                try await coordinator.post(
                    Site.homicideReviewDecision(a, review.id),
                    ["decision": "commission", "decided_on": decided.iso, "decision_reason": "Criteria met", "home_office_informed_on": decided.iso]
                ).status == .seeOther)
            #expect(
                try await coordinator.post(
                    Site.homicideReviewReports(a, review.id), ["agency": "Leicestershire Police", "requested_on": decided.iso, "due_on": today.adding(days: -1).iso]
                )
                .status == .seeOther)
            let again = try await coordinator.post(Site.homicideReviewReports(a, review.id), ["agency": "Leicestershire Police", "requested_on": decided.iso, "due_on": today.iso])
            #expect(again.status == .unprocessableContent && again.text.contains("already been asked of Leicestershire Police"))
            // Due yesterday, not received: overdue on the page.
            #expect(try await coordinator.get(Site.homicideReview(a, review.id)).text.contains("<strong>Overdue: was due by \(today.adding(days: -1).long)</strong>"))
            let report = try #require(try await site.deps.reviews.homicide().reports(of: review.id).first)
            let beforeAsked = try await coordinator.post(
                Site.homicideReviewReportReceived(a, review.id), ["report_id": "\(report.id)", "received_on": decided.adding(days: -1).iso])
            #expect(beforeAsked.status == .unprocessableContent && beforeAsked.text.contains("must be on or after the day it was asked for, \(decided.long)"))
            #expect(try await site.deps.reviews.homicide().reports(of: review.id).first?.receivedOn == nil)
            #expect(try await coordinator.post(Site.homicideReviewReportReceived(a, review.id), ["report_id": "\(report.id)", "received_on": today.iso]).status == .seeOther)
            let skipped = try await coordinator.post(Site.homicideReviewProgress(a, review.id), ["chair": "Dr Independent", "qa_submitted_on": today.iso])
            #expect(skipped.status == .unprocessableContent && skipped.text.contains("Record the draft before sending it to the Home Office"))
            #expect(
                try await coordinator.post(
                    Site.homicideReviewProgress(a, review.id),
                    ["chair": "Dr Independent", "panel": "Police\nHealth", "draft_on": today.iso, "qa_submitted_on": today.iso, "published_on": today.iso]
                ).status == .seeOther)
            #expect(
                try await coordinator.post(
                    Site.homicideReviewActions(a, review.id), ["action": "Train GPs on coercive control", "owner": "ICB", "action_due_on": today.adding(days: 90).iso]
                ).status == .seeOther)
            var r = try #require(try await site.deps.reviews.homicide().review(review.id, in: a))
            #expect(r.stage(actions: try await site.deps.reviews.homicide().actions(of: r.id)) == .published)
            let action = try #require(try await site.deps.reviews.homicide().actions(of: r.id).first)
            #expect(try await coordinator.post(Site.homicideReviewActionDone(a, review.id), ["action_id": "\(action.id)", "done_on": today.iso]).status == .seeOther)
            r = try #require(try await site.deps.reviews.homicide().review(review.id, in: a))
            #expect(r.stage(actions: try await site.deps.reviews.homicide().actions(of: r.id)) == .actionsComplete)

            // Costs from the pooled fund: refused beyond its balance, nothing kept; then paid, both sides agreeing.
            let fund = site.funds.fundA.id
            let tooMuch = try await coordinator.post(
                Site.homicideReviewCosts(a, review.id), ["description": "Chair", "amount": "5,000", "paid_on": today.iso, "fund_id": "\(fund)"])
            #expect(tooMuch.status == .unprocessableContent && tooMuch.text.contains("it cannot pay out £5,000"))
            #expect(try await site.deps.reviews.homicide().costs(of: review.id).isEmpty)
            _ = try await site.deps.funding.pools.record(
                .pounds(3_000), contributor: site.funds.contributorA.id, on: today, note: "Share", in: fund, of: a, by: .system("test"))
            for (what, amount) in [("Independent chair’s fee", "1,250.50"), ("Printing the report", "99.50")] {
                #expect(
                    try await coordinator.post(Site.homicideReviewCosts(a, review.id), ["description": what, "amount": amount, "paid_on": today.iso, "fund_id": "\(fund)"]).status
                        == .seeOther)
            }
            let costs = try await site.deps.reviews.homicide().costs(of: review.id)
            #expect(costs.map(\.amount) == [Money(pence: 125_050), Money(pence: 9_950)])
            let statement = try #require(try await site.deps.funding.pools.statement(fund, in: a))
            #expect(statement.balance == Money(pence: 165_000))
            // Read by all who read the money: the review's reference, not what the cost was for.
            #expect(statement.movements.filter(\.isDrawDown).map(\.note) == Array(repeating: "\(review.reference): a cost of the review", count: 2))
            #expect(try await coordinator.get(Site.homicideReview(a, review.id)).text.contains("<strong>£1,350</strong>"))

            // The audit log names no one; the database holds the name only sealed.
            let stored = try await site.deps.store.withConnection { db in
                (
                    try await db.raw("SELECT victim_name FROM homicide_reviews WHERE id = \(bind: review.id)").first()!.column("victim_name", String.self),
                    try await db.raw("SELECT COALESCE(before_json, '') || COALESCE(after_json, '') AS j FROM audit_log").all().map { try $0.column("j", String.self) }.joined()
                )
            }
            #expect(stored.0.hasPrefix("sealed:v1:test:") && !stored.1.contains("Chris Fictional") && !stored.1.contains("neighbour"))

            // Retention: six years after publication the name goes; the review's dates stay.
            let repository = try site.deps.reviews.homicide()
            #expect(try await repository.removeExpired(today: WorkingDays.adding(months: 73, to: today), months: { _ in 72 }, by: .system("test")) == 1)
            let kept = try #require(try await repository.review(review.id, in: a))
            #expect(kept.victimName == nil && kept.circumstances == nil && kept.publishedOn == today && kept.chair == "Dr Independent")
            // The daily job runs the same sweep for every partnership.
            let jobs = JobQueue(store: site.deps.store)
            _ = try await jobs.enqueue(kind: CaseworkJobs.retentionKind, arguments: "{}", runsOn: "casework-test", by: nil)
            let job = try #require(try await jobs.claim(kinds: [CaseworkJobs.retentionKind], instance: "casework-test"))
            let handler = try #require(jobHandlers(site.deps, logger: Logger(label: "test"))[CaseworkJobs.retentionKind])
            #expect(try await handler(job, { _ in })?.contains("personal data removed from 0 ASB Case Reviews, 0 homicide reviews and 0 IOM records") == true)
        }
    }

    /// 2026/27 Q1 by hand: 40 at the start, 6 joined, 4 left → 42 at the end; 9 of the 46
    /// managed reoffended → 19.6%; 23 offences → 2.6 each. Q2 starts with 41: flagged.
    @Test("The IOM cohort by quarter: arithmetic by hand, impossible figures refused, a broken chain flagged", arguments: Backend.allCases)
    func offenderManagement(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.iom(a))
            let q1 = ["quarter": "2026/27 Q1", "cohort_start": "40", "entries": "6", "exits": "4", "reoffenders": "9", "offences": "23"]
            for (bad, message) in [
                (["quarter": "2026 Q1"], "Enter the quarter like 2026/27 Q2"), (["exits": "47"], "More left (47) than were managed (46)"),
                (["reoffenders": "47"], "More reoffended (47) than were managed (46)"), (["offences": "8"], "at least one offence: 9 or more"),
                (["entries": "-1"], "who joined"),
            ] {
                let refused = try await coordinator.post(Site.iom(a), q1.merging(bad) { $1 })
                #expect(refused.status == .unprocessableContent && refused.text.contains(message), "\(bad)")
            }
            #expect(try await coordinator.post(Site.iom(a), q1).status == .seeOther)
            #expect(try await coordinator.post(Site.iom(a), q1.merging(["quarter": "2026/27 Q2", "cohort_start": "41"]) { $1 }).status == .seeOther)
            let page = try await coordinator.get(Site.iom(a)).text.replacingOccurrences(of: " class=\"number\"", with: "")
            #expect(page.contains("<td>2026/27 Q1</td><td>40</td><td>6</td><td>4</td><td>42</td><td>9</td><td>19.6%</td><td>23</td><td>2.6</td>"))
            #expect(page.contains("2026/27 Q2 starts with a different cohort from the 42 the quarter before ended with"))
            let csv = try await coordinator.get(Site.iomCSV(a)).text
            #expect(csv.contains("2026/27 Q1,40,6,4,42,9,19.6,23,2.56"))
            // Entered again: replaced, not added.
            #expect(try await coordinator.post(Site.iom(a), q1.merging(["quarter": "2026/27 Q2", "cohort_start": "42"]) { $1 }).status == .seeOther)
            #expect(try await site.deps.reviews.iom.quarters(of: a).count == 2)
            #expect(!(try await coordinator.get(Site.iom(a)).text.contains("starts with a different cohort")))
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.get(Site.iom(a)).status == .ok)
            #expect(try await board.post(Site.iom(a), q1).status == .forbidden)
        }
    }

    @Test("The information-sharing register: agreements checked, flagged a month before review, the case leads reminded once, a review recorded", arguments: Backend.allCases)
    func sharingRegister(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let today = CalendarDate.today()
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.sharingAgreements(a))
            let form = [
                "title": "IOM information", "parties": "Leicestershire Police\nProbation Service", "purpose": "Managing the IOM cohort", "lawful_basis": "law_enforcement",
                "special_condition": "DPA 2018 Part 3, section 35", "data_items": "Offending history", "retention": "Six years", "signed_on": today.adding(days: -700).iso,
                "review_on": today.adding(days: 20).iso, "signatories": "Chief Inspector\nHead of Probation",
            ]
            for (bad, message) in [
                (["parties": "Leicestershire Police"], "between at least two partners"), (["review_on": today.adding(days: -800).iso], "falls after the day it was signed"),
                (["review_on": today.adding(days: 900).iso], "at least every three years"), (["lawful_basis": "because"], "lawful basis"),
                (["signed_on": today.adding(days: 1).iso], "is in the future"),
            ] {
                let refused = try await coordinator.post(Site.sharingAgreements(a), form.merging(bad) { $1 })
                #expect(refused.status == .unprocessableContent && refused.text.contains(message), "\(bad)")
            }
            #expect(try await coordinator.post(Site.sharingAgreements(a), form).status == .seeOther)
            let added = try #require(try await site.deps.reviews.sharing.agreements(of: a).first { $0.title == "IOM information" })
            #expect(try await coordinator.get(Site.sharingAgreements(a)).text.contains("<strong>Review due by \(today.adding(days: 20).long)</strong>"))
            #expect(try await coordinator.get(Site.sharingAgreementsCSV(a)).text.contains("IOM information,\"Leicestershire Police; Probation Service\""))

            // The daily reminder: the coordinator (the case lead) written to once, however often it
            // runs (the server's own daily run may come first: hence letters counted, not runs).
            let jobs = JobQueue(store: site.deps.store)
            func run() async throws -> String? {
                _ = try await jobs.enqueue(kind: CaseworkJobs.sharingReviewKind, arguments: "{}", runsOn: "sharing-test", by: nil)
                let job = try #require(try await jobs.claim(kinds: [CaseworkJobs.sharingReviewKind], instance: "sharing-test"))
                return try await jobHandlers(site.deps, logger: Logger(label: "test"))[CaseworkJobs.sharingReviewKind]!(job) { _ in }
            }
            _ = try await run()
            #expect(try await run() == "0 reminders of agreements to review written")
            let letters = try await site.deps.outbox.recent().filter { $0.subject.contains("IOM information") }
            #expect(letters.count == 1)
            let letter = try #require(letters.first)
            #expect(letter.toAddress == TestSite.email(.coordinator) && letter.body.contains("Data Protection Act 2018, Part 3"))

            // Reviewed: the next date set, no longer flagged.
            let page = Site.sharingAgreement(a, added.id)
            try await coordinator.get(page)
            let past = try await coordinator.post(Site.sharingAgreementReview(a, added.id), ["review_on": today.iso])
            #expect(past.status == .unprocessableContent && past.text.contains("falls after today"))
            #expect(try await coordinator.post(Site.sharingAgreementReview(a, added.id), ["review_on": today.adding(days: 365).iso]).status == .seeOther)
            #expect(try await coordinator.get(page).text.contains("Next review \(today.adding(days: 365).long)"))
            _ = try await run()
            #expect(try await site.deps.outbox.recent().filter { $0.subject.contains("IOM information") }.count == 1)
        }
    }

    @Test("The people in the IOM cohort: named for their record's team only, sealed, leaving recorded once, removed after retention", arguments: Backend.allCases)
    func cohortMembers(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let today = CalendarDate.today()
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.cohort(a))
            #expect(
                try await coordinator.post(Site.cohort(a), ["name": "Lee Imaginary", "notes": "Curfew until March", "entered_on": today.adding(days: -30).iso]).status == .seeOther)
            let member = try #require(try await site.deps.reviews.cohort().members(of: a).first { $0.name == "Lee Imaginary" })
            let list = try await coordinator.get(Site.cohort(a)).text
            #expect(list.contains(member.reference) && !list.contains("Lee Imaginary"), "the list names no one")
            let before = try await site.deps.reviews.casework.views(limit: 100, offset: 0, brokenGlassOnly: false).count
            #expect(try await coordinator.get(Site.cohortMember(a, member.id)).text.contains("Curfew until March"))
            #expect(try await site.deps.reviews.casework.views(limit: 100, offset: 0, brokenGlassOnly: false).count == before + 1)
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.get(Site.cohortMember(a, member.id)).status == .notFound)
            #expect(try await board.get(Site.iom(a)).status == .ok, "the counts are every member's")
            let raw = try await site.deps.store.withConnection { db in
                try await db.raw("SELECT name FROM iom_people WHERE id = \(bind: member.id)").first()!.column("name", String.self)
            }
            #expect(raw.hasPrefix("sealed:v1:test:") && !raw.contains("Lee"))
            #expect(try await coordinator.post(Site.cohortMemberExit(a, member.id), ["exited_on": today.iso, "exit_reason": "Order completed"]).status == .seeOther)
            let twice = try await coordinator.post(Site.cohortMemberExit(a, member.id), ["exited_on": today.iso, "exit_reason": "Again"])
            #expect(twice.status == .unprocessableContent && twice.text.contains("has already left the cohort"))
            let cohort = try site.deps.reviews.cohort()
            #expect(try await cohort.removeExpired(today: WorkingDays.adding(months: 25, to: today), months: { _ in 24 }, by: .system("test")) == 1)
            let kept = try #require(try await cohort.member(member.id, in: a))
            #expect(kept.name == nil && kept.notes == nil && kept.exitReason == "Order completed")
        }
    }
}
