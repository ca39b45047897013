import HallmarkDomain
import Testing

@testable import HallmarkFunding

@Suite struct BudgetImportTests {
    /// A spreadsheet's export as councils make them: a title row, a heading row, pound signs and
    /// thousands separators, blank rows, a merged heading and a total row that adds up.
    @Test func aSpreadsheetsExportIsRead() throws {
        let csv = """
            Line,Budget,Committed,Q1,Q2,Q3,Q4,Priority
            ,,,,,,,
            Staffing,,,,,,,
            Partnership analyst,"£20,000.00","£20,000",£5000,"5,000.50",,,
            IDVA service,"£32,262.49",TBC,-,£0.00,,,Domestic abuse
            ,,,,,,,
            Total,"£52,262.49",,,,,,
            """
        let drafts = try BudgetImport.read(csv)
        #expect(drafts.map(\.name) == ["Partnership analyst", "IDVA service"])
        #expect(drafts[0].budget == .pounds(20_000) && drafts[0].committed == .pounds(20_000))
        #expect(drafts[0].spent == [.pounds(5_000), Money(pence: 500_050), .zero, .zero])
        #expect(drafts[1].budget == Money(pence: 3_226_249) && drafts[1].committed == .zero && drafts[1].priority == "Domestic abuse")
    }

    /// The page's own CSV reads back as the lines it was made from.
    @Test func thePagesOwnCSVReadsBack() throws {
        let lines = [
            BudgetLine(
                id: 1, partnershipID: 1, year: FinancialYear("2026/27")!, name: "Small grants, \"community\"", budget: Money(pence: 1_613_126), committed: .pounds(1_000),
                spent: [.zero, Money(pence: 322_624), .zero, .zero], priority: "Anti-social behaviour"),
            BudgetLine(
                id: 2, partnershipID: 1, year: FinancialYear("2026/27")!, name: "Analyst", budget: .pounds(16_000), committed: .zero, spent: [.pounds(1), .zero, .zero, .zero],
                priority: ""),
        ]
        let drafts = try BudgetImport.read(BudgetView.csv(lines, year: FinancialYear("2026/27")!).text)
        #expect(drafts == lines.map { BudgetLineDraft(name: $0.name, budget: $0.budget, committed: $0.committed, spent: $0.spent, priority: $0.priority) })
    }

    /// Each problem is named by row and column, and nothing is returned to be saved.
    @Test(arguments: [
        ("line,budget\nA,£1\nB,twelve pounds\n", "Row 3, column “budget”: “twelve pounds” is not an amount"),
        ("line,budget\nA,-£5\n", "Row 2, column “budget”: an amount cannot be less than nothing"),
        ("line,budget,spent_q1\nA,£10,1.234\n", "Row 2, column “spent_q1”: “1.234” is not an amount"),
        ("line,budget,colour\nA,£10,red\n", "Row 1, column 3: “colour” is not a column this import knows"),
        ("line,committed\nA,£10\n", "Row 1 must name a “budget” column"),
        ("line,budget\nA,£10\nA,£20\n", "Row 3: the line “A” appears twice"),
        ("line,budget\n,£10\nA,£20\n", "Row 2 has amounts but no line name"),
        ("line,budget\nA,£10,£4\n", "Row 2 has a value beyond the last named column (column 3)"),
        ("line,budget\nA,£10.00\nB,£20.00\nTotal,£30.01\n", "Row 4, column “budget”: the total says £30.01 but the lines above add up to £30, a difference of £0.01"),
        ("line,budget\nA,£10\nB,£20\nTotal,£330\n", "Row 4, column “budget”: the total says £330 but the lines above add up to £30, a difference of £300"),
        ("line,budget\n\n\n", "The file has no budget lines below its column names"),
        ("", "The file is empty"),
    ])
    func badInputIsNamed(csv: String, message: String) {
        do {
            let drafts = try BudgetImport.read(csv)
            Issue.record("read \(drafts.count) lines from a bad file")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}
