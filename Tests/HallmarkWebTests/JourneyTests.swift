import Foundation
import HallmarkAnalytics
import HallmarkDomain
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
            let rows = ImportSafetyTests.oneRow + "\n" + String(repeating: "e", count: 64)
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
