import Foundation
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird
import SQLKit

/// The start page, the stylesheet, and what operators and load balancers ask for.
struct OperationsController {
    let deps: Dependencies

    func register(on router: Router<HallmarkContext>) {
        router.get(Site.home.path) { _, context in HTMLResponse(HomeView.render(layout: context.layout("Home"))) }
        router.get(Site.stylesheet.path) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: SiteAssets.stylesheet))
        }
        router.get(Site.progressScript.path) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: SiteAssets.progressScript))
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
