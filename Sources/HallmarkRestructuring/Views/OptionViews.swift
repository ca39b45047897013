import HallmarkDomain
import HallmarkKit
import HallmarkMeetings
import Plot

/// One option of a review: its words, and its structure to edit (partnerships and their
/// districts, boards with their seats, themes). The figures are on the review's page.
package enum OptionView {
    package struct Model {
        package let county: Partnership
        package let review: ArrangementReview
        package let option: ArrangementOption
        package let area: [District]
        package let organisations: [Organisation]
        package let canEdit: Bool
        /// The partnership and the board the forms are filled from (`?partnership=1`, `?place=p0&board=2`).
        package let editingPartnership: Int?
        package let editingBoard: (place: BoardPlace, index: Int)?
    }

    package static func render(_ m: Model, form: FormModel, layout: Layout) -> String {
        let o = m.option, s = o.structure
        let names = Dictionary(m.organisations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(m.review.title): option")),
            .h1(.plainText(o.name)),
            .p(.a(.href(Site.arrangementReview(m.county.id, m.review.id) + "#comparison"), "See this option’s figures beside the others")),
            ReviewView.words(o) { .h2("Summary, strengths, weaknesses and risks") },
            .if(m.canEdit, wordsForm(m, form: form, csrf: layout.csrfToken)),
            .h2(.id("county-level"), "County level"),
            boards(m, s.countyBoards, at: .county, names: names, csrf: layout.csrfToken),
            .h2(.id("partnerships"), "Partnerships"),
            .if(s.partnerships.isEmpty, .p("No partnership in this option yet.")),
            .forEach(Array(s.partnerships.enumerated())) { n, proposed in
                .group(
                    .h3(.plainText(proposed.name)),
                    .p(.plainText("Covers \(proposed.districts.isEmpty ? "no district yet" : proposed.districts.map(\.name).joined(separator: ", ")).")),
                    .if(
                        m.canEdit,
                        .group(
                            .p(.a(.href("?partnership=\(n)#partnership-form"), .plainText("Change the name or districts of \(proposed.name)"))),
                            .form(
                                .class("inline-form"), .method(.post), .action(Site.arrangementOptionPartnerships(m.county.id, m.review.id, o.id)), Forms.csrf(layout.csrfToken),
                                .input(.type(.hidden), .name("action"), .value("remove")), .input(.type(.hidden), .name("index"), .value("\(n)")),
                                .button(.type(.submit), .class("link-button"), .plainText("Remove \(proposed.name) from this option"))))),
                    boards(m, proposed.boards, at: .partnership(n), names: names, csrf: layout.csrfToken))
            },
            .if(m.canEdit, partnershipForm(m, form: form, csrf: layout.csrfToken)),
            .if(m.canEdit, boardForm(m, form: form, csrf: layout.csrfToken)),
            .h2(.id("themes"), "Themes"),
            DataTable(
                caption: "Themes in this option", headers: ["Theme", "Decided by", "Advised by"] + (m.canEdit ? ["Remove"] : []),
                rows: s.themes.enumerated().map { n, t in
                    [.plainText(t.name), .plainText(t.decides.label), .plainText(t.advises.label)]
                        + (m.canEdit
                            ? [
                                .form(
                                    .class("inline-form"), .method(.post), .action(Site.arrangementOptionThemes(m.county.id, m.review.id, o.id)), Forms.csrf(layout.csrfToken),
                                    .input(.type(.hidden), .name("action"), .value("remove")), .input(.type(.hidden), .name("index"), .value("\(n)")),
                                    .button(.type(.submit), .class("link-button"), .plainText("Remove \(t.name)")))
                            ] : [])
                }, empty: "No theme set out: each partnership decides its own."
            ).node,
            .if(m.canEdit, themeForm(m, form: form, csrf: layout.csrfToken)))
    }

    static func boards(_ m: Model, _ boards: [ProposedBoard], at place: BoardPlace, names: [RecordID<Organisation>: String], csrf: String) -> Node<HTML.BodyContext> {
        DataTable(
            caption: place == .county ? "Boards and groups at county level" : "Boards and groups of \(m.option.structure.partnerships[placeIndex(place)].name)",
            headers: ["Board or group", "Meets", "Hours a meeting", "Seats"] + (m.canEdit ? ["Change", "Remove"] : []),
            rows: boards.enumerated().map { n, b in
                [
                    .plainText(b.name), .plainText(b.frequency.label), .plainText(ComparisonTables.plain(b.hours)),
                    .plainText(
                        b.seats.isEmpty ? "None yet" : b.seats.map { "\(names[$0.organisationID] ?? "Organisation \($0.organisationID)") \($0.count)" }.joined(separator: "; ")),
                ]
                    // Each in a cell of its own: two targets in one cell sit too close for a finger.
                    + (m.canEdit
                        ? [
                            .a(.href("?place=\(place.raw)&board=\(n)#board-form"), .plainText("Change \(b.name)")),
                            .form(
                                .class("inline-form"), .method(.post), .action(Site.arrangementOptionBoards(m.county.id, m.review.id, m.option.id)), Forms.csrf(csrf),
                                .input(.type(.hidden), .name("action"), .value("remove")), .input(.type(.hidden), .name("place"), .value(place.raw)),
                                .input(.type(.hidden), .name("board"), .value("\(n)")),
                                .button(.type(.submit), .class("link-button"), .plainText("Remove \(b.name)"))),
                        ] : [])
            }, empty: "No board or group."
        ).node
    }

    static func placeIndex(_ place: BoardPlace) -> Int {
        if case .partnership(let n) = place { return n }
        return 0
    }

    static func wordsForm(_ m: Model, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        let o = m.option
        return .details(
            .summary("Change the name, summary, strengths, weaknesses and risks"),
            .form(
                .method(.post), .action(Site.arrangementOptionWords(m.county.id, m.review.id, o.id)), .novalidate(), Forms.csrf(csrf),
                Forms.text(form.field("name", "Name"), value: form["name"] ?? o.name),
                Forms.textArea(form.field("summary", "Summary"), value: form["summary"] ?? o.summary),
                Forms.textArea(form.field("strengths", "Strengths"), value: form["strengths"] ?? o.strengths),
                Forms.textArea(form.field("weaknesses", "Weaknesses"), value: form["weaknesses"] ?? o.weaknesses),
                Forms.textArea(form.field("risks", "Risks"), value: form["risks"] ?? o.risks),
                Forms.submit("Save")))
    }

    static func partnershipForm(_ m: Model, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        let editing = m.editingPartnership.flatMap { m.option.structure.partnerships.indices.contains($0) ? m.option.structure.partnerships[$0] : nil }
        let ticked = Set((editing?.districts ?? []).map(\.code.value))
        let failed = form.failure != nil && (form.input["which_form"] == "partnership" || form.input["partnership_name"] != nil)
        return .group(
            .h3(.id("partnership-form"), .plainText(editing.map { "Change \($0.name)" } ?? "Add a partnership")),
            .form(
                .method(.post), .action(Site.arrangementOptionPartnerships(m.county.id, m.review.id, m.option.id)), .novalidate(), Forms.csrf(csrf),
                .input(.type(.hidden), .name("which_form"), .value("partnership")),
                .unwrap(m.editingPartnership.flatMap { editing == nil ? nil : $0 }) { .input(.type(.hidden), .name("index"), .value("\($0)")) },
                Forms.text(form.field("partnership_name", "Name of the partnership"), value: failed ? form["partnership_name"] : editing?.name),
                .fieldset(
                    .element(named: "legend", plainText: "Districts it covers (a district ticked here leaves any other partnership of this option)"),
                    .unwrap(form.failure?.message(for: "districts")) { .p(.class("error-message"), .id("districts"), .plainText($0)) },
                    .forEach(m.area) { d in
                        let field = "district-\(d.code.value)"
                        return Forms.checkbox(Forms.Field(name: field, label: d.name), checked: failed ? RestructuringForms.ticked(form[field]) : ticked.contains(d.code.value))
                    }),
                Forms.submit(editing == nil ? "Add the partnership" : "Save the partnership")))
    }

    static func boardForm(_ m: Model, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        let s = m.option.structure
        let editing = m.editingBoard.flatMap { e in s.boards(at: e.place).flatMap { $0.indices.contains(e.index) ? $0[e.index] : nil } }
        let seats = Dictionary((editing?.seats ?? []).map { ($0.organisationID, $0.count) }, uniquingKeysWith: +)
        let failed = form.failure != nil && (form.input["which_form"] == "board" || form.input["board_name"] != nil)
        func value(_ name: String, _ current: String?) -> String? { failed ? form[name] : current }
        let places = [(value: "county", label: "County level")] + s.partnerships.enumerated().map { (value: "p\($0.offset)", label: $0.element.name) }
        return .group(
            .h3(.id("board-form"), .plainText(editing.map { "Change \($0.name)" } ?? "Add a board or group")),
            .form(
                .method(.post), .action(Site.arrangementOptionBoards(m.county.id, m.review.id, m.option.id)), .novalidate(), Forms.csrf(csrf),
                .input(.type(.hidden), .name("which_form"), .value("board")),
                .unwrap(editing == nil ? nil : m.editingBoard) { e in .input(.type(.hidden), .name("board"), .value("\(e.index)")) },
                Forms.select(form.field("place", "Where it sits"), options: places, selected: value("place", m.editingBoard?.place.raw)),
                Forms.text(form.field("board_name", "Name of the board or group"), value: value("board_name", editing?.name)),
                Forms.select(
                    form.field("frequency", "Meets"), options: Forms.options(Frequency.self) { $0.label }, selected: value("frequency", editing?.frequency.rawValue ?? "quarterly")),
                Forms.text(form.field("hours", "Hours a meeting", hint: "For example: 2 or 1.5"), value: value("hours", editing.map { ComparisonTables.plain($0.hours) } ?? "2")),
                .fieldset(
                    .element(named: "legend", plainText: "Seats for each organisation (deputies are not seats; leave empty for none)"),
                    .forEach(m.organisations) { o in
                        let field = "seats-\(o.id.rawValue)"
                        return Forms.text(form.field(field, o.name), value: value(field, seats[o.id].map { "\($0)" }), type: .number)
                    }),
                Forms.submit(editing == nil ? "Add the board" : "Save the board")))
    }

    static func themeForm(_ m: Model, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .group(
            .h3("Add a theme"),
            .form(
                .method(.post), .action(Site.arrangementOptionThemes(m.county.id, m.review.id, m.option.id)), .novalidate(), Forms.csrf(csrf),
                Forms.text(form.field("theme", "Theme", hint: "For example: Domestic abuse"), value: form["theme"]),
                Forms.select(
                    form.field("decides", "Decided by"), options: Level.allCases.filter { $0 != .none }.map { (value: $0.rawValue, label: $0.label) },
                    selected: form["decides"] ?? "county"),
                Forms.select(form.field("advises", "Advised by"), options: Forms.options(Level.self) { $0.label }, selected: form["advises"] ?? "partnership"),
                Forms.submit("Add the theme")))
    }
}
