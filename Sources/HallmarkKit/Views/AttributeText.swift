/// Plot escapes text content but writes attribute values exactly as given, so a quote in a
/// typed name could end the attribute and start another. Every value that came from a
/// person passes through here on its way into an attribute.
package enum AttributeText {
    /// By code point, not by character: a "<" or quote that joins the mark before or after it
    /// into one character (U+0600 then "<", a quote then U+0301) is still markup to HTML.
    package static func escape(_ raw: String) -> String { MarkupEntities.attribute.escape(raw) }
}

/// The bytes a place in a document must not hold as they are, each with the entity written
/// instead. All are ASCII, and in UTF-8 an ASCII byte is never part of another code point, so
/// escaping byte by byte is escaping by code point.
package struct MarkupEntities: Sendable {
    private let entities: [[UInt8]?]

    private init(_ entities: [Character: String]) {
        var table = [[UInt8]?](repeating: nil, count: 128)
        for (character, entity) in entities { table[Int(character.asciiValue!)] = Array(entity.utf8) }
        self.entities = table
    }

    /// Text between tags.
    package static let text = MarkupEntities(["&": "&amp;", "<": "&lt;", ">": "&gt;"])
    /// Text of an SVG drawing, whose labels have always had their double quotes written as entities.
    package static let drawing = MarkupEntities(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"])
    /// A value between either kind of quote.
    package static let attribute = MarkupEntities(["&": "&amp;", "\"": "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;"])

    /// Text with nothing to escape is returned as it is.
    package func escape(_ text: String) -> String {
        var text = text
        let escaped = text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: { $0 < 128 && entities[Int($0)] != nil }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                if byte < 128, let entity = entities[Int(byte)] { out.append(contentsOf: entity) } else { out.append(byte) }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }
}
