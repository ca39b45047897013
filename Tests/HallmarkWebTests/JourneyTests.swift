import Foundation
import HallmarkAnalytics
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

/// What an officer met in a real browser: pages that ended nowhere, figures in a form nobody
/// reads, and refusals without a way on.
@Suite("An officer's journeys")
struct JourneyTests {
    @Test("The audit log says which fields changed, from what to what, not raw JSON")
    func auditInWords() async throws {
        try await withSite(.sqlite) { _, client in
            let admin = Browser(client)
            try await admin.signIn(as: .administrator)
            try await admin.get("/organisations/new")
            #expect(try await admin.post("/organisations", ["name": "Riverside Housing", "type": "other"]).status == .seeOther)
            let page = try await admin.get("/audit").text
            #expect(page.contains("<strong>name</strong>: (none) → Riverside Housing"))
            #expect(!page.contains("{&quot;") && !page.contains("{\""), "no JSON on the page")
        }
    }

    @Test("p-values print as a paper prints them, never 0 or in e-notation")
    func pValues() async throws {
        try await withSite(.sqlite, crime: true) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let csv = try await analyst.get("/partnerships/\(site.cspA.id)/assessment/tables/trends.csv").text
            let lines = csv.split(separator: "\r\n").map { CSVRecord.fields($0) }
            let column = try #require(lines.first?.firstIndex { $0.lowercased().hasPrefix("p") && $0.lowercased().contains("value") || $0 == "p" })
            let values = lines.dropFirst().map { $0[column] }
            #expect(!values.isEmpty)
            #expect(values.allSatisfy { $0 == "< 0.001" || $0.wholeMatch(of: /[01]\.\d{3}/) != nil }, "\(values)")
        }
    }

    @Test("An upload with no file shows the form again with the problem beside the files")
    func noFile() async throws {
        try await withSite(.sqlite) { _, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            try await analyst.get("/crime-data/import")
            var form = CrimeUploadTests.Multipart()
            form.field("csrf_token", analyst.csrf)
            form.file("files", filename: "", Data())
            let page = try await CrimeUploadTests().send(analyst, form)
            #expect(page.status == .badRequest)
            #expect(page.text.contains("There is a problem"))
            #expect(page.text.contains("id=\"files-error\""))
            #expect(page.text.contains("<h1>Import police.uk files</h1>"))
        }
    }

    @Test("A refused import shows no empty progress bar, counts the file it read, and offers to import again", arguments: Backend.allCases)
    func refusedImport(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            try await analyst.get("/crime-data/import")
            let rows =
                ImportSafetyTests.oneRow + "\n" + String(repeating: "e", count: 64)
                + ",2022-03,Leicestershire Police,Leicestershire Police,-1.15,52.6,On or near Test Street,\(TestSite.alphaLSOA),Test,Not a crime type,,"
            let page = try await ImportSafetyTests().upload(analyst, [("2022-03-leicestershire-street.csv", Data(rows.utf8))])
            #expect(page.contains("Import refused"))
            #expect(!page.contains("<progress"))
            #expect(page.contains("href=\"/crime-data/import\""))
            let record = try #require(try await site.deps.crime.imports().first)
            #expect(record.status == .failed)
            #expect((record.files, record.rowsRead, record.rejected) == (1, 2, 1), "the record counts what was read, as the report does")
        }
    }
}

@Suite("Changing the register")
struct RegisterChangeTests {
    @Test("A coordinator corrects a partnership, a person, an organisation and a seat, and takes an organisation off; each is saved, said and audited", arguments: Backend.allCases)
    func corrections(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            let a = site.cspA.id

            // The name and purpose of the partnership.
            #expect(try await coordinator.get("/partnerships/\(a)").text.contains("href=\"/partnerships/\(a)/edit\""))
            try await coordinator.get("/partnerships/\(a)/edit")
            #expect(try await coordinator.post("/partnerships/\(a)", ["name": "", "purpose": "x"]).status == .unprocessableContent)
            let renamed = try await coordinator.post("/partnerships/\(a)", ["name": "Alpha Community Safety Partnership", "purpose": "Safer streets"])
            #expect(try await coordinator.get(renamed.headers[.location]!).text.contains("Your changes were saved."))
            let alpha = try #require(try await site.deps.partnerships.find(a))
            #expect((alpha.name, alpha.purpose) == ("Alpha Community Safety Partnership", "Safer streets"))
            #expect(alpha.onsCode == site.cspA.onsCode && alpha.parentID == site.cspA.parentID, "kind, code and place stay")

            // Adding an organisation on the way leads back to the partnership with it chosen.
            let authorities = try await coordinator.get("/partnerships/\(a)/authorities/new")
            #expect(authorities.text.contains("/organisations/new?for=\(a)"))
            try await coordinator.get("/organisations/new?for=\(a)")
            let added = try await coordinator.post("/organisations", ["name": "Alpha Housing", "type": "other", "for_partnership": String(a)])
            let housing = try #require(try await site.deps.organisations.find(named: "Alpha Housing"))
            #expect(added.headers[.location] == "/partnerships/\(a)/authorities/new?organisation=\(housing.id)&saved=organisation-added")
            #expect(try await coordinator.get(added.headers[.location]!).text.contains("value=\"\(housing.id)\" selected=\"selected\""))
            #expect(try await coordinator.post("/partnerships/\(a)/authorities", ["organisation_id": String(housing.id)]).status == .seeOther)

            // The organisation's name.
            try await coordinator.get("/organisations/\(housing.id)/edit")
            #expect(try await coordinator.post("/organisations/\(housing.id)", ["name": "Alpha Homes", "type": "other"]).status == .seeOther)
            #expect(try await site.deps.organisations.find(housing.id)?.name == "Alpha Homes")

            // A seat: represent only this partnership's organisations, deputise only for its members.
            try await coordinator.get("/partnerships/\(a)/members/new")
            let base = ["person_id": String(site.personA.id), "vote": "voting", "office": "member", "start_date": "2025-04-01"]
            let elsewhere = try await coordinator.post("/partnerships/\(a)/members", base.merging(["organisation_id": String(site.organisation.id)]) { $1 })
            #expect(elsewhere.status == .unprocessableContent)
            #expect(elsewhere.text.contains("Select one of this partnership’s organisations"))
            let deputyForOutsider = try await coordinator.post(
                "/partnerships/\(a)/members",
                base.merging(["office": "deputy", "deputy_for_person_id": String(site.personB.id)]) { $1 })
            #expect(deputyForOutsider.text.contains("Select one of this partnership’s current members"))
            #expect(try await coordinator.post("/partnerships/\(a)/members", base.merging(["organisation_id": String(housing.id)]) { $1 }).status == .seeOther)
            let seat = try #require(try await site.deps.memberships.entries(of: a).first)
            try await coordinator.get("/partnerships/\(a)/members/\(seat.membership.id)/edit")
            let changed = try await coordinator.post(
                "/partnerships/\(a)/members/\(seat.membership.id)",
                base.merging(["office": "chair", "person_id": String(site.personB.id), "organisation_id": String(housing.id)]) { $1 })
            #expect(changed.status == .seeOther)
            let after = try #require(try await site.deps.memberships.find(seat.membership.id))
            #expect(after.office == .chair && after.personID == site.personA.id, "the role changes; the seat's person stays")

            // The person's details.
            try await coordinator.get("/people/\(site.personA.id)/edit")
            #expect(try await coordinator.post("/people/\(site.personA.id)", ["name": "Alice Alpha-Jones", "job_title": "Chair"]).status == .seeOther)
            #expect(try await site.deps.people.find(site.personA.id)?.name == "Alice Alpha-Jones")

            // Taking the organisation off the partnership; the seat keeps its name.
            let page = try await coordinator.get("/partnerships/\(a)")
            #expect(page.text.contains("action=\"/partnerships/\(a)/authorities/\(housing.id)/remove\""))
            let removed = try await coordinator.postConfirming(
                "/partnerships/\(a)/authorities/\(housing.id)/remove", [:], asks: "Remove Alpha Homes from Alpha Community Safety Partnership’s responsible authorities?",
                stillThere: { try await !site.deps.partnerships.authorities(of: a).isEmpty })
            #expect(try await coordinator.get(removed.headers[.location]!).text.contains("The organisation was taken off this partnership"))
            #expect(try await site.deps.partnerships.authorities(of: a).isEmpty)
            #expect(try await site.deps.memberships.entries(of: a).first?.organisationName == "Alpha Homes")

            let audit = try await AuditLog.entries(in: site.deps.store, limit: 50, offset: 0)
            for subject in ["partnership", "organisation", "membership", "person", "responsible authority"] {
                #expect(audit.contains { $0.subject == subject && ($0.action == .update || $0.action == .delete) }, "\(subject) change audited")
            }
        }
    }
}

@Suite("The assessment computed once")
struct AssessmentCacheTests {
    @Test("The page and its tables share one computation that is never stale after a settings change or an import", arguments: Backend.allCases)
    func neverStale(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let page = "/partnerships/\(site.cspA.id)/assessment?to=2022-03"
            let first = try await analyst.get(page).text
            #expect(first.contains("Sentencing-based"))
            #expect(try await analyst.get(page).text == first, "the same figures the second time")

            // A change of settings is seen at once.
            try await analyst.get("/partnerships/\(site.cspA.id)/assessment/settings")
            #expect(try await analyst.post("/partnerships/\(site.cspA.id)/assessment/settings/weighting", ["scheme": "equal"]).status == .seeOther)
            let reweighted = try await analyst.get(page).text
            #expect(!reweighted.contains("Sentencing-based") && reweighted != first)

            // So is an import: a second burglary in Alpha's LSOA in the same month.
            let harm = "/partnerships/\(site.cspA.id)/assessment/tables/harm.csv?to=2022-03"
            let before = try await analyst.get(harm).text
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-cache-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let rows =
                ImportSafetyTests.oneRow + "\n" + String(repeating: "f", count: 64)
                + ",2022-03,Leicestershire Police,Leicestershire Police,-1.15,52.6,On or near Test Street,\(TestSite.alphaLSOA),Test,Burglary,Under investigation,"
            try rows.write(to: folder.appendingPathComponent("2022-03-leicestershire-street.csv"), atomically: true, encoding: .utf8)
            _ = try await CrimeImporter(store: site.deps.store, lookup: site.deps.crimeData.areas)
                .importStreetFiles(at: folder.path, replacing: .init(forceAreas: nil, allowShrinking: true), by: .system("test"))
            #expect(try await analyst.get(harm).text != before)
            #expect(try await analyst.get(page).text != reweighted)
        }
    }
}

@Suite("Figures set as print sets them")
struct NumericColumnTests {
    @Test("Columns of figures are right-aligned; names, codes with letters and mixed columns are not")
    func alignment() async throws {
        try await withSite(.sqlite, crime: true) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let page = try await analyst.get("/partnerships/\(site.cspA.id)/crime?from=2022-03&to=2022-03").text
            for figure in ["Residents", "Crimes", "Per 1,000 residents", "Anti-social behaviour"] {
                #expect(page.contains("<th scope=\"col\" class=\"number\">\(figure)</th>"), "\(figure)")
            }
            for words in ["LSOA", "Code", "District"] {
                #expect(page.contains("<th scope=\"col\">\(words)</th>"), "\(words)")
            }
            let assessment = try await analyst.get("/partnerships/\(site.cspA.id)/assessment?to=2022-03").text
            #expect(
                assessment.contains("<th scope=\"col\" class=\"number\">p-value</th>") || assessment.contains("class=\"number\">< 0.001<")
                    || assessment.contains("class=\"number\">1.000<"), "p-values are figures too")
        }
    }
}
