import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird
import Plot

/// Events held with residents and "you said, we did": every member reads them; those who keep
/// the plan record them and choose what the public site shows.
package struct EngagementController {
    package let deps: EngagementService

    package init(deps: EngagementService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.engagement.path, use: page)
        router.post(Site.engagementEvents.path, use: addEvent)
        router.post(Site.youSaidWeDid.path, use: addItem)
        router.post(Site.youSaidWeDidPublish.path, use: publish)
        router.get(Site.engagementEvent.path, use: event)
        router.post(Site.engagementEvent.path, use: updateEvent)
        router.post(Site.removeEngagementEvent.path, use: removeEvent)
        router.get(Site.youSaidWeDidItem.path, use: item)
        router.post(Site.youSaidWeDidItem.path, use: updateItem)
        router.post(Site.removeYouSaidWeDid.path, use: removeItem)
    }

    private func page(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, failed: (form: String, model: FormModel)?) async throws -> HTMLResponse {
        HTMLResponse(
            EngagementView.render(
                p, events: try await deps.engagement.events(of: p.id), items: try await deps.engagement.items(of: p.id), actions: try await deps.plans.actions(of: p.id),
                priorities: try await deps.plans.priorities(of: p.id), canManage: visitor.user.role.may(.managePlan), failed: failed,
                layout: context.layout("Engagement", Layout.crumbs(to: p))),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    package func page(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readPlan)
        return try await page(context, p, visitor, failed: nil)
    }

    /// Runs a change and returns to the page, or shows the page again with what was wrong in the named form.
    private func change(
        _ request: Request, _ context: HallmarkContext, form: String, notice: Notice = .changesSaved, _ work: (Partnership, Visitor) async throws -> Void
    ) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        do {
            try await work(p, visitor)
            return redirect(to: Site.engagement(p.id), notice: notice)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, failed: (form, FormModel(input: context.form, failure: failure))).response(from: request, context: context)
        }
    }

    package func addEvent(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "event", notice: .eventRecorded) { p, visitor in
            _ = try await deps.engagement.addEvent(try EngagementForms.event(context.form, today: .today()), to: p.id, by: visitor.author)
        }
    }

    package func addItem(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "item", notice: .answerAdded) { p, visitor in
            let f = try EngagementForms.item(
                context.form, events: Set(try await deps.engagement.events(of: p.id).map(\.id.rawValue)), actions: Set(try await deps.plans.actions(of: p.id).map(\.id.rawValue)))
            _ = try await deps.engagement.addItem(f, to: p.id, by: visitor.author)
        }
    }

    package func publish(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, form: "publish") { p, visitor in
            var v = Validator(context.form)
            let id: RecordID<YouSaidWeDid>? = v.id("item", label: "item")
            let choice = v.choice("published", label: "whether the public site shows it", as: Shown.self)
            try v.check()
            try await deps.engagement.publish(id!, choice == .yes, in: p.id, by: visitor.author)
        }
    }

    enum Shown: String, CaseIterable { case yes, no }

    /// The page's event, for those who keep the plan; not found if it is another partnership's.
    private func event(_ context: HallmarkContext) async throws -> (Partnership, Visitor, EngagementEvent) {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        guard let e = try await deps.engagement.event(try context.id("event"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, e)
    }

    private func eventPage(_ context: HallmarkContext, _ p: Partnership, _ e: EngagementEvent, form: FormModel) async throws -> HTMLResponse {
        let raised = try await deps.engagement.answers(namingEvent: e.id)
        return HTMLResponse(
            EngagementView.event(p, e, raised: raised, form: form, layout: context.layout("Change the event", EngagementView.crumbs(p))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func event(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _, e) = try await event(context)
        return try await eventPage(context, p, e, form: FormModel(input: EngagementView.input(e)))
    }

    package func updateEvent(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, e) = try await event(context)
        do {
            try await deps.engagement.updateEvent(e.id, in: p.id, to: try EngagementForms.event(context.form, today: .today()), by: visitor.author)
            return redirect(to: Site.engagement(p.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await eventPage(context, p, e, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    /// Removes an event recorded by mistake, named by the form's `event`.
    package func removeEvent(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        var v = Validator(context.form)
        let id: RecordID<EngagementEvent>? = v.id("event", label: "event")
        do {
            try v.check()
            // One an answer names is refused below, without asking first.
            if let e = try await deps.engagement.event(id!, in: p.id), try await deps.engagement.answers(namingEvent: e.id) == 0,
                let ask = try Confirmation(
                    question: "Remove the event “\(EngagementView.eventName(e))”?",
                    consequence: "It is taken off the engagement page. The audit log keeps what it said.", button: "Yes, remove the event",
                    back: Site.engagementEvent(p.id, e.id)
                ).ask(request, context, caption: "\(p.name), engagement", crumbs: EngagementView.crumbs(p))
            {
                return ask
            }
            try await deps.engagement.removeEvent(id!, in: p.id, by: visitor.author)
            return redirect(to: Site.engagement(p.id), notice: .eventRemoved)
        } catch let failure as ValidationFailure {
            // Back to the event's own page, which says why it stays; the list if there is none.
            if let id, let e = try await deps.engagement.event(id, in: p.id) {
                return try await eventPage(context, p, e, form: FormModel(input: EngagementView.input(e), failure: failure)).response(from: request, context: context)
            }
            return try await page(context, p, visitor, failed: ("event", FormModel(failure: failure))).response(from: request, context: context)
        }
    }

    private func item(_ context: HallmarkContext) async throws -> (Partnership, Visitor, YouSaidWeDid) {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        guard let i = try await deps.engagement.item(try context.id("item"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, i)
    }

    private func itemPage(_ context: HallmarkContext, _ p: Partnership, _ i: YouSaidWeDid, form: FormModel) async throws -> HTMLResponse {
        HTMLResponse(
            EngagementView.item(
                p, i, events: try await deps.engagement.events(of: p.id), actions: try await deps.plans.actions(of: p.id),
                priorities: try await deps.plans.priorities(of: p.id), form: form,
                layout: context.layout("Change “you said, we did”", EngagementView.crumbs(p))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func item(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _, i) = try await item(context)
        return try await itemPage(context, p, i, form: FormModel(input: EngagementView.input(i)))
    }

    package func updateItem(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, i) = try await item(context)
        do {
            let f = try EngagementForms.item(
                context.form, events: Set(try await deps.engagement.events(of: p.id).map(\.id.rawValue)), actions: Set(try await deps.plans.actions(of: p.id).map(\.id.rawValue)))
            try await deps.engagement.updateItem(i.id, in: p.id, to: f, by: visitor.author)
            return redirect(to: Site.engagement(p.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await itemPage(context, p, i, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    /// Removes a "you said, we did" answer, named by the form's `item`.
    package func removeItem(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        do {
            var v = Validator(context.form)
            let id: RecordID<YouSaidWeDid>? = v.id("item", label: "answer to remove")
            try v.check()
            if let i = try await deps.engagement.item(id!, in: p.id),
                let ask = try Confirmation(
                    question: "Remove the answer to “\(i.said)”?",
                    consequence: "It is taken off the engagement page\(i.published ? " and the public site" : ""). The audit log keeps what it said.",
                    button: "Yes, remove the answer", back: Site.youSaidWeDidItem(p.id, i.id)
                ).ask(request, context, caption: "\(p.name), engagement", crumbs: EngagementView.crumbs(p))
            {
                return ask
            }
            try await deps.engagement.removeItem(id!, in: p.id, by: visitor.author)
            return redirect(to: Site.engagement(p.id), notice: .answerRemoved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, failed: ("item", FormModel(failure: failure))).response(from: request, context: context)
        }
    }
}

/// "You said, we did" on the public site: only the items the partnership published.
package struct PublicEngagementController {
    package let deps: EngagementService

    package init(deps: EngagementService) { self.deps = deps }

    package func register(on router: RouterGroup<HallmarkContext>) {
        router.get(Site.publicYouSaidWeDid.path) { _, context in
            guard let p = try await deps.register.partnerships.find(try context.id("id")), p.kind != .subGroup else { throw AccessRefused.notFound }
            let items = try await deps.engagement.items(of: p.id).filter(\.published)
            return HTMLResponse(EngagementView.publicItems(p, items, events: try await deps.engagement.events(of: p.id)))
        }
    }
}

extension PublicEngagementController {
    /// Engagement's part of a partnership's public home: the consultations open now and the
    /// latest "you said, we did" answers it published.
    package static func home(_ deps: EngagementService) -> PublicHomeSection {
        PublicHomeSection { p, today in
            let open = try await deps.consultations.consultations(of: p.id).filter { $0.open(on: today) }
            let answered = try await deps.engagement.items(of: p.id).filter(\.published)
            return .group(
                .section(
                    .attribute(named: "aria-labelledby", value: "have-your-say"),
                    .h2(.id("have-your-say"), "Have your say"),
                    open.isEmpty
                        ? .p("No consultation is open just now.")
                        : .ul(
                            .forEach(open) { c in
                                .li(.a(.href(Site.publicConsultation(p.id, c.id)), .plainText(c.title)), .plainText(", open until \(c.closesOn.long)"))
                            }),
                    .p(.a(.href(Site.publicConsultations(p.id)), "Every consultation, open and closed"))),
                .section(
                    .attribute(named: "aria-labelledby", value: "you-said"),
                    .h2(.id("you-said"), "You said, we did"),
                    answered.isEmpty
                        ? .p("Nothing published yet.")
                        : .dl(.forEach(answered.prefix(3)) { item in .group(.dt(.plainText("You said: \(item.said)")), .dd(.plainText("We did: \(item.did)"))) }),
                    .p(.a(.href(Site.publicYouSaidWeDid(p.id)), "Everything residents raised and what was done"))))
        }
    }
}
