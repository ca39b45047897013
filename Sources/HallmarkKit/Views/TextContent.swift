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
    /// `&`, `<` and `>` as entities, every other byte as it is. Most text has none of them and
    /// is returned as it is.
    package static func escape(_ text: String) -> String { MarkupEntities.text.escape(text) }
}
