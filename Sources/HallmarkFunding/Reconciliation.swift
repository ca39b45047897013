import HallmarkAnalytics
import HallmarkDomain

/// A statement as it is laid out: columns of amounts (years, quarters), rows of lines, headings
/// that begin a section, and rows that state a total of the lines above them.
package struct Statement: Sendable, Equatable {
    package enum Kind: Sendable, Equatable { case line, total, heading }

    package struct Row: Sendable, Equatable {
        /// The row's number in the file, counting the header as 1, so a message can name it.
        package var number: Int
        package var label: String
        /// One per column; nil where the cell is blank or "to be confirmed".
        package var amounts: [Money?]
        package var kind: Kind
    }

    package var columns: [String]
    package var rows: [Row]
}

/// Where a statement does not add up: the stated total, the sum of its lines, and the
/// difference to the penny (stated minus sum), never rounded away.
package struct Discrepancy: Sendable, Equatable {
    package var row: Int
    package var label: String
    package var column: String
    package var stated: Money
    package var sum: Money
    /// The rows whose amounts were summed.
    package var lines: ClosedRange<Int>

    package var difference: Money { stated - sum }
}

package enum Reconciliation {
    /// Every stated total against the sum of the lines since the last heading or total, column by
    /// column; and, where there is a column named "Total", every row against the sum of its other
    /// columns. Blank cells are not summed, and a total that is blank is not checked.
    package static func check(_ statement: Statement) -> [Discrepancy] {
        var found: [Discrepancy] = []
        var section: [Statement.Row] = []
        for row in statement.rows {
            switch row.kind {
            case .heading:
                section = []
            case .line:
                section.append(row)
            case .total:
                if let first = section.first?.number {
                    for (c, stated) in row.amounts.enumerated() {
                        guard let stated, c < statement.columns.count else { continue }
                        let sum = section.compactMap { c < $0.amounts.count ? $0.amounts[c] : nil }.reduce(Money.zero, +)
                        if sum != stated {
                            found.append(
                                Discrepancy(
                                    row: row.number, label: row.label.isEmpty ? "Total" : row.label, column: statement.columns[c], stated: stated, sum: sum,
                                    lines: first...(row.number - 1)))
                        }
                    }
                }
                section = []
            }
        }
        if let totalColumn = statement.columns.firstIndex(where: { $0.lowercased().hasPrefix("total") }) {
            for row in statement.rows where row.kind != .heading {
                guard totalColumn < row.amounts.count, let stated = row.amounts[totalColumn] else { continue }
                let sum = row.amounts.enumerated().filter { $0.offset != totalColumn }.compactMap(\.element).reduce(Money.zero, +)
                if sum != stated {
                    found.append(Discrepancy(row: row.number, label: row.label, column: statement.columns[totalColumn], stated: stated, sum: sum, lines: row.number...row.number))
                }
            }
        }
        return found.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }
}

/// A statement read from a spreadsheet's CSV export: the first row names the columns (the
/// first column holds the labels); pound signs, thousands separators and bracketed negatives
/// are read; blank rows and the empty cells merged cells leave are skipped; "TBC", "n/a" and
/// dashes stand for "not stated". Any other text where an amount belongs is refused, naming its
/// row and column, and nothing is kept.
package enum StatementCSV {
    package struct Refused: Error, Equatable, CustomStringConvertible {
        package let description: String
    }

    static let notStated: Set<String> = ["", "tbc", "tbd", "n/a", "na", "-", "–", "—", "nil"]

    package static func read(_ text: String) throws(Refused) -> Statement {
        let lines = CSVRecord.sheet(text)
        guard let header = lines.first, header.count >= 2 else {
            throw Refused(description: "The first row must name the columns: a label column, then one column for each year or period")
        }
        let columns = header.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [Statement.Row] = []
        for (n, fields) in lines.enumerated().dropFirst() {
            let number = n + 1
            let cells = fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy(\.isEmpty) { continue }
            let label = cells.first ?? ""
            var amounts: [Money?] = []
            for (c, cell) in cells.dropFirst().enumerated() {
                if c >= columns.count {
                    guard cell.isEmpty else { throw Refused(description: "Row \(number) has an amount beyond the last named column (\(columns.count + 1) columns are named)") }
                    continue
                }
                if notStated.contains(cell.lowercased()) {
                    amounts.append(nil)
                } else if let money = Money(cell) {
                    amounts.append(money)
                } else {
                    throw Refused(description: "Row \(number), column “\(columns[c])”: “\(cell.prefix(40))” is not an amount (write it like £1,234.56, or TBC if it is not known)")
                }
            }
            while amounts.count < columns.count { amounts.append(nil) }
            let hasAmounts = amounts.contains { $0 != nil }
            let kind: Statement.Kind =
                !hasAmounts
                ? (label.isEmpty ? .total : .heading)
                : (label.isEmpty || label.lowercased().hasPrefix("total") || label.lowercased().hasPrefix("sub-total") || label.lowercased().hasPrefix("subtotal") ? .total : .line)
            rows.append(Statement.Row(number: number, label: label, amounts: amounts, kind: kind))
        }
        return Statement(columns: columns, rows: rows)
    }
}
