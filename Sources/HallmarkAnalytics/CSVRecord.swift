/// Splits one line of RFC 4180 CSV into fields: commas separate, double quotes enclose a
/// field that holds commas, and a doubled quote inside stands for one quote.
public enum CSVRecord {
    /// A field written back out: quoted when it holds a comma, semicolon (the separator Excel
    /// uses in European locales), quote or line break.
    public static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A spreadsheet's CSV export, every line as fields: blank lines kept, so that a row's number
    /// is the sheet's, and the byte-order mark Excel writes before the first cell taken off.
    public static func sheet(_ text: String) -> [[String]] {
        var rows = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { fields($0) }
        if let first = rows.first?.first, first.hasPrefix("\u{FEFF}") { rows[0][0] = String(first.dropFirst()) }
        return rows
    }

    public static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\"" {
                    // Either the closing quote or the first of a doubled pair.
                    if let following = iterator.next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            if following == "," { fields.append(field); field = "" } else { field.append(following) }
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }
}
