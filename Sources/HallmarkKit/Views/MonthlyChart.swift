import Foundation
import HallmarkDomain

/// A line chart of monthly counts, drawn on the server as SVG. Each series has its own line
/// style as well as colour, so that it reads in black and white print and without colour
/// vision; the figures themselves are in the table beside the chart.
package struct MonthlyChart {
    package struct Series {
        package let name: String
        package let values: [Int]
        /// A class in site.css giving the line's colour and dash.
        package let style: String

        package init(name: String, values: [Int], style: String) {
            self.name = name
            self.values = values
            self.style = style
        }
    }

    package let id: String
    package let title: String
    package let monthLabels: [String]
    package let series: [Series]

    package init(id: String, title: String, monthLabels: [String], series: [Series]) {
        self.id = id
        self.title = title
        self.monthLabels = monthLabels
        self.series = series
    }
    /// What the vertical axis counts.
    package var unit = "Crimes a month"

    package static let width = 720.0, height = 280.0
    /// Room on the left for the values and the axis's name, and on the right for the last
    /// month's label, which leans out past its point.
    package static let left = 72.0, right = 56.0, top = 16.0, bottom = 64.0

    package var svg: String {
        guard !monthLabels.isEmpty else { return "" }
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let ceiling = Self.niceCeiling(series.flatMap(\.values).max() ?? 0)
        let step = monthLabels.count > 1 ? plotWidth / Double(monthLabels.count - 1) : 0
        func x(_ i: Int) -> Double { Self.left + (monthLabels.count > 1 ? Double(i) * step : plotWidth / 2) }
        func y(_ v: Int) -> Double { Self.top + plotHeight - Double(v) / Double(ceiling) * plotHeight }

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(n(Self.width)) \(n(Self.height))" role="img" aria-labelledby="\(id)-title \(id)-desc">
            <title id="\(id)-title">\(escape(title))</title>
            <desc id="\(id)-desc">\(escape(description))</desc>

            """
        for tick in 0...4 {
            let value = ceiling * tick / 4
            out += "<line class=\"grid\" x1=\"\(n(Self.left))\" x2=\"\(n(Self.width - Self.right))\" y1=\"\(n(y(value)))\" y2=\"\(n(y(value)))\"/>"
            out += "<text class=\"axis\" x=\"\(n(Self.left - 6))\" y=\"\(n(y(value) + 4))\" text-anchor=\"end\">\(value)</text>\n"
        }
        out += "<text class=\"axis\" transform=\"translate(14 \(n(Self.top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(unit))</text>\n"
        // Label at most about 12 months so that labels never overlap.
        let every = max(1, Int((Double(monthLabels.count) / 12).rounded(.up)))
        for (i, label) in monthLabels.enumerated() where i % every == 0 {
            out += "<text class=\"axis\" transform=\"translate(\(n(x(i))) \(n(Self.top + plotHeight + 12))) rotate(45)\">\(escape(label))</text>\n"
        }
        for s in series {
            let points = s.values.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element)))" }.joined(separator: " ")
            out += "<polyline class=\"line \(s.style)\" points=\"\(points)\"/>\n"
        }
        // The key, in the top right corner.
        for (i, s) in series.enumerated() {
            let ky = Self.top + 6 + Double(i) * 18
            let kx = Self.width - Self.right - 200
            out += "<line class=\"line \(s.style)\" x1=\"\(n(kx))\" x2=\"\(n(kx + 28))\" y1=\"\(n(ky))\" y2=\"\(n(ky))\"/>"
            out += "<text class=\"key\" x=\"\(n(kx + 34))\" y=\"\(n(ky + 4))\">\(escape(s.name))</text>\n"
        }
        return out + "</svg>"
    }

    /// The text alternative: each series' first, last, highest and lowest month in words.
    package var description: String {
        series.map { s in
            guard let high = s.values.indices.max(by: { s.values[$0] < s.values[$1] }),
                let low = s.values.indices.min(by: { s.values[$0] < s.values[$1] })
            else { return "" }
            return "\(s.name): \(s.values.first!) in \(monthLabels.first!), \(s.values.last!) in \(monthLabels.last!); "
                + "highest \(s.values[high]) in \(monthLabels[high]), lowest \(s.values[low]) in \(monthLabels[low])."
        }.joined(separator: " ")
    }

    /// The smallest of 1, 2 or 5 × a power of ten at or above `value`, so that the axis reads easily.
    package static func niceCeiling(_ value: Int) -> Int {
        guard value > 0 else { return 4 }
        var power = 1
        while power * 10 <= value { power *= 10 }
        let ceiling = [1, 2, 4, 5, 10].map { $0 * power }.first { $0 >= value }!
        return ceiling % 4 == 0 ? ceiling : ((ceiling + 3) / 4) * 4
    }

    private func n(_ value: Double) -> String { FixedPoint.text(value, places: 1) }

    private func escape(_ text: String) -> String { AttributeText.escape(text) }
}
