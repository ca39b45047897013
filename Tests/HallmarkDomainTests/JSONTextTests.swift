import Foundation
import HallmarkDomain
import Testing

@Suite struct JSONTextTests {
    struct Row: Encodable {
        let perThousandResidents: Double?
        let URLOfSource: String
        let aBC: Int
        let already_snake: Int
        let _leading: Int
        let trailing_: Int
        let ÄrgerGroß: Int
        let byName: [String: Int]
        let byNumber: [Int: String]
        let nested: [Row]
        let last12Months: Int
    }

    static let value = Row(
        perThousandResidents: 1.5, URLOfSource: "u", aBC: 1, already_snake: 2, _leading: 3, trailing_: 4, ÄrgerGroß: 5,
        byName: ["crimeType": 1, "ASBRate": 2], byNumber: [3: "three"],
        nested: [
            Row(
                perThousandResidents: nil, URLOfSource: "v", aBC: 6, already_snake: 7, _leading: 8, trailing_: 9, ÄrgerGroß: 10, byName: [:],
                byNumber: [:], nested: [], last12Months: 11)
        ], last12Months: 12)

    /// The reference is Foundation's own `.convertToSnakeCase`, which the API and documents
    /// have always been written with.
    func foundation(_ pretty: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(Self.value)
    }

    @Test func writesTheKeysFoundationWrites() throws {
        // Twice: the second time every key comes from those already worked out.
        for _ in 0..<2 {
            #expect(try JSONText.data(Self.value, .api) == foundation(false))
            #expect(try JSONText.data(Self.value, .document) == foundation(true))
        }
        let text = try JSONText.string(Self.value, .api)
        // Keys of a dictionary are written as they are.
        #expect(text.contains("\"per_thousand_residents\":1.5") && text.contains("\"ASBRate\":2"))
    }
}
