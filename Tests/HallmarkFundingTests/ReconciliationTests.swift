import HallmarkDomain
import Testing

@testable import HallmarkFunding

@Suite struct ReconciliationTests {
    /// Seed 001's Table 1, every year and line as printed, exported as CSV (the unlabelled rows
    /// are the printed totals; TBC where the council had no figure yet).
    static let table1 = """
        Funding,10/11,11/12,12/13 Provisional*
        Community Safety Fund,"£575,000","£544,338","£275,000"
        WCC Community Safety Grant Contribution,"£132,000","£100,000",TBC
        ,"£707,000","£644,338",TBC
        Expenditure,,,
        SCB Commissioning,"£32,975","£20,000",TBC
        Drug and Alcohol Action Team,"£89,000","£69,000",TBC
        WCC Community Safety Team,"£35,000","£28,000",TBC
        Bromsgrove CSP,"£87,574","£71,695","£37,440"
        Redditch CSP,"£90,327","£107,400","£56,086"
        S Worcs CSP,"£269,882","£238,858","£124,735"
        Wyre Forest CSP,"£102,995","£109,385","£57,122"
        ,"£707,000","£644,338",TBC
        """

    /// By hand: 2010/11's expenditure lines add up to £707,753 against a stated £707,000, £753
    /// over; every other stated total agrees (2011/12's expenditure is exactly £644,338), and the
    /// TBC totals are not checked.
    @Test func seedTableOneIsReconciledToThePenny() throws {
        let statement = try StatementCSV.read(Self.table1)
        #expect(statement.columns == ["10/11", "11/12", "12/13 Provisional*"])
        #expect(statement.rows.filter { $0.kind == .total }.count == 2)
        let found = Reconciliation.check(statement)
        #expect(found.count == 1)
        let d = try #require(found.first)
        #expect(d.row == 13 && d.column == "10/11" && d.lines == 6...12)
        #expect(d.stated == .pounds(707_000) && d.sum == .pounds(707_753))
        #expect(d.difference == -Money.pounds(753))
    }

    @Test func aPennyAndHundredsOfPoundsAreBothCaught() throws {
        let csv = "Line,2025/26,2026/27,Total\nA,£100.00,£200.00,£300.00\nB,£0.01,£50.00,£50.01\nTotal,£100.00,£250.00,£350.01\nC,£1,£1,£2\nD,£1,£1,£2\n,£402,£2,£4\n"
        let found = Reconciliation.check(try StatementCSV.read(csv))
        // Row 4's first column is a penny short of its lines, and so its own total a penny over
        // its columns; row 7's first column is £400 over its lines, and its total £400 short.
        #expect(found.map(\.difference) == [Money(pence: -1), Money(pence: 1), .pounds(400), .pounds(-400)])
        #expect(found.map(\.column) == ["2025/26", "Total", "2025/26", "Total"])
        #expect(found.map(\.row) == [4, 4, 7, 7])
        #expect(found[2].lines == 5...6)
        // A row whose own total is wrong.
        let rows = Reconciliation.check(try StatementCSV.read("Line,Q1,Q2,Total\nA,£1.00,£2.00,£3.01\n"))
        #expect(rows.map(\.difference) == [Money(pence: 1)])
    }

    @Test func spreadsheetExportsAreReadAsPeopleWriteThem() throws {
        let csv = "\u{FEFF}Line,2025/26\n\n\"Pound sign and commas\",\"£1,234.56\"\nBracketed,(5.00)\nNegative,-£2\nMerged,,\nNot known,n/a\n"
        let statement = try StatementCSV.read(csv)
        #expect(statement.rows.map(\.label) == ["Pound sign and commas", "Bracketed", "Negative", "Merged", "Not known"])
        #expect(statement.rows.map { $0.amounts[0] } == [Money(pence: 123_456), Money(pence: -500), .pounds(-2), nil, nil])
        #expect(statement.rows.map(\.kind) == [.line, .line, .line, .heading, .heading])
    }

    @Test func textWhereAnAmountBelongsIsRefusedNamingRowAndColumn() {
        for (csv, message) in [
            ("Line,2025/26\nA,about £5\n", "Row 2, column “2025/26”: “about £5” is not an amount"),
            ("Line,2025/26\nA,£1\nB,\"£1,2345\"\n", "Row 3, column “2025/26”: “£1,2345” is not an amount"),
            ("Line,2025/26\nA,£1.234\n", "Row 2, column “2025/26”: “£1.234” is not an amount"),
            ("Line,2025/26\nA,£1,£2\n", "Row 2 has an amount beyond the last named column"),
            ("Only one column\n", "The first row must name the columns"),
        ] {
            #expect(throws: StatementCSV.Refused.self) { try StatementCSV.read(csv) }
            do {
                _ = try StatementCSV.read(csv)
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
            }
        }
    }
}

@Suite struct MoneyTests {
    @Test func readsAndWritesAmountsAsStatementsDo() {
        #expect(Money("£1,234.56") == Money(pence: 123_456))
        #expect(Money("1234.5") == Money(pence: 123_450))
        #expect(Money("(£5)") == .pounds(-5))
        #expect(Money("−£0.01") == Money(pence: -1))
        for bad in ["", "£", "1,23", "12,3456", "1.234", "£1.2.3", "one", "1e5", "٣"] { #expect(Money(bad) == nil, "\(bad)") }
        #expect(Money(pence: 123_456).description == "£1,234.56")
        #expect(Money.pounds(275_000).description == "£275,000")
        #expect(Money(pence: -500).exact == "−£5.00")
        #expect(Money.pounds(1_234_567).short == "£1.2m")
        #expect(Money.pounds(544_338).short == "£544k")
    }

    @Test func financialYearsRunFromAprilToMarch() {
        #expect(FinancialYear("2012/13")?.startYear == 2012)
        #expect(FinancialYear("12/13")?.description == "2012/13")
        #expect(FinancialYear("2099/00")?.description == "2099/00")
        for bad in ["2012/14", "2012", "20/12/13", "abcd/ef", "1900/01"] { #expect(FinancialYear(bad) == nil, "\(bad)") }
        #expect(FinancialYear(containing: CalendarDate("2013-03-31")!).description == "2012/13")
        #expect(FinancialYear(containing: CalendarDate("2013-04-01")!).description == "2013/14")
        #expect(FinancialYear("2012/13")!.last == CalendarDate("2013-03-31")!)
    }
}
