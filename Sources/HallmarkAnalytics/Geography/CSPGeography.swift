import Foundation
import HallmarkDomain

/// Which local authority districts make up each Community Safety Partnership, and which police
/// force area each CSP is in, from the ONS lookup of December 2024 shipped with Hallmark
/// (regenerate it with `scripts/make-geography`).
public struct CSPGeography: Sendable {
    public struct Row: Sendable, Equatable {
        public let district: District
        public let cspCode: GSSCode
        public let cspName: String
        public let forceCode: GSSCode
        public let forceName: String
    }

    /// The lookup's rows as ONS lists them.
    public let rows: [Row]
    /// Each district once, in the partnership Hallmark counts its crime under. ONS still lists
    /// some merged districts (Buckinghamshire, Bournemouth Christchurch and Poole, East Suffolk
    /// and others) under each of their former CSPs; such a district is counted once, under the
    /// lowest of those CSP codes, and a partnership left holding only such districts is named
    /// after them ("Buckinghamshire", not "Aylesbury Vale"). The other former CSPs, holding no
    /// district, are not listed. Districts listed once, such as all of Leicestershire's, are
    /// unaffected.
    public let counted: [Row]

    public struct Malformed: Error, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "Line \(line) of the district lookup: \(reason)" }
    }

    /// Reads the lookup: a header, then district code and name, CSP code and name, force code and name.
    public init(csv text: String) throws {
        var rows: [Row] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let f = CSVRecord.fields(line)
            guard f.count == 6 else { throw Malformed(line: index + 1, reason: "expected 6 fields, found \(f.count)") }
            guard let district = GSSCode(f[0], allowed: GSSCode.Entity.localAuthorityDistrict),
                let csp = GSSCode(f[2], allowed: GSSCode.Entity.communitySafetyPartnership),
                let force = GSSCode(f[4], allowed: [.policeForceEngland, .policeForceWales])
            else {
                throw Malformed(line: index + 1, reason: "a code is not a district, CSP or police force area code")
            }
            rows.append(Row(district: District(code: district, name: f[1]), cspCode: csp, cspName: f[3], forceCode: force, forceName: f[5]))
        }
        self.rows = rows
        counted = Self.oneCSPEach(rows)
    }

    /// Each district's CSP and police force area codes, keyed by the district's code: what the
    /// store places LSOAs by.
    public var areasOfDistricts: [String: (csp: String, force: String)] {
        Dictionary(uniqueKeysWithValues: counted.map { ($0.district.code.value, (csp: $0.cspCode.value, force: $0.forceCode.value)) })
    }

    static func oneCSPEach(_ rows: [Row]) -> [Row] {
        let byDistrict = Dictionary(grouping: rows, by: \.district.code)
        let kept = byDistrict.values.map { listed in (row: listed.min { $0.cspCode < $1.cspCode }!, merged: Set(listed.map(\.cspCode)).count > 1) }
        let byCSP = Dictionary(grouping: kept, by: \.row.cspCode)
        return kept.map { entry in
            let partners = byCSP[entry.row.cspCode]!
            guard partners.allSatisfy(\.merged) else { return entry.row }
            let name = partners.map(\.row.district.name).sorted().joined(separator: " and ")
            return Row(district: entry.row.district, cspCode: entry.row.cspCode, cspName: name, forceCode: entry.row.forceCode, forceName: entry.row.forceName)
        }.sorted { $0.district.code < $1.district.code }
    }

    /// The lookup shipped with Hallmark.
    public static func shipped() throws -> CSPGeography {
        let url = Bundle.module.url(forResource: "district-csp-force-2024", withExtension: "csv", subdirectory: "Resources")!
        return try CSPGeography(csv: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    public struct CSP: Sendable, Equatable {
        public let code: GSSCode
        public let name: String
        public let districts: [District]

        public init(code: GSSCode, name: String, districts: [District]) {
            self.code = code
            self.name = name
            self.districts = districts
        }
    }

    /// The CSPs in a police force area, by name, each with its districts (see `counted`).
    public func partnerships(inForce force: GSSCode) -> [CSP] {
        let inForce = counted.filter { $0.forceCode == force }
        return Dictionary(grouping: inForce, by: \.cspCode)
            .map { code, rows in CSP(code: code, name: rows[0].cspName, districts: rows.map(\.district).sorted { $0.name < $1.name }) }
            .sorted { $0.name < $1.name }
    }
}
