import Foundation
import HallmarkKit
import Testing

/// Mail leaves encrypted and logged in, as a council's mail service asks, or not at all: through
/// the sink's relay, which needs both, and its plain listener, which offers neither.
@Suite("E-mail sent securely")
struct MailSecurityTests {
    static func message(_ marker: String) -> String {
        SMTPClient.message(from: "hallmark@test.example", to: "officer@test.example", toName: "Officer", subject: "Test \(marker)", body: "Marker \(marker)", id: marker)
    }

    @Test("By STARTTLS with AUTH PLAIN, and by TLS from the start with AUTH LOGIN, each checked against the council's authority")
    func encryptedAndLoggedIn() async throws {
        let sink = try MailSink.fromEnvironment()
        for (security, port) in [(MailServer.Security.starttls, sink.starttlsPort), (.tls, sink.tlsPort)] {
            let marker = UUID().uuidString
            let server = MailServer(
                host: "localhost", port: port, from: "hallmark@test.example", security: security, login: sink.login, trustedAuthorities: sink.authorities)
            try await SMTPClient(server: server).send(to: "officer@test.example", message: Self.message(marker))
            let mail = try sink.received(containing: marker)
            #expect(mail.count == 1, "\(security)")
            #expect(mail.first?.contains("X-Envelope-TLS: TLSv1.") == true && mail.first?.contains("X-Envelope-Login: \(sink.login.user)\r\n") == true)
        }
    }

    @Test("A test of the settings goes the way reminders go, and says so")
    func settingsTested() async throws {
        let sink = try MailSink.fromEnvironment()
        let server = try #require(sink.settings.mailServer)
        let address = "check-\(UUID().uuidString)@test.example"
        let said = try await MailDelivery.test(server, to: address)
        #expect(said == "Sent to \(address) through localhost, port \(sink.starttlsPort), encrypted by STARTTLS, logged in as \(sink.login.user).")
        let mail = try #require(try sink.received(containing: address).first)
        #expect(mail.contains("Subject: Hallmark: a test of the mail settings\r\n") && mail.contains("X-Envelope-Login: \(sink.login.user)\r\n"))
        #expect(mail.contains("It went through localhost, port \(sink.starttlsPort), encrypted by STARTTLS, logged in as \(sink.login.user).\r\n"))
    }

    /// A way of sending that would not be safe, and the words the outbox is to show for it.
    struct Unsafe: CustomTestStringConvertible, Sendable {
        let what: String
        let server: @Sendable (MailSink) -> MailServer
        let says: @Sendable (MailSink) -> String
        var testDescription: String { what }
    }

    static let unsafe: [Unsafe] = [
        Unsafe(
            what: "a server that offers no STARTTLS",
            server: { MailServer(host: $0.plain.host, port: $0.plain.port, from: "h@test.example", login: $0.login, trustedAuthorities: $0.authorities) },
            says: { "\($0.plain.host):\($0.plain.port) does not offer STARTTLS, so the message was not sent unencrypted" }),
        Unsafe(
            what: "a certificate not for the name the server was reached by",
            server: { MailServer(host: "127.0.0.1", port: $0.starttlsPort, from: "h@test.example", login: $0.login, trustedAuthorities: $0.authorities) },
            says: { _ in "its certificate is not for “127.0.0.1”" }),
        Unsafe(
            what: "a certificate from an authority nobody trusts",
            server: { MailServer(host: "localhost", port: $0.starttlsPort, from: "h@test.example", login: $0.login) },
            says: { _ in "its certificate was not accepted" }),
        Unsafe(
            what: "TLS from the start to a server that speaks plain text",
            server: { MailServer(host: $0.plain.host, port: $0.plain.port, from: "h@test.example", security: .tls, trustedAuthorities: $0.authorities) },
            says: { "The secure connection to the mail server \($0.plain.host):\($0.plain.port) failed: the two could not agree how to encrypt" }),
        Unsafe(
            what: "an answer added unencrypted after STARTTLS's go-ahead",
            server: { MailServer(host: "localhost", port: $0.injectedPort, from: "h@test.example", login: $0.login, trustedAuthorities: $0.authorities) },
            says: { "localhost:\($0.injectedPort) sent more before encrypting than it should" }),
        Unsafe(
            what: "a wrong password",
            server: {
                MailServer(
                    host: "localhost", port: $0.tlsPort, from: "h@test.example", security: .tls,
                    login: MailServer.Login(user: $0.login.user, password: "wrong-\($0.login.password)"), trustedAuthorities: $0.authorities)
            },
            says: { "The mail server refused the login as “\($0.login.user)”: 535" }),
        Unsafe(
            what: "no login where the server wants one",
            server: { MailServer(host: "localhost", port: $0.starttlsPort, from: "h@test.example", trustedAuthorities: $0.authorities) },
            says: { _ in "The mail server refused the sender <h@test.example>: 530" }),
    ]

    @Test("Nothing is sent where it could not be sent safely, and the outbox is told why", arguments: unsafe)
    func refused(_ way: Unsafe) async throws {
        let sink = try MailSink.fromEnvironment()
        let marker = UUID().uuidString
        let server = way.server(sink)
        let error = await #expect(throws: SMTPClient.Refused.self) {
            try await SMTPClient(server: server).send(to: "officer@test.example", message: Self.message(marker))
        }
        #expect(error?.description.contains(way.says(sink)) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains(sink.login.password) == false)
        #expect(try sink.received(containing: marker).isEmpty)
    }

    @Test("The server will not start with mail settings that cannot work, and says which")
    func settings() throws {
        let ca = try #require(ProcessInfo.processInfo.environment["HALLMARK_TEST_SMTP_CA"])
        let good = Settings(smtpHost: "mail.council.example", smtpUsername: "hallmark", smtpPassword: "secret", smtpAuthorities: ca)
        #expect(good.mailProblems.isEmpty)
        #expect(good.mailServer?.port == 25 && good.mailServer?.security == .starttls && good.mailServer?.login?.description == "hallmark (password withheld)")
        #expect(Settings(smtpHost: "m", smtpSecurity: "TLS").mailServer?.port == 465)
        #expect(Settings(smtpHost: "m", smtpPort: 587, smtpSecurity: "tls").mailServer?.port == 587)
        #expect(Settings(smtpHost: nil, smtpSecurity: "nonsense").mailProblems.isEmpty)  // no mail server, nothing to check

        let wrong: [(Settings, String)] = [
            (Settings(smtpHost: "m", smtpSecurity: "ssl"), "HALLMARK_SMTP_SECURITY is “ssl”"),
            (Settings(smtpHost: "m", smtpUsername: "hallmark"), "HALLMARK_SMTP_USERNAME and HALLMARK_SMTP_PASSWORD go together"),
            (Settings(smtpHost: "m", smtpPassword: "secret"), "HALLMARK_SMTP_USERNAME and HALLMARK_SMTP_PASSWORD go together"),
            (Settings(smtpHost: "m", smtpSecurity: "none", smtpUsername: "u", smtpPassword: "p"), "A password is never sent unencrypted"),
            (Settings(smtpHost: "m", smtpAuthorities: "/nonexistent/ca.pem"), "HALLMARK_SMTP_CA_FILE: “/nonexistent/ca.pem”"),
            (Settings(smtpHost: "m", smtpAuthorities: #filePath), "is not a readable file of PEM certificates"),
        ]
        for (settings, says) in wrong {
            #expect(settings.mailProblems.count == 1 && settings.mailProblems[0].contains(says), "\(settings.mailProblems)")
        }
        // An unknown security is read as the strictest, never as none.
        #expect(Settings(smtpHost: "m", smtpSecurity: "ssl").mailServer?.security == .starttls)
    }
}
