import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkPlan
import HallmarkStore
import Hummingbird

/// The e-mail the server composed, for an administrator: what was sent, what waits and why, and
/// each message in full. Sending again and starting the week's digest are jobs, run by any server.
struct OutboxController {
    let deps: Dependencies
    static let deliveryKind = "outbox-delivery"

    func register(on router: Router<HallmarkContext>) {
        router.get(Site.outbox.path, use: outbox)
        router.get(Site.outboxMessage.path, use: message)
        router.post(Site.outboxSend.path, use: send)
    }

    func outbox(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try context.require(.manageOutbox)
        let jobs = JobQueue(store: deps.store)
        let delivering = try await jobs.unfinished(kind: Self.deliveryKind), composing = try await jobs.unfinished(kind: ActionDigest.kind)
        let underWay = !delivering.isEmpty || !composing.isEmpty
        return HTMLResponse(
            OutboxView.render(
                try await deps.outbox.recent(), counts: try await deps.outbox.counts(), server: deps.settings.mailServer, digestOn: deps.settings.weeklyDigest,
                underWay: underWay, layout: context.layout("E-mail")))
    }

    func message(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        try context.require(.manageOutbox)
        guard let m = try await deps.outbox.find(try context.id("message")) else { throw AccessRefused.notFound }
        return HTMLResponse(OutboxView.message(m, layout: context.layout(m.subject, [("E-mail", Site.outbox())])))
    }

    /// What an administrator may ask to be sent now: the unsent messages again, or this
    /// week's digest (composed afresh), each as a job.
    enum Sending: String, CaseIterable {
        case unsent, digest

        var job: String { self == .unsent ? OutboxController.deliveryKind : ActionDigest.kind }
        var notice: Notice { self == .unsent ? .deliveryStarted : .digestStarted }
    }

    func send(_ request: Request, context: HallmarkContext) async throws -> Response {
        try context.require(.manageOutbox)
        guard let sending = context.form["send"].flatMap(Sending.init(rawValue:)) else {
            throw HTTPError(.badRequest, message: "Choose what to send: the unsent messages, or this week’s digest")
        }
        // Without a mail server there is nothing to try again; a digest is still composed, to wait here.
        if deps.settings.mailServer == nil && sending == .unsent { return redirect(to: Site.outbox(), notice: .noMailServer) }
        _ = try await JobQueue(store: deps.store).enqueue(kind: sending.job, arguments: "{}", by: context.visitor?.user.id)
        return redirect(to: Site.outbox(), notice: deps.settings.mailServer == nil ? .digestKept : sending.notice)
    }
}
