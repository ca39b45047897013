import Foundation
import HallmarkDomain
import HallmarkKit

/// The partnership structure drawn as an SVG tree on the server: county strategy group at
/// the top, CSPs beneath, their sub-groups beneath them. Leaves are spaced evenly and each
/// parent sits centred over its children, which keeps lines from crossing.
package struct StructureDiagram {
    package let partnerships: [Partnership]
    package let rootID: RecordID<Partnership>
    package let highlightID: RecordID<Partnership>

    package static let boxWidth = 180.0, boxHeight = 54.0, gapX = 20.0, gapY = 50.0, margin = 10.0

    /// What a drawing is made from, beyond the partnerships' own records at one change count:
    /// which of them the visitor may see, where it starts and which box is this page's.
    package struct Key: Hashable, Sendable {
        let visible: [RecordID<Partnership>]
        let rootID: RecordID<Partnership>
        let highlightID: RecordID<Partnership>
    }

    package var key: Key { Key(visible: partnerships.map(\.id), rootID: rootID, highlightID: highlightID) }

    package struct Placed {
        package let partnership: Partnership
        package let x: Double, y: Double
    }

    /// Positions of every box, by a post-order walk: leaves take the next slot, parents the
    /// middle of their children.
    package func layout() -> [Placed] {
        let children = Dictionary(grouping: partnerships.filter { $0.parentID != nil }, by: { $0.parentID! })
        let byID = Dictionary(uniqueKeysWithValues: partnerships.map { ($0.id, $0) })
        var placed: [Placed] = []
        var nextLeaf = 0.0
        var seen = Set<RecordID<Partnership>>()

        func place(_ id: RecordID<Partnership>, depth: Int) -> Double? {
            guard let node = byID[id], seen.insert(id).inserted else { return nil }
            let kids = (children[id] ?? []).sorted { ($0.kind.rawValue, $0.name) < ($1.kind.rawValue, $1.name) }
            let xs = kids.compactMap { place($0.id, depth: depth + 1) }
            let x: Double
            if xs.isEmpty {
                x = nextLeaf
                nextLeaf += Self.boxWidth + Self.gapX
            } else {
                x = (xs.first! + xs.last!) / 2
            }
            placed.append(Placed(partnership: node, x: x, y: Double(depth) * (Self.boxHeight + Self.gapY)))
            return x
        }
        _ = place(rootID, depth: 0)
        return placed
    }

    package var svg: String {
        let boxes = layout()
        guard !boxes.isEmpty else { return "" }
        let width = (boxes.map(\.x).max() ?? 0) + Self.boxWidth + 2 * Self.margin
        let height = (boxes.map(\.y).max() ?? 0) + Self.boxHeight + 2 * Self.margin
        let position = Dictionary(uniqueKeysWithValues: boxes.map { ($0.partnership.id, $0) })
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="structure" viewBox="0 0 \(n(width)) \(n(height))" width="\(n(width))" height="\(n(height))" role="group" aria-labelledby="structure-title structure-desc">
            <title id="structure-title">Partnership structure</title>
            <desc id="structure-desc">\(escape(description(boxes)))</desc>

            """
        for box in boxes {
            guard let parentID = box.partnership.parentID, let parent = position[parentID] else { continue }
            let (x1, y1) = (parent.x + Self.boxWidth / 2 + Self.margin, parent.y + Self.boxHeight + Self.margin)
            let (x2, y2) = (box.x + Self.boxWidth / 2 + Self.margin, box.y + Self.margin)
            let midY = (y1 + y2) / 2
            out += "<path class=\"link\" d=\"M\(n(x1)) \(n(y1)) V\(n(midY)) H\(n(x2)) V\(n(y2))\"/>\n"
        }
        for box in boxes {
            let p = box.partnership
            let cls = "node \(p.kind.rawValue)\(p.id == highlightID ? " current" : "")"
            let (x, y) = (box.x + Self.margin, box.y + Self.margin)
            // The full name, for a label cut short to fit its box: shown on hover, and the link's name.
            out += "<a href=\"\(Site.partnership(p.id))\"><title>\(escape(p.name)) (\(escape(p.kindLabel)))</title><g class=\"\(cls)\">"
            out += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(Self.boxWidth))\" height=\"\(n(Self.boxHeight))\" rx=\"4\"/>"
            let lines = Self.wrap(p.name, width: 24)
            for (i, line) in lines.enumerated() {
                out += "<text x=\"\(n(x + Self.boxWidth / 2))\" y=\"\(n(y + 20 + Double(i) * 15))\" text-anchor=\"middle\">\(escape(line))</text>"
            }
            out += "<text class=\"kind\" x=\"\(n(x + Self.boxWidth / 2))\" y=\"\(n(y + Self.boxHeight - 6))\" text-anchor=\"middle\">\(escape(p.kindLabel))</text>"
            out += "</g></a>\n"
        }
        return out + "</svg>"
    }

    /// The text alternative: who reports to whom, in words.
    package func description(_ boxes: [Placed]) -> String {
        let names = Dictionary(uniqueKeysWithValues: boxes.map { ($0.partnership.id, $0.partnership.name) })
        let sentences = boxes.reversed().map { box -> String in
            if let parent = box.partnership.parentID, let name = names[parent] {
                return "\(box.partnership.name) (\(box.partnership.kindLabel)) reports to \(name)."
            }
            return "\(box.partnership.name) (\(box.partnership.kindLabel)) is at the top."
        }
        return sentences.joined(separator: " ")
    }

    /// At most two lines of `width` characters, breaking at spaces; the rest is elided.
    package static func wrap(_ text: String, width: Int) -> [String] {
        // In ASCII a character is a byte, and a string knows its bytes without counting them,
        // where counting characters again for every word was a thirtieth of a partnership's page.
        // Beyond ASCII a mark joins the character before it, so a line is counted whole.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        func length(_ line: some StringProtocol) -> Int { ascii ? line.utf8.count : line.count }
        var lines: [String] = [""]
        for word in text.split(separator: " ") {
            if lines[lines.count - 1].isEmpty {
                lines[lines.count - 1] = String(word)
            } else if length(lines[lines.count - 1]) + 1 + length(word) <= width {
                lines[lines.count - 1] += " " + word
            } else {
                lines.append(String(word))
            }
        }
        if lines.count > 2 { lines = [lines[0], lines[1] + "…"] }
        // A line of one word longer than the box, or the second line with its ellipsis.
        return lines.map { $0.count > width + 1 ? String($0.prefix(width)) + "…" : $0 }
    }

    private func n(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : FixedPoint.text(value, places: 1)
    }

    private func escape(_ text: String) -> String { MarkupEntities.drawing.escape(text) }
}
