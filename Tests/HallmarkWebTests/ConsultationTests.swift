import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkDomain
import HallmarkEngagement
import HallmarkKit
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Testing

/// Consultations from setting up to results, on both databases: answered on the public site
/// without an account, machines dropped and counted, bad input named, results with Wilson
/// intervals worked by hand, and closed by the daily job.
@Suite("Consultations")
struct ConsultationTests {
    /// Wilson 95% intervals by hand (z = 1.96): 40 of 100 → 30.94% to 49.80%; 0 of 10 → 0 to
    /// 27.75%; 10 of 10 → 72.25% to 100%; 2 of 3 → 20.77% to 93.85%.
    @Test func wilsonIntervals() throws {
        for (k, n, low, high) in [(40, 100, 0.3094, 0.4980), (0, 10, 0, 0.2775), (10, 10, 0.7225, 1), (2, 3, 0.2077, 0.9385)] {
            let i = try #require(Wilson.interval(k, of: n))
            #expect(abs(i.low - low) < 0.00005 && abs(i.high - high) < 0.00005, "\(k) of \(n): \(i)")
        }
        #expect(Wilson.interval(0, of: 0) == nil && Wilson.interval(4, of: 3) == nil)
    }

    @Test("A scale's ends say what they mean, as the coordinator words them; left unsaid, 1 is very poor and 5 very good")
    func scaleEnds() async throws {
        try await withSite(.sqlite) { site, client in
            let a = site.cspA.id, repo = site.deps.engagement.consultations, today = CalendarDate.today()
            let c = try await repo.add(
                (title: "Street drinking", introduction: "", opensOn: today.adding(days: 1), closesOn: today.adding(days: 30), onePerDevice: false), to: a, by: .system("test"))
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.consultation(a, c.id))
            let oneEnd = try await coordinator.post(Site.consultationQuestions(a, c.id), ["kind": "scale", "question": "How much does it affect you?", "options": "Not at all"])
            #expect(oneEnd.status == .unprocessableContent && oneEnd.text.contains("For a scale give two lines, what 1 means and what 5 means"))
            for form in [
                ["kind": "scale", "question": "How much does street drinking affect you?", "options": "Not at all\nA great deal"],
                ["kind": "scale", "question": "How well do the police deal with it?"],
            ] {
                #expect(try await coordinator.post(Site.consultationQuestions(a, c.id), form).status == .seeOther)
            }
            try await site.deps.store.withConnection { db in try await db.raw("UPDATE consultations SET opens_on = \(bind: today.iso) WHERE id = \(bind: c.id)").run() }
            let page = try await client.execute(uri: Site.publicConsultation(a, c.id), method: .get).text
            #expect(page.contains("1 (Not at all)") && page.contains("5 (A great deal)"))
            #expect(page.contains("1 (very poor)") && page.contains("5 (very good)"))
            #expect(!page.contains("very good") || page.components(separatedBy: "5 (very good)").count == 2, "only the second question has the default ends")
        }
    }

    @Test("Before it opens a consultation's details and questions change and it may be withdrawn; once open, none of it", arguments: Backend.allCases)
    func changedBeforeOpening(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id, repo = site.deps.engagement.consultations, today = CalendarDate.today(), author = ChangeAuthor.system("test")
            let c = try await repo.add(
                (title: "Scholl gates", introduction: "", opensOn: today.adding(days: 7), closesOn: today.adding(days: 30), onePerDevice: false), to: a, by: author)
            let questions = [
                (kind: QuestionKind.single, text: "Do you drive to school?", options: ["Yes", "No"]),
                (kind: QuestionKind.text, text: "Anything else?", options: [String]()),
                (kind: QuestionKind.scale, text: "How safe is the crossing?", options: [String]()),
            ]
            var added: [ConsultationQuestion] = []
            for q in questions { added.append(try await repo.addQuestion(q, to: c, today: today, by: author)) }
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            let page = try await coordinator.get(Site.consultation(a, c.id))
            #expect(page.text.contains(Site.editConsultation(a, c.id)) && page.text.contains(Site.consultationQuestion(a, c.id, added[1].id)))

            // The details: a first day already gone is named, and nothing changes; then corrected.
            let edit = try await coordinator.get(Site.editConsultation(a, c.id))
            #expect(edit.status == .ok && edit.text.contains("value=\"Scholl gates\""))
            let past = ["title": "School gates", "opens_on": today.adding(days: -1).iso, "closes_on": today.adding(days: 30).iso]
            let refused = try await coordinator.post(Site.consultation(a, c.id), past)
            #expect(refused.status == .unprocessableContent && refused.text.contains("The first day has passed: choose a later day"))
            #expect(try await repo.consultation(c.id, in: a) == c)
            // The same title as another of the partnership's, in other capitals, is the same title.
            let same = try await coordinator.post(Site.consultation(a, c.id), past.merging(["title": "FEELING SAFE", "opens_on": today.adding(days: 3).iso]) { $1 })
            #expect(same.status == .unprocessableContent && same.text.contains("There is already a consultation called “FEELING SAFE”"))
            let fixed = [
                "title": "School gates", "introduction": "Mornings", "opens_on": today.adding(days: 3).iso, "closes_on": today.adding(days: 40).iso, "one_per_device": "yes",
            ]
            #expect(try await coordinator.post(Site.consultation(a, c.id), fixed).status == .seeOther)
            let changed = try #require(try await repo.consultation(c.id, in: a))
            #expect(changed.title == "School gates" && changed.introduction == "Mornings" && changed.opensOn == today.adding(days: 3))
            #expect(changed.closesOn == today.adding(days: 40) && changed.onePerDevice)

            // A question: changed in place, then the first taken off and the others renumbered.
            let scale = ["kind": "scale", "question": "How safe is the crossing outside?", "options": "Not at all\nCompletely"]
            #expect(try await coordinator.post(Site.consultationQuestion(a, c.id, added[2].id), scale).status == .seeOther)
            let oneChoice = try await coordinator.post(Site.consultationQuestion(a, c.id, added[0].id), ["kind": "single", "question": "Drive?", "options": "Yes"])
            #expect(oneChoice.status == .unprocessableContent && oneChoice.text.contains("Give at least two choices, one a line"))
            let takenOff = try await coordinator.postConfirming(
                Site.removeConsultationQuestion(a, c.id), ["question": "\(added[0].id)"], asks: "Take question 1, “\(added[0].text)”, off the consultation?",
                stillThere: { try await repo.questions(of: c.id).count == 3 })
            #expect(takenOff.status == .seeOther)
            let left = try await repo.questions(of: c.id)
            #expect(left.map(\.id) == [added[1].id, added[2].id] && left.map(\.position) == [1, 2])
            #expect(left[1].text == "How safe is the crossing outside?" && left[1].options == ["Not at all", "Completely"])

            // Opened (set by hand, as the calendar would): nothing about it changes any more.
            let opened = try #require(try await repo.consultation(site.consultationA.id, in: a))
            let openedQuestion = try #require(try await repo.questions(of: opened.id).first)
            #expect(try await coordinator.get(Site.editConsultation(a, opened.id)).text.contains("its details and questions can no longer change"))
            #expect(!(try await coordinator.get(Site.consultation(a, opened.id)).text.contains(Site.editConsultation(a, opened.id))))
            for (path, form) in [
                (Site.consultation(a, opened.id), fixed.merging(["title": "Feeling safe"]) { $1 }),
                // A form loaded before it opened and sent after: told it has opened, not the form's faults.
                (Site.consultation(a, opened.id), past),
                (Site.withdrawConsultation(a, opened.id), [:]),
                (Site.consultationQuestion(a, opened.id, openedQuestion.id), ["kind": "text", "question": "Changed?"]),
                (Site.removeConsultationQuestion(a, opened.id), ["question": "\(openedQuestion.id)"]),
                (Site.consultationQuestions(a, opened.id), ["kind": "text", "question": "Added?"]),
                (Site.consultationQuestions(a, opened.id), ["kind": "single", "question": ""]),
                (Site.consultationQuestion(a, opened.id, openedQuestion.id), ["kind": "single", "question": ""]),
            ] {
                let answer = try await coordinator.post(path, form)
                #expect(answer.status == .unprocessableContent && answer.text.contains("its details and questions can no longer change"), "\(path)")
            }
            let stillOpened = try await repo.consultation(opened.id, in: a), stillAsked = try await repo.questions(of: opened.id)
            #expect(stillOpened == opened && stillAsked == [openedQuestion])

            // One that reaches its first day with no questions shows the public no form to send.
            let empty = try await repo.add(
                (title: "Nothing yet", introduction: "", opensOn: today.adding(days: 1), closesOn: today.adding(days: 9), onePerDevice: false), to: a, by: author)
            try await site.deps.store.withConnection { db in try await db.raw("UPDATE consultations SET opens_on = \(bind: today.iso) WHERE id = \(bind: empty.id)").run() }
            let publicPage = try await client.execute(uri: Site.publicConsultation(a, empty.id), method: .get).text
            #expect(publicPage.contains("This consultation has no questions to answer yet") && !publicPage.contains("Send my answers"))

            // Withdrawn before it opens: gone, its questions with it, each removal audited.
            let title = try #require(try await repo.consultation(c.id, in: a)).title
            let withdrawal = try await coordinator.postConfirming(
                Site.withdrawConsultation(a, c.id), [:], asks: "Withdraw the consultation “\(title)”?", stillThere: { try await repo.consultation(c.id, in: a) != nil })
            #expect(withdrawal.status == .seeOther)
            let withdrawn = try await repo.consultation(c.id, in: a), itsQuestions = try await repo.questions(of: c.id)
            #expect(withdrawn == nil && itsQuestions.isEmpty)
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 50, offset: 0)
            #expect(audit.filter { $0.subject == "consultation" && $0.action == .delete }.count == 1)
            #expect(audit.filter { $0.subject == "consultation question" && $0.action == .delete }.count == 3)
            // One question changed; two moved up a place when the first came off, each move audited.
            let updates = audit.filter { $0.subject == "consultation question" && $0.action == .update }
            #expect(updates.count == 3)
            #expect(
                Set(updates.filter { $0.after == #"{"position":1}"# || $0.after == #"{"position":2}"# }.compactMap(\.subjectID)) == [added[1].id.rawValue, added[2].id.rawValue])
        }
    }

    @Test("A resident answers on the public site; machines and bad input are kept out; results by hand; the daily job closes it", arguments: Backend.allCases)
    func publicAnswers(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let repo = site.deps.engagement.consultations
            let today = CalendarDate.today()
            // Set up through the page, opening tomorrow: not on the public site yet.
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.consultations(a))
            let bad = try await coordinator.post(Site.consultations(a), ["title": "Town centre", "opens_on": today.adding(days: 5).iso, "closes_on": today.adding(days: 1).iso])
            #expect(bad.status == .unprocessableContent && String(buffer: bad.body).contains("The last day must be on or after the first"))
            let setUp = try await coordinator.post(
                Site.consultations(a), ["title": "Town centre", "opens_on": today.adding(days: 1).iso, "closes_on": today.adding(days: 30).iso, "one_per_device": "yes"])
            #expect(setUp.status == .seeOther)
            // Told what happened in words for a new consultation, not "your changes were saved".
            #expect(try await coordinator.get(setUp.headers[.location]!).text.contains("The consultation was set up. Add its questions before its first day."))
            var c = try #require(try await repo.consultations(of: a).first)
            let oneChoice = try await coordinator.post(Site.consultationQuestions(a, c.id), ["kind": "single", "question": "Do you feel safe?", "options": "Yes"])
            #expect(oneChoice.status == .unprocessableContent && String(buffer: oneChoice.body).contains("Give at least two choices, one a line"))
            for form in [
                ["kind": "single", "question": "Do you feel safe in the town centre after dark?", "options": "Yes\nNo\nNot sure"],
                ["kind": "multiple", "question": "What worries you most?", "options": "Drug dealing\nAnti-social behaviour\nVehicle crime"],
                ["kind": "text", "question": "What one thing would make it safer?"],
            ] {
                #expect(try await coordinator.post(Site.consultationQuestions(a, c.id), form).status == .seeOther)
            }
            let questions = try await repo.questions(of: c.id)
            #expect(try await client.execute(uri: Site.publicConsultation(a, c.id), method: .get).status == .notFound)
            #expect(!String(buffer: try await client.execute(uri: Site.publicConsultations(a), method: .get).body).contains("Town centre"))

            // Opened today (as the daily turn of the calendar would), it is on the public site.
            try await site.deps.store.withConnection { db in try await db.raw("UPDATE consultations SET opens_on = \(bind: today.iso)").run() }
            c = try #require(try await repo.consultation(c.id, in: a))
            let form = String(buffer: try await client.execute(uri: Site.publicConsultation(a, c.id), method: .get).body)
            #expect(form.contains("Do you feel safe in the town centre after dark?") && form.contains("name=\"website\"") && form.contains("name=\"stamp\""))
            let (q1, q2, q3) = (questions[0].id, questions[1].id, questions[2].id)
            func send(_ fields: [String: String], started: Int64 = Int64(Date().timeIntervalSince1970) - 60, cookie: String? = nil, stamp: String? = nil) async throws
                -> TestResponse
            {
                var body = fields
                body["started"] = "\(started)"
                if let stamp { body["stamp"] = stamp } else { body["stamp"] = try await site.deps.engagement.stamp(c, at: started) }
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                if let cookie { headers[.cookie] = cookie }
                let encoded = body.sorted { $0.key < $1.key }.map { "\(Browser.encode($0.key))=\(Browser.encode($0.value))" }.joined(separator: "&")
                return try await client.execute(uri: Site.publicConsultation(a, c.id), method: .post, headers: headers, body: ByteBuffer(string: encoded))
            }
            // Machines: a filled hidden field, a form sent at once, a forged stamp: thanked, dropped, counted.
            #expect(String(buffer: try await send(["q\(q1)": "0", "website": "http://spam.example"]).body).contains("Thank you"))
            // Stamped in the future of the check, so that a slow run cannot make it look patient.
            #expect(try await send(["q\(q1)": "0"], started: Int64(Date().timeIntervalSince1970) + 600).status == .ok)
            #expect(try await send(["q\(q1)": "0"], stamp: "0123").status == .ok)
            // Bad input: named, nothing kept.
            for (fields, message) in [
                (["q\(q3)": String(repeating: "x", count: 100_000)], "must be 4000 characters or fewer"),
                (["q\(q3)": "<script>alert(1)</script>"], "must not contain &lt; or &gt;"), (["q\(q3)": "bell\u{7}"], "must not contain control characters"),
                (["q\(q1)": "7"], "Choose one of the answers to “Do you feel safe in the town centre after dark?”"), ([:], "Answer at least one question"),
            ] {
                let refused = try await send(fields)
                #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains(message), "\(message)")
            }
            #expect(try await repo.responses(to: c) == 0)
            c = try #require(try await repo.consultation(c.id, in: a))
            #expect(c.droppedHoneypot == 1 && c.droppedTooFast == 2)
            #expect(
                try await coordinator.get(Site.consultation(a, c.id)).text.contains(
                    "1 answer filled in a field hidden from people; 2 answers sent sooner than a person could fill in the form"))

            // Three residents: "Yes", "Yes", "No"; worries 1 and 2, 2, none; two written answers, one a spreadsheet formula.
            let first = try await send(["q\(q1)": "0", "q\(q2)-0": "yes", "q\(q2)-1": "yes", "q\(q3)": "More patrols at night"])
            #expect(first.status == .ok && String(buffer: first.body).contains("Thank you"))
            let cookie = try #require(first.headers[.setCookie]).components(separatedBy: ";")[0]
            let again = try await send(["q\(q1)": "1"], cookie: cookie)
            #expect(again.status == .unprocessableContent && String(buffer: again.body).contains("You have already answered this consultation from this device"))
            _ = try await send(["q\(q1)": "0", "q\(q2)-1": "yes", "q\(q3)": "=HYPERLINK(\"http://x\")"])
            _ = try await send(["q\(q1)": "1"])
            #expect(try await repo.responses(to: c) == 3)
            // Yes 2 of 3: 66.7% (21% to 94%); No 1 of 3: 33.3% (6% to 79%); worries of the two who chose any: ASB 2 of 2.
            let page = String(buffer: try await coordinator.get(Site.consultation(a, c.id)).body)
            #expect(page.contains("<td>Yes</td><td class=\"number\">2</td><td class=\"number\">66.7% (21% to 94%)</td>"))
            #expect(page.contains("<td>No</td><td class=\"number\">1</td><td class=\"number\">33.3% (6% to 79%)</td>"))
            #expect(page.contains("<td>Anti-social behaviour</td><td class=\"number\">2</td><td class=\"number\">100.0% (34% to 100%)</td>"))
            // The same in the API, as proportions of 100 with the interval's ends.
            let api = try JSONSerialization.jsonObject(
                with: Data(
                    buffer: try await client.execute(uri: Site.engagementAPI(a), method: .get, headers: [.authorization: "Bearer \(site.tokens[.analyst]!)"]).body))
            let yes = try #require(
                (((api as? [String: Any])?["consultations"] as? [[String: Any]])?.first { (($0["consultation"] as? [String: Any])?["title"] as? String) == "Town centre" }?[
                    "questions"] as? [[String: Any]])?.first?["choices"] as? [[String: Any]])[0]
            #expect(yes["count"] as? Int == 2 && abs((yes["ci95_low"] as? Double ?? 0) - 20.77) < 0.01 && abs((yes["ci95_high"] as? Double ?? 0) - 93.85) < 0.01)
            // Themes given to the written answers, then the CSV, its formula cell made harmless.
            let texts = try await repo.results(of: c)[2].texts
            var themes: [String: String] = [:]
            for t in texts { themes["theme-\(t.answerID)"] = t.text.hasPrefix("More") ? "Policing" : "Other" }
            try await coordinator.get(Site.consultation(a, c.id))
            #expect(try await coordinator.post(Site.consultationThemes(a, c.id), themes).status == .seeOther)
            let csv = String(buffer: try await coordinator.get(Site.consultationCSV(a, c.id)).body)
            #expect(csv.contains("Do you feel safe in the town centre after dark?,Yes,2,3,66.7,20.8,93.9,\r\n"))
            #expect(csv.contains("What one thing would make it safer?,More patrols at night,,,,,,Policing\r\n"))
            #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""))

            // The day after its last, the daily job closes it; the public form says so and takes no more.
            #expect(try await repo.closeEnded(today: c.closesOn.adding(days: 1)) == 1)
            let closed = String(buffer: try await client.execute(uri: Site.publicConsultation(a, c.id), method: .get).body)
            #expect(closed.contains("This consultation closed on"))
            #expect(try await send(["q\(q1)": "0"]).status == .unprocessableContent)
            #expect(try await repo.responses(to: c) == 3)
        }
    }

    @Test("A thousand rapid answers from one address: a minute's allowance is taken, the rest refused and nothing of them kept", arguments: Backend.allCases)
    func floodLimited(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let c = site.consultationA
            let q = try #require(try await site.deps.engagement.consultations.questions(of: c.id).first)
            let started = Int64(Date().timeIntervalSince1970) - 60
            let body = "q\(q.id)=0&started=\(started)&stamp=\(try await site.deps.engagement.stamp(c, at: started))"
            var statuses: [HTTPResponse.Status: Int] = [:]
            let first = Int64(Date().timeIntervalSince1970)
            for _ in 0..<1000 {
                let sent = try await client.execute(
                    uri: Site.publicConsultation(site.cspA.id, c.id), method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body))
                statuses[sent.status, default: 0] += 1
            }
            // Twenty a minute, in each minute the run touched (one, unless the minute turned during it).
            let windows = Int((Int64(Date().timeIntervalSince1970) / 60) - first / 60) + 1
            let accepted = statuses[.ok, default: 0]
            #expect(accepted >= 20 && accepted <= 20 * windows && statuses[.tooManyRequests, default: 0] == 1000 - accepted, "\(statuses) in \(windows) minutes")
            #expect(try await site.deps.engagement.consultations.responses(to: c) == accepted)
        }
    }

    /// 20 answered a multiple choice question: Drug dealing 9 (45%: score 5), Anti-social
    /// behaviour 6 (30%, on the band's edge: 4), Burglary 1 (5%: 1), Graffiti 5 (not used).
    /// Wilson 95% interval of 9 of 20 by hand (z = 1.96): 25.8% to 65.8%.
    @Test("A closed consultation's shares become the assessment's public concern, with their source, for those who draft it", arguments: Backend.allCases)
    func publicConcern(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let a = site.cspA.id
            let repo = site.deps.engagement.consultations
            let today = CalendarDate.today()
            var c = try await repo.add(
                (title: "Worries in the town", introduction: "", opensOn: today.adding(days: -30), closesOn: today, onePerDevice: false), to: a, by: .system("test"))
            let q = try await repo.addQuestion(
                (kind: .multiple, text: "What worries you?", options: ["Drug dealing", "Anti-social behaviour", "Burglary", "Graffiti"]), to: c,
                today: today.adding(days: -31), by: .system("test"))
            for i in 0..<20 {
                let chosen = i == 0 ? [0, 1] : i < 9 ? [0] : i < 14 ? [1] : i == 14 ? [2] : [3]
                try await repo.respond([q.id: (chosen, "")], to: c, on: today.adding(days: -2))
            }
            let fields = ["question": "\(q.id)", "theme-\(q.id)-0": "Drugs", "theme-\(q.id)-1": "Anti-social behaviour", "theme-\(q.id)-2": "Burglary", "theme-\(q.id)-3": ""]
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            try await coordinator.get(Site.consultation(a, c.id))
            let stillOpen = try await coordinator.post(Site.consultationPublicConcern(a, c.id), fields)
            #expect(stillOpen.status == .unprocessableContent && String(buffer: stillOpen.body).contains("The consultation is still open"))
            #expect(try await repo.closeEnded(today: today.adding(days: 1)) == 1)
            c = try #require(try await repo.consultation(c.id, in: a))

            let board = Browser(client)
            try await board.signIn(as: .boardMember)
            try await board.get(Site.consultation(a, c.id))
            #expect(!String(buffer: try await board.get(Site.consultation(a, c.id)).body).contains("as public concern"))
            #expect(try await board.post(Site.consultationPublicConcern(a, c.id), fields).status == .forbidden)

            let page = String(buffer: try await coordinator.get(Site.consultation(a, c.id)).body)
            #expect(page.contains("Use question 1 as public concern") && page.contains("<option value=\"Drugs\" selected=\"selected\">"))
            for (bad, message) in [
                (["theme-\(q.id)-0": "Nonsense"], "Choose one of the assessment’s themes for “Drug dealing”, or none"),
                (["theme-\(q.id)-2": "Drugs"], "“Drugs” is chosen for two answers"),
                (["theme-\(q.id)-0": "", "theme-\(q.id)-1": "", "theme-\(q.id)-2": ""], "Choose the theme at least one answer stands for"),
                (["question": "999999"], "Choose one of this consultation’s choice questions"),
            ] {
                let refused = try await coordinator.post(Site.consultationPublicConcern(a, c.id), fields.merging(bad) { $1 })
                #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains(message), "\(bad)")
            }
            #expect(try await AssessmentRepository(store: site.deps.store).settingsJSON(of: a) == nil, "a refused form changes nothing")

            #expect(try await coordinator.post(Site.consultationPublicConcern(a, c.id), fields).status == .seeOther)
            let settings = try WorkingSettings.decode(try await AssessmentRepository(store: site.deps.store).settingsJSON(of: a))
            for (theme, score) in [("Drugs", "5"), ("Anti-social behaviour", "4"), ("Burglary", "1")] {
                #expect(settings.adjustment(theme, .publicConcern)?.value == score, "\(theme)")
            }
            #expect(settings.adjustments.count == 3)
            let reason = try #require(settings.adjustment("Drugs", .publicConcern)?.reason)
            #expect(
                reason.contains("Consultation “Worries in the town”") && reason.contains("9 of 20 who answered (45.0%, 95% interval 25.8% to 65.8%) chose “Drug dealing”"),
                "\(reason)")
            // The matrix scores it so, with the source beside it on the settings page.
            let priority = try #require(
                PriorityMatrix.rank(
                    [], area: AreaEvidence(incidents: 0, harmPerIncident: 0, incompleteMonths: false),
                    settings: AssessmentSettings(
                        themes: [
                            AnalystTheme(name: "Drugs", evidence: "", harm: 3, volume: 3, trend: 3, confidence: .medium, classification: .emerging, addedBy: "test")
                        ], adjustments: settings.adjustments)
                ).first)
            #expect(priority.score(.publicConcern).final == 5 && priority.score(.publicConcern).computed == 3)
            #expect(String(buffer: try await coordinator.get(Site.assessmentSettings(a)).body).contains("Consultation “Worries in the town”"))
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 20, offset: 0)
            #expect(audit.contains { $0.subject == "assessment settings" && ($0.after ?? "").contains("Worries in the town") })
        }
    }
}
