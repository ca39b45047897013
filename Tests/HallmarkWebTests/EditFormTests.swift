import Foundation
import HallmarkDomain
import HallmarkEngagement
import HallmarkFunding
import HallmarkStore
import HallmarkTestSupport
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// Every form that changes a record opens filled with the record as stored, so that saving it
/// untouched changes nothing. A field the form leaves out is emptied by the save: a budget
/// line's priority was, and the line dropped out of its priority's funding without a word.
@Suite("Edit forms")
struct EditFormTests {
    /// An edit page, the form on it that saves (by its action), and the row it saves to.
    struct Case: Sendable, CustomStringConvertible {
        let page: String
        let action: String
        let table: String
        let id: Int64
        var description: String { page }
    }

    @Test("saved untouched, each edit form leaves its record as it was")
    func untouchedSaveChangesNothing() async throws {
        try await withSite(.sqlite) { site, client in
            let a = site.cspA.id.rawValue
            // Every optional field given a value first, so that a form leaving one out shows.
            _ = try await BudgetRepository(store: site.deps.store).update(
                site.budgetLineA.id, in: site.cspA.id,
                to: BudgetLineDraft(
                    name: "IDVA service", budget: .pounds(25_000), committed: .pounds(20_000), spent: [.pounds(5_000), .pounds(1), .zero, .zero],
                    priority: "Domestic abuse"), by: .system("test"))
            let meeting = site.meetings.a.id.rawValue
            let engagement = site.deps.engagement
            let event = try await engagement.engagement.addEvent(
                (kind: .wardWalk, heldOn: CalendarDate("2026-10-01")!, place: "Park Estate", attendance: 18, issues: "Broken lights"), to: site.cspA.id, by: .system("test"))
            let answer = try await engagement.engagement.addItem(
                (said: "Lights", did: "Mended", eventID: event.id, actionID: site.plan.ownedAction.id.rawValue, published: true), to: site.cspA.id, by: .system("test"))
            let ahead = try await engagement.consultations.add(
                (title: "Ahead", introduction: "About lights", opensOn: .today().adding(days: 7), closesOn: .today().adding(days: 30), onePerDevice: true), to: site.cspA.id,
                by: .system("test"))
            let question = try await engagement.consultations.addQuestion(
                (kind: .scale, text: "How dark is it?", options: ["Not at all", "Very"]), to: ahead, today: .today(), by: .system("test"))
            let consultations = "/partnerships/\(a)/consultations/\(ahead.id.rawValue)"
            let cases = [
                Case(
                    page: "/partnerships/\(a)/engagement/events/\(event.id.rawValue)", action: "/partnerships/\(a)/engagement/events/\(event.id.rawValue)",
                    table: "engagement_events", id: event.id.rawValue),
                Case(
                    page: "/partnerships/\(a)/engagement/you-said-we-did/\(answer.id.rawValue)",
                    action: "/partnerships/\(a)/engagement/you-said-we-did/\(answer.id.rawValue)", table: "you_said_we_did", id: answer.id.rawValue),
                Case(page: consultations + "/edit", action: consultations, table: "consultations", id: ahead.id.rawValue),
                Case(
                    page: consultations + "/questions/\(question.id.rawValue)", action: consultations + "/questions/\(question.id.rawValue)",
                    table: "consultation_questions", id: question.id.rawValue),
                Case(
                    page: "/partnerships/\(a)/budget/lines/\(site.budgetLineA.id.rawValue)", action: "/partnerships/\(a)/budget/lines/\(site.budgetLineA.id.rawValue)",
                    table: "budget_lines", id: site.budgetLineA.id.rawValue),
                Case(page: "/partnerships/\(a)/edit", action: "/partnerships/\(a)", table: "partnerships", id: a),
                Case(
                    page: "/organisations/\(site.organisation.id.rawValue)/edit", action: "/organisations/\(site.organisation.id.rawValue)", table: "organisations",
                    id: site.organisation.id.rawValue),
                Case(page: "/people/\(site.personA.id.rawValue)/edit", action: "/people/\(site.personA.id.rawValue)", table: "people", id: site.personA.id.rawValue),
                Case(page: "/partnerships/\(a)/meetings/\(meeting)/edit", action: "/partnerships/\(a)/meetings/\(meeting)", table: "meetings", id: meeting),
                Case(
                    page: "/partnerships/\(a)/meetings/\(meeting)/items/\(site.meetings.itemA.id.rawValue)",
                    action: "/partnerships/\(a)/meetings/\(meeting)/items/\(site.meetings.itemA.id.rawValue)",
                    table: "agenda_items", id: site.meetings.itemA.id.rawValue),
                Case(
                    page: "/partnerships/\(a)/plan/actions/\(site.plan.ownedAction.id.rawValue)",
                    action: "/partnerships/\(a)/plan/actions/\(site.plan.ownedAction.id.rawValue)/change",
                    table: "plan_actions", id: site.plan.ownedAction.id.rawValue),
                Case(
                    page: "/partnerships/\(a)/indicators/\(site.plan.indicatorA.id.rawValue)", action: "/partnerships/\(a)/indicators/\(site.plan.indicatorA.id.rawValue)/change",
                    table: "indicators", id: site.plan.indicatorA.id.rawValue),
                Case(
                    page: "/partnerships/\(a)/funding/streams/\(site.funds.streamA.id.rawValue)", action: "/partnerships/\(a)/funding/streams/\(site.funds.streamA.id.rawValue)",
                    table: "funding_streams", id: site.funds.streamA.id.rawValue),
                Case(
                    page: "/partnerships/\(a)/services/\(site.funds.serviceA.id.rawValue)", action: "/partnerships/\(a)/services/\(site.funds.serviceA.id.rawValue)",
                    table: "commissioned_services", id: site.funds.serviceA.id.rawValue),
            ]
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            for c in cases {
                let before = try await Self.row(c.table, c.id, site.deps.store)
                let page = try await browser.get(c.page)
                #expect(page.status == .ok, "\(c.page)")
                let fields = try #require(HTMLForm.fields(in: page.text, action: c.action), "\(c.page) has a form that posts to \(c.action)")
                let saved = try await browser.post(c.action, fields)
                #expect(saved.status == .seeOther, "\(c.page): saved untouched, the form was refused: \(saved.text.prefix(300))")
                #expect(try await Self.row(c.table, c.id, site.deps.store) == before, "\(c.page)")
            }
        }
    }

    /// The row as text, column by column, less what records who saved it and when.
    static func row(_ table: String, _ id: Int64, _ store: Store) async throws -> [String: String] {
        try await store.withConnection { db in
            let columns = try await db.raw("SELECT name FROM pragma_table_info(\(bind: table))").all().map { try $0.decode(column: "name", as: String.self) }
            let kept = columns.filter { !["updated_at", "updated_by", "changed_at", "changed_by", "version"].contains($0) }
            let list = kept.map { "CAST(\($0) AS TEXT) AS \($0)" }.joined(separator: ", ")
            let row = try #require(try await db.raw(SQLQueryString("SELECT \(unsafeRaw: list) FROM \(unsafeRaw: table) WHERE id = ") + "\(bind: id)").first())
            var values: [String: String] = [:]
            for column in kept { values[column] = try row.decode(column: column, as: String?.self) ?? "NULL" }
            return values
        }
    }
}

/// The fields a browser would send from one form of a page, as Hallmark writes its forms: inputs
/// (checkboxes and radio buttons only when checked), selects by their selected option, and text
/// areas; attributes double-quoted.
enum HTMLForm {
    static func fields(in html: String, action: String) -> [String: String]? {
        for form in html.components(separatedBy: "<form").dropFirst() {
            let body = form.components(separatedBy: "</form>")[0]
            let tag = String(body.prefix { $0 != ">" })
            guard attributes(tag)["action"] == action else { continue }
            var fields: [String: String] = [:]
            for input in pieces(body, open: "<input") {
                let a = attributes(input)
                guard let name = a["name"], name != "csrf_token" else { continue }
                if ["checkbox", "radio"].contains(a["type"] ?? ""), a["checked"] == nil { continue }
                fields[name] = a["value"] ?? ""
            }
            for select in body.components(separatedBy: "<select").dropFirst() {
                let inside = select.components(separatedBy: "</select>")[0]
                guard let name = attributes(String(inside.prefix { $0 != ">" }))["name"] else { continue }
                let options = pieces(inside, open: "<option").map(attributes)
                fields[name] = (options.first { $0["selected"] != nil } ?? options.first)?["value"] ?? ""
            }
            for area in body.components(separatedBy: "<textarea").dropFirst() {
                let open = String(area.prefix { $0 != ">" })
                guard let name = attributes(open)["name"] else { continue }
                let text = area.dropFirst(open.count + 1).components(separatedBy: "</textarea>")[0]
                fields[name] = decode(String(text))
            }
            return fields
        }
        return nil
    }

    /// The inside of each tag that opens with `open`, up to its ">".
    private static func pieces(_ html: String, open: String) -> [String] {
        html.components(separatedBy: open).dropFirst().map { String($0.prefix { $0 != ">" }) }
    }

    private static func attributes(_ tag: String) -> [String: String] {
        var found: [String: String] = [:]
        var rest = Substring(tag)
        while let eq = rest.firstIndex(of: "=") {
            let name = rest[..<eq].split(whereSeparator: { $0 == " " || $0 == "\n" }).last.map(String.init) ?? ""
            let afterEq = rest.index(after: eq)
            guard afterEq < rest.endIndex, rest[afterEq] == "\"" else { break }
            let valueStart = rest.index(after: afterEq)
            guard let close = rest[valueStart...].firstIndex(of: "\"") else { break }
            found[name] = decode(String(rest[valueStart..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    private static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
