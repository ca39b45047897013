import HallmarkKit
import Testing

@Suite("Route links")
struct RouteLinkTests {
    @Test("A link fills each :parameter with the next value, in order, and keeps every other segment as written")
    func links() {
        #expect(Route("/partnerships/:id/meetings/:meeting")(3, 17) == "/partnerships/3/meetings/17")
        #expect(Route("/partnerships/:id/assessment/tables/:table")(12, "trends.csv") == "/partnerships/12/assessment/tables/trends.csv")
        #expect(Route("/")() == "/")
        #expect(Route("/healthz")() == "/healthz")
        #expect(Route("/a//:b/")("x") == "/a//x/")
        #expect(Route(":first/and/:second")("one", 2) == "one/and/2")
    }
}
