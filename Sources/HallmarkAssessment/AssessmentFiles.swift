import Foundation
import HallmarkKit

/// A draft written out as files, as `hallmark assess` writes it: the document, every figure as
/// JSON, each table as CSV beside it (the document's downloads link to them), and on request
/// the document printed to A4.
package enum AssessmentFiles {
    /// - Returns: the files written, relative to `folder`.
    @discardableResult
    package static func write(_ assessment: StrategicAssessment, to folder: URL, printer: PDFPrinter? = nil) async throws -> [String] {
        let tables = folder.appendingPathComponent("tables", isDirectory: true)
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        try assessment.json().write(to: folder.appendingPathComponent("assessment.json"))
        let html = assessment.html { "tables/\($0).csv" }
        try Data(html.utf8).write(to: folder.appendingPathComponent("assessment.html"))
        var written = ["assessment.html", "assessment.json"]
        if let printer {
            try await printer.pdf(html: html).write(to: folder.appendingPathComponent("assessment.pdf"))
            written.append("assessment.pdf")
        }
        for file in assessment.tableFiles {
            try Data(file.csv.utf8).write(to: tables.appendingPathComponent(file.name))
            written.append("tables/\(file.name)")
        }
        return written
    }
}
