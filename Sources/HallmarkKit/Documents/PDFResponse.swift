import Foundation
import Hummingbird

extension PDFPrinter {
    /// A document printed to PDF as a download; 503 when the server has no Chromium (saying to
    /// print the `what` from the browser instead), or when too much is being printed just now.
    package static func response(_ printer: PDFPrinter?, html: String, name: String, what: String = "document") async throws -> Response {
        guard let printer else {
            throw HTTPError(.serviceUnavailable, message: "This server cannot make PDFs (it has no Chromium). Open the \(what) and print it from your browser instead")
        }
        let pdf: Data
        do {
            pdf = try await printer.pdf(html: html)
        } catch let busy as PDFPrinter.Busy {
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "60"], message: busy.description)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
    }
}
