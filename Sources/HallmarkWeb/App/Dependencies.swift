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

    public init(store: Store, settings: Settings) {
        self.store = store
        self.settings = settings
        self.hasher = PasswordHasher(cost: settings.bcryptCost)
        self.metrics = RequestMetrics()
        self.decoyHash = hasher.hash(Secrets.token())
    }

    public var accounts: AccountRepository { AccountRepository(store: store) }
    public var partnerships: PartnershipRepository { PartnershipRepository(store: store) }
    public var organisations: OrganisationRepository { OrganisationRepository(store: store) }
    public var people: PersonRepository { PersonRepository(store: store) }
    public var memberships: MembershipRepository { MembershipRepository(store: store) }
}
