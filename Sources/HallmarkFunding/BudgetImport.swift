import HallmarkAnalytics
import HallmarkDomain
import HallmarkKit

/// A budget for a year as a spreadsheet exports it (this page's own CSV is one): a row per line,
/// columns found by their names, amounts in pounds with or without "£" and thousands
/// separators. Blank rows, headings and the empty cells merged cells leave are passed over; a
/// "Total" row is not a line but is checked against the lines above it. Anything else that is
/// not an amount is refused with its row and column, and then nothing is kept.
package enum BudgetImport {
    package struct Refused: SpreadsheetRefusal, Equatable {
        package let description: String
    }

    /// Column names as people write them, to the field each fills.
    static let columns: [String: String] = [
        "line": "name", "budget line": "name", "name": "name", "budget": "budget", "committed": "committed", "commitments": "committed",
        "spent_q1": "spent_q1", "spent apr–jun": "spent_q1", "spent apr-jun": "spent_q1", "q1": "spent_q1",
        "spent_q2": "spent_q2", "spent jul–sep": "spent_q2", "spent jul-sep": "spent_q2", "q2": "spent_q2",
        "spent_q3": "spent_q3", "spent oct–dec": "spent_q3", "spent oct-dec": "spent_q3", "q3": "spent_q3",
        "spent_q4": "spent_q4", "spent jan–mar": "spent_q4", "spent jan-mar": "spent_q4", "q4": "spent_q4",
        "priority": "priority",
    ]
    /// Figures worked out from the others; read only to check a total row.
    static let derived: Set<String> = ["spent_in_year", "spent in the year", "budget_less_spend", "budget less spend", "variance"]
    static let amountFields = ["budget", "committed", "spent_q1", "spent_q2", "spent_q3", "spent_q4"]
    static let mostLines = 500

    package static func read(_ text: String) throws(Refused) -> [BudgetLineDraft] {
        let rows = CSVRecord.sheet(text)
        guard let headerIndex = rows.firstIndex(where: { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }) else {
            throw Refused(description: "The file is empty: its first row must name the columns, at least “line” and “budget”")
        }
        let header = rows[headerIndex].map { $0.trimmingCharacters(in: .whitespaces) }
        var field: [Int: String] = [:]
        for (c, name) in header.enumerated() where !name.isEmpty {
            let key = name.lowercased()
            if let f = columns[key] {
                if field.values.contains(f) { throw Refused(description: "Row \(headerIndex + 1): two columns give the \(f.replacingOccurrences(of: "_", with: " "))") }
                field[c] = f
            } else if !derived.contains(key) {
                throw Refused(
                    description:
                        "Row \(headerIndex + 1), column \(c + 1): “\(name.prefix(40))” is not a column this import knows (use line, budget, committed, spent_q1 to spent_q4 and priority)"
                )
            }
        }
        for needed in ["name", "budget"] where !field.values.contains(needed) {
            throw Refused(description: "Row \(headerIndex + 1) must name a “\(needed == "name" ? "line" : needed)” column")
        }
        var drafts: [BudgetLineDraft] = []
        var stated: (row: Int, amounts: [String: Money])? = nil
        for (n, cells) in rows.enumerated().dropFirst(headerIndex + 1) {
            let number = n + 1
            let cell = cells.map { $0.trimmingCharacters(in: .whitespaces) }
            if cell.allSatisfy(\.isEmpty) { continue }
            var values: [String: String] = [:]
            for (c, value) in cell.enumerated() where !value.isEmpty {
                guard let f = field[c] else {
                    if c >= header.count { throw Refused(description: "Row \(number) has a value beyond the last named column (column \(c + 1))") }
                    continue
                }
                values[f] = value
            }
            var amounts: [String: Money] = [:]
            for f in amountFields {
                guard let raw = values[f], !StatementCSV.notStated.contains(raw.lowercased()) else { continue }
                let column = header[field.first { $0.value == f }!.key]
                guard let money = Money(raw) else {
                    throw Refused(description: "Row \(number), column “\(column)”: “\(raw.prefix(40))” is not an amount (write it like £1,234.56)")
                }
                guard money >= .zero else { throw Refused(description: "Row \(number), column “\(column)”: an amount cannot be less than nothing (\(money))") }
                guard money <= .pounds(100_000_000) else { throw Refused(description: "Row \(number), column “\(column)”: \(money) is more than a budget line can hold") }
                amounts[f] = money
            }
            let name = values["name"] ?? ""
            if name.isEmpty || name.lowercased().hasPrefix("total") {
                // A row without a name but with amounts is a merged cell's artefact or a total.
                if amounts.isEmpty { continue }
                if name.isEmpty, drafts.isEmpty { throw Refused(description: "Row \(number) has amounts but no line name") }
                stated = (number, amounts)
                continue
            }
            if amounts.isEmpty, values["priority"] == nil { continue }  // a heading
            guard name.count <= 120 else { throw Refused(description: "Row \(number), column “line”: the name is longer than 120 characters") }
            guard drafts.allSatisfy({ $0.name != name }) else { throw Refused(description: "Row \(number): the line “\(name)” appears twice") }
            guard (values["priority"] ?? "").count <= 120 else { throw Refused(description: "Row \(number), column “priority”: longer than 120 characters") }
            drafts.append(
                BudgetLineDraft(
                    name: name, budget: amounts["budget"] ?? .zero, committed: amounts["committed"] ?? .zero,
                    spent: (1...4).map { amounts["spent_q\($0)"] ?? .zero }, priority: values["priority"] ?? ""))
            guard drafts.count <= mostLines else { throw Refused(description: "The file has more than \(mostLines) lines") }
        }
        guard !drafts.isEmpty else { throw Refused(description: "The file has no budget lines below its column names") }
        if let stated {
            let sums: [String: Money] = [
                "budget": drafts.map(\.budget).reduce(.zero, +), "committed": drafts.map(\.committed).reduce(.zero, +),
                "spent_q1": drafts.map { $0.spent[0] }.reduce(.zero, +), "spent_q2": drafts.map { $0.spent[1] }.reduce(.zero, +),
                "spent_q3": drafts.map { $0.spent[2] }.reduce(.zero, +), "spent_q4": drafts.map { $0.spent[3] }.reduce(.zero, +),
            ]
            for f in amountFields {
                guard let total = stated.amounts[f], let sum = sums[f], total != sum else { continue }
                let column = header[field.first { $0.value == f }!.key]
                throw Refused(
                    description:
                        "Row \(stated.row), column “\(column)”: the total says \(total) but the lines above add up to \(sum), a difference of \(total > sum ? total - sum : sum - total). Correct the lines or the total"
                )
            }
        }
        return drafts
    }
}
