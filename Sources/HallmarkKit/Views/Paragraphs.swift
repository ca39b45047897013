import Foundation
import Plot

/// Text typed into a box, shown as it was laid out: a blank line starts a new paragraph, a
/// single line break stays a line break. A browser sends each break as CR LF, which a split on
/// "\n\n" alone never found, so a minute of several paragraphs read as one.
package enum Paragraphs {
    package static func node(_ text: String) -> Node<HTML.BodyContext> {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let paragraphs = lines.split(separator: /\n[ \t]*\n/).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return .group(paragraphs.map { .p(.class("kept-lines"), .plainText($0)) })
    }
}
