import Foundation
import HallmarkKit
import Plot

/// A small line of an indicator's quarters drawn as SVG beside its figures, with the values in
/// words for those who cannot see it; the target, where there is one, as a dashed line.
enum Sparkline {
    static let width = 120.0, height = 28.0

    static func node(_ values: [Double], target: Double?, label: String) -> Node<HTML.BodyContext> {
        guard values.count > 1 else { return .plainText("–") }
        let all = values + (target.map { [$0] } ?? [])
        let low = all.min()!, high = all.max()!
        let span = high - low == 0 ? 1 : high - low
        func y(_ v: Double) -> Double { height - 3 - (v - low) / span * (height - 6) }
        let step = (width - 6) / Double(values.count - 1)
        let points = values.enumerated().map { String(format: "%.1f,%.1f", 3 + Double($0.offset) * step, y($0.element)) }.joined(separator: " ")
        let targetLine = target.map { String(format: "<line x1=\"3\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"spark-target\"/>", width - 3, y($0), y($0)) } ?? ""
        let words = "\(label): " + values.map { PlanView.value($0) }.joined(separator: ", ") + (target.map { "; target \(PlanView.value($0))" } ?? "")
        return .raw(
            """
            <svg class="sparkline" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(AttributeText.escape(words))">\
            \(targetLine)<polyline points="\(points)" class="spark-line"/></svg>
            """)
    }
}
