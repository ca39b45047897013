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
import ZIPFoundation

@Suite("Crime data upload")
struct CrimeUploadTests {
    /// A multipart/form-data body as a browser sends it: fields and files in the order given.
    struct Multipart {
        static let boundary = "----HallmarkTestBoundary7MA4YWxkTrZu0gW"
        var body = Data()

        mutating func field(_ name: String, _ value: String) {
            body += Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }

        mutating func file(_ name: String, filename: String, _ content: Data) {
            body += Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += content
            body += Data("\r\n".utf8)
        }

        func finished() -> Data { body + Data("--\(Self.boundary)--\r\n".utf8) }
    }

    func send(_ browser: Browser, _ form: Multipart) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(Multipart.boundary)"]
        if let cookie = browser.cookie { headers[.cookie] = cookie }
        return try await browser.client.execute(uri: "/crime-data/import", method: .post, headers: headers, body: ByteBuffer(data: form.finished()))
    }

    /// A zip as data.police.uk makes it: a folder per month, street and outcomes files.
    func policeZip(_ month: String) throws -> Data {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-test-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        let street = try Data(contentsOf: PoliceFiles.folder.appendingPathComponent("leicestershire/\(month)-leicestershire-street.csv"))
        try archive.addEntry(
            with: "\(month)/\(month)-leicestershire-street.csv", type: .file, uncompressedSize: Int64(street.count),
            compressionMethod: .deflate
        ) { position, size in street.subdata(in: Int(position)..<Int(position) + size) }
        let outcomes = Data("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type\n".utf8)
        try archive.addEntry(
            with: "\(month)/\(month)-leicestershire-outcomes.csv", type: .file, uncompressedSize: Int64(outcomes.count),
            compressionMethod: .deflate
        ) { position, size in outcomes.subdata(in: Int(position)..<Int(position) + size) }
        return try Data(contentsOf: url)
    }

    @Test("An analyst uploads a file and a zip, follows the progress, and reads the report", arguments: Backend.allCases)
    func upload(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .analyst)
            let formPage = try await browser.get("/crime-data/import")
            #expect(formPage.status == .ok)
            #expect(formPage.text.contains("enctype=\"multipart/form-data\""))

            var form = Multipart()
            form.field("csrf_token", browser.csrf)
            form.file(
                "files", filename: "2021-04-leicestershire-street.csv",
                try Data(contentsOf: PoliceFiles.folder.appendingPathComponent("leicestershire/2021-04-leicestershire-street.csv")))
            form.file("files", filename: "C:\\Downloads\\police.zip", try policeZip("2021-05"))
            let sent = try await send(browser, form)
            #expect(sent.status == .seeOther)
            let jobPath = try #require(sent.headers[.location])
            #expect(jobPath.hasPrefix("/crime-data/jobs/"))

            // Follow it as the page's script does, until it is no longer running.
            var state = "running"
            for _ in 0..<1200 where state == "running" {
                let status = try await browser.get("\(jobPath)/status")
                #expect(status.status == .ok)
                state = (try JSONSerialization.jsonObject(with: Data(status.body.readableBytesView)) as! [String: Any])["state"] as! String
                if state == "running" { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(state == "stored")
            let done = try await browser.get(jobPath)
            #expect(done.text.contains("Import complete"))
            #expect(done.text.contains("2021-05-leicestershire-street.csv"))
            #expect(!done.text.contains("outcomes.csv"), "outcomes files in the zip are left out")

            let held = try await site.deps.crime.monthsAvailable()
            #expect(held.map(\.months.count) == [2])
            let imports = try await site.deps.crime.imports()
            #expect(imports.first?.accepted == 8217 + 8402)
            #expect(imports.first?.actor.contains(TestSite.email(.analyst)) == true)
            let report = try await browser.get("/crime-data/imports/\(imports.first!.id)")
            #expect(report.status == .ok)
            #expect(report.text.contains("Rejected rows"))
            #expect(report.text.contains("Upload: 2021-04-leicestershire-street.csv, police.zip"))
            #expect(report.text.contains("2021-05-leicestershire-street.csv"))

            // Another user cannot follow this job.
            let other = Browser(client)
            try await other.signIn(as: .countyOfficer)
            #expect(try await other.get(jobPath).status == .notFound)
        }
    }

    @Test("Uploads without the form's token first, or with a broken zip, are refused and store nothing")
    func refused() async throws {
        try await withSite(.sqlite) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .analyst)
            try await browser.get("/crime-data/import")
            let file = Data("Crime ID,Month\n".utf8)

            var wrongToken = Multipart()
            wrongToken.field("csrf_token", "not-the-token")
            wrongToken.file("files", filename: "2021-04-leicestershire-street.csv", file)
            #expect(try await send(browser, wrongToken).status == .forbidden)

            var fileFirst = Multipart()
            fileFirst.file("files", filename: "2021-04-leicestershire-street.csv", file)
            fileFirst.field("csrf_token", browser.csrf)
            #expect(try await send(browser, fileFirst).status == .forbidden)

            var brokenZip = Multipart()
            brokenZip.field("csrf_token", browser.csrf)
            brokenZip.file("files", filename: "download.zip", Data("this is not a zip".utf8))
            let broken = try await send(browser, brokenZip)
            #expect(broken.status == .badRequest)
            #expect(broken.text.contains("download.zip is not a zip file that can be opened"))

            var nothing = Multipart()
            nothing.field("csrf_token", browser.csrf)
            nothing.file("files", filename: "", Data())
            let empty = try await send(browser, nothing)
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("Choose at least one police.uk file"))

            #expect(try await site.deps.crime.monthsAvailable().isEmpty)
            // The refused zip is on the record, under the name it was sent by; the rest never
            // reached the importer.
            let imports = try await site.deps.crime.imports()
            #expect(imports.map(\.status) == [.failed])
            #expect(imports.first?.source == "Upload: download.zip")
        }
    }

    @Test("The importer takes the zip as downloaded, and names a damaged one")
    func zipFromTheCommandLine() async throws {
        try await withStore(.sqlite) { store in
            let importer = CrimeImporter(store: store, lookup: try AreaLookup.shipped())
            let zip = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-\(UUID().uuidString).zip")
            defer { try? FileManager.default.removeItem(at: zip) }
            try policeZip("2021-04").write(to: zip)
            let report = try await importer.importStreetFiles(at: zip.path, by: .system("test"))
            #expect(report.accepted == 8217)
            #expect(report.files.map(\.file) == ["2021-04-leicestershire-street.csv"])

            try Data("PK\u{3}\u{4} but not really".utf8).write(to: zip)
            await #expect(throws: CrimeImportRefused("\(zip.lastPathComponent) is not a zip file that can be opened")) {
                try await importer.importStreetFiles(at: zip.path, by: .system("test"))
            }
            #expect(try await CrimeRepository(store: store).monthsAvailable().map(\.months.count) == [1])
        }
    }

    @Test("File names from the browser cannot reach outside the upload's folder")
    func cleanNames() throws {
        // Exercised through the route above with a Windows path; here the hostile cases directly.
        let names = ["../../etc/passwd", "..\\..\\boot.ini", "2021-04-x-street.csv\u{0}.sh", "<script>.csv", ""]
        let cleaned = names.map { URL(fileURLWithPath: "/tmp/upload/1").appendingPathComponent(UploadNames.clean($0)).standardized.path }
        #expect(cleaned.allSatisfy { $0.hasPrefix("/tmp/upload/1/") && !$0.dropFirst("/tmp/upload/1/".count).contains("/") })
    }
}
