import Foundation
import Hummingbird

/// Tables as CSV, the way Excel opens them: UTF-8 with a byte-order mark, CRLF line ends,
/// fields quoted when they need it. A cell that starts like a formula is prefixed with an
/// apostrophe so that a name such as "=HYPERLINK(…)" cannot run when the file is opened.
package struct CSVDocument {
    package let headers: [String]
    package let rows: [[String]]

    package init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    package var text: String {
        ([headers] + rows).map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    package static func field(_ raw: String) -> String {
        var value = raw
        // A spreadsheet would run a field starting with these as a formula; a plain number
        // (a negative z-score, "+5%") cannot be one and stays as it is.
        let number = Double(value.hasSuffix("%") ? String(value.dropLast()) : value) != nil
        // By code point: "=" with a combining mark after it is still "=" to a spreadsheet.
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !number { value = "'" + value }
        // A semicolon too: Excel set to a European locale splits on it.
        guard value.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    package func response(filename: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(filename)\""
        var buffer = ByteBuffer()
        buffer.writeBytes([0xEF, 0xBB, 0xBF])
        buffer.writeString(text)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }
}

/// Names for downloaded files.
package enum FileName {
    /// A name as it can stand in a file name: lower case, words joined by dashes.
    package static func slug(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }
}
