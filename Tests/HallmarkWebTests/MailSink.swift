import Foundation
import HallmarkKit
import Testing

/// The SMTP sink `scripts/test` starts (scripts/lib/smtp.sh): the folder it writes each message
/// to, its plain listener, and its relay that needs encryption and a login, on two ports.
struct MailSink {
    let folder: URL
    let plain: (host: String, port: Int)
    /// STARTTLS, then AUTH PLAIN or LOGIN.
    let starttlsPort: Int
    /// TLS from the first byte, then AUTH LOGIN only.
    let tlsPort: Int
    /// As `starttlsPort`, with an answer added unencrypted after STARTTLS's go-ahead.
    let injectedPort: Int
    /// The throwaway authority that signed the relay's certificate, for "localhost" only.
    let authorities: String
    let login: MailServer.Login

    static func fromEnvironment() throws -> MailSink {
        let env = ProcessInfo.processInfo.environment
        guard let address = env["HALLMARK_TEST_SMTP"], let folder = env["HALLMARK_TEST_SMTP_DIR"], let colon = address.lastIndex(of: ":"),
            let port = Int(address[address.index(after: colon)...]), let starttls = env["HALLMARK_TEST_SMTP_STARTTLS"].flatMap(Int.init),
            let tls = env["HALLMARK_TEST_SMTP_TLS"].flatMap(Int.init), let injected = env["HALLMARK_TEST_SMTP_INJECTED"].flatMap(Int.init),
            let authorities = env["HALLMARK_TEST_SMTP_CA"],
            let login = env["HALLMARK_TEST_SMTP_LOGIN"], let separator = login.firstIndex(of: ":")
        else {
            Issue.record("The SMTP sink's variables (HALLMARK_TEST_SMTP…) are not set. Run ./scripts/test, which starts a throwaway SMTP server for the tests.")
            throw CancellationError()
        }
        return MailSink(
            folder: URL(fileURLWithPath: folder), plain: (String(address[..<colon]), port), starttlsPort: starttls, tlsPort: tls, injectedPort: injected, authorities: authorities,
            login: MailServer.Login(user: String(login[..<separator]), password: String(login[login.index(after: separator)...])))
    }

    /// The relay as an administrator would configure it: by name, STARTTLS (the default), the
    /// login, and the council's own authority.
    var settings: Settings {
        Settings(
            bcryptCost: 4, smtpHost: "localhost", smtpPort: starttlsPort, smtpUsername: login.user, smtpPassword: login.password, smtpAuthorities: authorities,
            mailFrom: "hallmark@test.example", publicURL: "https://hallmark.test")
    }

    /// The messages the sink holds that contain `marker`.
    func received(containing marker: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted().compactMap { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return text.contains(marker) ? text : nil
        }
    }
}
