import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkMeetings
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Meetings: agendas, minutes, actions and papers")
struct MeetingTests {
    /// Meetings of Alpha, `days` from today each, with the starting standing items.
    static func schedule(_ site: TestSite, _ days: [Int]) async throws -> [Meeting] {
        try await site.deps.meetings.meetings.create(
            days.map { MeetingDraft(title: "Board", date: CalendarDate.today().adding(days: $0), startTime: "10:00", endTime: "12:00", venue: "Hall") }, in: site.cspA.id,
            standing: TermsOfReference.starting.standingItems, by: .system("test"))
    }

    static func page(_ browser: Browser, _ site: TestSite, _ m: Meeting) async throws -> String {
        String(buffer: try await browser.get(Site.meeting(site.cspA.id, m.id)).body)
    }

    @Test("An action rolls forward on every later agenda until it is closed", arguments: Backend.allCases)
    func actionRollsForward(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let meetings = try await Self.schedule(site, [-100, -70, -40, -10])
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.meetings(site.cspA.id))
            let item = try await site.deps.meetings.meetings.items(of: meetings[0].id)[0]
            let due = CalendarDate.today().adding(days: 30).iso
            let added = try await browser.post(
                Site.itemActions(site.cspA.id, meetings[0].id, item.id),
                ["action": "Map the night-time economy hotspots", "owner_person_id": "\(site.personA.id)", "due_date": due])
            #expect(added.status == .seeOther)
            let action = try await site.deps.meetings.minutes.actions(of: site.cspA.id).first { $0.action.text.hasPrefix("Map the") }!.action
            // On the action log of the second and third meetings while open.
            #expect(try await Self.page(browser, site, meetings[1]).contains("Map the night-time economy hotspots"))
            #expect(
                try await browser.post(Site.action(site.cspA.id, action.id), ["update": "Data requested", "status": "open", "meeting": "\(meetings[1].id)"]).status == .seeOther)
            #expect(try await Self.page(browser, site, meetings[2]).contains("Map the night-time economy hotspots"))
            // Closed at the third: shown there as done, and on no later agenda.
            #expect(
                try await browser.post(Site.action(site.cspA.id, action.id), ["update": "Map presented", "status": "done", "meeting": "\(meetings[2].id)"]).status == .seeOther)
            let third = try await Self.page(browser, site, meetings[2])
            #expect(third.contains("Map the night-time economy hotspots") && third.contains("Done"))
            #expect(!(try await Self.page(browser, site, meetings[3]).contains("Map the night-time economy hotspots")))
            let entry = try await site.deps.meetings.minutes.actions(of: site.cspA.id).first { $0.action.id == action.id }!
            #expect(entry.updates.map(\.text) == ["Data requested", "Map presented"])
            #expect(entry.action.closedAtMeeting == meetings[2].id)
            // Closing it twice is refused.
            #expect(try await browser.post(Site.action(site.cspA.id, action.id), ["update": "Again", "status": "done"]).status == .unprocessableContent)
        }
    }

    @Test("An action is updated by the secretariat or by its owner, the person in the register with the member's e-mail address; by no other member")
    func onlyTheOwnerUpdatesAnAction() async throws {
        try await withSite(.sqlite) { site, client in
            let m = site.meetings.a, item = site.meetings.itemA, a = site.cspA.id, author = ChangeAuthor.system("test")
            // The board member's address in another case: an address is one address however written.
            let member = try await site.deps.people.create(.init(name: "Bea Board", email: TestSite.email(.boardMember).uppercased()), keptBy: a, by: author)
            func action(_ text: String, owner: RecordID<Person>) async throws -> RecordID<Action> {
                try await site.deps.meetings.minutes.addAction(
                    ActionDraft(text: text, ownerPersonID: owner, ownerOrganisationID: nil, dueDate: m.date), under: item.id, of: m.id, in: a, today: m.date, by: author
                ).id
            }
            let hers = try await action("Brief the board", owner: member.id)
            let alices = try await action("Write the report", owner: site.personA.id)
            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            #expect(try await board.get(Site.action(a, alices)).text.contains("Add an update") == false)
            #expect(try await board.post(Site.action(a, alices), ["update": "Closed by someone else", "status": "done"]).status == .forbidden)
            #expect(try await board.get(Site.action(a, hers)).text.contains("Add an update"))
            #expect(try await board.post(Site.action(a, hers), ["update": "Briefed", "status": "done"]).status == .seeOther)
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            #expect(try await analyst.get(Site.action(a, hers)).text.contains("Add an update") == false)
            #expect(try await analyst.post(Site.action(a, hers), ["update": "Reopened", "status": "open"]).status == .forbidden)
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            #expect(try await coordinator.get(Site.action(a, alices)).text.contains("Add an update"))
            #expect(try await coordinator.post(Site.action(a, alices), ["update": "Report written", "status": "done"]).status == .seeOther)
            let statuses = try await site.deps.meetings.minutes.actions(of: a).filter { [hers, alices].contains($0.action.id) }.map(\.action.status)
            #expect(statuses == [.done, .done])
        }
    }

    @Test(
        "An item added by mistake comes off the agenda, the rest renumbered and any printed pack out of date; one with anything recorded under it stays",
        arguments: Backend.allCases)
    func itemRemoved(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let m = site.meetings.a, a = site.cspA.id, meetings = site.deps.meetings
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.meeting(a, m.id))
            #expect(try await browser.post(Site.agendaItems(a, m.id), ["title": "Wrong item", "purpose": "information", "duration_minutes": "5"]).status == .seeOther)
            #expect(try await browser.post(Site.agendaItems(a, m.id), ["title": "Any other business", "purpose": "information", "duration_minutes": "5"]).status == .seeOther)
            let before = try await meetings.meetings.items(of: m.id)
            let wrong = try #require(before.first { $0.title == "Wrong item" })
            let version = try await meetings.papers.agendaVersion(of: m.id)
            _ = try await meetings.papers.addPack(
                Data("%PDF-1.4 test".utf8), pages: 1, audience: .public, agendaVersion: version, for: m.id, in: a, by: .system("test"))
            #expect(try await meetings.papers.currentPublicPack(of: m.id) != nil)

            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            try await board.get(Site.agendaItem(a, m.id, wrong.id))
            #expect(try await board.post(Site.removeAgendaItem(a, m.id, wrong.id), [:]).status == .forbidden)

            #expect(try await browser.get(Site.agendaItem(a, m.id, wrong.id)).text.contains("Take it off the agenda"))
            let removed = try await browser.postConfirming(
                Site.removeAgendaItem(a, m.id, wrong.id), [:], asks: "Take “Wrong item” off the agenda?",
                stillThere: { try await meetings.meetings.item(wrong.id, of: m.id) != nil })
            #expect(removed.status == .seeOther && removed.headers[.location]?.hasPrefix(Site.meeting(a, m.id)) == true)
            // Sent again (Back, then Reload): told it has gone already, not "not found".
            let again = try await browser.post(Site.removeAgendaItem(a, m.id, wrong.id), ["confirmed": "yes"])
            #expect(again.status == .seeOther)
            let told = try await browser.get(again.headers[.location] ?? "/")
            #expect(told.text.contains("it may have been taken off already"))
            let after = try await meetings.meetings.items(of: m.id)
            #expect(after.map(\.title) == before.map(\.title).filter { $0 != "Wrong item" })
            #expect(after.map(\.position) == Array(1...after.count))
            #expect(try await meetings.papers.agendaVersion(of: m.id) == version + 1)
            #expect(try await meetings.papers.currentPublicPack(of: m.id) == nil, "the pack printed before no longer matches the agenda")
            let audit = try await site.deps.store.withConnection { db in
                try await db.raw("SELECT action, subject FROM audit_log WHERE subject_id = \(bind: wrong.id) AND subject = 'agenda item' ORDER BY id DESC").first()
            }
            #expect(try audit?.decode(column: "action", as: String.self) == "delete")
            // Each item that moved up a place is audited with its new place.
            let moved = after.filter { item in before.first { $0.id == item.id }?.position != item.position }
            #expect(!moved.isEmpty)
            for item in moved {
                let entry = try await site.deps.store.withConnection { db in
                    try await db.raw("SELECT after_json FROM audit_log WHERE subject_id = \(bind: item.id) AND subject = 'agenda item' ORDER BY id DESC").first()
                }
                #expect(try entry?.decode(column: "after_json", as: String.self) == "{\"position\":\(item.position)}")
            }

            // The item with a paper and an action stays, and the page says why.
            let kept = try await browser.post(Site.removeAgendaItem(a, m.id, site.meetings.itemA.id), ["confirmed": "yes"])
            #expect(kept.status == .unprocessableContent)
            #expect(kept.text.contains("This item has papers, actions recorded under it, so it stays on the agenda"))
            #expect(try await meetings.meetings.items(of: m.id).contains { $0.id == site.meetings.itemA.id })
        }
    }

    @Test("Minutes approved at the next meeting are frozen", arguments: Backend.allCases)
    func minutesFrozen(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let meetings = try await Self.schedule(site, [-35, -5])
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.meetings(site.cspA.id))
            let first = meetings[0], a = site.cspA.id
            let item = try await site.deps.meetings.meetings.items(of: first.id)[1]
            // Neither meeting recorded as held yet: no minutes can be approved.
            #expect(try await browser.post(Site.approveMinutes(a, meetings[1].id), ["previous": "\(first.id)", "confirm": "yes"]).status == .unprocessableContent)
            for m in meetings {
                #expect(
                    try await browser.post(
                        Site.meeting(a, m.id), ["title": "Board", "date": m.date.iso, "start_time": "10:00", "end_time": "12:00", "venue": "Hall", "status": "held"]
                    ).status == .seeOther)
            }
            // Unconfirmed: refused.
            #expect(try await browser.post(Site.approveMinutes(a, meetings[1].id), ["previous": "\(first.id)"]).status == .unprocessableContent)
            // As a browser sends a box of text: each break CR LF. A blank line starts a paragraph; a single break stays.
            let minute = "The minutes were agreed.\r\n\r\nActions carried:\r\nA1 and A2."
            #expect(try await browser.post(Site.itemMinute(a, first.id, item.id), ["minute": minute]).status == .seeOther)
            let shown = "<p class=\"kept-lines\">The minutes were agreed.</p><p class=\"kept-lines\">Actions carried:\nA1 and A2.</p>"
            #expect(try await browser.get(Site.meeting(a, first.id)).text.contains(shown))
            #expect(try await browser.post(Site.approveMinutes(a, meetings[1].id), ["previous": "\(first.id)", "confirm": "yes"]).status == .seeOther)
            #expect(try await browser.get(Site.agendaItem(a, first.id, item.id)).text.contains(shown), "the approved minute, on its item's page")
            let refused = try await browser.post(Site.itemMinute(a, first.id, item.id), ["minute": "Rewritten afterwards."])
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("have been approved"))
            #expect(try await site.deps.meetings.meetings.item(item.id, of: first.id)?.minute == minute)
            #expect(try await browser.post(Site.itemDecisions(a, first.id, item.id), ["decision": "Late decision"]).status == .unprocessableContent)
            #expect(try await browser.post(Site.attendance(a, first.id), ["recorded": "yes"]).status == .unprocessableContent)
            #expect(try await browser.post(Site.approveMinutes(a, meetings[1].id), ["previous": "\(first.id)", "confirm": "yes"]).status == .unprocessableContent)
            // Nor can its date be moved to reopen it.
            #expect(
                try await browser.post(
                    Site.meeting(a, first.id),
                    ["title": "Board", "date": CalendarDate.today().adding(days: 30).iso, "start_time": "10:00", "end_time": "12:00", "venue": "Hall", "status": "held"]
                ).status == .unprocessableContent)
            #expect(try await site.deps.meetings.meetings.find(first.id, in: a)?.date == first.date)
            #expect(try await site.deps.meetings.minutes.decisions(at: first.id).isEmpty)
            // Published, the approved minutes are on the public page.
            try await site.deps.meetings.meetings.setPublished(first.id, in: a, true, by: .system("test"))
            #expect(String(buffer: try await client.execute(uri: Site.publicMeeting(a, first.id), method: .get).body).contains("The minutes were agreed."))
        }
    }

    /// A one-page PDF written by hand; qpdf mends its cross-reference table as it reads it.
    static let tinyPDF = Data(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .utf8)

    func upload(_ browser: Browser, _ path: String, title: String, file: String, _ bytes: Data) async throws -> TestResponse {
        try await browser.upload(path, fields: [("paper_title", title)], file: ("paper", file, bytes))
    }

    @Test("Bad papers and moves are refused with a clear message and nothing half-saved", arguments: Backend.allCases)
    func badInput(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let m = try await Self.schedule(site, [20])[0], a = site.cspA.id
            let items = try await site.deps.meetings.meetings.items(of: m.id)
            let browser = Browser(client)
            try await browser.signIn(as: .boardMember)
            try await browser.get(Site.meetings(site.cspA.id))
            try await browser.get(Site.agendaItem(a, m.id, items[0].id))
            let path = Site.itemPapers(a, m.id, items[0].id)
            let cases: [(String, Data, String)] = [
                ("report.pdf", Data(), "is empty (0 bytes)"),
                ("report.pdf", Data(count: 200 * 1024 * 1024), "larger than 25 MB"),
                ("report.pdf", Data("not a pdf at all".utf8), "is named as a PDF but is not one"),
                ("report.docx", Data("not a zip".utf8), "is named as a Word document but is not one"),
                ("report.exe", Data("MZ".utf8), "is not a PDF, Word document"),
                ("table.csv", Data("a,b\n\u{600}<iframe src=file:///etc/passwd>,x\n".utf8), "contains &lt; or &gt;"),
            ]
            for (name, bytes, message) in cases {
                let response = try await upload(browser, path, title: "Report", file: name, bytes)
                #expect(response.status == .unprocessableContent, "\(name) \(bytes.count)")
                #expect(String(buffer: response.body).contains(message), "\(name): \(message)")
            }
            #expect(try await site.deps.meetings.papers.papers(of: m.id).isEmpty)
            // A name that reaches outside its folder is cut to its last part.
            #expect(try await upload(browser, path, title: "Report", file: "../../x.pdf", Self.tinyPDF).status == .seeOther)
            let stored = try await site.deps.meetings.papers.papers(of: m.id)
            #expect(stored.map(\.fileName) == ["x.pdf"])
            #expect(try await site.deps.meetings.papers.content(stored[0].id).body == Self.tinyPDF)
            // The same title again is its next version.
            #expect(try await upload(browser, path, title: "Report", file: "report.pdf", Self.tinyPDF).status == .seeOther)
            #expect(try await site.deps.meetings.papers.papers(of: m.id).map(\.version) == [1, 2])
            // An item moved past the end of the agenda.
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.meetings(site.cspA.id))
            let moved = try await browser.post(Site.moveAgendaItem(a, m.id, items[0].id), ["position": "\(items.count + 1)"])
            #expect(moved.status == .unprocessableContent)
            #expect(String(buffer: moved.body).contains("from 1 to \(items.count)"))
            #expect(try await site.deps.meetings.meetings.items(of: m.id).map(\.id) == items.map(\.id))
            #expect(try await browser.post(Site.moveAgendaItem(a, m.id, items[0].id), ["position": "\(items.count)"]).status == .seeOther)
            #expect(try await site.deps.meetings.meetings.items(of: m.id).map(\.id) == Array(items.dropFirst()).map(\.id) + [items[0].id])
            #expect(try await site.deps.meetings.meetings.items(of: m.id).map(\.position) == Array(1...items.count))
            // A meeting that has taken place keeps its papers as they were.
            let past = try await Self.schedule(site, [-1])[0]
            let pastItem = try await site.deps.meetings.meetings.items(of: past.id)[0]
            let late = try await upload(browser, Site.itemPapers(a, past.id, pastItem.id), title: "Late", file: "late.pdf", Self.tinyPDF)
            #expect(late.status == .unprocessableContent)
            #expect(String(buffer: late.body).contains("has taken place"))
            #expect(try await site.deps.meetings.papers.papers(of: past.id).isEmpty)
        }
    }

    @Test("Exempt items stay off the public site; the public sees only published meetings", arguments: Backend.allCases)
    func exemptItems(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let m = site.meetings.a, a = site.cspA.id, author = ChangeAuthor.system("test")
            let exempt = try await site.deps.meetings.meetings.addItem(
                ItemDraft(title: "Named offender case", purpose: .discussion, durationMinutes: 10, exemptReason: "Schedule 12A paragraph 1"), to: m.id, in: a, by: author)
            let secret = try await site.deps.meetings.papers.add(
                PaperUpload(title: "Case notes", fileName: "notes.txt", format: .text, bytes: Data("Exempt details".utf8)), to: exempt.id, of: m.id, in: a, by: author)
            let publicPage = String(buffer: try await client.execute(uri: Site.publicMeeting(a, m.id), method: .get).body)
            #expect(publicPage.contains("Annual plan"))
            #expect(!publicPage.contains("Named offender case"))
            #expect(publicPage.contains("Exempt item: not open to the public (Schedule 12A paragraph 1)"))
            #expect(try await client.execute(uri: Site.publicPaper(a, m.id, secret.id), method: .get).status == .notFound)
            #expect(try await client.execute(uri: Site.publicPaper(a, m.id, site.meetings.paperA.id), method: .get).status == .ok)
            // Members of the partnership see it.
            let browser = Browser(client)
            try await browser.signIn(as: .boardMember)
            try await browser.get(Site.meetings(site.cspA.id))
            #expect(String(buffer: try await browser.get(Site.meeting(a, m.id)).body).contains("Named offender case"))
            #expect(try await browser.get(Site.paper(a, m.id, secret.id)).status == .ok)
            // The public pack printed before the item was made exempt is no longer served.
            #expect(try await client.execute(uri: Site.publicPack(a, m.id), method: .get).status == .notFound)
            let pack = try await site.deps.meetings.papers.addPack(
                Data("%PDF-1.4 again".utf8), pages: 1, audience: .public, agendaVersion: try await site.deps.meetings.papers.agendaVersion(of: m.id), for: m.id, in: a,
                by: author)
            #expect(String(buffer: try await client.execute(uri: Site.publicPack(a, m.id), method: .get).body) == "%PDF-1.4 again")
            #expect(pack.version == 2)
            // Unpublished: gone from the public site.
            try await site.deps.meetings.meetings.setPublished(m.id, in: a, false, by: author)
            #expect(try await client.execute(uri: Site.publicMeeting(a, m.id), method: .get).status == .notFound)
            #expect(try await client.execute(uri: Site.publicPaper(a, m.id, site.meetings.paperA.id), method: .get).status == .notFound)
        }
    }

    @Test("Attendance gives the quorum at once; votes are limited to voting members present", arguments: Backend.allCases)
    func attendanceAndQuorum(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, author = ChangeAuthor.system("test")
            let council = try await site.deps.organisations.create(.init(name: "Alpha Council", type: .districtCouncil), by: author)
            for o in [site.organisation.id, council.id] { try await site.deps.partnerships.addAuthority(o, to: a, by: author) }
            var seats: [Membership] = []
            for (n, (org, vote)) in [(site.organisation.id, Vote.voting), (council.id, .voting), (council.id, .voting), (council.id, .associate)].enumerated() {
                let person = try await site.deps.people.create(.init(name: "Member \(n)"), keptBy: a, by: author)
                seats.append(
                    try await site.deps.memberships.create(
                        .init(personID: person.id, organisationID: org, vote: vote, office: .member, startDate: CalendarDate("2024-01-01")!), in: a, by: author))
            }
            let m = try await Self.schedule(site, [0])[0]
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.meetings(site.cspA.id))
            try await browser.get(Site.attendance(a, m.id))
            // Police, council, council present and an associate: three voting members, the starting rule's three with the police and a council.
            var form = ["recorded": "yes"]
            for seat in seats { form["seat-\(seat.id)"] = "present" }
            #expect(try await browser.post(Site.attendance(a, m.id), form).status == .seeOther)
            #expect(String(buffer: try await browser.get(Site.attendance(a, m.id)).body).contains("Quorate: 3 voting members present, 3 needed"))
            form["seat-\(seats[0].id)"] = "apologies"
            #expect(try await browser.post(Site.attendance(a, m.id), form).status == .seeOther)
            let page = String(buffer: try await browser.get(Site.attendance(a, m.id)).body)
            #expect(page.contains("Not quorate: 2 voting members present, 3 needed"))
            #expect(page.contains("the police"))
            // A deputy must be named, and a name belongs only to a deputy.
            form["seat-\(seats[1].id)"] = "deputy"
            let unnamed = try await browser.post(Site.attendance(a, m.id), form)
            #expect(unnamed.status == .unprocessableContent)
            #expect(String(buffer: unnamed.body).contains("Enter the name of the deputy who came for Member 1"))
            form["seat-\(seats[1].id)"] = "present"
            form["deputy-\(seats[2].id)"] = "Someone Else"
            #expect(try await browser.post(Site.attendance(a, m.id), form).status == .unprocessableContent)
            form["deputy-\(seats[2].id)"] = nil
            // Two voting members present: three votes are refused.
            let item = try await site.deps.meetings.meetings.items(of: m.id)[0]
            let votes = try await browser.post(
                Site.itemDecisions(a, m.id, item.id), ["decision": "Agree the plan", "voted": "yes", "votes_for": "2", "votes_against": "1", "abstentions": "0"])
            #expect(votes.status == .unprocessableContent)
            #expect(String(buffer: votes.body).contains("only 2 voting members were counted present"))
            // Votes typed without saying the meeting voted are not silently dropped.
            #expect(try await browser.post(Site.itemDecisions(a, m.id, item.id), ["decision": "Agree the plan", "votes_for": "2"]).status == .unprocessableContent)
            #expect(
                try await browser.post(
                    Site.itemDecisions(a, m.id, item.id), ["decision": "Agree the plan", "voted": "yes", "votes_for": "2", "votes_against": "0", "abstentions": "0"]
                ).status == .seeOther)
            #expect(try await site.deps.meetings.minutes.decisions(at: m.id).map(\.votesFor) == [2])
        }
    }

    @Test("A member's calendar link gives their partnerships' meetings without a session, until a new link replaces it", arguments: Backend.allCases)
    func calendarLink(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .boardMember)
            try await browser.get(Site.calendarLink())
            let page = String(buffer: try await browser.post(Site.calendarLink(), [:]).body)
            let link = try #require(page.range(of: #"/calendar/[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(page[$0]) })
            let feed = try await client.execute(uri: link, method: .get)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            let ics = String(buffer: feed.body)
            #expect(ics.contains("SUMMARY:Alpha CSP: Alpha CSP Board"))
            #expect(!ics.contains("Beta CSP"), "only the partnerships the member may see")
            #expect(try await client.execute(uri: "/calendar/not-a-link", method: .get).status == .notFound)
            // A new link ends the old one.
            try await browser.get(Site.calendarLink())
            _ = try await browser.post(Site.calendarLink(), [:])
            #expect(try await client.execute(uri: link, method: .get).status == .notFound)
        }
    }

    @Test("Terms of reference: drafted, approved at a held meeting, signed once by each authority; a quorum larger than the board refused", arguments: Backend.allCases)
    func termsOfReference(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, author = ChangeAuthor.system("test")
            try await site.deps.partnerships.addAuthority(site.organisation.id, to: a, by: author)
            for n in 0..<3 {
                let person = try await site.deps.people.create(.init(name: "Voter \(n)"), keptBy: a, by: author)
                _ = try await site.deps.memberships.create(
                    .init(personID: person.id, organisationID: site.organisation.id, vote: .voting, office: .member, startDate: CalendarDate("2024-01-01")!), in: a, by: author)
            }
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            try await browser.get(Site.editTermsOfReference(a))
            var form = TermsView.input(.starting)
            form["purpose"] = "To reduce crime and disorder."
            form["quorum_count"] = "4"
            let tooMany = try await browser.post(Site.termsOfReference(a), form)
            #expect(tooMany.status == .unprocessableContent)
            #expect(String(buffer: tooMany.body).contains("has 3 voting members now"))
            form["quorum_count"] = "2"
            #expect(try await browser.post(Site.termsOfReference(a), form).status == .seeOther)
            let version = try #require(try await site.deps.meetings.terms.versions(of: a).first { $0.id != site.meetings.termsA.id })
            #expect(try await site.deps.meetings.terms.terms(version.id, in: a)?.1.quorum.votingMembers == 2)
            // A draft is not signed; approval needs a held meeting and the box ticked.
            #expect(
                try await browser.post(Site.signOffs(a, version.id), ["organisation_id": "\(site.organisation.id)", "signed_by": "Chief Constable", "signed_on": "2026-01-05"])
                    .status == .unprocessableContent)
            let held = try await Self.schedule(site, [-20])[0]
            _ = try await site.deps.meetings.meetings.update(
                held.id, in: a, to: MeetingDraft(title: held.title, date: held.date, startTime: "10:00", endTime: "12:00", venue: "Hall", status: .held), by: author)
            #expect(try await browser.post(Site.approveTermsVersion(a, version.id), ["meeting": "\(held.id)"]).status == .unprocessableContent)
            #expect(try await browser.post(Site.approveTermsVersion(a, version.id), ["meeting": "\(site.meetings.a.id)", "confirm": "yes"]).status == .unprocessableContent)
            #expect(try await browser.post(Site.approveTermsVersion(a, version.id), ["meeting": "\(held.id)", "confirm": "yes"]).status == .seeOther)
            let approved = try #require(try await site.deps.meetings.terms.terms(version.id, in: a)).0
            #expect(approved.isApproved && approved.approvedAtMeeting == held.name)
            #expect(
                try await browser.post(Site.signOffs(a, version.id), ["organisation_id": "\(site.organisation.id)", "signed_by": "Chief Constable", "signed_on": "2026-01-05"])
                    .status == .seeOther)
            let again = try await browser.post(Site.signOffs(a, version.id), ["organisation_id": "\(site.organisation.id)", "signed_by": "Deputy", "signed_on": "2026-01-06"])
            #expect(again.status == .unprocessableContent)
            #expect(try await site.deps.meetings.terms.signOffs(of: version.id).map(\.signedBy) == ["Chief Constable"])
            // The terms in force: this version for a meeting from today; the quorum follows it.
            #expect(try await site.deps.meetings.terms.inForce(for: a, on: CalendarDate.today().adding(days: 1)).version?.id == version.id)
            #expect(try await site.deps.meetings.quorum(of: held).needed == 2)
        }
    }
}
