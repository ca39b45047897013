import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird
import Plot

/// The plan on the public site: only the priorities the partnership chose to publish, each in
/// the plain words it wrote for the public. Nothing else of the plan is shown.
package struct PublicPlanController {
    package let deps: PlanService

    package init(deps: PlanService) { self.deps = deps }

    package func register(on router: RouterGroup<HallmarkContext>) {
        router.get(Site.publicPlan.path, use: plan)
    }

    package func plan(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let id: RecordID<Partnership> = try context.id("id")
        guard let p = try await deps.register.partnerships.find(id), p.kind != .subGroup else { throw AccessRefused.notFound }
        let published = try await deps.plans.priorities(of: p.id).filter { !$0.publicSummary.isEmpty && !$0.withdrawn }
        return HTMLResponse(
            PublicLayout(title: "\(p.name): priorities", breadcrumbs: [("Partnerships", Site.publicPartnerships()), (p.name, Site.publicPartnership(p.id))]).render(
                .h1(.text("What \(p.name) is working on")),
                published.isEmpty
                    ? .p("The partnership has not published its priorities here yet.")
                    : .group(.forEach(published) { priority in .section(.h2(.text(priority.title)), .p(.text(priority.publicSummary))) })))
    }
}
