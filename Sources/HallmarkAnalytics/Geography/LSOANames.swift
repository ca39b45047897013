import Foundation
import HallmarkDomain

/// ONS's name for each LSOA ("Charnwood 012A"), which police.uk prints beside the code and
/// which readers know their areas by (`scripts/make-geography` writes the file).
public struct LSOANames: Sendable {
    private let names: [String?]

    public init(csv text: String) throws {
        var names = [String?](repeating: nil, count: LSOA.capacity)
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let fields = CSVRecord.fields(line[...])
            guard fields.count == 2, let lsoa = LSOA(fields[0]), !fields[1].isEmpty else {
                throw CSPGeography.Malformed(line: index + 1, reason: "expected an LSOA code and its name")
            }
            names[Int(lsoa.index)] = fields[1]
        }
        self.names = names
    }

    public static func shipped() throws -> LSOANames {
        let url = Bundle.module.url(forResource: "lsoa-names", withExtension: "csv", subdirectory: "Resources")!
        return try LSOANames(csv: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    public func name(of code: String) -> String? { LSOA(code).flatMap { names[Int($0.index)] } }
}
