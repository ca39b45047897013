import Foundation
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkPlan
import HallmarkRegister
import HallmarkStore
import Hummingbird
import SQLKit

/// The start page, the stylesheet, and what operators and load balancers ask for.
struct OperationsController {
    let deps: Dependencies

    /// A static asset with its entity tag: a 304 when the browser already holds these bytes.
    /// An asset asked for at its current versioned address may be kept for a year unchanged;
    /// at its plain address (or an old version's), for an hour, then revalidated by its tag.
    static func asset(_ bytes: ByteBuffer, tag: String, type: String, request: Request) -> Response {
        let current = request.uri.queryParameters.get("v").map { String($0) } == SiteAssets.version(tag)
        var headers: HTTPFields = [.cacheControl: current ? "public, max-age=31536000, immutable" : "public, max-age=3600", .eTag: tag]
        if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }

    func register(on router: Router<HallmarkContext>) {
        router.get(Site.home.path) { _, context in
            // A signed-in owner sees first what is late and what is due in the next fortnight.
            let today = CalendarDate.today()
            var owned: [(action: PlanAction, partnershipID: RecordID<Partnership>, priority: String)] = []
            if let visitor = context.visitor { owned = try await deps.plan.plans.open(ownedBy: visitor.user.id) }
            let due = owned.filter { $0.action.dueOn <= today.adding(days: HomeView.dueSoonDays) }
            return HTMLResponse(HomeView.render(actions: due, today: today, layout: context.layout("Home")))
        }
        router.get(Site.stylesheet.path) { request, _ in
            Self.asset(SiteAssets.stylesheet, tag: SiteAssets.stylesheetTag, type: "text/css; charset=utf-8", request: request)
        }
        router.get(Site.progressScript.path) { request, _ in
            Self.asset(SiteAssets.progressScript, tag: SiteAssets.progressScriptTag, type: "text/javascript; charset=utf-8", request: request)
        }
        router.get(Site.healthz.path) { _, _ in
            // Healthy means the database answers, not merely that the process is up.
            _ = try await deps.store.withConnection { db in try await db.raw("SELECT 1 AS one").first() }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        // For an administrator, or a Prometheus scraper holding an administrator's API token.
        router.get(Site.metrics.path) { _, context in
            try context.require(.readServerMetrics)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: deps.metrics.exposition())))
        }
    }
}
