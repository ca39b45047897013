import HallmarkAnalytics
import HallmarkStore

/// What the routes need, made once at start-up and passed in: never global.
public struct Dependencies: Sendable {
    public let store: Store
    public let settings: Settings
    public let hasher: PasswordHasher
    let metrics: RequestMetrics
    /// Checked against when an email address is unknown, so that a wrong address takes as
    /// long to refuse as a wrong password and reveals nothing about who has an account.
    let decoyHash: String
    /// Where each LSOA lies: the geography Hallmark ships.
    public let areas: AreaLookup
    /// Which districts make up each CSP in each force: the ONS lookup Hallmark ships.
    public let geography: CSPGeography
    /// ONS's name for each LSOA, as police.uk prints it.
    public let lsoaNames: LSOANames
    let formKey = FormKey()
    let assessments = AssessmentCache()

    public init(store: Store, settings: Settings) {
        self.store = store
        self.settings = settings
        self.hasher = PasswordHasher(cost: settings.bcryptCost)
        self.metrics = RequestMetrics()
        self.decoyHash = hasher.hash(Secrets.token())
        self.areas = Self.shippedAreas
        self.geography = Self.shippedGeography
        self.lsoaNames = Self.shippedNames
    }

    /// Read once per process. The files are part of the build, so failing to read them is a
    /// broken build, not bad input: stopping at start-up says so at once.
    private static let shippedAreas: AreaLookup = {
        do { return try AreaLookup.shipped() } catch { fatalError("The geography shipped with Hallmark could not be read: \(error)") }
    }()
    private static let shippedNames: LSOANames = {
        do { return try LSOANames.shipped() } catch { fatalError("The LSOA names shipped with Hallmark could not be read: \(error)") }
    }()
    private static let shippedGeography: CSPGeography = {
        do { return try CSPGeography.shipped() } catch { fatalError("The geography shipped with Hallmark could not be read: \(error)") }
    }()

    public var crime: CrimeRepository { CrimeRepository(store: store) }
    var importer: CrimeImporter { CrimeImporter(store: store, lookup: areas) }
    public var accounts: AccountRepository { AccountRepository(store: store) }
    public var partnerships: PartnershipRepository { PartnershipRepository(store: store) }
    public var organisations: OrganisationRepository { OrganisationRepository(store: store) }
    public var people: PersonRepository { PersonRepository(store: store) }
    public var memberships: MembershipRepository { MembershipRepository(store: store) }
}
