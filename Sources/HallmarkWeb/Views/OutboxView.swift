import Foundation
import HallmarkKit
import HallmarkStore
import Plot

/// The outbox: every message the server composed, latest first, with what became of it.
enum OutboxView {
    static func status(_ m: OutboxMessage) -> String {
        m.sentAt.map { "Sent \(Format.timestamp(Date(timeIntervalSince1970: Double($0))))" } ?? (m.outcome.isEmpty ? "Waiting to be sent" : m.outcome)
    }

    static func render(
        _ messages: [OutboxMessage], counts: (sent: Int, unsent: Int), server: MailServer?, digestOn: Bool, underWay: Bool, layout: Layout
    ) -> String {
        layout.render(
            .h1("E-mail"),
            .p(
                .plainText(
                    server.map { "Mail goes through \($0.host), port \($0.port), from \($0.from), \($0.manner)." }
                        ?? "No mail server is configured (HALLMARK_SMTP_HOST), so messages are kept here and written to the server’s log, unsent. Set one and send them again."
                )),
            .p(
                .plainText(
                    (digestOn
                        ? "Each Monday from 7 am, everyone who owns an action overdue or due in the next fortnight is sent a digest of them."
                        : "The weekly digest is switched off (HALLMARK_WEEKLY_DIGEST).") + " \(counts.sent) sent, \(counts.unsent) not sent.")),
            .if(underWay, .p(.class("notice"), "Sending is under way: reload the page in a moment.")),
            .form(
                .method(.post), .action(Site.outboxSend()), .class("toolbar"),
                Forms.csrf(layout.csrfToken),
                .button(.type(.submit), .name("send"), .value("unsent"), .class("button"), "Send the unsent messages again"),
                .button(.type(.submit), .name("send"), .value("digest"), .class("button secondary"), "Compose and send this week’s digest now")),
            DataTable(
                caption: "The latest messages, newest first", headers: ["Composed", "To", "Subject", "Attempts", "What became of it"],
                rows: messages.map { m in
                    [
                        .plainText(Format.timestamp(Date(timeIntervalSince1970: Double(m.createdAt)))), .plainText("\(m.toName) <\(m.toAddress)>"),
                        .a(.href(Site.outboxMessage(m.id)), .plainText(m.subject)), .plainText("\(m.attempts)"), .plainText(status(m)),
                    ]
                }, empty: "No e-mail composed yet."
            ).node)
    }

    static func message(_ m: OutboxMessage, layout: Layout) -> String {
        layout.render(
            .span(.class("caption"), "E-mail"),
            .h1(.plainText(m.subject)),
            SummaryList(items: [
                ("To", .plainText("\(m.toName) <\(m.toAddress)>")), ("Composed", .plainText(Format.timestamp(Date(timeIntervalSince1970: Double(m.createdAt))))),
                ("What became of it", .plainText(status(m))), ("Attempts", .plainText("\(m.attempts)")),
            ]).node,
            .h2("Message"),
            .pre(.class("message"), .plainText(m.body)),
            .p(.a(.href(Site.outbox()), "Back to the e-mail")))
    }
}
