import HallmarkStore

/// What the register's routes work with: its repositories, over one store.
package struct RegisterService: Sendable {
    package let store: Store

    package init(store: Store) { self.store = store }

    package var partnerships: PartnershipRepository { PartnershipRepository(store: store) }
    package var organisations: OrganisationRepository { OrganisationRepository(store: store) }
    package var people: PersonRepository { PersonRepository(store: store) }
    package var memberships: MembershipRepository { MembershipRepository(store: store) }
}
