import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// What the strategic assessment's routes work with: crime data (figures and geography),
/// the register's partnerships, the saved versions, and the drafts computed lately.
package struct AssessmentService: Sendable {
    package let crimeData: CrimeDataService
    package let assessments: AssessmentCache
    /// Prints the document to PDF; nil when the server has no Chromium (the HTML still prints).
    package let printer: PDFPrinter?

    package init(crimeData: CrimeDataService, assessments: AssessmentCache = AssessmentCache(), printer: PDFPrinter? = PDFPrinter.find()) {
        self.crimeData = crimeData
        self.assessments = assessments
        self.printer = printer
    }

    package var store: Store { crimeData.store }
    package var crime: CrimeRepository { crimeData.crime }
    package var register: RegisterService { crimeData.register }
    package var partnerships: PartnershipRepository { crimeData.partnerships }
    package var areas: AreaLookup { crimeData.areas }
    package var geography: CSPGeography { crimeData.geography }
    package var versions: AssessmentRepository { AssessmentRepository(store: store) }
}
