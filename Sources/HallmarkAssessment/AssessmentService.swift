import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkRegister
import HallmarkStore

/// What the strategic assessment's routes work with: crime data (figures and geography),
/// the register's partnerships, the saved versions, and the drafts computed lately.
package struct AssessmentService: Sendable {
    package let crimeData: CrimeDataService
    package let assessments: AssessmentCache

    package init(crimeData: CrimeDataService, assessments: AssessmentCache = AssessmentCache()) {
        self.crimeData = crimeData
        self.assessments = assessments
    }

    package var store: Store { crimeData.store }
    package var crime: CrimeRepository { crimeData.crime }
    package var register: RegisterService { crimeData.register }
    package var partnerships: PartnershipRepository { crimeData.partnerships }
    package var areas: AreaLookup { crimeData.areas }
    package var geography: CSPGeography { crimeData.geography }
    package var versions: AssessmentRepository { AssessmentRepository(store: store) }
}
