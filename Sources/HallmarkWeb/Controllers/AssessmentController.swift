import Foundation
import HallmarkAnalytics
import HallmarkDomain
import Hummingbird

/// A partnership's draft strategic assessment: the printable document and every figure as JSON.
struct AssessmentController {
    let deps: Dependencies

    func register(on router: Router<HallmarkContext>) {
        router.get("/partnerships/:id/assessment", use: document)
        router.get("/partnerships/:id/assessment.json", use: figures)
        router.get("/api/v1/partnerships/:id/assessment", use: figures)
    }

    /// The assessment for the 12 months ending `to` (YYYY-MM), by default the latest month held.
    func assessment(_ request: Request, _ context: HallmarkContext) async throws -> StrategicAssessment {
        let (p, _) = try await PartnershipController.partnership(deps, context, .readCrimeData)
        let raw = request.uri.queryParameters.get("to")
        let last: Int
        if let raw, !raw.isEmpty {
            guard raw.count == 7, let month = MonthNumber.parse(raw) else {
                throw ValidationFailure(field: "to", message: "Enter the last month as year and month, like 2022-03")
            }
            last = month
        } else {
            guard let latest = try await deps.crime.latestMonth() else {
                throw ValidationFailure(field: "to", message: "No crime is stored yet: an analyst imports police.uk files first")
            }
            last = latest
        }
        return try await StrategicAssessment.build(p, to: last, deps: deps)
    }

    func document(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        HTMLResponse(try await assessment(request, context).html)
    }

    func figures(_ request: Request, context: HallmarkContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try await assessment(request, context).json())))
    }
}
