import ArgumentParser
import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkReviews
import HallmarkStore
import HallmarkWeb
import Hummingbird
import Logging

@main
struct Hallmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hallmark",
        abstract: "The working system of a Community Safety Partnership.",
        subcommands: [
            Serve.self, Assess.self, Migrate.self, Demo.self, ImportCommand.self, ExportCommand.self, UserCommand.self, TokenCommand.self,
            BackupCommand.self, RestoreCommand.self, CaseKeysCommand.self, MailCommand.self,
        ])
}

/// Opens the configured store (migrating it), runs `body`, and closes it whatever happens.
func withStore<R>(_ settings: Settings, _ body: (Store) async throws -> R) async throws -> R {
    let store = try await Store.open(settings.storeLocation)
    do {
        let result = try await body(store)
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}

func printAccounts(_ accounts: [DemoCounty.Account]) {
    print("Demo accounts (password for each: \(DemoCounty.password)):")
    for account in accounts {
        print("  \(account.role.label.padding(toLength: 24, withPad: " ", startingAt: 0)) \(account.email.padding(toLength: 34, withPad: " ", startingAt: 0)) sees \(account.sees)")
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server (migrates the database first).")

    @Flag(help: "Load the Leicestershire and Rutland demo county and print its sign-in accounts.")
    var demo = false

    func run() async throws {
        var configured = Settings.fromEnvironment()
        // The demo county's cases are sealed with the published demo key unless keys are given.
        if demo, configured.caseKeys == nil { configured.caseKeys = CaseKeys.demoConfiguration }
        let settings = configured
        if let keys = settings.caseKeys {
            do { _ = try CaseKeys.parse(keys) } catch { throw ValidationError(error.description) }
        }
        if !settings.mailProblems.isEmpty { throw ValidationError(settings.mailProblems.joined(separator: "\n")) }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info
            return handler
        }
        let logger = Logger(label: "hallmark")
        // Held until the process ends, so that a restore cannot swap the file from under it.
        let serving = settings.storeLocation == .sqlite(path: settings.sqlitePath) ? try ServingLock.serve(settings.sqlitePath) : nil
        defer { withExtendedLifetime(serving) {} }
        let store = try await Store.open(settings.storeLocation, logger: logger)
        do {
            let deps = Dependencies(store: store, settings: settings)
            let interrupted = try await deps.crime.closeInterruptedImports(lease: settings.importLeaseSeconds)
            if interrupted > 0 { logger.warning("\(interrupted) crime import(s) stopped without finishing; nothing from them was stored.") }
            let leftovers = UploadFolders.removeLeftovers()
            if leftovers > 0 { logger.notice("Removed \(leftovers) upload folder(s) left by a server that was stopped.") }
            if demo {
                printAccounts(try await DemoCounty.load(deps))
                try await printDemoCrime(DemoCounty.loadCrime(deps))
                try await DemoCounty.loadPlan(deps)
            }
            print(
                "Hallmark is running at http://\(settings.host):\(settings.port)/ (\(store.dialect == .sqlite ? "SQLite \(settings.sqlitePath)" : "PostgreSQL")). Press Ctrl-C to stop."
            )
            try await buildApplication(deps, logger: logger).runService()
        } catch {
            // Closed whatever went wrong, so that the error is what the operator sees.
            await store.close()
            throw error
        }
        await store.close()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database's schema up to date.")

    func run() async throws {
        let settings = Settings.fromEnvironment()
        let store = try Store(settings.storeLocation)
        do {
            let applied = try await Migrator(store: store).migrate()
            print(
                applied.isEmpty
                    ? "The database is up to date (version \(Migrator.latestVersion))."
                    : "Applied migrations \(applied.map(String.init).joined(separator: ", ")).")
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the Leicestershire and Rutland demo county (safe to run twice).")

    func run() async throws {
        let settings = Settings.fromEnvironment()
        try await withStore(settings) { store in
            let deps = Dependencies(store: store, settings: settings)
            printAccounts(try await DemoCounty.load(deps))
            try await printDemoCrime(DemoCounty.loadCrime(deps))
            try await DemoCounty.loadPlan(deps)
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage sign-in accounts.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account. The password is read from standard input.")

        @Option(help: "Email address, used to sign in.") var email: String
        @Option(help: "Full name.") var name: String
        @Flag(help: "Make an administrator (the first account should be one).") var admin = false
        @Option(help: "Role when not --admin: county_officer, coordinator, analyst or board_member.") var role: String?
        @Option(help: "ONS code (E22…) or id of a partnership the user may see; repeat for several.") var partnership: [String] = []

        func run() async throws {
            let settings = Settings.fromEnvironment()
            let chosen: Role
            if admin {
                chosen = .administrator
            } else {
                guard let raw = role, let parsed = Role(rawValue: raw) else {
                    throw ValidationError("Give --admin, or --role with one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                chosen = parsed
            }
            print("Password (at least \(PasswordHasher.minimumLength) characters): ", terminator: "")
            guard let password = readLine(strippingNewline: true), password.count >= PasswordHasher.minimumLength else {
                throw ValidationError("The password must be at least \(PasswordHasher.minimumLength) characters")
            }
            var v = Validator(["email": email, "name": name])
            let checkedEmail = v.email("email")
            let checkedName = v.text("name", label: "name", maxLength: 120)
            do { try v.check() } catch { throw ValidationError(error.errors.map(\.message).joined(separator: "; ")) }
            try await withStore(settings) { store in
                let partnerships = PartnershipRepository(store: store)
                var ids: [RecordID<Partnership>] = []
                for reference in partnership {
                    var found: Partnership?
                    if let code = GSSCode(reference) {
                        found = try await partnerships.find(onsCode: code)
                    } else if let id = RecordID<Partnership>(reference) {
                        found = try await partnerships.find(id)
                    }
                    guard let found else { throw ValidationError("No partnership has the ONS code or id \(reference)") }
                    ids.append(found.id)
                }
                let user = try await AccountRepository(store: store).createUser(
                    email: checkedEmail!, name: checkedName!, passwordHash: PasswordHasher(cost: settings.bcryptCost).hash(password),
                    role: chosen, partnerships: ids, by: .system("hallmark user create"))
                print("Created \(user.role.label.lowercased()) \(user.email).")
            }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens for machine clients.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for an account; it is shown once.")
        @Option(help: "The account's email address.") var email: String
        @Option(help: "What the token is for, e.g. 'county dashboard'.") var name: String

        func run() async throws {
            let settings = Settings.fromEnvironment()
            try await withStore(settings) { store in
                let accounts = AccountRepository(store: store)
                guard let user = try await accounts.user(email: email) else { throw ValidationError("No account has the email address \(email)") }
                let token = APIToken.make()
                _ = try await accounts.createAPIToken(userID: user.id, name: name, tokenHash: token.hash, by: .system("hallmark token create"))
                print("API token for \(user.email) (\(name)). It is shown only now; keep it secret:\n\(token.value)")
            }
        }
    }
}

struct CaseKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case-keys", abstract: "Keys that seal named case data (HALLMARK_CASE_KEYS).", subcommands: [New.self, Reseal.self])

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a new random key, to put first in HALLMARK_CASE_KEYS.")
        @Option(help: "The key's id, e.g. k2.") var id: String

        func run() throws {
            let line = "\(id):" + Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            do { _ = try CaseKeys.parse(line) } catch { throw ValidationError(error.description) }
            print(line)
        }
    }

    struct Reseal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal every named case field again with the first key of HALLMARK_CASE_KEYS, so that older keys can be taken out.")

        func run() async throws {
            let settings = Settings.fromEnvironment()
            guard let text = settings.caseKeys else { throw ValidationError("Set HALLMARK_CASE_KEYS: the new key first, then the old ones") }
            let keys: CaseKeys
            do { keys = try CaseKeys.parse(text) } catch { throw ValidationError(error.description) }
            let n = try await withStore(settings) { store in try await CaseKeyRotation.reseal(store, keys: keys) }
            print("\(n) field\(n == 1 ? "" : "s") sealed again with the key “\(keys.current.id)”. Keys other than it can now be taken out of HALLMARK_CASE_KEYS.")
        }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Write a consistent copy of the SQLite database to a new file.")
    @Argument(help: "The backup file to write; it must not exist yet.") var file: String

    func run() async throws {
        let settings = Settings.fromEnvironment()
        try await withStore(settings) { store in try await Backup.write(store, to: file) }
        print("Backed up to \(file).")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Replace the SQLite database with a backup. Stop the server first.")
    @Argument(help: "The backup file to restore from.") var file: String

    func run() async throws {
        let settings = Settings.fromEnvironment()
        guard settings.databaseURL == nil else { throw StoreError.notSQLite }
        try await Backup.restore(from: file, to: settings.sqlitePath)
        print("Restored \(settings.sqlitePath) from \(file); the previous database is kept as \(settings.sqlitePath).before-restore.")
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import data.", subcommands: [PoliceUK.self, Geography.self])

    struct PoliceUK: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "police-uk",
            abstract: "Import police.uk street-level crime files (a folder of YYYY-MM-<force>-street.csv, one file, or the zip from data.police.uk).",
            discussion: "All or nothing: if any row is rejected nothing is stored, unless --accept-valid-rows is given. "
                + "A force-month already stored is replaced (police.uk republishes), unless the new file holds under half its crimes: "
                + "then nothing is stored unless --replace-smaller is given.")

        @Argument(help: "A folder (searched with its subfolders), a single -street.csv file, or a zip file.") var path: String
        @Flag(help: "Store the valid rows even when some are rejected; the rejected ones are listed in the report.") var acceptValidRows = false
        @Flag(help: "Replace months held even with files holding under half as many crimes.") var replaceSmaller = false

        func run() async throws {
            let settings = Settings.fromEnvironment()
            try await withStore(settings) { store in
                let importer = CrimeImporter(store: store, lookup: try AreaLookup.shipped())
                let started = Date()
                do {
                    // Imports that stopped without finishing (a command or server killed) are closed first.
                    try await CrimeRepository(store: store).closeInterruptedImports(lease: settings.importLeaseSeconds)
                    let rule = CrimeImporter.ReplacementRule(forceAreas: nil, allowShrinking: replaceSmaller)
                    let report = try await importer.importStreetFiles(
                        at: path, acceptValidRows: acceptValidRows, replacing: rule,
                        by: .system("hallmark import police-uk")
                    ) { step in
                        print("[\(step.filesStored)/\(step.filesTotal)] stored \(step.file): \(step.accepted) rows")
                    }
                    printReport(report)
                    print(String(format: "Import %lld finished in %.1f s.", report.importID ?? 0, Date().timeIntervalSince(started)))
                } catch let failed as CrimeImporter.ImportFailed {
                    printReport(failed.report)
                    throw ValidationError(failed.description)
                } catch let refused as CrimeImportRefused {
                    throw ValidationError(refused.description)
                }
            }
        }

        func printReport(_ report: CrimeImporter.Report) {
            print(
                """
                Files: \(report.files.count)   rows read: \(report.rowsRead)   accepted: \(report.accepted)   rejected: \(report.rejected)
                No location: \(report.noLocation)   LSOA in no lookup: \(report.unknownLSOA)   outside the force's area: \(report.outsideForce)
                """)
            for file in report.files where file.rejected > 0 || !file.hadHeader {
                print("  \(file.file): \(file.rejected) rejected\(file.hadHeader ? "" : ", no header line (recognised as police.uk rows)")")
            }
            for rejection in report.rejections.prefix(50) { print("  \(rejection.file) line \(rejection.line): \(rejection.reason)") }
            if report.rejections.count > 50 { print("  … and \(report.rejected - 50) more rejected rows.") }
            if !report.replaced.isEmpty { print("Replaced: \(report.replaced.joined(separator: ", "))") }
            print(report.message)
        }
    }

    struct Geography: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-place every LSOA by a newer ONS lookup (district → CSP → police force area, and 2021 LSOA → district).",
            discussion: "Columns are found by name whatever their year (LAD25CD, ltla25_code, CSP25CD, PFA25CD, LSOA21CD…). "
                + "An LSOA not in the LSOA lookup follows its district's successor. All or nothing; no crime is changed.")

        @Option(help: "The ONS district → CSP → police force area lookup (CSV).") var districts: String
        @Option(help: "The ONS 2021 LSOA → district lookup (CSV). Without it, LSOAs keep their districts.") var lsoas: String?

        func run() async throws {
            let settings = Settings.fromEnvironment()
            try await withStore(settings) { store in
                do {
                    let geography = try ONSLookupFile.districts(csv: try String(contentsOfFile: districts, encoding: .utf8))
                    let lsoaDistricts = try lsoas.map { try ONSLookupFile.lsoaDistricts(csv: try String(contentsOfFile: $0, encoding: .utf8)) } ?? []
                    let repository = CrimeRepository(store: store)
                    // Before the first crime import the table is empty: start from the shipped lookup.
                    let shipped = try AreaLookup.shipped()
                    try await repository.placeAreas { CrimeImporter(store: store, lookup: shipped).areas }
                    let change = try await repository.replaceAreas(
                        lsoaDistricts: Dictionary(lsoaDistricts.map { ($0.lsoa, $0.district) }, uniquingKeysWith: { first, _ in first }),
                        districtAreas: geography.areasOfDistricts,
                        by: .system("hallmark import geography"))
                    print("Placed \(change.lsoas) LSOAs (\(change.newLSOAs) new to Hallmark).")
                    for (old, new) in change.successors.sorted(by: { $0.key < $1.key }) { print("  \(old) → \(new)") }
                } catch let refused as ONSLookupFile.Refused {
                    throw ValidationError(refused.description)
                } catch let refused as CrimeImportRefused {
                    throw ValidationError(refused.description)
                }
            }
        }
    }
}

func printDemoCrime(_ report: CrimeImporter.Report?) {
    if let report {
        print("Imported \(report.accepted) rows of Leicestershire crime from \(report.files.count) police.uk files.")
    } else if !FileManager.default.fileExists(atPath: DemoCounty.crimeFolder) {
        print(
            "No crime imported: the police.uk files were not found at \(DemoCounty.crimeFolder) (start the server from the project's folder, beside shared/). The demo's crime pages, assessments and plans stay empty until files are imported."
        )
    }
}

struct Assess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write draft strategic assessments: the HTML document, a JSON of every figure and each table as CSV.",
        discussion: "One partnership's with --partnership, or every CSP's in the register with --all, each in a folder named by its ONS code.")

    @Option(help: "The partnership's ONS code (E22… or W14…), as in the register.") var partnership: String?
    @Flag(help: "Every community safety partnership in the register with districts, at once.") var all = false
    @Option(help: "Twelve months, FIRST..LAST, e.g. 2021-04..2022-03 (default: the latest 12 months held).") var period: String?
    @Option(help: "The folder to write into (with --all, a folder in it for each partnership).") var out: String
    @Flag(help: "Also print each document to assessment.pdf (A4), through headless Chromium.") var pdf = false

    func validate() throws {
        if partnership != nil && all { throw ValidationError("Give --partnership or --all, not both.") }
        if partnership == nil && !all { throw ValidationError("Name the partnership with --partnership E22…, or give --all for every CSP in the register.") }
    }

    func run() async throws {
        let settings = Settings.fromEnvironment()
        try await withStore(settings) { store in
            // The assessment needs crime data and the register, not the web server.
            let service = AssessmentService(crimeData: CrimeDataService(store: store, settings: settings))
            let chosen: [Partnership]
            if let partnership {
                guard let code = GSSCode(partnership), let found = try await service.partnerships.find(onsCode: code) else {
                    throw ValidationError("No partnership with the ONS code \(partnership) is in the register. Add it, or run `hallmark demo`.")
                }
                chosen = [found]
            } else {
                chosen = try await service.partnershipsToAssess()
                guard !chosen.isEmpty else {
                    throw ValidationError("No community safety partnership in the register, still running, has an ONS code and districts.")
                }
            }
            let last = try await lastMonth(service)
            var printer: PDFPrinter?
            if pdf {
                guard let found = PDFPrinter.find() else {
                    throw ValidationError("A PDF needs Chromium (Debian's chromium package, or HALLMARK_CHROMIUM naming it); assessment.html prints from any browser.")
                }
                printer = found
            }
            let root = URL(fileURLWithPath: out, isDirectory: true)
            if !all {
                let assessment = try await StrategicAssessment.draft(chosen[0], to: last, deps: service)
                try await AssessmentFiles.write(assessment, to: root, printer: printer)
                return print(
                    "Wrote \(root.path)/assessment.html\(pdf ? ", assessment.pdf" : ""), assessment.json and \(assessment.tableFiles.count) tables as CSV in tables/ (fingerprint \(assessment.fingerprint))."
                )
            }
            let start = DispatchTime.now().uptimeNanoseconds
            try await StrategicAssessment.draftEvery(chosen, to: last, deps: service) { [printer] p, assessment in
                try await AssessmentFiles.write(assessment, to: root.appendingPathComponent(p.onsCode!.value, isDirectory: true), printer: printer)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print("Wrote the assessments of \(chosen.count) partnerships to \(root.path), a folder for each by its ONS code, in \(String(format: "%.1f", seconds)) s.")
        }
    }

    /// The last month of the period asked for, or the latest held.
    private func lastMonth(_ service: AssessmentService) async throws -> Int {
        guard let period else {
            guard let latest = try await service.crime.latestMonth() else { throw ValidationError("No crime is stored yet: import police.uk files first.") }
            return latest
        }
        let ends = period.components(separatedBy: "..")
        let asked = try readPeriod { try CrimePeriod.parse(from: ends.first, to: ends.count == 2 ? ends[1] : "", latest: nil) }
        guard ends.count == 2, asked.months.count == 12 else {
            throw ValidationError("Give the period as twelve months, FIRST..LAST, for example 2021-04..2022-03.")
        }
        return asked.to
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export data.", subcommands: [CrimeCounts.self])

    struct CrimeCounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "crime-counts",
            abstract: "Write recorded crime by area, month and type as CSV (area_code,area_name,month,crime_type,count).",
            discussion: "Areas are placed as the crime pages place them; crimes with no location are under the area code none.")

        @Option(help: "lsoa, district, csp or force.") var level: String
        @Option(help: "The first month, YYYY-MM (default: 11 months before --to).") var from: String?
        @Option(help: "The last month, YYYY-MM (default: the latest month held).") var to: String?
        @Option(help: "The file to write (default: standard output).") var out: String?

        func run() async throws {
            guard let level = CrimeExtract.Level(rawValue: level) else {
                throw ValidationError("--level must be one of: \(CrimeExtract.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let settings = Settings.fromEnvironment()
            try await withStore(settings) { store in
                let crimeData = CrimeDataService(store: store, settings: settings)
                let latest = try await crimeData.crime.latestMonth()
                let period = try readPeriod { try CrimePeriod.parse(from: from, to: to, latest: latest) }
                let handle: FileHandle
                if let out {
                    guard FileManager.default.createFile(atPath: out, contents: nil) else { throw ValidationError("Cannot write \(out)") }
                    handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
                } else {
                    handle = FileHandle.standardOutput
                }
                defer { if out != nil { try? handle.close() } }
                // Written in pieces of about a megabyte, so that a national extract never sits whole in memory.
                var pending = ""
                try await CrimeExtract.write(level: level, months: period.range, within: nil, deps: crimeData) { piece in
                    pending += piece
                    if pending.utf8.count > 1 << 20 { try handle.write(contentsOf: Data(pending.utf8)); pending = "" }
                }
                try handle.write(contentsOf: Data(pending.utf8))
            }
        }
    }
}

/// A period read by the one reader forms and queries use, its messages given as the command's error.
func readPeriod(_ read: () throws -> CrimePeriod) throws -> CrimePeriod {
    do {
        return try read()
    } catch let failure as ValidationFailure {
        throw ValidationError(failure.errors.map(\.message).joined(separator: ". ") + ".")
    }
}

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mail", abstract: "Check the mail settings.", subcommands: [Test.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test", abstract: "Send one message now through the configured mail server (HALLMARK_SMTP_…), to see that it works.")
        @Option(help: "The address to send it to.") var to: String

        func run() async throws {
            let settings = Settings.fromEnvironment()
            if !settings.mailProblems.isEmpty { throw ValidationError(settings.mailProblems.joined(separator: "\n")) }
            guard let server = settings.mailServer else { throw ValidationError("No mail server is configured: set HALLMARK_SMTP_HOST (see the README)") }
            do {
                print(try await MailDelivery.test(server, to: to))
            } catch let refused as SMTPClient.Refused {
                // Not a ValidationError: the command was right, so its usage is no help.
                throw NotSent(description: "Not sent: \(refused.description)")
            }
        }

        struct NotSent: Error, CustomStringConvertible {
            let description: String
        }
    }
}
