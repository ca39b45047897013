import HallmarkAnalytics
import HallmarkDomain
import HallmarkKit

/// An entered indicator's values as a spreadsheet exports them: a row a period, with columns
/// for the period, the value and (optionally) the source. A period is its last month
/// (2026-09), a financial quarter (2026/27 Q2) or a financial year (2026/27), and must be one
/// of the indicator's own periods; a value may carry a % or £ sign and thousands
/// separators. Blank rows are passed over; anything else that cannot be read is refused with
/// its row and column, and then nothing is kept.
package enum IndicatorImport {
    package struct Refused: SpreadsheetRefusal, Equatable {
        package let description: String
    }

    static let periodColumns: Set<String> = ["quarter", "quarter_ending", "quarter ending", "period", "month", "year"]
    static let valueColumns: Set<String> = ["value", "figure"]
    static let mostRows = 400

    /// The period's last month: "2026-09"; "2026/27 Q2" (July to September 2026); "2026/27" (to March 2027).
    static func period(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let month = MonthNumber.parse(t), t.utf8.count == 7 { return month }
        let parts = t.uppercased().split(separator: " ")
        if parts.count == 1, let year = FinancialYear(String(parts[0])) { return year.startYear * 12 + 14 }
        guard parts.count == 2, let year = FinancialYear(String(parts[0])), parts[1].count == 2, parts[1].hasPrefix("Q"), let q = Int(parts[1].dropFirst()), (1...4).contains(q)
        else { return nil }
        // Q1 ends in June of the year's start; each quarter three months later.
        return year.startYear * 12 + 5 + (q - 1) * 3
    }

    /// A number as people type one in a sheet: 12.5%, £1,234, -3; and whether it was written as a percentage.
    static func number(_ text: String) -> (value: Double, percent: Bool)? {
        var t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "£", with: "")
        let percent = t.hasSuffix("%")
        if percent { t.removeLast() }
        guard let v = Double(t.trimmingCharacters(in: .whitespaces)), v.isFinite, abs(v) <= 1_000_000_000 else { return nil }
        return (v, percent)
    }

    package static func read(
        _ text: String, defaultSource: String, unit: String = "", frequency: Frequency = .quarterly, today: CalendarDate = .today()
    ) throws(Refused) -> [IndicatorValue] {
        let rows = CSVRecord.sheet(text)
        guard let headerIndex = rows.firstIndex(where: { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }) else {
            throw Refused(description: "The file is empty: its first row must name the columns, at least “period” (or “quarter”) and “value”")
        }
        let header = rows[headerIndex].map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let q = header.firstIndex(where: periodColumns.contains) else { throw Refused(description: "Row \(headerIndex + 1) must name a “period” (or “quarter”) column") }
        guard let v = header.firstIndex(where: valueColumns.contains) else { throw Refused(description: "Row \(headerIndex + 1) must name a “value” column") }
        let s = header.firstIndex(of: "source")
        var values: [IndicatorValue] = []
        for (n, cells) in rows.enumerated().dropFirst(headerIndex + 1) {
            let row = n + 1
            let cell = cells.map { $0.trimmingCharacters(in: .whitespaces) }
            if cell.allSatisfy(\.isEmpty) { continue }
            let quarterText = q < cell.count ? cell[q] : "", valueText = v < cell.count ? cell[v] : ""
            guard let month = period(quarterText) else {
                throw Refused(
                    description:
                        "Row \(row), column “\(rows[headerIndex][q])”: “\(quarterText.prefix(40))” is not a period (write its last month, like 2026-09, a quarter like 2026/27 Q2, or a year like 2026/27)"
                )
            }
            guard let (value, percent) = number(valueText) else {
                throw Refused(description: "Row \(row), column “\(rows[headerIndex][v])”: “\(valueText.prefix(40))” is not a number")
            }
            // 95% is no count of reports: a percentage goes only into an indicator measured in them.
            if percent, !unit.hasPrefix("%") {
                throw Refused(
                    description:
                        "Row \(row), column “\(rows[headerIndex][v])”: “\(valueText.prefix(40))” is a percentage, but this indicator is measured in \(unit.isEmpty ? "plain numbers" : "“\(unit)”"): give the value in its unit"
                )
            }
            if let problem = IndicatorForm.problem(month, value, unit: unit, frequency: frequency, today: today) {
                throw Refused(description: "Row \(row), column “\(rows[headerIndex][problem.field == "month" ? q : v])”: \(problem.message)")
            }
            guard !values.contains(where: { $0.month == month }) else { throw Refused(description: "Row \(row): the \(frequency.period(month)) appears twice") }
            let source = s.flatMap { $0 < cell.count && !cell[$0].isEmpty ? String(cell[$0].prefix(200)) : nil } ?? defaultSource
            values.append(IndicatorValue(month: month, value: value, source: source))
            guard values.count <= mostRows else { throw Refused(description: "The file has more than \(mostRows) rows of values") }
        }
        guard !values.isEmpty else { throw Refused(description: "The file has no values below its column names") }
        return values.sorted { $0.month < $1.month }
    }
}
