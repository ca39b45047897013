import Foundation
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Register forms")
struct RegisterFormTests {
    @Test("An administrator builds a partnership through the forms, and the audit log records each step", arguments: Backend.allCases)
    func buildThroughForms(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            try await browser.get("/partnerships/new")
            let created = try await browser.post(
                "/partnerships",
                [
                    "kind": "csp", "name": "Gamma CSP", "ons_code": "e22000166",
                    "parent_id": String(site.county.id),
                ])
            #expect(created.status == .seeOther)
            let gamma = try #require(try await site.deps.partnerships.find(onsCode: GSSCode("E22000166")!))
            #expect(created.headers[.location] == "/partnerships/\(gamma.id)?saved=partnership-added")
            #expect(try await browser.get(created.headers[.location]!).text.contains("The partnership was added to the register."))
            #expect(gamma.parentID == site.county.id)

            try await browser.get("/partnerships/\(gamma.id)/sub-groups/new")
            // The form claims another parent; the page's partnership wins.
            #expect(
                try await browser.post(
                    "/partnerships/\(gamma.id)/sub-groups",
                    ["name": "Gamma PSG", "sub_group_type": "problem_solving", "parent_id": String(site.cspB.id)]
                ).status == .seeOther)
            #expect(try await site.deps.partnerships.children(of: gamma.id).map(\.name) == ["Gamma PSG"])

            try await browser.get("/partnerships/\(gamma.id)/districts/new")
            #expect(try await browser.post("/partnerships/\(gamma.id)/districts", ["code": "E07000131", "name": "Harborough"]).status == .seeOther)
            try await browser.get("/partnerships/\(gamma.id)/authorities/new")
            #expect(try await browser.post("/partnerships/\(gamma.id)/authorities", ["organisation_id": String(site.organisation.id)]).status == .seeOther)

            try await browser.get("/partnerships/\(gamma.id)/people/new")
            let person = try await browser.post("/partnerships/\(gamma.id)/people", ["name": "Gita Gamma", "job_title": "Chief Inspector"])
            #expect(person.status == .seeOther)
            let gita = try #require(try await site.deps.people.all(in: [gamma.id]).first)
            // Saving a person leads on to choosing their seat, with them chosen already.
            let seatForm = try await browser.get(try #require(person.headers[.location]))
            #expect(seatForm.text.contains("The person was added to the register."))
            #expect(seatForm.text.contains("value=\"\(gita.id)\" selected=\"selected\""))

            try await browser.get("/partnerships/\(gamma.id)/members/new")
            let member = try await browser.post(
                "/partnerships/\(gamma.id)/members",
                [
                    "person_id": String(gita.id), "organisation_id": String(site.organisation.id), "vote": "associate",
                    "office": "vice_chair", "start_date": "2025-04-01",
                ])
            #expect(member.status == .seeOther)
            #expect(try await browser.get(member.headers[.location]!).text.contains("The member was added to this partnership."))

            let page = try await browser.get("/partnerships/\(gamma.id)")
            #expect(page.status == .ok)
            for text in [
                "Gamma CSP", "E22000166", "Harborough", "E07000131", "Test Police", "Gita Gamma", "Vice-chair",
                "Associate (non-voting)", "1 April 2025", "Gamma PSG", "<svg",
            ] {
                #expect(page.text.contains(text), "the partnership page should show \(text)")
            }

            let seat = try #require(try await site.deps.memberships.entries(of: gamma.id).first)
            try await browser.get("/partnerships/\(gamma.id)/members/\(seat.membership.id)/end")
            #expect(try await browser.post("/partnerships/\(gamma.id)/members/\(seat.membership.id)/end", ["end_date": "2026-03-31"]).status == .seeOther)
            let ended = try await browser.get("/partnerships/\(gamma.id)")
            #expect(ended.text.contains("Past members"))
            #expect(ended.text.contains("31 March 2026"))

            let audit = try await AuditLog.entries(in: site.deps.store)
            let mine = audit.filter { $0.actor.contains(TestSite.email(.administrator)) }.map { "\($0.action.rawValue) \($0.subject)" }
            #expect(
                mine.sorted() == [
                    "create membership", "create partnership", "create partnership", "create partnership district",
                    "create person", "create responsible authority", "update membership",
                ])
            let auditPage = try await browser.get("/audit")
            #expect(auditPage.status == .ok)
            #expect(auditPage.text.contains("Gita Gamma"))
        }
    }

    @Test("Bad input gets a message beside the field, the input back, and nothing stored", arguments: Backend.allCases)
    func badInput(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            let before = try await site.deps.organisations.all()
            let cases: [([String: String], String, String)] = [
                (["name": "", "type": "police"], "name", "Enter the name"),
                (["name": String(repeating: "x", count: 161), "type": "police"], "name", "Name must be 160 characters or fewer"),
                (["name": "<script>alert(1)</script>", "type": "police"], "name", "Name must not contain &lt; or &gt;"),
                (["name": "Fine", "type": "spaceship"], "type", "Select one of the listed options for the type of organisation"),
                (["name": "Fine"], "type", "Select the type of organisation"),
                (["name": "x\" autofocus onfocus=\"alert(1)"], "type", "Select the type of organisation"),
            ]
            for (fields, field, message) in cases {
                try await browser.get("/organisations/new")
                let response = try await browser.post("/organisations", fields)
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("There is a problem"))
                #expect(response.text.contains("href=\"#\(field)\""), "the error summary links to the field")
                #expect(response.text.contains("id=\"\(field)-error\""), "the message sits beside \(field)")
                #expect(response.text.contains(message), "expected “\(message)”")
                #expect(!response.text.contains("<script>alert(1)</script>"), "input is shown back escaped, never as markup")
                #expect(!response.text.contains("onfocus=\"alert(1)"), "a quote typed into a field cannot end its attribute")
            }
            #expect(try await site.deps.organisations.all() == before)
            // The "choose" option really is empty, so choosing nothing is caught, not stored as its label.
            let form = try await browser.get("/organisations/new")
            #expect(form.text.contains("<option value=\"\" selected=\"selected\">Choose a type</option>"))

            // Wrong types in the member form: ids that are not numbers, dates that are not dates.
            try await browser.get("/partnerships/\(site.cspA.id)/members/new")
            let member = try await browser.post(
                "/partnerships/\(site.cspA.id)/members",
                [
                    "person_id": "abc", "vote": "voting", "office": "member", "start_date": "31/02/2024", "organisation_id": "1 OR 1=1",
                ])
            #expect(member.status == .unprocessableContent)
            #expect(member.text.contains("Select one of the listed options for the person"))
            #expect(member.text.contains("Start date must be a real date, like 2026-04-01"))
            #expect(member.text.contains("value=\"31/02/2024\""), "the typed date is kept")
            // Another partnership's person id is not one of the listed people.
            try await browser.get("/partnerships/\(site.cspA.id)/members/new")
            let foreign = try await browser.post(
                "/partnerships/\(site.cspA.id)/members",
                [
                    "person_id": String(site.personB.id), "vote": "voting", "office": "member", "start_date": "2024-04-01",
                ])
            #expect(foreign.status == .unprocessableContent)
            #expect(foreign.text.contains("Select one of the listed people"))
            #expect(try await site.deps.memberships.entries(of: site.cspA.id).isEmpty)
        }
    }

    @Test("SQL metacharacters typed into a form are stored verbatim", arguments: Backend.allCases)
    func metacharacters(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .coordinator)
            let name = "Siobhán O'Brien'); DROP TABLE people; --"
            try await browser.get("/partnerships/\(site.cspA.id)/people/new")
            #expect(try await browser.post("/partnerships/\(site.cspA.id)/people", ["name": name, "job_title": "100% \"ready\""]).status == .seeOther)
            let stored = try await site.deps.people.all(in: [site.cspA.id]).map(\.name)
            #expect(stored.contains(name))
            #expect(try await site.deps.people.all(in: [site.cspB.id]).map(\.name) == ["Bob Beta"], "the people table is intact")
        }
    }

    @Test("The API refuses bad input with the fields named, and stores nothing")
    func apiBadInput() async throws {
        try await withSite(.sqlite) { site, client in
            let token = site.tokens[.coordinator]!
            func post(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/organisations", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: ByteBuffer(string: body))
            }
            let before = try await site.deps.organisations.all()
            let notJSON = try await post("name=x")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.text.contains("must be a JSON object"))
            let nested = try await post(#"{"name": ["a"], "type": "police"}"#)
            #expect(nested.status == .unprocessableContent)
            #expect(nested.text.contains("name must be text or a number"))
            let empty = try await post(#"{"name": "", "type": "police"}"#)
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains(#""field":"name""#))
            #expect(try await site.deps.organisations.all() == before)
            let good = try await post(#"{"name": "Probation Service", "type": "probation"}"#)
            #expect(good.status == .created)
            #expect(good.text.contains(#""type":"probation""#))
        }
    }
}
