import Foundation
import HallmarkDomain
import HallmarkEngagement
import HallmarkKit
import HallmarkPlan
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The Hallmarks self-assessment as a board of five uses it, on both databases: each answers
/// once; the results, worked by hand, show only when the round has closed; nothing on the page
/// or in the export says who answered what; improvement actions join the plan.
@Suite("Hallmarks self-assessment")
struct SelfAssessmentTests {
    @Test("A board of five answers anonymously; results by hand, with no name, time or order in the page or the export", arguments: Backend.allCases)
    func boardOfFive(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.selfAssessment(a))
            let past = try await coordinator.post(Site.selfAssessment(a), ["title": "Round 2026", "closes_on": "2020-01-01", "anonymous": "yes"])
            #expect(past.status == .unprocessableContent && String(buffer: past.body).contains("The closing date has passed"))
            #expect(String(buffer: past.body).contains("<title>Error: Hallmarks self-assessment"), "a refused form says so first, in its title")
            let tomorrow = CalendarDate.today().adding(days: 1)
            #expect(try await coordinator.post(Site.selfAssessment(a), ["title": "Round 2026", "closes_on": tomorrow.iso, "anonymous": "yes"]).status == .seeOther)
            let round = try #require(try await site.deps.engagement.selfAssessment.rounds(of: a).first { $0.title == "Round 2026" })
            #expect(round.anonymous)

            // 1.1.a rated 2, 3, 3, 4, 5 (median 3, middle half 2.5 to 4.5); 1.1.b 4 by all; comments in an order unlike the alphabet's.
            let answers: [(Role, String, String)] = [
                (.boardMember, "2", "Zeal in the chair"), (.administrator, "5", ""), (.analyst, "3", "Minutes come late"), (.countyOfficer, "4", "Agendas are long"),
                (.coordinator, "3", "Better data sharing needed"),
            ]
            var names: [String] = []
            for (role, rating, comment) in answers {
                let member = role == .coordinator ? coordinator : Browser(client)
                if role != .coordinator { try await member.signIn(as: role) }
                let user = try #require(try await site.deps.accounts.user(email: TestSite.email(role)))
                names += [user.name, user.email]
                try await member.get(Site.selfAssessmentRound(a, round.id))
                let bad = try await member.post(Site.selfAssessmentRound(a, round.id), ["rating-1.1.a": "9"])
                #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("Choose how far you agree that “The partnership has a shared vision"))
                let sent = try await member.post(
                    Site.selfAssessmentRound(a, round.id), ["rating-1.1.a": rating, "rating-1.1.b": "4", "rating-2.1.a": "unknown", "comment": comment])
                #expect(sent.status == .seeOther)
                let twice = try await member.post(Site.selfAssessmentRound(a, round.id), ["rating-1.1.a": "1"])
                #expect(twice.status == .unprocessableContent && String(buffer: twice.body).contains("You have already answered this round"))
            }
            // While it is open nobody sees results, nor can download them.
            let open = String(buffer: try await coordinator.get(Site.selfAssessmentRound(a, round.id)).body)
            #expect(open.contains("5 members have answered") && !open.contains("Each section’s ratings"))
            #expect(try await coordinator.get(Site.selfAssessmentCSV(a, round.id)).status == .notFound)
            #expect(try await coordinator.post(Site.selfAssessmentClose(a, round.id), ["close": "yes"]).status == .seeOther)

            let page = String(buffer: try await coordinator.get(Site.selfAssessmentRound(a, round.id)).body)
            let results = try #require(page.components(separatedBy: "<h2>Results</h2>").last)
            #expect(results.contains("<td>1.1 Lead &amp; Guide</td><td class=\"number\">10</td>"))  // ten ratings: five of each statement
            // 1.1: 2 3 3 4 5 with 4 4 4 4 4 is 2 3 3 4 4 4 4 4 4 5: median 4; halves 2 3 3 4 4 → 3 and 4 4 4 4 5 → 4; seven of ten agree.
            #expect(results.contains("<td class=\"number\">4</td><td>3 to 4</td><td>2 to 5</td><td class=\"number\">70%</td>"))
            let comments = ["Agendas are long", "Better data sharing needed", "Minutes come late", "Zeal in the chair"]
            let shown = comments.compactMap { c in results.range(of: c).map { ($0.lowerBound, c) } }.sorted { $0.0 < $1.0 }.map(\.1)
            #expect(shown == comments, "alphabetical, not in the order given")
            let csv = String(buffer: try await coordinator.get(Site.selfAssessmentCSV(a, round.id)).body)
            #expect(csv.contains("Empowered and effective leadership,1.1,Lead & Guide,10,4,3,4,2,5,70.0,\r\n"))
            #expect(csv.split(separator: "\r\n").count == 1 + Hallmarks.sections.count, "a row a section, never a row a member")
            let api = String(
                buffer: try await client.execute(
                    uri: Site.engagementAPI(a), method: .get, headers: [.authorization: "Bearer \(site.tokens[.coordinator]!)"]
                ).body)
            #expect(api.contains("\"median\":4") && api.contains("Zeal in the chair"))
            for text in [results, csv, api] {
                for name in names { #expect(!text.contains(name), "\(name) appears") }
                #expect(text.firstMatch(of: /\d{1,2}:\d{2}/) == nil, "no time of answering")
            }
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 50, offset: 0).filter { $0.subject == "self-assessment answer" }
            #expect(audit.count == 5 && audit.allSatisfy { $0.after == nil && $0.before == nil }, "who answered is logged, never what")

            // An improvement action joins the plan's transformation plan under its own priority.
            let early = try await coordinator.post(
                Site.selfAssessmentImprovements(a, round.id), ["section": "9.9", "title": "X", "owner_organisation": "Y", "due_on": "2027-01-01"])
            #expect(early.status == .unprocessableContent && String(buffer: early.body).contains("Select one of the listed options for the section it improves"))
            #expect(
                try await coordinator.post(
                    Site.selfAssessmentImprovements(a, round.id),
                    ["section": "1.1", "title": "Shorter agendas with decisions first", "owner_organisation": "Alpha Council", "due_on": "2027-03-31"]
                ).status == .seeOther)
            let priority = try #require(try await site.deps.plan.plans.priorities(of: a).first { $0.title == "Hallmarks improvement plan" })
            let action = try #require(try await site.deps.plan.plans.actions(of: a).first { $0.priorityID == priority.id })
            #expect(action.title == "Shorter agendas with decisions first" && action.plan == .transformation)
            #expect(String(buffer: try await coordinator.get(Site.selfAssessmentRound(a, round.id)).body).contains("Shorter agendas with decisions first"))
        }
    }

    /// Whoever can read the database can see who answered (and the audit log says when), so no
    /// row of what was answered may point back to one answer: on PostgreSQL by the transaction
    /// that wrote it (the same as the row of who answered), on SQLite by its rowid (the order of
    /// answering). Every table keyed by round is looked at, whatever it is called.
    @Test("Nothing stored of an anonymous round's answers says whose answer it was", arguments: Backend.allCases)
    func storedAnswersPointToNoOne(backend: Backend) async throws {
        try await withSite(backend) { site, _ in
            let repo = site.deps.engagement.selfAssessment
            let author = ChangeAuthor.system("test")
            let round = try await repo.open(title: "Unlinkable", anonymous: true, closesOn: CalendarDate.today().adding(days: 1), in: site.cspA.id, by: author)
            let answers: [(Role, Int, String)] = [
                (.boardMember, 1, "Zeal"), (.administrator, 5, "Agendas"), (.analyst, 2, "Minutes"), (.countyOfficer, 4, "Better"), (.coordinator, 3, "Chairing"),
            ]
            for (role, rating, comment) in answers {
                let user = try #require(try await site.deps.accounts.user(email: TestSite.email(role)))
                try await repo.answer(
                    SelfAssessmentAnswer(ratings: ["1.1.a": rating, "2.1.a": 6 - rating], comment: comment), to: round, userID: user.id, name: user.name, by: author)
            }
            #expect(try await repo.ratings(of: round).filter { $0.statement == "1.1.a" }.map(\.rating) == [1, 2, 3, 4, 5])
            #expect(try await repo.comments(of: round).map(\.text) == ["Agendas", "Better", "Chairing", "Minutes", "Zeal"])

            let store = site.deps.store
            // SQLite's log holds every transaction's pages in order: after the answers, none of the
            // answers' tables' pages (their own or their keys') is left in it. Other writes may be.
            if case .sqlite(let path) = store.location {
                let (pageSize, pages) = try await store.withConnection { db in
                    (
                        try await db.raw("PRAGMA page_size").first()!.decode(column: "page_size", as: Int.self),
                        Set(
                            try await db.raw("SELECT rootpage FROM sqlite_master WHERE tbl_name IN ('hallmark_tallies', 'hallmark_comments', 'hallmark_raters')").all()
                                .map { try $0.decode(column: "rootpage", as: UInt32.self) })
                    )
                }
                let log = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
                // A 32-byte header, then frames of a 24-byte header (the page's number first, big-endian) and the page.
                let logged = stride(from: 32, to: log.count - 24, by: 24 + pageSize).map { at in log[at..<at + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
                #expect(!pages.isEmpty && pages.isDisjoint(with: logged), "the log still holds versions of pages \(pages.intersection(logged).sorted())")
            }
            try await store.withConnection { db in
                let postgres = store.dialect == .postgres
                let tables = try await db.raw(
                    postgres
                        ? "SELECT table_name AS name FROM information_schema.columns WHERE column_name = 'round_id' AND table_schema = current_schema()"
                        : "SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'round_id'"
                ).all().map { try $0.decode(column: "name", as: String.self) }.filter { !["hallmark_respondents", "hallmark_improvements"].contains($0) }
                #expect(tables.count >= 2, "the answers' tables are found: \(tables)")
                for table in tables {
                    if postgres {
                        let transactions = try await db.raw("SELECT DISTINCT xmin::text AS x FROM \(unsafeRaw: table) WHERE round_id = \(bind: round.id)").all()
                        #expect(transactions.count == 1, "\(table) holds rows written by \(transactions.count) answers")
                    } else {
                        let columns = try await db.raw("SELECT COUNT(*) AS n FROM pragma_table_info(\(bind: table))").first()!.decode(column: "n", as: Int.self)
                        let inTheirOwnOrder = (2...(columns + 1)).map(String.init).joined(separator: ", ")
                        let rowids = try await db.raw("SELECT rowid AS r, * FROM \(unsafeRaw: table) WHERE round_id = \(bind: round.id) ORDER BY \(unsafeRaw: inTheirOwnOrder)")
                            .all()
                            .map { try $0.decode(column: "r", as: Int64.self) }
                        #expect(rowids.count > 1 && rowids == rowids.sorted(), "\(table)'s rowids follow the order of answering, not the rows' own")
                    }
                }
            }
        }
    }

    /// Three answered, but only one rated "Lead & Guide": its figures would be that member's own.
    @Test("A section of an anonymous round that fewer than three rated shows no figures, on the page, in the CSV or the API", arguments: Backend.allCases)
    func sectionsTooFewRatedAreWithheld(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let repo = site.deps.engagement.selfAssessment
            let author = ChangeAuthor.system("test")
            let round = try await repo.open(title: "Sparse", anonymous: true, closesOn: CalendarDate.today().adding(days: 1), in: a, by: author)
            let answers: [(Role, [String: Int])] = [
                (.boardMember, ["6.2.b": 3]), (.analyst, ["6.2.b": 4]), (.coordinator, ["1.1.a": 1, "1.1.b": 2, "6.2.b": 5]),
            ]
            for (role, ratings) in answers {
                let user = try #require(try await site.deps.accounts.user(email: TestSite.email(role)))
                try await repo.answer(SelfAssessmentAnswer(ratings: ratings, comment: ""), to: round, userID: user.id, name: user.name, by: author)
            }
            try await repo.close(round, by: author)
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            let page = try await coordinator.get(Site.selfAssessmentRound(a, round.id)).text
            #expect(page.contains("<td>1.1 Lead &amp; Guide</td><td>Fewer than 3 members rated it: not shown</td><td class=\"number\">–</td><td>–</td><td>–</td>"))
            // 6.2: 3, 4 and 5 from three members: median 4, two of three agree.
            #expect(page.contains("<td>6.2 Learning</td><td>3</td><td class=\"number\">4</td><td>3 to 5</td><td>3 to 5</td><td class=\"number\">67%</td>"))
            let csv = try await coordinator.get(Site.selfAssessmentCSV(a, round.id)).text
            #expect(csv.contains("Empowered and effective leadership,1.1,Lead & Guide,,,,,,,,\r\n"))
            #expect(!csv.contains(",1.1,Lead & Guide,2,"))
            let api = try await client.execute(uri: Site.engagementAPI(a), method: .get, headers: [.authorization: "Bearer \(site.tokens[.coordinator]!)"]).text
            #expect(api.contains("\"section\":\"1.1\",\"withheld\":true") && !api.contains("\"highest\":2"))
        }
    }

    @Test("An anonymous round with fewer than three answers shows no results; a named one shows its comments by name, beside the round before", arguments: Backend.allCases)
    func fewAnswersAndNamedRounds(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let repo = site.deps.engagement.selfAssessment
            let author = ChangeAuthor.system("test")
            let tomorrow = CalendarDate.today().adding(days: 1)
            let earlier = try await repo.open(title: "Earlier", anonymous: false, closesOn: tomorrow, in: a, by: author)
            let few = try await repo.open(title: "Few", anonymous: true, closesOn: tomorrow.adding(days: 1), in: a, by: author)
            let named = try await repo.open(title: "Named", anonymous: false, closesOn: tomorrow.adding(days: 2), in: a, by: author)
            let board = try #require(try await site.deps.accounts.user(email: TestSite.email(.boardMember)))
            let analyst = try #require(try await site.deps.accounts.user(email: TestSite.email(.analyst)))
            for (user, rating) in [(board, 2), (analyst, 3)] {
                try await repo.answer(SelfAssessmentAnswer(ratings: ["1.1.a": rating], comment: ""), to: earlier, userID: user.id, name: user.name, by: author)
                try await repo.answer(SelfAssessmentAnswer(ratings: ["1.1.a": 1], comment: "From \(user.name)"), to: few, userID: user.id, name: user.name, by: author)
                try await repo.answer(SelfAssessmentAnswer(ratings: ["1.1.a": rating + 2], comment: "Named \(rating)"), to: named, userID: user.id, name: user.name, by: author)
            }
            for round in [earlier, few, named] { try await repo.close(round, by: author) }
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            let hidden = String(buffer: try await coordinator.get(Site.selfAssessmentRound(a, few.id)).body)
            #expect(hidden.contains("Fewer than 3 members answered") && !hidden.contains("From "))
            #expect(try await coordinator.get(Site.selfAssessmentCSV(a, few.id)).status == .notFound)
            // Named: 4 and 5 (median 4.5) against "Earlier" at 2 and 3 (median 2.5), up 2.0; "Few", between them, is
            // passed over, so that its hidden median (1) cannot be read from a change.
            let shown = String(buffer: try await coordinator.get(Site.selfAssessmentRound(a, named.id)).body)
            #expect(shown.contains("\(board.name): Named 2") && shown.contains("+2.0"))
        }
    }
}
