import Configuration
import Foundation
import HallmarkStore
import NIOSSL

/// Everything the server reads from its environment, with the defaults a single council
/// laptop needs. The README lists each variable.
public struct Settings: Sendable {
    public var host: String
    public var port: Int
    public var databaseURL: String?
    public var sqlitePath: String
    /// Set when the server sits behind TLS, so that cookies are only ever sent encrypted.
    public var secureCookies: Bool
    public var sessionLifetimeSeconds: Int64
    public var bcryptCost: UInt8
    public var logLevel: String
    /// How long a running import may go without a heartbeat before another server or command
    /// may call it dead (see crime data's `CrimeRepository.closeInterruptedImports`).
    public var importLeaseSeconds: Int64
    /// The mail server for reminders; without one, e-mail waits in the outbox and the log.
    public var smtpHost: String?
    /// nil for the usual port of `smtpSecurity`.
    public var smtpPort: Int?
    /// starttls, tls or none, as written (see `MailServer.Security`); `mailProblems` checks it.
    public var smtpSecurity: String
    public var smtpUsername: String?
    public var smtpPassword: String?
    /// A PEM file of the council's own certificate authorities, trusted besides the system's.
    public var smtpAuthorities: String?
    public var mailFrom: String
    /// How people reach this server, for the links in e-mail.
    public var publicURL: String
    /// Whether owners get the weekly digest of their overdue and due-soon actions.
    public var weeklyDigest: Bool
    /// The keys that seal named case data, "ID:BASE64,…" newest first (see `CaseKeys`); without
    /// them casework is closed.
    public var caseKeys: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databaseURL: String? = nil, sqlitePath: String = "./hallmark.sqlite",
        secureCookies: Bool = false, sessionLifetimeSeconds: Int64 = 8 * 3600, bcryptCost: UInt8 = 12, logLevel: String = "info",
        importLeaseSeconds: Int64 = 120, smtpHost: String? = nil, smtpPort: Int? = nil, smtpSecurity: String = "starttls", smtpUsername: String? = nil,
        smtpPassword: String? = nil, smtpAuthorities: String? = nil, mailFrom: String = "hallmark@localhost", publicURL: String? = nil,
        weeklyDigest: Bool = true, caseKeys: String? = nil
    ) {
        self.caseKeys = caseKeys
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.smtpSecurity = smtpSecurity
        self.smtpUsername = smtpUsername
        self.smtpPassword = smtpPassword
        self.smtpAuthorities = smtpAuthorities
        self.mailFrom = mailFrom
        self.publicURL = publicURL ?? "http://\(host):\(port)"
        self.weeklyDigest = weeklyDigest
        self.host = host
        self.port = port
        self.databaseURL = databaseURL
        self.sqlitePath = sqlitePath
        self.secureCookies = secureCookies
        self.sessionLifetimeSeconds = sessionLifetimeSeconds
        self.bcryptCost = bcryptCost
        self.logLevel = logLevel
        self.importLeaseSeconds = importLeaseSeconds
    }

    /// Environment variables first, then the defaults above.
    public init(reader: ConfigReader) {
        let d = Settings()
        self.init(
            host: reader.string(forKey: "hallmark.host", default: d.host),
            port: reader.int(forKey: "hallmark.port", default: d.port),
            databaseURL: reader.string(forKey: "database.url"),
            sqlitePath: reader.string(forKey: "hallmark.sqlite.path", default: d.sqlitePath),
            secureCookies: reader.bool(forKey: "hallmark.secure.cookies", default: d.secureCookies),
            sessionLifetimeSeconds: Int64(reader.int(forKey: "hallmark.session.hours", default: 8)) * 3600,
            bcryptCost: UInt8(clamping: reader.int(forKey: "hallmark.bcrypt.cost", default: Int(d.bcryptCost))),
            logLevel: reader.string(forKey: "log.level", default: d.logLevel),
            importLeaseSeconds: Int64(min(max(reader.int(forKey: "hallmark.import.lease.seconds", default: Int(d.importLeaseSeconds)), 5), 3600)),
            smtpHost: reader.string(forKey: "hallmark.smtp.host").flatMap { $0.isEmpty ? nil : $0 },
            smtpPort: reader.int(forKey: "hallmark.smtp.port").map { min(max($0, 1), 65535) },
            smtpSecurity: reader.string(forKey: "hallmark.smtp.security", default: d.smtpSecurity),
            smtpUsername: reader.string(forKey: "hallmark.smtp.username").flatMap { $0.isEmpty ? nil : $0 },
            smtpPassword: reader.string(forKey: "hallmark.smtp.password", isSecret: true).flatMap { $0.isEmpty ? nil : $0 },
            smtpAuthorities: reader.string(forKey: "hallmark.smtp.ca.file").flatMap { $0.isEmpty ? nil : $0 },
            mailFrom: reader.string(forKey: "hallmark.mail.from", default: d.mailFrom),
            publicURL: reader.string(forKey: "hallmark.public.url"),
            weeklyDigest: reader.bool(forKey: "hallmark.weekly.digest", default: d.weeklyDigest),
            caseKeys: reader.string(forKey: "hallmark.case.keys").flatMap { $0.isEmpty ? nil : $0 })
    }

    public static func fromEnvironment() -> Settings {
        Settings(reader: ConfigReader(provider: EnvironmentVariablesProvider()))
    }

    /// The mail server, when one is configured. A security not understood is read as STARTTLS,
    /// the strictest that works with most servers, though `serve` refuses to start with one.
    package var mailServer: MailServer? {
        let security = MailServer.Security(rawValue: smtpSecurity.lowercased()) ?? .starttls
        return smtpHost.map { host in
            MailServer(
                host: host, port: smtpPort ?? security.port, from: mailFrom, security: security,
                login: smtpUsername.map { MailServer.Login(user: $0, password: smtpPassword ?? "") }, trustedAuthorities: smtpAuthorities)
        }
    }

    /// What is wrong with the mail settings, in words naming the variables, for `serve` to refuse
    /// to start with rather than fail at the first message.
    package var mailProblems: [String] {
        guard smtpHost != nil else { return [] }
        let security = MailServer.Security(rawValue: smtpSecurity.lowercased())
        var problems: [String] = []
        if security == nil {
            problems.append("HALLMARK_SMTP_SECURITY is “\(smtpSecurity)”: give starttls (the default), tls, or none for a relay without encryption")
        }
        if (smtpUsername == nil) != (smtpPassword == nil) {
            problems.append("HALLMARK_SMTP_USERNAME and HALLMARK_SMTP_PASSWORD go together: give both, or neither for a relay that needs no login")
        }
        if smtpUsername != nil && security == MailServer.Security.none {
            problems.append("A password is never sent unencrypted: with HALLMARK_SMTP_USERNAME set, HALLMARK_SMTP_SECURITY must be starttls or tls")
        }
        if let file = smtpAuthorities, (try? NIOSSLCertificate.fromPEMFile(file))?.isEmpty ?? true {
            problems.append("HALLMARK_SMTP_CA_FILE: “\(file)” is not a readable file of PEM certificates")
        }
        return problems
    }

    public var storeLocation: StoreLocation { .from(databaseURL: databaseURL, sqlitePath: sqlitePath) }
}
