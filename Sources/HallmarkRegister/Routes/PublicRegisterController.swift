import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird
import Plot

/// The register's public pages, in the public route group: no sign-in, no session, cacheable.
/// Community safety partnerships and county strategy groups are public bodies' arrangements;
/// their sub-groups are listed on their page, and people are never shown here.
package struct PublicRegisterController {
    package let deps: RegisterService
    /// The other capabilities' parts of a partnership's home page, in the order shown.
    package let home: [PublicHomeSection]
    package let pages: PublicPageCache

    package init(deps: RegisterService, home: [PublicHomeSection] = [], pages: PublicPageCache = PublicPageCache()) {
        self.deps = deps
        self.home = home
        self.pages = pages
    }

    /// The kinds of partnership a resident can look up.
    static let listed: Set<PartnershipKind> = [.communitySafetyPartnership, .countyStrategyGroup]

    package func register(on group: RouterGroup<HallmarkContext>) {
        group.get(Site.publicPartnerships.path) { request, context in
            try await pages.response(to: request, context: context, store: deps.store) {
                // County strategy groups first, each above the partnerships it brings together.
                let partnerships = try await deps.partnerships.all().filter { Self.listed.contains($0.kind) }
                    .sorted { ($0.kind == .countyStrategyGroup ? 0 : 1, $0.name) < ($1.kind == .countyStrategyGroup ? 0 : 1, $1.name) }
                var areas: [RecordID<Partnership>: [District]] = [:]
                for p in partnerships { areas[p.id] = try await area(of: p) }
                return PublicPartnershipsView.render(partnerships, areas: areas)
            }
        }
        // A partnership's home page: what a resident looks for first, from every capability.
        group.get(Site.publicPartnership.path) { request, context in
            guard let p = try await deps.partnerships.find(try context.id("id")), Self.listed.contains(p.kind) else { throw AccessRefused.notFound }
            return try await pages.response(to: request, context: context, store: deps.store) { try await homePage(p) }
        }
    }

    func homePage(_ p: Partnership) async throws -> String {
        var parent: Partnership? = nil
        if let parentID = p.parentID { parent = try await deps.partnerships.find(parentID) }
        let children = try await deps.partnerships.children(of: p.id)
        let today = CalendarDate.today()
        var sections: [Node<HTML.BodyContext>] = []
        for section in home { sections.append(try await section.render(p, today)) }
        return PublicPartnershipView.render(
            .init(
                partnership: p, parent: parent,
                districts: try await area(of: p), authorities: try await deps.partnerships.authorities(of: p.id),
                subGroups: children.filter { $0.kind == .subGroup }, partnerships: children.filter { $0.kind == .communitySafetyPartnership }),
            sections: sections)
    }

    /// The districts a partnership covers: its own, or for a county strategy group with none of
    /// its own, those of the partnerships beneath it.
    func area(of p: Partnership) async throws -> [District] {
        let own = try await deps.partnerships.districts(of: p.id)
        guard own.isEmpty, p.kind == .countyStrategyGroup else { return own }
        var beneath: [District] = []
        for child in try await deps.partnerships.children(of: p.id) where child.kind == .communitySafetyPartnership && child.endedOn == nil {
            beneath += try await deps.partnerships.districts(of: child.id)
        }
        return beneath.sorted { $0.name < $1.name }
    }
}
