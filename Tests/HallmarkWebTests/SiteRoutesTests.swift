import HallmarkKit
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Testing

/// The route table: one line gives the pattern a route registers and every link to it.
@Suite("Route table")
struct SiteRoutesTests {
    @Test("links fill a route's parameters in order; the router registers the same patterns")
    func linksAndPatterns() async throws {
        #expect(Site.member(3, 17) == "/partnerships/3/members/17")
        #expect(Site.assessmentVersionTable(2, 9, "trends.csv") == "/partnerships/2/assessment/versions/9/tables/trends.csv")
        #expect(Site.crimeLSOA(4, "E01025622") + "?to=2022-03" == "/partnerships/4/crime/lsoas/E01025622?to=2022-03")
        #expect(Site.partnerships() == "/partnerships")
        try await withStore(.sqlite) { store in
            let registered = Set(buildRouter(Dependencies(store: store, settings: Settings(bcryptCost: 4), printer: nil)).routes.map { "\($0.path)" })
            for route in [Site.member, Site.assessmentVersionTable, Site.crimeLSOA, Site.publicPartnership, Site.importJobStatus] {
                let described = route.pattern.split(separator: "/", omittingEmptySubsequences: false)
                    .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                #expect(registered.contains(described), "\(route.pattern) is registered")
            }
        }
    }
}
