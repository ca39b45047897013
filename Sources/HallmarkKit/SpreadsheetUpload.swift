import Foundation
import HallmarkDomain
import Hummingbird

/// A spreadsheet refused for what is in it (a cell that is not an amount, a missing column):
/// said to the person beside the form's file field, and nothing kept.
package protocol SpreadsheetRefusal: Error, CustomStringConvertible {}

extension MultipartUpload.Refused: SpreadsheetRefusal {}

/// A spreadsheet's CSV sent as a form's one file (a budget, an indicator's quarters): read
/// whole, as UTF-8 or as the Windows encoding Excel saves in, and handed on as text.
package enum SpreadsheetUpload {
    /// - Parameters:
    ///   - notAForm: what to say to a request that is not the page's multipart form.
    ///   - use: reads and stores the text, all or nothing; throws a `SpreadsheetRefusal` or a
    ///     `ValidationFailure` for what is wrong with it.
    /// - Returns: nothing once stored, or the problem to show beside the file field.
    package static func receive(
        _ request: Request, _ context: HallmarkContext, tooLarge: String, notAForm: String, _ use: (_ name: String, _ text: String) async throws -> Void
    ) async throws -> ValidationFailure? {
        guard let upload = MultipartUpload(contentType: request.headers[.contentType] ?? "", limit: 1_000_000, tooLarge: tooLarge) else {
            throw HTTPError(.badRequest, message: notAForm)
        }
        do {
            let received = try await upload.receiveFiles(request.body, csrfToken: context.session?.csrfToken)
            guard let file = received.files.first else { throw MultipartUpload.Refused(description: "Choose the CSV file to import") }
            guard let text = String(data: file.bytes, encoding: .utf8) ?? String(data: file.bytes, encoding: .windowsCP1252) else {
                throw MultipartUpload.Refused(description: "The file is not text: save the spreadsheet as CSV and import that")
            }
            try await use(file.name, text)
            return nil
        } catch let refused as any SpreadsheetRefusal {
            return ValidationFailure(field: "file", message: refused.description)
        } catch let failure as ValidationFailure {
            return ValidationFailure(field: "file", message: failure.errors.map(\.message).joined(separator: ". "))
        }
    }
}
