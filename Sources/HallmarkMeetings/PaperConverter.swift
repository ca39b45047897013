import Foundation
import HallmarkKit

/// Converts a Word document (or, where the server has LibreOffice Calc, an Excel workbook) to
/// PDF with LibreOffice, headless, each conversion with a profile of its own so that several can
/// run at once.
package struct PaperConverter: Sendable {
    package let soffice: ExternalProgram

    package init(soffice: ExternalProgram) { self.soffice = soffice }

    package static func find() -> PaperConverter? {
        ExternalProgram.find(["soffice", "libreoffice"], variable: "HALLMARK_SOFFICE").map(PaperConverter.init)
    }

    package struct Failed: Error, CustomStringConvertible {
        package let description: String
    }

    /// The paper as PDF. LibreOffice ends with 0 even when it could not read the file: the
    /// output file is the proof. The Word filter is named, so that random bytes are not read as text.
    package func pdf(of bytes: Data, format: PaperFormat) async throws -> Data {
        let folder = try ScratchFolder.make("convert")
        defer { ScratchFolder.remove(folder) }
        let input = folder.appendingPathComponent("paper.\(format.rawValue)")
        try bytes.write(to: input)
        let filter = format == .docx ? ["--infilter=MS Word 2007 XML"] : ["--infilter=Calc MS Excel 2007 XML"]
        let outcome = try await soffice.run(
            ["-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)", "--headless", "--norestore"] + filter
                + ["--convert-to", "pdf", "--outdir", folder.path, input.path],
            timeout: .seconds(120), environment: ["HOME": folder.path, "PATH": "/usr/bin:/bin"])
        let output = folder.appendingPathComponent("paper.pdf")
        guard let pdf = try? Data(contentsOf: output), pdf.starts(with: Array("%PDF".utf8)) else {
            throw Failed(
                description: outcome.status == 15
                    ? "LibreOffice took longer than two minutes to convert it" : "LibreOffice could not read it as a \(format.label.lowercased()); it may be damaged")
        }
        return pdf
    }
}
