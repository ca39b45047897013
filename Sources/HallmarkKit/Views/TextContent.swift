import Plot

/// Text in a page, escaped by code point. Plot's own `.text` escapes character by character, and
/// a "<" that is one character with the mark before it (U+0600 and the other prepended marks join
/// whatever follows) is not a "<" to it, so it was left as markup: a name could open a tag of its
/// own. Hallmark writes text with these instead; a test keeps Plot's out of the sources.
extension Node {
    public static func plainText(_ text: String) -> Node { .raw(TextContent.escape(text)) }

    public static func element(named name: String, plainText: String) -> Node { .element(named: name, nodes: [.plainText(plainText)]) }
}

package enum TextContent {
    /// `&`, `<` and `>` as entities, every other byte as it is: in UTF-8 none of the three is
    /// ever part of another code point. Most text has none of them and is returned as it is.
    package static func escape(_ text: String) -> String {
        var text = text
        let escaped = text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }
}
