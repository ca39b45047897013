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
