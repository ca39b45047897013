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
        #expect(Route("/:a/:b")(1, 2) == "/1/2")
        #expect(Route("/x:y/:z")(5) == "/x:y/5", "only a segment that starts with a colon is a parameter")
    }

    /// Random patterns, filled segment by segment as the pattern reads.
    @Test("A link is its pattern with each parameter's segment replaced, on random patterns")
    func randomPatterns() {
        let pieces = ["partnerships", ":id", "", "x:y", "a-b", ":table", "trends.csv"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var segments = (0..<Int.random(in: 1...7, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            while segments.filter({ $0.hasPrefix(":") }).count > 3 { segments.removeAll { $0.hasPrefix(":") } }
            let pattern = segments.joined(separator: "/")
            let values = segments.filter { $0.hasPrefix(":") }.indices.map { "v\($0)" }
            var remaining = values[...]
            let expected = segments.map { $0.hasPrefix(":") ? remaining.removeFirst() : $0 }.joined(separator: "/")
            let route = Route(pattern)
            let link =
                switch values.count {
                case 0: route()
                case 1: route(values[0])
                case 2: route(values[0], values[1])
                default: route(values[0], values[1], values[2])
                }
            #expect(link == expected, "\(pattern)")
        }
    }
}
