import Foundation
import HallmarkKit

/// What is checked of a paper before it is stored: something in it, not too large, what its name
/// says it is, and (for a PDF) readable without a password, so that every board pack can print it.
package struct PaperIntake: Sendable {
    /// The most one paper may hold: a long report with pictures, not a video.
    package static let limit = 25 * 1024 * 1024
    /// Reads PDFs to check them, when the server has it.
    package let qpdf: ExternalProgram?

    package init(qpdf: ExternalProgram? = ExternalProgram.find(["qpdf"], variable: "HALLMARK_QPDF")) {
        self.qpdf = qpdf
    }

    package struct Refused: Error, CustomStringConvertible {
        package let description: String
    }

    /// The format a file name's ending names.
    package static func format(of fileName: String) -> PaperFormat? {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "pdf": .pdf
        case "docx": .docx
        case "xlsx": .xlsx
        case "csv": .csv
        default: nil
        }
    }

    /// The paper as it may be stored, or why not.
    package func check(title: String, fileName: String, bytes: Data) async throws -> PaperUpload {
        guard !bytes.isEmpty else { throw Refused(description: "\(fileName) is empty (0 bytes). Choose the file again; it may not have finished saving") }
        guard bytes.count <= Self.limit else {
            throw Refused(description: "\(fileName) is larger than \(Self.limit / 1024 / 1024) MB. Make it smaller (compress its pictures) or split it into parts")
        }
        guard let format = Self.format(of: fileName) else {
            throw Refused(description: "\(fileName) is not a PDF, Word document (.docx), Excel workbook (.xlsx) or CSV file")
        }
        switch format {
        case .pdf:
            guard bytes.starts(with: Array("%PDF-".utf8)) else { throw Refused(description: "\(fileName) is named as a PDF but is not one") }
            try await checkPDF(fileName: fileName, bytes: bytes)
        case .docx, .xlsx:
            guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
                throw Refused(description: "\(fileName) is named as a \(format.label) but is not one (an older .doc or .xls file must be saved in the newer format first)")
            }
        case .csv:
            guard String(data: bytes, encoding: .utf8) != nil, !bytes.contains(0) else { throw Refused(description: "\(fileName) is not a CSV file of UTF-8 text") }
            // Printed in the pack as a table: no markup, as no form field may hold any.
            guard !bytes.contains(UInt8(ascii: "<")), !bytes.contains(UInt8(ascii: ">")) else {
                throw Refused(description: "\(fileName) contains < or >, which a table in the board pack cannot show; remove them and upload it again")
            }
        case .text:
            break
        }
        return PaperUpload(title: title, fileName: fileName, format: format, bytes: bytes)
    }

    /// A PDF qpdf cannot read, or that opens only with a password, could never join a pack.
    private func checkPDF(fileName: String, bytes: Data) async throws {
        guard let qpdf else { return }
        let folder = try ScratchFolder.make("paper")
        defer { ScratchFolder.remove(folder) }
        let file = folder.appendingPathComponent("paper.pdf")
        try bytes.write(to: file)
        if try await qpdf.run(["--requires-password", file.path], timeout: .seconds(30)).status == 0 {
            throw Refused(description: "\(fileName) is protected by a password. Save a copy without the password and upload that")
        }
        // 0: sound; 3: repaired with warnings, which prints; 2: unreadable.
        let check = try await qpdf.run(["--check", file.path], timeout: .seconds(60))
        guard check.status == 0 || check.status == 3 else { throw Refused(description: "\(fileName) is damaged: it could not be read as a PDF") }
    }
}
