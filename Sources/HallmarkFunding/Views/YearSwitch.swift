import HallmarkDomain
import HallmarkKit
import Plot

/// The financial year a money page shows, with a box to choose another and links to the years
/// either side.
enum YearSwitch {
    static func node(_ route: Route, _ p: Partnership, _ year: FinancialYear) -> Node<HTML.BodyContext> {
        .group(
            .form(
                .method(.get), .action(route(p.id)), .class("inline-form"),
                Forms.text(Forms.Field(name: "year", label: "Financial year", hint: "For example 2026/27"), value: year.description),
                .button(.type(.submit), .class("button secondary"), "Show")),
            .p(
                .a(.href(route(p.id) + "?year=\(year.previous)"), .plainText("\(year.previous)")), .plainText(" · "),
                .a(.href(route(p.id) + "?year=\(year.next)"), .plainText("\(year.next)"))))
    }
}
