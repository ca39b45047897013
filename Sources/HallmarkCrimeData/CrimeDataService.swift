import HallmarkAnalytics
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// What crime data's routes and computations work with: the crime store, the geography
/// Hallmark ships, and the register's partnerships (whose districts a partnership's crime counts).
package struct CrimeDataService: Sendable {
    package let store: Store
    package let settings: Settings
    /// Partnerships' figures as worked out lately, kept while the change count stands: the
    /// crime page and each of its CSVs are then one computation, not one each.
    package let keptFigures = KeptWhileCurrent<CrimeFigures.Key, CrimeFigures>(budget: 64)
    /// Where each LSOA lies: the geography Hallmark ships.
    package var areas: AreaLookup { Self.shippedAreas }
    /// Which districts make up each CSP in each force: the ONS lookup Hallmark ships.
    package var geography: CSPGeography { Self.shippedGeography }
    /// ONS's name for each LSOA, as police.uk prints it.
    package var lsoaNames: LSOANames { Self.shippedNames }

    package init(store: Store, settings: Settings) {
        self.store = store
        self.settings = settings
    }

    /// Each read once per process, when first wanted: a command that needs one of them (an
    /// extract by CSP needs only the CSPs) is spared reading the others, which was half of its
    /// time. The files are part of the build, so failing to read them is a broken build, not
    /// bad input; a server reads them all as it starts (`readShipped`), so as to say so at once.
    private static let shippedAreas: AreaLookup = {
        do { return try AreaLookup.shipped() } catch { fatalError("The geography shipped with Hallmark could not be read: \(error)") }
    }()
    private static let shippedNames: LSOANames = {
        do { return try LSOANames.shipped() } catch { fatalError("The LSOA names shipped with Hallmark could not be read: \(error)") }
    }()
    private static let shippedGeography: CSPGeography = {
        do { return try CSPGeography.shipped() } catch { fatalError("The geography shipped with Hallmark could not be read: \(error)") }
    }()

    /// Reads every shipped table now, not at the first request that wants one.
    package static func readShipped() { _ = (shippedAreas, shippedNames, shippedGeography) }

    package var crime: CrimeRepository { CrimeRepository(store: store) }
    package var importer: CrimeImporter { CrimeImporter(store: store, lookup: areas) }
    package var jobs: JobQueue { JobQueue(store: store) }
    package var register: RegisterService { RegisterService(store: store) }
    package var partnerships: PartnershipRepository { register.partnerships }
}
