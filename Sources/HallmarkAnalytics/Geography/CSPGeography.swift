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

    public let rows: [Row]

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
                  let force = GSSCode(f[4], allowed: [.policeForceEngland, .policeForceWales]) else {
                throw Malformed(line: index + 1, reason: "a code is not a district, CSP or police force area code")
            }
            rows.append(Row(district: District(code: district, name: f[1]), cspCode: csp, cspName: f[3], forceCode: force, forceName: f[5]))
        }
        self.rows = rows
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
    }

    /// The CSPs in a police force area, by name, each with its districts.
    public func partnerships(inForce force: GSSCode) -> [CSP] {
        let inForce = rows.filter { $0.forceCode == force }
        return Dictionary(grouping: inForce, by: \.cspCode)
            .map { code, rows in CSP(code: code, name: rows[0].cspName, districts: rows.map(\.district).sorted { $0.name < $1.name }) }
            .sorted { $0.name < $1.name }
    }
}
