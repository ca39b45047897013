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
import Logging
import Testing
import ZIPFoundation

/// Imports from the web reach every partnership in a force: who may replace a month, what a
/// hostile upload can make the server do, and what is left behind.
@Suite("Import safety")
struct ImportSafetyTests {
    typealias Multipart = CrimeUploadTests.Multipart

    /// A police.uk file for the test site's month, with one burglary in Alpha's LSOA.
    static let oneRow = """
        Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context
        \(String(repeating: "d", count: 64)),2022-03,Leicestershire Police,Leicestershire Police,-1.15,52.6,On or near Test Street,\(TestSite.alphaLSOA),Test,Burglary,Under investigation,
        """

    /// Uploads `files` as `browser` and follows the job to its end; returns the finished job page.
    func upload(_ browser: Browser, _ files: [(String, Data)], fields: [String: String] = [:]) async throws -> String {
        var form = Multipart()
        form.field("csrf_token", browser.csrf)
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { form.field(name, value) }
        for (name, data) in files { form.file("files", filename: name, data) }
        let sent = try await CrimeUploadTests().send(browser, form)
        #expect(sent.status == .seeOther, "\(sent.text)")
        let job = try #require(sent.headers[.location])
        for _ in 0..<600 {
            let status = try await browser.get("\(job)/status")
            let state = (try JSONSerialization.jsonObject(with: Data(status.body.readableBytesView)) as! [String: Any])["state"] as! String
            if state != "running" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await browser.get(job).text
    }

    func betaCrimes(_ site: TestSite) async throws -> Int {
        try await site.deps.crime.monthlyCounts(.csp, [site.cspB.onsCode!.value], months: 0...Int.max / 2).reduce(0) { $0 + $1.crimes }
    }

    @Test("One partnership's analyst cannot replace a month the whole force uses", arguments: Backend.allCases)
    func analystCannotReplace(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            #expect(try await betaCrimes(site) == 2)
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            try await analyst.get("/crime-data/import")
            let page = try await upload(analyst, [("2022-03-leicestershire-street.csv", Data(Self.oneRow.utf8))], fields: ["replace_smaller": "yes"])
            #expect(page.contains("Import refused"))
            #expect(page.contains("Only a county officer for every partnership in the force area, or an administrator, may replace a month"))
            #expect(try await betaCrimes(site) == 2, "Beta's crime is untouched")
        }
    }

    @Test("A file with far fewer crimes replaces a month only when the importer confirms, with the numbers shown", arguments: Backend.allCases)
    func shrinkingNeedsConfirmation(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let admin = Browser(client)
            try await admin.signIn(as: .administrator)
            try await admin.get("/crime-data/import")
            let file = [("2022-03-leicestershire-street.csv", Data(Self.oneRow.utf8))]
            let refused = try await upload(admin, file)
            #expect(refused.contains("March 2022 for Leicestershire Police holds 3 crimes, but 2022-03-leicestershire-street.csv holds 1: replacing it would remove 2 crimes"))
            #expect(try await betaCrimes(site) == 2)
            try await admin.get("/crime-data/import")
            let confirmed = try await upload(admin, file, fields: ["replace_smaller": "yes"])
            #expect(confirmed.contains("Import complete"))
            #expect(try await betaCrimes(site) == 0)
        }
    }

    @Test("A file that is not a police.uk street file is refused on the record, by the name it was sent")
    func wronglyNamed() async throws {
        try await withSite(.sqlite) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            try await analyst.get("/crime-data/import")
            let page = try await upload(analyst, [("notes.csv", Data(Self.oneRow.utf8))])
            #expect(page.contains("No police.uk street-level files were found in Upload: notes.csv"))
            #expect(!page.contains(FileManager.default.temporaryDirectory.path), "the server's own folders are not shown")
            let record = try #require(try await site.deps.crime.imports().first)
            #expect(record.status == .failed)
            #expect(record.source == "Upload: notes.csv")
        }
    }

    @Test("A zip that claims to unpack to a thousand times its size is refused before anything is written")
    func zipBomb() async throws {
        try await withSite(.sqlite) { site, client in
            let zip = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-bomb-\(UUID().uuidString).zip")
            defer { try? FileManager.default.removeItem(at: zip) }
            let archive = try Archive(url: zip, accessMode: .create)
            let size = 32 * 1024 * 1024
            try archive.addEntry(
                with: "2022-03/2022-03-leicestershire-street.csv", type: .file, uncompressedSize: Int64(size),
                compressionMethod: .deflate
            ) { _, chunk in Data(count: chunk) }
            let packed = try Data(contentsOf: zip)
            #expect(packed.count * 100 < size, "the test zip is a bomb")
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            try await analyst.get("/crime-data/import")
            var form = Multipart()
            form.field("csrf_token", analyst.csrf)
            form.file("files", filename: "police.zip", packed)
            let response = try await CrimeUploadTests().send(analyst, form)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("police.zip is not a police.uk download"))
            #expect(try await site.deps.crime.monthsAvailable().isEmpty)
        }
    }

    @Test("A body with no boundary is refused after a few kilobytes, not scanned to its end")
    func noBoundary() async throws {
        try await withSite(.sqlite) { _, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let body = ByteBuffer(repeating: UInt8(ascii: "-"), count: 4 * 1024 * 1024)
            let response = try await client.execute(
                uri: "/crime-data/import", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(Multipart.boundary)", .cookie: analyst.cookie!], body: body)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("The upload was not a well-formed form"))
        }
    }

    @Test("A server starting again removes the upload folders of a server that was killed, not a live one's")
    func leftoverUploads() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-uploads")
        let dead = root.appendingPathComponent("999999999-\(UUID().uuidString)")
        let live = root.appendingPathComponent("\(getpid())-\(UUID().uuidString)")
        for folder in [dead, live] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(at: live) }
        UploadFolders.removeLeftovers()
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
    }

    /// Seeded random forms and uploads through the whole stack: whatever arrives, the answer
    /// is a refusal or a success, never a failure of the server.
    @Test("Mutated forms and uploads never make the server fail")
    func fuzzForms() async throws {
        try await withSite(.sqlite) { site, client in
            let browser = Browser(client)
            try await browser.signIn(as: .administrator)
            try await browser.get("/organisations/new")
            var mutations = Mutations(seed: 0x464F_524D)
            let form = Array("csrf_token=\(browser.csrf)&name=Caf%C3%A9+%26+Co&type=other".utf8)
            var upload = Multipart()
            upload.field("csrf_token", browser.csrf)
            upload.field("accept_valid_rows", "yes")
            upload.file("files", filename: "notes.txt", Data("Crime ID,Month\n".utf8))
            let multipart = Array(upload.finished())
            for iteration in 0..<400 {
                let body = mutations.mutate(form)
                let response = try await client.execute(
                    uri: "/organisations", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: browser.cookie!], body: ByteBuffer(bytes: body))
                #expect(response.status.code < 500, "form iteration \(iteration)")
                let parts = mutations.mutate(multipart)
                let sent = try await client.execute(
                    uri: "/crime-data/import", method: .post,
                    headers: [.contentType: "multipart/form-data; boundary=\(Multipart.boundary)", .cookie: browser.cookie!], body: ByteBuffer(bytes: parts))
                #expect(sent.status.code < 500, "upload iteration \(iteration)")
            }
            #expect(try await browser.get("/healthz").status == .ok)
            _ = site
        }
    }
}

@Suite("Imports followed from any server")
struct ImportProgressTests {
    @Test("An import started through one server shows its progress and report through another", arguments: Backend.allCases)
    func anotherInstance(backend: Backend) async throws {
        try await withStore(backend) { store in
            let site = try await TestSite.build(store)
            // A second server on the same database, sharing nothing with the first but it.
            var logger = Logger(label: "hallmark-test-second")
            logger.logLevel = .warning
            let second = Application(router: buildRouter(Dependencies(store: store, settings: Settings(bcryptCost: 4))), logger: logger)
            try await site.application.test(.router) { first in
                try await second.test(.router) { other in
                    let analyst = Browser(first)
                    try await analyst.signIn(as: .analyst)
                    try await analyst.get("/crime-data/import")
                    var form = CrimeUploadTests.Multipart()
                    form.field("csrf_token", analyst.csrf)
                    for month in ["2021-04", "2021-05"] {
                        form.file(
                            "files", filename: "\(month)-leicestershire-street.csv",
                            try Data(contentsOf: PoliceFiles.folder.appendingPathComponent("leicestershire/\(month)-leicestershire-street.csv")))
                    }
                    let sent = try await CrimeUploadTests().send(analyst, form)
                    let job = try #require(sent.headers[.location])
                    let cookie: HTTPFields = [.cookie: analyst.cookie!]
                    var state = "running"
                    for _ in 0..<600 where state == "running" {
                        let status = try await other.execute(uri: "\(job)/status", method: .get, headers: cookie)
                        #expect(status.status == .ok, "the other server knows the job")
                        let body = try JSONSerialization.jsonObject(with: Data(status.body.readableBytesView)) as! [String: Any]
                        state = body["state"] as! String
                        #expect(body["filesTotal"] as? Int == 2 || state == "running")
                        if state == "running" { try await Task.sleep(for: .milliseconds(50)) }
                    }
                    #expect(state == "stored")
                    let page = try await other.execute(uri: job, method: .get, headers: cookie)
                    #expect(page.text.contains("Stored 16,619 rows from 2 files."))
                    #expect(page.text.contains("2021-05-leicestershire-street.csv"))
                }
            }
        }
    }
}
