import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The mail server the reminders go through, spoken to in SMTP (RFC 5321): by default encrypted
/// by STARTTLS, with a login where the server wants one, as councils' mail services do; in plain
/// text only when told to, for a relay on the council's own network that has no TLS.
package struct MailServer: Sendable, Equatable {
    package enum Security: String, Sendable, CaseIterable {
        /// Plain at first, then encrypted by STARTTLS (RFC 3207) before anything else is said;
        /// a server that does not offer it is not sent the message.
        case starttls
        /// Encrypted from the first byte (RFC 8314), as on port 465.
        case tls
        /// Never encrypted, and so never given a password.
        case none

        /// The port each is usually on.
        package var port: Int { self == .tls ? 465 : 25 }
    }

    /// A login for AUTH (RFC 4954), sent only once the connection is encrypted.
    package struct Login: Sendable, Equatable, CustomStringConvertible {
        package var user: String
        package var password: String
        package init(user: String, password: String) {
            self.user = user
            self.password = password
        }
        /// Never the password, wherever a login is printed.
        package var description: String { "\(user) (password withheld)" }
    }

    package var host: String
    package var port: Int
    /// The address mail comes from.
    package var from: String
    package var security: Security
    package var login: Login?
    /// A PEM file of certificate authorities trusted besides the system's, for a council's own.
    package var trustedAuthorities: String?

    package init(host: String, port: Int, from: String, security: Security = .starttls, login: Login? = nil, trustedAuthorities: String? = nil) {
        self.host = host
        self.port = port
        self.from = from
        self.security = security
        self.login = login
        self.trustedAuthorities = trustedAuthorities
    }

    /// How the outbox page describes the way mail leaves.
    package var manner: String {
        let encrypted = ["starttls": "encrypted by STARTTLS", "tls": "encrypted by TLS", "none": "not encrypted"][security.rawValue]!
        return encrypted + (login.map { ", logged in as \($0.user)" } ?? "")
    }
}

/// Sends one message by SMTP: connect, EHLO, STARTTLS and EHLO again, AUTH, MAIL, RCPT, DATA,
/// QUIT, as the server is configured, each reply read and checked, the whole within a time limit.
package struct SMTPClient: Sendable {
    package let server: MailServer
    package var timeout: Duration = .seconds(30)

    package init(server: MailServer) { self.server = server }

    /// Why a message was not accepted, in words for the outbox page.
    package struct Refused: Error, CustomStringConvertible, Equatable {
        package let description: String
    }

    /// A plain-text message in UTF-8 as RFC 5322 lays it out, lines ending CRLF, with a header
    /// encoded (RFC 2047) where it is not plain ASCII.
    package static func message(from: String, to: String, toName: String, subject: String, body: String, date: Date = Date(), id: String) -> String {
        func encoded(_ text: String) -> String {
            text.allSatisfy { $0.isASCII && !$0.isNewline } ? text : "=?utf-8?B?\(Data(text.utf8).base64EncodedString())?="
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let headers = [
            "From: Hallmark <\(from)>", "To: \(encoded(toName)) <\(to)>", "Subject: \(encoded(subject))", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(id)@\(from.split(separator: "@").last.map(String.init) ?? "hallmark")>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return (headers + [""] + lines.map(String.init)).joined(separator: "\r\n") + "\r\n"
    }

    /// Sends it, or throws `Refused` with what the server said or why it could not be reached.
    package func send(to recipient: String, message: String) async throws {
        guard !recipient.contains(where: { $0 == "<" || $0 == ">" || $0.isNewline || $0 == " " }), recipient.contains("@") else {
            throw Refused(description: "“\(recipient)” is not an e-mail address the server can send to")
        }
        let server = self.server
        let timeout = self.timeout
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await Self.converse(server, recipient: recipient, message: message) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw Refused(description: "The mail server \(server.host):\(server.port) did not finish within \(timeout)")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let refused as Refused {
            throw refused
        } catch let error as NIOSSLError {
            throw Refused(description: "The secure connection to the mail server \(server.host):\(server.port) failed: \(Self.words(error))")
        } catch let error as NIOSSLExtraError where error == .failedToValidateHostname {
            throw Refused(
                description: "The secure connection to the mail server \(server.host):\(server.port) failed: its certificate is not for “\(server.host)”")
        } catch let error as BoringSSLError {
            throw Refused(description: "The secure connection to the mail server \(server.host):\(server.port) failed: \(error)")
        } catch {
            throw Refused(description: "The mail server \(server.host):\(server.port) could not be reached: \(error)")
        }
    }

    /// A TLS failure in words for the outbox page, where it can be said more plainly than NIOSSL does.
    private static func words(_ error: NIOSSLError) -> String {
        switch error {
        case .handshakeFailed(let reasons) where "\(reasons)".contains("CERTIFICATE_VERIFY_FAILED"):
            "its certificate was not accepted: it is out of date, or signed by an authority this server does not trust (HALLMARK_SMTP_CA_FILE adds the council’s own)"
        case .handshakeFailed:
            "the two could not agree how to encrypt (the server may not speak TLS on this port)"
        case .unableToValidateCertificate, .noCertificateToValidate:
            "its certificate could not be checked"
        default:
            "\(error)"
        }
    }

    /// The settings for encrypting, made once a message: the system's authorities and the
    /// council's own, and the server's name checked against its certificate.
    private static func tlsContext(_ server: MailServer) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let file = server.trustedAuthorities { configuration.additionalTrustRoots = [.file(file)] }
        return try NIOSSLContext(configuration: configuration)
    }

    /// The name sent for SNI and checked against the certificate; an address is checked as an
    /// address (SNI takes names only).
    private static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    private static func converse(_ server: MailServer, recipient: String, message: String) async throws {
        let tls = server.security == .none ? nil : try tlsContext(server)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: server.host, port: server.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if server.security == .tls, let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName(server.host)))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = Replies(inbound.makeAsyncIterator())
            func send(_ text: String) async throws {
                do {
                    try await outbound.write(ByteBuffer(string: text))
                } catch {
                    // A handshake that failed (a certificate refused) closes the connection, and
                    // a write may find it closed before the reason arrives inbound: read it.
                    _ = try await replies.next()
                    throw error
                }
            }
            @discardableResult
            func say(_ line: String, expect: Int, _ step: String) async throws -> [String] {
                if !line.isEmpty { try await send(line + "\r\n") }
                let (code, text) = try await replies.next()
                guard code / 100 == expect / 100 else { throw Refused(description: "The mail server refused the \(step): \(code) \(text.joined(separator: " "))") }
                return text
            }
            let greeting = "EHLO \(ProcessInfo.processInfo.hostName.isEmpty ? "hallmark" : ProcessInfo.processInfo.hostName)"
            try await say("", expect: 220, "connection")
            var offered = try await say(greeting, expect: 250, "greeting")
            if server.security == .starttls, let tls {
                guard offered.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                    throw Refused(
                        description:
                            "The mail server \(server.host):\(server.port) does not offer STARTTLS, so the message was not sent unencrypted. Set HALLMARK_SMTP_SECURITY to tls if it takes TLS from the start, or to none only for a relay on the council’s own network"
                    )
                }
                try await say("STARTTLS", expect: 220, "request to encrypt")
                // Anything after the go-ahead came unencrypted, and would be read as the
                // encrypted server's answers: someone between the two may have put it there.
                guard replies.pending.isEmpty else {
                    throw Refused(
                        description:
                            "The mail server \(server.host):\(server.port) sent more before encrypting than it should, which someone on the way may have added: nothing was sent"
                    )
                }
                try await channel.channel.eventLoop.submit {
                    try channel.channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName(server.host)), position: .first)
                }.get()
                // RFC 3207: what the server offered before is forgotten; it is asked again, encrypted.
                offered = try await say(greeting, expect: 250, "greeting once encrypted")
            }
            if let login = server.login {
                try await logIn(login, offered: offered, say: say)
            }
            try await say("MAIL FROM:<\(server.from)>", expect: 250, "sender <\(server.from)>")
            try await say("RCPT TO:<\(recipient)>", expect: 250, "recipient <\(recipient)>")
            try await say("DATA", expect: 354, "message")
            // A line that begins with a dot gets another (RFC 5321 §4.5.2), so that it is not read as the end.
            let stuffed = message.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            try await send(stuffed.joined(separator: "\r\n"))
            try await say(".", expect: 250, "message")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    /// AUTH PLAIN where offered, else LOGIN (RFC 4954). The server's refusal is quoted, never
    /// what was sent.
    private static func logIn(
        _ login: MailServer.Login, offered: [String], say: (String, Int, String) async throws -> [String]
    ) async throws {
        let mechanisms = Set(offered.filter { $0.uppercased().hasPrefix("AUTH ") }.flatMap { $0.uppercased().split(separator: " ").dropFirst().map(String.init) })
        let base64 = { (text: String) in Data(text.utf8).base64EncodedString() }
        let step = "login as “\(login.user)”"
        if mechanisms.contains("PLAIN") {
            _ = try await say("AUTH PLAIN \(base64("\0\(login.user)\0\(login.password)"))", 235, step)
        } else if mechanisms.contains("LOGIN") {
            _ = try await say("AUTH LOGIN", 334, step)
            _ = try await say(base64(login.user), 334, step)
            _ = try await say(base64(login.password), 235, step)
        } else {
            throw Refused(
                description:
                    "The mail server offers no login Hallmark can use (it offers \(mechanisms.isEmpty ? "none" : mechanisms.sorted().joined(separator: ", ")); Hallmark uses PLAIN or LOGIN)"
            )
        }
    }

    /// The server's replies, each its code and text; a reply of several lines ("250-…") read whole.
    struct Replies {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

        mutating func line() async throws -> String {
            while true {
                if let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    return line
                }
                guard var buffer = try await iterator.next() else { throw Refused(description: "The mail server closed the connection") }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
                if pending.utf8.count > 64 * 1024 { throw Refused(description: "The mail server sent a reply too long to read") }
            }
        }

        /// The reply's code and its lines' text, which after EHLO name what the server offers.
        mutating func next() async throws -> (Int, [String]) {
            var text: [String] = []
            while true {
                let line = try await line()
                guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else { throw Refused(description: "The mail server sent “\(line.prefix(80))”, which is not SMTP") }
                text.append(String(line.dropFirst(4)))
                if line.dropFirst(3).first != "-" { return (code, text) }
            }
        }
    }
}
