import Foundation
import HallmarkStore
import Logging

/// Sends what waits in the outbox. With no mail server configured each message is written to
/// the log once and kept, marked as not sent, for the outbox page: never dropped. A message a
/// server refuses keeps the reason, for the next delivery to try again.
package struct MailDelivery: Sendable {
    package let outbox: Outbox
    package let server: MailServer?
    package let logger: Logger

    package init(outbox: Outbox, server: MailServer?, logger: Logger) {
        self.outbox = outbox
        self.server = server
        self.logger = logger
    }

    package static let noServer = "Not sent: no mail server is configured (HALLMARK_SMTP_HOST); kept here and written to the server’s log"

    /// Sends one message to `address` at once, outside the outbox, so that whoever sets up the
    /// mail server sees it work (or why not) before the first reminder waits on it; returns how
    /// it went, for `hallmark mail test`.
    package static func test(_ server: MailServer, to address: String, date: Date = Date()) async throws -> String {
        let body = """
            This message comes from Hallmark, sent by `hallmark mail test` to check its mail settings.

            It went through \(server.host), port \(server.port), \(server.manner).
            Nothing needs doing: reminders and digests will go the same way.
            """
        let text = SMTPClient.message(
            from: server.from, to: address, toName: address, subject: "Hallmark: a test of the mail settings", body: body, date: date,
            id: "test-\(UUID().uuidString)")
        try await SMTPClient(server: server).send(to: address, message: text)
        return "Sent to \(address) through \(server.host), port \(server.port), \(server.manner)."
    }

    /// Tries every unsent message once; returns how many were sent and how many were not.
    @discardableResult
    package func deliver() async throws -> (sent: Int, unsent: Int) {
        var sent = 0, unsent = 0
        for m in try await outbox.unsent() {
            guard let server else {
                if m.attempts == 0 {
                    logger.notice("E-mail not sent, as no mail server is configured. To: \(m.toName) <\(m.toAddress)>. Subject: \(m.subject)\n\(m.body)")
                    try await outbox.attempted(m.id, sent: false, outcome: Self.noServer)
                }
                unsent += 1
                continue
            }
            do {
                let text = SMTPClient.message(from: server.from, to: m.toAddress, toName: m.toName, subject: m.subject, body: m.body, id: "outbox-\(m.id)-\(m.createdAt)")
                try await SMTPClient(server: server).send(to: m.toAddress, message: text)
                try await outbox.attempted(m.id, sent: true, outcome: "Accepted by \(server.host):\(server.port)")
                sent += 1
            } catch let refused as SMTPClient.Refused {
                logger.warning("E-mail \(m.id) to \(m.toAddress) not sent: \(refused.description)")
                try await outbox.attempted(m.id, sent: false, outcome: "Not sent: \(refused.description)")
                unsent += 1
            }
        }
        return (sent, unsent)
    }
}
