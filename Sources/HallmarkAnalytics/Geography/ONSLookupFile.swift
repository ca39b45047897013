import Foundation
import HallmarkDomain

/// A newer ONS lookup, as ONS publishes it (columns such as `LAD25CD,LAD25NM,CSP25CD,…`) or as the
/// Open Geography portal's CSV downloads name them (`ltla25_code`, `ltla25_name`, …). Columns
/// are found by what they hold, whatever the year in their names.
public enum ONSLookupFile {
    public struct Refused: Error, CustomStringConvertible, Equatable {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// A column's subject, and the spellings ONS uses for it.
    enum Subject: String {
        case district, csp, force, lsoa21
        var prefixes: [String] {
            switch self {
            case .district: ["lad", "ltla"]
            case .csp: ["csp"]
            case .force: ["pfa"]
            case .lsoa21: ["lsoa21"]
            }
        }
    }

    /// Where a subject's code (or name) column is: `LAD24CD`, `ltla24_code`, `LSOA21CD`, `lsoa21_name`…
    static func column(_ subject: Subject, name: Bool, in header: [String]) -> Int? {
        header.firstIndex { raw in
            let h = raw.lowercased().trimmingCharacters(in: .whitespaces)
            return subject.prefixes.contains { prefix in
                guard h.hasPrefix(prefix) else { return false }
                var rest = h.dropFirst(prefix.count)
                if subject != .lsoa21 {
                    guard rest.count >= 2, rest.prefix(2).allSatisfy(\.isNumber) else { return false }
                    rest = rest.dropFirst(2)
                }
                return name ? (rest == "nm" || rest == "_name") : (rest == "cd" || rest == "_code")
            }
        }
    }

    static func lines(_ text: String, what: String) throws -> (header: [String], rows: [(line: Int, fields: [String])]) {
        var all = text.split(whereSeparator: \.isNewline).map(String.init)
        if let first = all.first, first.hasPrefix("\u{FEFF}") { all[0].removeFirst() }
        guard let header = all.first else { throw Refused(description: "The \(what) file is empty") }
        return (CSVRecord.fields(Substring(header)), all.dropFirst().enumerated().map { ($0.offset + 2, CSVRecord.fields(Substring($0.element))) })
    }

    /// A district → CSP → police force area lookup.
    public static func districts(csv text: String) throws -> CSPGeography {
        let (header, rows) = try lines(text, what: "district lookup")
        let wanted: [(String, Subject, Bool)] = [
            ("district code", .district, false), ("district name", .district, true), ("CSP code", .csp, false),
            ("CSP name", .csp, true), ("police force area code", .force, false), ("police force area name", .force, true),
        ]
        let found = wanted.map { column($0.1, name: $0.2, in: header) }
        let missing = zip(wanted, found).filter { $0.1 == nil }.map(\.0.0)
        guard missing.isEmpty else {
            throw Refused(description: "The district lookup has no column for the \(missing.joined(separator: ", ")) (its header is: \(header.joined(separator: ",")))")
        }
        let columns = found.map { $0! }
        var out = "district_code,district_name,csp_code,csp_name,force_code,force_name\n"
        for row in rows {
            guard row.fields.count > columns.max()! else { throw Refused(description: "Line \(row.line) of the district lookup has too few fields") }
            out += columns.map { CSVRecord.quoted(row.fields[$0]) }.joined(separator: ",") + "\n"
        }
        do {
            return try CSPGeography(csv: out)
        } catch let malformed as CSPGeography.Malformed {
            throw Refused(description: malformed.description)
        }
    }

    /// A 2021 LSOA → district lookup: each LSOA with its district's code.
    public static func lsoaDistricts(csv text: String) throws -> [(lsoa: String, district: String)] {
        let (header, rows) = try lines(text, what: "LSOA lookup")
        guard let lsoa = column(.lsoa21, name: false, in: header), let district = column(.district, name: false, in: header) else {
            throw Refused(description: "The LSOA lookup needs a 2021 LSOA code column and a district code column (its header is: \(header.joined(separator: ",")))")
        }
        return try rows.map { row in
            guard row.fields.count > max(lsoa, district) else { throw Refused(description: "Line \(row.line) of the LSOA lookup has too few fields") }
            let code = row.fields[lsoa], lad = row.fields[district]
            guard LSOA(code) != nil else { throw Refused(description: "Line \(row.line) of the LSOA lookup: \(code) is not an LSOA code") }
            guard GSSCode(lad, allowed: GSSCode.Entity.localAuthorityDistrict) != nil else {
                throw Refused(description: "Line \(row.line) of the LSOA lookup: \(lad) is not a local authority district code")
            }
            return (code, lad)
        }
    }
}
