import HallmarkStore
import Hummingbird

struct AuditController {
    let deps: Dependencies
    static let pageSize = 100

    func register(on router: Router<HallmarkContext>) {
        router.get("/audit") { request, context in
            try context.require(.readAuditLog)
            let page = max(1, request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1)
            let entries = try await AuditLog.entries(in: deps.store, limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize)
            return HTMLResponse(AuditView.render(Array(entries.prefix(Self.pageSize)), page: page, hasMore: entries.count > Self.pageSize,
                                                 layout: context.layout("Audit log")))
        }
    }
}
