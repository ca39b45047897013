import Foundation
import HallmarkStore
import Hummingbird
import SQLKit

/// The start page, the stylesheet, and what operators and load balancers ask for.
struct OperationsController {
    let deps: Dependencies
    static let stylesheet = asset("site", "css")
    static let progressScript = asset("progress", "js")
    /// For documents that must stand alone, such as an assessment written to a file.
    static let stylesheetText = String(buffer: stylesheet)

    static func asset(_ name: String, _ type: String) -> ByteBuffer {
        let url = Bundle.module.url(forResource: name, withExtension: type, subdirectory: "Assets")!
        return ByteBuffer(data: (try? Data(contentsOf: url)) ?? Data())
    }

    func register(on router: Router<HallmarkContext>) {
        router.get("/") { _, context in HTMLResponse(HomeView.render(layout: context.layout("Home"))) }
        router.get("/assets/site.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: Self.stylesheet))
        }
        router.get("/assets/progress.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: Self.progressScript))
        }
        router.get("/healthz") { _, _ in
            // Healthy means the database answers, not merely that the process is up.
            _ = try await deps.store.withConnection { db in try await db.raw("SELECT 1 AS one").first() }
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        // For an administrator, or a Prometheus scraper holding an administrator's API token.
        router.get("/metrics") { _, context in
            try context.require(.readServerMetrics)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: deps.metrics.exposition())))
        }
    }
}
