import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird
import Plot

/// The plan on the public site: only the priorities the partnership chose to publish, each in
/// the plain words it wrote for the public, and how its actions are going in plain words.
/// Nothing else of the plan is shown.
package struct PublicPlanController {
    package let deps: PlanService

    package init(deps: PlanService) { self.deps = deps }

    package func register(on router: RouterGroup<HallmarkContext>) {
        router.get(Site.publicPlan.path, use: plan)
    }

    package func plan(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let id: RecordID<Partnership> = try context.id("id")
        guard let p = try await deps.register.partnerships.find(id), p.kind != .subGroup else { throw AccessRefused.notFound }
        let published = try await Self.published(p.id, deps)
        let actions = Dictionary(grouping: try await deps.plans.actions(of: p.id), by: \.priorityID)
        return HTMLResponse(
            PublicLayout(title: "\(p.name): priorities", breadcrumbs: [("Partnerships", Site.publicPartnerships()), (p.name, Site.publicPartnership(p.id))]).render(
                .h1(.plainText("What \(p.name) is working on")),
                published.isEmpty
                    ? .p("The partnership has not published its priorities here yet.")
                    : .group(
                        .forEach(published) { priority in
                            .section(.h2(.plainText(priority.title)), Paragraphs.node(priority.publicSummary), .p(.plainText(Self.progress(actions[priority.id] ?? []))))
                        })))
    }
}

extension PublicPlanController {
    /// What the public site shows of a plan: the priorities given words for the public and not withdrawn.
    static func published(_ id: RecordID<Partnership>, _ deps: PlanService) async throws -> [PlanPriority] {
        try await deps.plans.priorities(of: id).filter { !$0.publicSummary.isEmpty && !$0.withdrawn }
    }

    /// Progress in plain words, from the latest status of each action under a priority (those
    /// withdrawn left out): "Of its 4 actions, 1 is done, 2 are on track and 1 is at risk."
    package static func progress(_ actions: [PlanAction]) -> String {
        let counted = actions.filter { $0.status != .withdrawn }
        guard !counted.isEmpty else { return "Its actions are still being agreed." }
        let words: [(ActionProgressStatus, String, String)] = [
            (.done, "is done", "are done"), (.onTrack, "is on track", "are on track"), (.atRisk, "is at risk", "are at risk"),
            (.notStarted, "has not started", "have not started"),
        ]
        let parts = words.compactMap { status, one, many -> String? in
            let n = counted.filter { $0.status == status }.count
            return n == 0 ? nil : "\(n) \(n == 1 ? one : many)"
        }
        let list = Wording.list(parts)
        return counted.count == 1 ? "It has one action, which \(list.dropFirst(2))." : "Of its \(counted.count) actions, \(list)."
    }

    /// The plan's part of a partnership's public home: its published priorities with their
    /// progress, and the themes its approved strategic assessment ranked highest. A county
    /// strategy group's shows each partnership beneath it with the priorities it published.
    package static func home(_ deps: PlanService) -> PublicHomeSection {
        PublicHomeSection { p, _ in
            let published = try await Self.published(p.id, deps)
            let actions = Dictionary(grouping: try await deps.plans.actions(of: p.id), by: \.priorityID)
            var beneath: [(Partnership, [PlanPriority])] = []
            if p.kind == .countyStrategyGroup {
                for child in try await deps.register.partnerships.children(of: p.id) where child.kind == .communitySafetyPartnership && child.endedOn == nil {
                    beneath.append((child, try await Self.published(child.id, deps)))
                }
            }
            let assessment = try await deps.approvedAssessment(of: p.id)
            return .group(
                .section(
                    .attribute(named: "aria-labelledby", value: "priorities"),
                    .h2(.id("priorities"), .plainText("What \(p.name) is working on")),
                    published.isEmpty && beneath.isEmpty
                        ? .p("The partnership has not published its priorities here yet.")
                        : .group(
                            .forEach(published) { priority in
                                .group(.h3(.plainText(priority.title)), Paragraphs.node(priority.publicSummary), .p(.plainText(progress(actions[priority.id] ?? []))))
                            },
                            .if(!published.isEmpty, .p(.a(.href(Site.publicPlan(p.id)), .plainText("The priorities of \(p.name) in full"))))),
                    .if(
                        !beneath.isEmpty,
                        DataTable(
                            caption: "What the partnerships in the county are working on", headers: ["Partnership", "Its published priorities"],
                            rows: beneath.map { child, priorities in
                                [
                                    .a(.href(Site.publicPartnership(child.id)), .plainText(child.name)),
                                    .plainText(priorities.isEmpty ? "None published yet" : priorities.map(\.title).joined(separator: "; ")),
                                ]
                            }
                        ).node)),
                .section(
                    .attribute(named: "aria-labelledby", value: "evidence"),
                    .h2(.id("evidence"), "What the evidence says"),
                    assessment.map { found in
                        let approved = CalendarDate.today(now: Date(timeIntervalSince1970: Double(found.version.approvedAt ?? found.version.createdAt)))
                        return .group(
                            .p(
                                .plainText(
                                    "Each year the partnership studies the crime and anti-social behaviour recorded in its area to choose what to work on. "
                                        + "Its strategic assessment, approved on \(approved.long)"
                                        + (found.version.approvedAtMeeting.map { " at \($0)" } ?? "")
                                        + ", ranked these highest, from police.uk’s open data and the partners’ own evidence:")),
                            .ol(.forEach(found.themes.prefix(5)) { .li(.plainText($0.name)) }))
                    } ?? .p("No strategic assessment has been approved yet.")))
        }
    }
}
