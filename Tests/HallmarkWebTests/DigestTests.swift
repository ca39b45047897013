import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkPlan
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

/// The weekly digest of owners' actions: composed as a job, sent through a real SMTP server
/// (the sink `scripts/test` starts), kept in the outbox when it cannot be sent, and started once
/// a week however many servers look.
@Suite("Reminders by e-mail")
struct DigestTests {
    @Test("A digest lists the owner's overdue actions and those due in the next fortnight, nothing else")
    func letter() throws {
        let today = CalendarDate("2026-11-29")!
        let user = User(id: 7, email: "sam@council.example", name: "Sam Patel", role: .coordinator, disabled: false)
        func item(_ title: String, due: String, _ status: ActionProgressStatus = .onTrack) -> ActionDigest.Item {
            ActionDigest.Item(
                action: PlanAction(
                    id: RecordID(Int64(title.count)), priorityID: 1, title: title, ownerOrganisation: "Council", ownerUserID: 7, ownerName: "Sam Patel",
                    dueOn: CalendarDate(due)!, status: status, budgetLineID: nil), partnershipID: 5, priority: "Burglary")
        }
        let items = [
            item("Late one", due: "2026-11-28"), item("Due in a fortnight", due: "2026-12-13"), item("Due in fifteen days", due: "2026-12-14"),
            item("Done already", due: "2026-11-01", .done), item("Withdrawn", due: "2026-11-01", .withdrawn),
        ]
        let letter = try #require(ActionDigest.letter(to: user, items: items, today: today, siteURL: "https://hallmark.example"))
        #expect(letter.toAddress == "sam@council.example" && letter.subject == "Hallmark: 1 overdue action and 1 due soon")
        #expect(letter.body.contains("Overdue:\n- Late one (Burglary), due 28 November 2026, on track\n  https://hallmark.example/partnerships/5/plan/actions/8"))
        #expect(letter.body.contains("Due in the next 14 days:\n- Due in a fortnight (Burglary), due 13 December 2026"))
        for absent in ["fifteen", "Done already", "Withdrawn"] { #expect(!letter.body.contains(absent)) }
        #expect(ActionDigest.letter(to: user, items: [items[2], items[3]], today: today, siteURL: "") == nil)
    }

    @Test("Each week's digest starts on its Monday from seven in the morning, once")
    func week() throws {
        let utc = { (s: String) in ISO8601DateFormatter().date(from: s)! }
        #expect(ActionDigest.week(of: utc("2026-11-29T12:00:00Z")) == "2026-11-23")
        #expect(ActionDigest.week(of: utc("2026-11-30T06:59:59Z")) == nil)
        #expect(ActionDigest.week(of: utc("2026-11-30T07:00:00Z")) == "2026-11-30")
        #expect(ActionDigest.week(of: utc("2026-12-06T23:59:00Z")) == "2026-11-30")
    }

    @Test("Two servers looking at once queue the week's digest once", arguments: Backend.allCases)
    func scheduledOnce(backend: Backend) async throws {
        try await withStore(backend) { store in
            let now = ISO8601DateFormatter().date(from: "2026-11-30T08:00:00Z")!
            let servers = [WeeklyDigest(store: store, logger: Logger(label: "a")), WeeklyDigest(store: store, logger: Logger(label: "b"))]
            let started = try await withThrowingTaskGroup(of: Bool.self) { group in
                for server in servers + servers { group.addTask { try await server.look(now: now) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(started == 1)
            #expect(try await JobQueue(store: store).unfinished(kind: ActionDigest.kind).count == 1)
            #expect(try await servers[0].look(now: now.addingTimeInterval(7 * 86_400)))  // the next week's
        }
    }

    @Test("The digest job sends through SMTP, keeps what a server refuses, and without a server keeps everything unsent", arguments: Backend.allCases)
    func sentAndKept(backend: Backend) async throws {
        let sink = try MailSink.fromEnvironment()
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let marker = UUID().uuidString
            let author = ChangeAuthor.system("test")
            // The board member owns the fixture's overdue action; give them one due soon, with a
            // title in more than ASCII, and an owner whose mailbox the sink refuses.
            _ = try await site.deps.plan.plans.addAction(
                PlanForms.Action(
                    title: "Café patrols ’\(marker)’", ownerOrganisation: "Test Police", ownerUserID: site.plan.ownedAction.ownerUserID, dueOn: .today().adding(days: 5),
                    budgetLineID: nil), ownerName: "Board", to: site.plan.priorityA, by: author)
            let refused = try await site.deps.accounts.createUser(
                email: "refuse-\(marker)@test.example", name: "Refused Owner", passwordHash: "x", role: .coordinator, partnerships: [a], by: author)
            _ = try await site.deps.plan.plans.addAction(
                PlanForms.Action(title: "Late report", ownerOrganisation: "Test Council", ownerUserID: refused.id, dueOn: CalendarDate("2026-01-31")!, budgetLineID: nil),
                ownerName: refused.name, to: site.plan.priorityA, by: author)
            let deps = Dependencies(
                store: site.deps.store,
                settings: sink.settings)
            let jobs = JobQueue(store: site.deps.store)
            // Pinned to this test, so that the site's own job runner leaves it alone.
            _ = try await jobs.enqueue(kind: ActionDigest.kind, arguments: "{}", runsOn: "digest-test", by: nil)
            let job = try #require(try await jobs.claim(kinds: [ActionDigest.kind], instance: "digest-test"))
            let handler = try #require(jobHandlers(deps, logger: Logger(label: "test"))[ActionDigest.kind])
            // The fixture's waiting message goes too: two sent, the refused one kept.
            #expect(try await handler(job) { _ in } == "2 digests composed; 2 sent, 1 waiting in the outbox")

            // Asked again the same week, nobody is written to twice.
            _ = try await jobs.enqueue(kind: ActionDigest.kind, arguments: "{}", runsOn: "digest-test", by: nil)
            let again = try #require(try await jobs.claim(kinds: [ActionDigest.kind], instance: "digest-test"))
            #expect(try await handler(again) { _ in }?.hasPrefix("0 digests composed") == true)
            #expect(try sink.received(containing: marker).count == 1)
            let mail = try #require(try sink.received(containing: marker).first)
            #expect(mail.contains("X-Envelope-To: <\(TestSite.email(.boardMember))>\r\n") && mail.contains("X-Envelope-From: <hallmark@test.example>"))
            // The settings' default: encrypted by STARTTLS, then logged in.
            #expect(mail.contains("X-Envelope-TLS: TLSv1.") && mail.contains("X-Envelope-Login: \(sink.login.user)\r\n"))
            #expect(mail.contains("Subject: Hallmark: 1 overdue action and 1 due soon\r\n") && mail.contains("Content-Type: text/plain; charset=utf-8"))
            #expect(mail.contains("- Café patrols ’\(marker)’ (Domestic abuse)") && mail.contains("- Train call handlers (Domestic abuse), due 30 June 2026"))
            #expect(mail.contains("https://hallmark.test/partnerships/\(a)/plan/actions/\(site.plan.ownedAction.id)\r\n"))
            let outbox = try await site.deps.outbox.recent()
            let kept = try #require(outbox.first { $0.toAddress.hasPrefix("refuse-") })
            #expect(kept.sentAt == nil && kept.attempts == 2 && kept.outcome.contains("550"))  // tried by both runs
            #expect(outbox.first { $0.toAddress == TestSite.email(.boardMember) }?.outcome == "Accepted by localhost:\(sink.starttlsPort)")

            // Without a mail server nothing is dropped: kept unsent, with the reason, once.
            let noServer = MailDelivery(outbox: site.deps.outbox, server: nil, logger: Logger(label: "test"))
            let letter = Letter(userID: nil, toAddress: "x-\(marker)@test.example", toName: "X", subject: "Held", body: "Kept")
            let held = try await site.deps.outbox.add([letter], kind: "test")[0]
            #expect(try await noServer.deliver() == (0, 2))
            #expect(try await noServer.deliver() == (0, 2))
            let after = try #require(try await site.deps.outbox.find(held.id))
            #expect(after.sentAt == nil && after.attempts == 1 && after.outcome == MailDelivery.noServer)
            // A server that cannot be reached is said so.
            let closed = MailDelivery(outbox: site.deps.outbox, server: MailServer(host: "127.0.0.1", port: 1, from: "h@test.example"), logger: Logger(label: "test"))
            #expect(try await closed.deliver() == (0, 2))
            #expect(try await site.deps.outbox.find(held.id)?.outcome.contains("could not be reached") == true)

            // The administrator reads it all, and asks for another try.
            let admin = Browser(client)
            try await admin.signIn(as: .administrator)
            let page = String(buffer: try await admin.get(Site.outbox()).body)
            #expect(deps.settings.mailServer?.manner == "encrypted by STARTTLS, logged in as \(sink.login.user)")
            #expect(page.contains("No mail server is configured") && page.contains("Hallmark: 1 overdue action and 1 due soon") && page.contains("could not be reached"))
            let message = String(buffer: try await admin.get(Site.outboxMessage(kept.id)).body)
            #expect(message.contains("Late report (Domestic abuse), due 31 January 2026"))
            #expect(try await admin.post(Site.outboxSend(), [:]).status == .badRequest)
            // With no mail server there is nothing to try again, and it says so; a digest is composed to wait.
            #expect(try await admin.post(Site.outboxSend(), ["send": "unsent"]).headers[.location] == Site.outbox() + "?saved=no-mail-server")
            #expect(try await admin.post(Site.outboxSend(), ["send": "digest"]).headers[.location] == Site.outbox() + "?saved=digest-kept")
            let queued = try await site.deps.store.withConnection { db in
                try await db.raw("SELECT kind, COUNT(*) AS n FROM jobs WHERE kind IN ('outbox-delivery', 'action-digest') AND runs_on IS NULL GROUP BY kind").all()
                    .map { "\(try $0.column("kind", String.self)) \(try $0.column("n", Int.self))" }
            }
            #expect(queued == ["action-digest 1"])
        }
    }
}
