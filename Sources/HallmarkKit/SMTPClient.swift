import Foundation
import NIOCore
import NIOPosix

/// The mail server the reminders go through: a council's relay on its own network, spoken to in
/// plain SMTP (RFC 5321), without TLS or a login, as such relays accept mail from known hosts.
package struct MailServer: Sendable, Equatable {
    package var host: String
    package var port: Int
    /// The address mail comes from.
    package var from: String

    package init(host: String, port: Int, from: String) {
        self.host = host
        self.port = port
        self.from = from
    }
}

/// Sends one message by SMTP: connect, EHLO, MAIL, RCPT, DATA, QUIT, each reply read and
/// checked, the whole within a time limit.
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
        } catch {
            throw Refused(description: "The mail server \(server.host):\(server.port) could not be reached: \(error)")
        }
    }

    private static func converse(_ server: MailServer, recipient: String, message: String) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: server.host, port: server.port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = Replies(inbound.makeAsyncIterator())
            func say(_ line: String, expect: Int, _ step: String) async throws {
                if !line.isEmpty { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                let (code, text) = try await replies.next()
                guard code / 100 == expect / 100 else { throw Refused(description: "The mail server refused the \(step): \(code) \(text)") }
            }
            try await say("", expect: 220, "connection")
            try await say("EHLO \(ProcessInfo.processInfo.hostName.isEmpty ? "hallmark" : ProcessInfo.processInfo.hostName)", expect: 250, "greeting")
            try await say("MAIL FROM:<\(server.from)>", expect: 250, "sender <\(server.from)>")
            try await say("RCPT TO:<\(recipient)>", expect: 250, "recipient <\(recipient)>")
            try await say("DATA", expect: 354, "message")
            // A line that begins with a dot gets another (RFC 5321 §4.5.2), so that it is not read as the end.
            let stuffed = message.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix(".") ? "." + $0 : String($0) }
            try await outbound.write(ByteBuffer(string: stuffed.joined(separator: "\r\n")))
            try await say(".", expect: 250, "message")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
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

        mutating func next() async throws -> (Int, String) {
            var text: [String] = []
            while true {
                let line = try await line()
                guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else { throw Refused(description: "The mail server sent “\(line.prefix(80))”, which is not SMTP") }
                text.append(String(line.dropFirst(4)))
                if line.dropFirst(3).first != "-" { return (code, text.joined(separator: " ")) }
            }
        }
    }
}
