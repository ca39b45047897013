import Foundation
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkKit
import HallmarkRegister
import NIOCore

/// The OpenAPI 3.1 description of /api/v1, kept as a hand-written file beside the routes
/// and checked against them by a test, so the two cannot drift apart unnoticed.
enum OpenAPIDocument {
    static let bytes: ByteBuffer = {
        let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Assets")!
        return ByteBuffer(data: (try? Data(contentsOf: url)) ?? Data())
    }()
}
