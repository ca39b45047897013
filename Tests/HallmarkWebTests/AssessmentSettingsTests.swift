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
import SQLKit
import Testing

@Suite("Assessment settings: harm weights, themes and adjustments")
struct AssessmentSettingsTests {
    static func figures(_ browser: Browser, _ id: RecordID<Partnership>) async throws -> [String: Any] {
        let response = try await browser.get("/partnerships/\(id)/assessment.json?to=2022-03")
        return try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as! [String: Any]
    }

    static func priority(_ figures: [String: Any], _ theme: String) -> [String: Any]? {
        (figures["priorities"] as! [[String: Any]]).first { $0["theme"] as? String == theme }
    }

    @Test("The figures as JSON refuse a bad period in JSON, naming it")
    func jsonRefusal() async throws {
        try await withSite(.sqlite, crime: true) { site, client in
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            for period in ["garbage", "2099-01"] {
                let response = try await analyst.get("/partnerships/\(site.cspA.id)/assessment.json?to=\(period)")
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(period)")
                let body = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                let fields = body?["fields"] as? [[String: Any]]
                #expect(fields?.contains { $0["field"] as? String == "to" } == true, "\(period): \(String(buffer: response.body))")
            }
            // Someone not signed in is still sent to sign in, as a browser following the link is.
            let stranger = try await client.execute(uri: "/partnerships/\(site.cspA.id)/assessment.json", method: .get)
            #expect(stranger.status == .seeOther)
        }
    }

    @Test("An analyst chooses and edits the weights, adds a theme and adjusts a score; each is used, shown and kept with the version", arguments: Backend.allCases)
    func analystJudgement(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let id = site.cspA.id, base = "/partnerships/\(id)/assessment/settings"
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let page = try await analyst.get(base)
            #expect(page.status == .ok)
            #expect(page.text.contains("Sentencing-based severity"))

            // Equal weights: harm-weighted crime is the number of crimes.
            #expect(try await analyst.post("\(base)/weighting", ["scheme": "equal"]).status == .seeOther)
            var f = try await Self.figures(analyst, id)
            let crimes = (f["all_crime"] as! [String: Any])["current"] as! Int
            #expect(f["harm_weighted_crime"] as? Double == Double(crimes))

            // Edited weights: burglary counted ten times, everything else once.
            try await analyst.get(base)
            var weights: [String: String] = [:]
            for (i, _) in CrimeType.allCases.enumerated() { weights["weight-\(i)"] = "1" }
            weights["weight-\(Int(CrimeType.burglary.code))"] = "10"
            for c in Criterion.allCases { weights["criterion-\(c.rawValue)"] = "1" }
            #expect(try await analyst.post("\(base)/weights", weights).status == .seeOther)
            f = try await Self.figures(analyst, id)
            let burglary = (f["types"] as! [[String: Any]]).first { $0["crime_type"] as? String == "Burglary" }!["current"] as! Int
            #expect(f["harm_weighted_crime"] as? Double == Double(crimes + 9 * burglary))
            let used = (f["settings"] as! [String: Any])["harm"] as! [String: Any]
            // Kept and shown by name: the assessment may be published, and must carry no address.
            let me = try #require(try await site.deps.accounts.user(email: TestSite.email(.analyst)))
            #expect(used["edited_by"] as? String == me.name)
            let settingsPage = try await analyst.get(base).text
            #expect(settingsPage.contains("edited by \(me.name)") && !settingsPage.contains(TestSite.email(.analyst)))

            // A bad weight is refused with its name, and nothing already saved is lost.
            try await analyst.get(base)
            var bad = weights
            bad["weight-0"] = "lots"
            let refused = try await analyst.post("\(base)/weights", bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Weight for Anti-social behaviour must be a number from 0 to 100,000"))
            f = try await Self.figures(analyst, id)
            #expect(f["harm_weighted_crime"] as? Double == Double(crimes + 9 * burglary))

            // Her own theme, with her evidence.
            try await analyst.get(base)
            let theme = [
                "theme-name": "Domestic abuse", "theme-evidence": "MARAC referrals up a third, force data 2021/22",
                "theme-harm": "5", "theme-volume": "4", "theme-trend": "5", "theme-confidence": "Medium", "theme-classification": "Emerging",
            ]
            #expect(try await analyst.post("\(base)/themes", theme).status == .seeOther)
            let duplicate = try await analyst.post("\(base)/themes", theme.merging(["theme-name": "burglary"]) { $1 })
            #expect(duplicate.status == .unprocessableContent)
            #expect(duplicate.text.contains("There is already a theme called burglary"))

            // An adjustment with its reason; the computed value stays beside it.
            try await analyst.get(base)
            let noReason = try await analyst.post("\(base)/adjustments", ["adjust-theme": "Burglary", "adjust-field": "public_concern", "adjust-value": "5", "adjust-reason": ""])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("Enter the reason"))
            let outOfRange = try await analyst.post(
                "\(base)/adjustments", ["adjust-theme": "Burglary", "adjust-field": "public_concern", "adjust-value": "9", "adjust-reason": "Survey"])
            #expect(outOfRange.text.contains("Public concern must be one of: 1, 2, 3, 4, 5"))
            let unknown = try await analyst.post("\(base)/adjustments", ["adjust-theme": "Parking", "adjust-field": "triage", "adjust-value": "High", "adjust-reason": "Survey"])
            #expect(unknown.text.contains("Select one of the listed themes"))
            #expect(
                try await analyst.post(
                    "\(base)/adjustments",
                    [
                        "adjust-theme": "Burglary", "adjust-field": "public_concern", "adjust-value": "5",
                        "adjust-reason": "Residents' survey: burglary first of ten concerns",
                    ]
                ).status == .seeOther)

            f = try await Self.figures(analyst, id)
            let abuse = try #require(Self.priority(f, "Domestic abuse"))
            #expect(abuse["evidence"] as? String == "MARAC referrals up a third, force data 2021/22")
            let concern = (Self.priority(f, "Burglary")!["scores"] as! [String: Any])["public_concern"] as! [String: Any]
            #expect(concern["computed"] as? Int == 3 && concern["final"] as? Int == 5)
            #expect((concern["adjustment"] as! [String: Any])["reason"] as? String == "Residents' survey: burglary first of ten concerns")

            let document = try await analyst.get("/partnerships/\(id)/assessment?to=2022-03").text
            #expect(document.contains("Domestic abuse"))
            #expect(document.contains("5 (computed 3)"))
            #expect(document.contains("burglary first of ten concerns"))
            #expect(document.contains("Recommendations"))

            // The version keeps the settings it was made with.
            try await analyst.get("/partnerships/\(id)/assessment/versions")
            #expect(try await analyst.post("/partnerships/\(id)/assessment/versions", ["to": "2022-03"]).status == .seeOther)
            let repository = AssessmentRepository(store: site.deps.store)
            let latest = try #require(try await repository.versions(of: id).first)
            let stored = try #require(try await repository.settingsJSON(ofVersion: latest.id, in: id))
            let settings = try JSONDecoder().decode(AssessmentSettings.self, from: Data(stored.utf8))
            #expect(settings.themes.map(\.name) == ["Domestic abuse"])
            #expect(settings.harm.weight(.burglary) == 10)
            #expect(settings.adjustments.count == 1)

            // Its harm table stays as saved when the weights change afterwards; the draft's does not.
            let version = try await AssessmentRepository(store: site.deps.store).versions(of: id)[0].id
            let savedHarm = try await analyst.get("/partnerships/\(id)/assessment/versions/\(version)/tables/harm.csv").text
            #expect(savedHarm.contains("Burglary,1,10,10,"))
            try await analyst.get(base)
            #expect(try await analyst.post("\(base)/weighting", ["scheme": "cchi"]).status == .seeOther)
            #expect(try await analyst.get("/partnerships/\(id)/assessment/versions/\(version)/tables/harm.csv").text == savedHarm)
            #expect(try await analyst.get("/partnerships/\(id)/assessment/tables/harm.csv?to=2022-03").text != savedHarm)

            // The form shows the Cambridge weights exactly (273.75, 194.21), so saving it unchanged edits nothing.
            let form = try await analyst.get(base).text
            var shown: [String: String] = [:]
            for input in form.matches(of: /<input[^>]*>/) {
                let tag = String(input.output)
                guard let name = tag.firstMatch(of: /name="((?:weight|criterion)-[^"]+)"/)?.output.1,
                    let value = tag.firstMatch(of: /value="([^"]*)"/)?.output.1
                else { continue }
                shown[String(name)] = String(value)
            }
            #expect(shown["weight-\(Int(CrimeType.possessionOfWeapons.code))"] == "273.75")
            #expect(try await analyst.post("\(base)/weights", shown).status == .seeOther)
            let unchanged = (try await Self.figures(analyst, id)["settings"] as! [String: Any])["harm"] as! [String: Any]
            #expect(unchanged["edited_by"] == nil)
            #expect((unchanged["weights"] as? [String: Double])?["Violence and sexual offences"] == 194.21)

            // Removing her theme; every change is in the audit log.
            try await analyst.get(base)
            let removed = try await analyst.postConfirming(
                "\(base)/themes/remove", ["theme-name": "Domestic abuse"], asks: "Remove the theme “Domestic abuse”?",
                stillThere: { Self.priority(try await Self.figures(analyst, id), "Domestic abuse") != nil })
            #expect(removed.status == .seeOther)
            #expect(Self.priority(try await Self.figures(analyst, id), "Domestic abuse") == nil)
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 50, offset: 0).filter { $0.subject == "assessment settings" }
            #expect(audit.count == 7)
        }
    }

    @Test("A draft's shipped weights follow the shipped file; weights an analyst edited stay hers")
    func shippedWeightsFollowTheFile() async throws {
        try await withSite(.sqlite) { site, client in
            let id = site.cspA.id, base = "/partnerships/\(id)/assessment/settings"
            let analyst = Browser(client)
            try await analyst.signIn(as: .analyst)
            let repository = AssessmentRepository(store: site.deps.store)
            // Settings saved when the Cambridge table said 120 for possession of weapons.
            var older = AssessmentSettings(harm: .shipped(.cchi))
            older.harm.weights["Possession of weapons"] = 120
            func save(_ s: AssessmentSettings) async throws {
                try await repository.saveSettings(String(decoding: try JSONEncoder().encode(s), as: UTF8.self), of: id, by: .system("test"))
            }
            try await save(older)
            #expect(try await analyst.get(base).text.contains("value=\"273.75\""))
            older.harm.editedBy = "analyst@example.org"
            try await save(older)
            let page = try await analyst.get(base).text
            #expect(page.contains("value=\"120\"") && !page.contains("value=\"273.75\""))
        }
    }

    @Test("Each table of the document downloads as CSV, with the document's own figures")
    func tablesAsCSV() async throws {
        try await withSite(.sqlite, crime: true) { site, client in
            let id = site.cspA.id
            let reader = Browser(client)
            try await reader.signIn(as: .boardMember)
            let document = try await reader.get("/partnerships/\(id)/assessment?to=2022-03").text
            let f = try await Self.figures(reader, id)
            for table in ["history", "trends", "harm", "comparison", "partnerships", "hotspots", "repeats", "seasonality", "priorities", "adjustments"] {
                let href = "/partnerships/\(id)/assessment/tables/\(table).csv?to=2022-03"
                let csv = try await reader.get(href)
                #expect(csv.status == .ok, "\(table).csv")
                #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
                // A table with rows offers its download; an empty one says so instead.
                let hasRows = csv.text.split(separator: "\r\n").count > 1
                #expect(document.contains("href=\"\(href)\"") == hasRows, "the document links \(table).csv")
            }
            let trends = try await reader.get("/partnerships/\(id)/assessment/tables/trends.csv?to=2022-03").text
            let allCrime = f["all_crime"] as! [String: Any]
            let row = trends.split(separator: "\r\n").first { $0.hasPrefix("All crime,") }.map { CSVRecord.fields($0) }
            #expect(row?[1].replacingOccurrences(of: ",", with: "") == String(allCrime["previous"] as! Int))
            #expect(row?[2].replacingOccurrences(of: ",", with: "") == String(allCrime["current"] as! Int))
            let priorities = try await reader.get("/partnerships/\(id)/assessment/tables/priorities.csv?to=2022-03").text
            #expect(priorities.split(separator: "\r\n").count == 1 + (f["priorities"] as! [Any]).count)
            #expect(try await reader.get("/partnerships/\(id)/assessment/tables/secrets.csv").status == .notFound)
        }
    }
}
