import Plot

/// A document's footnotes: each note is numbered where it is cited, in reading order, and the
/// notes are listed at the end of the document with a link back to where each was cited. Made
/// for one document's rendering, then thrown away.
package final class Footnotes {
    private(set) var notes: [String] = []

    package init() {}

    /// The note's number, linked to its text at the end; the note is kept for `list`.
    package func cite(_ note: String) -> Node<HTML.BodyContext> {
        notes.append(note)
        let n = notes.count
        return .element(
            named: "sup",
            nodes: [.a(.id("cite-\(n)"), .href("#note-\(n)"), .class("footnote"), .plainText("\(n)"), .span(.class("visually-hidden"), .plainText(" (note \(n))")))])
    }

    /// The notes cited so far, as the document's last part; nothing when there are none.
    package var list: Node<HTML.BodyContext> {
        .if(
            !notes.isEmpty,
            .section(
                .id("notes"), .class("footnotes"), .h2("Notes"),
                .ol(
                    .forEach(Array(notes.enumerated())) { i, note in
                        .li(
                            .id("note-\(i + 1)"), .plainText(note + " "),
                            .a(.href("#cite-\(i + 1)"), .plainText("Back to the text"), .span(.class("visually-hidden"), .plainText(" of note \(i + 1)"))))
                    })))
    }
}
