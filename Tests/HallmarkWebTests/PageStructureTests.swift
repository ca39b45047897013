import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
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

/// Pages are checked as documents: parsed, then asked about their headings, tables and
/// form labels, the things a screen-reader user depends on.
@Suite("Page structure")
struct PageStructureTests {
    func parse(_ html: String) throws -> XMLDocument {
        // Plot writes well-formed markup (void elements closed), so an XML parser can read it.
        try XMLDocument(xmlString: html.replacingOccurrences(of: "<!DOCTYPE html>", with: ""), options: [])
    }

    func texts(_ document: XMLDocument, _ xpath: String) throws -> [String] {
        try document.nodes(forXPath: xpath).map { ($0.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test("The partnership page has one h1, its sections, captioned tables with column headers, and a described diagram")
    func partnershipPage() async throws {
        try await withSite(.sqlite) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .countyOfficer)
            let page = try await browser.get("/partnerships/\(site.cspB.id)")
            let document = try parse(page.text)

            #expect(try texts(document, "//h1") == ["Beta CSP"])
            #expect(try texts(document, "//main//h2") == ["Areas covered", "Responsible authorities", "Members", "Sub-groups", "Structure"])
            #expect(try texts(document, "/html/@lang") == ["en"])
            #expect(try document.nodes(forXPath: "//a[@class='skip-link'][@href='#main']").count == 1)
            #expect(try document.nodes(forXPath: "//main[@id='main']").count == 1)

            // Every table has a caption and every header cell a scope.
            let tables = try document.nodes(forXPath: "//table")
            #expect(!tables.isEmpty)
            for table in tables {
                #expect(try table.nodes(forXPath: "caption").count == 1)
                #expect(try table.nodes(forXPath: ".//th[not(@scope='col')]").isEmpty)
            }
            #expect(try texts(document, "//table[caption='Current members']//th") == ["Name", "Role", "Vote", "Representing", "Nominated by", "Deputy for", "From", "Change"])
            #expect(try texts(document, "//table[caption='Current members']//td[1]") == ["Bob Beta"])

            // The diagram is a group of links with a title and a description in words.
            #expect(try texts(document, "//*[local-name()='svg']/@role") == ["group"], "a group holding links, not an image (axe: nested-interactive)")
            #expect(try texts(document, "//*[local-name()='svg']/*[local-name()='title']") == ["Partnership structure"])
            let description = try texts(document, "//*[local-name()='desc']").joined()
            #expect(description.contains("Beta CSP (Community Safety Partnership) reports to Test County Board."))
            // Each box's link carries the full name, however its label is cut to fit.
            #expect(try texts(document, "//*[local-name()='a']/*[local-name()='title']").contains("Beta CSP (Community Safety Partnership)"))
        }
    }

    @Test(
        "Every form control has a label tied to it",
        arguments: [
            "/partnerships/new", "/organisations/new", "/sign-in",
            "/partnerships/{A}/members/new", "/partnerships/{A}/sub-groups/new",
            "/partnerships/{A}/people/new", "/partnerships/{A}/districts/new",
            "/partnerships/{A}/authorities/new", "/crime-data/import",
            "/partnerships/{A}/crime", "/partnerships/{A}/assessment/settings",
            "/partnerships/{A}/assessment/versions",
        ])
    func labels(path: String) async throws {
        try await withSite(.sqlite) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            let page = try await browser.get(path.replacingOccurrences(of: "{A}", with: String(site.cspA.id)))
            #expect(page.status == .ok)
            let document = try parse(page.text)
            let controls = try document.nodes(forXPath: "//main//input[not(@type='hidden')] | //main//select | //main//textarea")
            #expect(!controls.isEmpty)
            for case let control as XMLElement in controls {
                let id = try #require(control.attribute(forName: "id")?.stringValue, "a control without an id on \(path)")
                let labels = try texts(document, "//label[@for='\(id)']")
                #expect(labels.count == 1 && !labels[0].isEmpty, "control \(id) on \(path) needs exactly one label")
            }
            #expect(try document.nodes(forXPath: "//h1").count == 1)
        }
    }

    @Test("A form with problems starts with an error summary whose links reach each field")
    func errorSummary() async throws {
        try await withSite(.sqlite) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            try await browser.get("/partnerships/new")
            let page = try await browser.post("/partnerships", ["kind": "csp", "name": "", "ons_code": "E23000021"])
            let document = try parse(page.text)
            let links = try document.nodes(forXPath: "//div[@class='error-summary']//a/@href").compactMap(\.stringValue)
            #expect(links == ["#name", "#ons_code"])
            for link in links {
                let id = String(link.dropFirst())
                #expect(try document.nodes(forXPath: "//*[@id='\(id)'][@aria-invalid='true']").count == 1)
                let describedBy = try texts(document, "//*[@id='\(id)']/@aria-describedby").first ?? ""
                #expect(describedBy.contains("\(id)-error"))
            }
            #expect(page.text.contains("ONS code must be an ONS code like E22000168"))
        }
    }
}
