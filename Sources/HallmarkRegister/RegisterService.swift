import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// What the register's routes work with: its repositories, over one store.
package struct RegisterService: Sendable {
    package let store: Store

    package init(store: Store) { self.store = store }

    package var partnerships: PartnershipRepository { PartnershipRepository(store: store) }
    package var organisations: OrganisationRepository { OrganisationRepository(store: store) }
    package var people: PersonRepository { PersonRepository(store: store) }
    package var memberships: MembershipRepository { MembershipRepository(store: store) }

    /// The partnerships the visitor may see, as stored at `changes` (see `HallmarkContext.readsKeptAt`).
    package func visible(to visitor: Visitor, at changes: Int64? = nil) async throws -> [Partnership] {
        let all = if let changes { try await partnerships.asStored(at: changes).partnerships } else { try await partnerships.all() }
        return all.filter { visitor.scope.contains($0.id) }
    }

    /// The partnership named by the path's `:id`, if the visitor may do `permission` to it;
    /// one out of the visitor's scope is not found. Every capability's pages about a
    /// partnership begin here.
    package func partnership(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor) {
        let id: RecordID<Partnership> = try context.id("id")
        let visitor = try context.require(permission, in: id)
        let found = if let changes = context.readsKeptAt { try await partnerships.asStored(at: changes).partnership(id) } else { try await partnerships.find(id) }
        guard let partnership = found else { throw AccessRefused.notFound }
        if !permission.onlyReads, let ended = partnership.endedOn, partnership.hasEnded(by: .today()) {
            throw HTTPError(
                .conflict, message: "\(partnership.name) ended on \(ended.long) (\(partnership.endedBecause ?? "")); its records are kept as history and are no longer changed")
        }
        return (partnership, visitor)
    }
}
