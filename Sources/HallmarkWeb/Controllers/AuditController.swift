import HallmarkAssessment
import HallmarkCrimeData
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

struct AuditController {
    let deps: Dependencies
    static let pageSize = 100

    func register(on router: Router<HallmarkContext>) {
        router.get(Site.audit.path) { request, context in
            try context.require(.readAuditLog)
            let page = try Self.page(request.uri.queryParameters.get("page"))
            let entries = try await AuditLog.entries(in: deps.store, limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize)
            return HTMLResponse(
                AuditView.render(
                    Array(entries.prefix(Self.pageSize)), page: page, hasMore: entries.count > Self.pageSize,
                    layout: context.layout("Audit log")))
        }
    }

    /// The page asked for. A number past any log's length is refused in words rather than
    /// multiplied into an offset that overflows.
    static let pages = 1...1_000_000

    static func page(_ raw: String?) throws -> Int {
        guard let raw else { return 1 }
        guard let page = Int(raw), pages.contains(page) else {
            throw HTTPError(.badRequest, message: "The page must be a whole number from 1 to 1,000,000")
        }
        return page
    }
}
