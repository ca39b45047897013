import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkMeetings
import HallmarkStore
import Plot

/// The county's reviews of its partnership arrangements, and the mergers that follow them.
package enum ReviewListView {
    package static func render(
        _ county: Partnership, reviews: [ArrangementReview], mergers: [(Merger, String)], canEdit: Bool, form: FormModel, layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(county.name)),
            .h1("Reviews of partnership arrangements"),
            .p(
                "Each review sets options for the area’s partnerships side by side, with the meetings partners must staff, coterminosity, population, crime and funding computed from what Hallmark holds, and the strengths, weaknesses, risks and stakeholders’ positions beside them."
            ),
            DataTable(
                caption: "Reviews", headers: ["Review", "Opened"],
                rows: reviews.map { [.a(.href(Site.arrangementReview(county.id, $0.id)), .plainText($0.title)), .plainText($0.openedOn.long)] },
                empty: "No review opened yet."
            ).node,
            .if(
                canEdit,
                .group(
                    .h2("Open a review"),
                    .form(
                        .method(.post), .action(Site.arrangementReviews(county.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(form.field("title", "Title", hint: "For example: Review of community safety partnership working 2027"), value: form["title"]),
                        Forms.submit("Open the review")))),
            .h2(.id("mergers"), "Mergers"),
            DataTable(
                caption: "Mergers and demergers", headers: ["Merger", "Takes effect", "Where it stands"],
                rows: mergers.map { m, stage in
                    [
                        .a(.href(Site.merger(county.id, m.id)), .plainText("\(m.kind) into \(Wording.list(m.successors.map(\.name)))")), .plainText(m.effectiveOn.long),
                        .plainText(stage),
                    ]
                }, empty: "No merger proposed."
            ).node,
            .p(.a(.href(Site.mergers(county.id)), canEdit ? "Propose a merger, or follow one through its steps" : "Mergers and their steps")))
    }
}

package enum ReviewView {
    package struct Model {
        package let county: Partnership
        package let review: ArrangementReview
        package let comparison: RestructuringService.Comparison
        package let positions: [StakeholderPosition]
        package let canEdit: Bool
        package let today: CalendarDate
        /// The appraisal papers saved for the board, latest first.
        package let versions: [RecordVersion]

        package init(
            county: Partnership, review: ArrangementReview, comparison: RestructuringService.Comparison, positions: [StakeholderPosition], canEdit: Bool,
            today: CalendarDate, versions: [RecordVersion] = []
        ) {
            self.county = county
            self.review = review
            self.comparison = comparison
            self.positions = positions
            self.canEdit = canEdit
            self.today = today
            self.versions = versions
        }
    }

    package static func render(_ m: Model, form: FormModel, layout: Layout) -> String {
        let c = m.comparison, p = m.county, r = m.review
        let tables = ComparisonTables.all(c, positions: m.positions)
        func table(_ name: String) -> Node<HTML.BodyContext> {
            tables.first { $0.name == name }!.node(csv: Site.arrangementReviewCSV(p.id, r.id, "\(name).csv"))
        }
        let recommended = c.options.first { $0.id == r.recommendedOptionID }
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(p.name): review of arrangements, opened \(r.openedOn.long)")),
            .h1(.plainText(r.title)),
            .p(
                .a(.class("button"), .href(Site.arrangementReviewAppraisal(p.id, r.id)), "The appraisal paper, to print"), " ",
                .a(.href(Site.arrangementReviewAppraisalPDF(p.id, r.id)), "as PDF")),
            DataTable(
                caption: "Appraisal papers saved for the board", headers: ["Saved", "Status"],
                rows: m.versions.map { v in
                    [
                        .a(.href(Site.appraisalVersion(p.id, r.id, v.id)), .plainText(Format.timestamp(Date(timeIntervalSince1970: TimeInterval(v.createdAt))))),
                        .plainText(v.isApproved ? "Approved at \(v.approvedAtMeeting ?? "a meeting")" : "Draft"),
                    ]
                }, empty: "None saved yet."
            ).node,
            .if(
                m.canEdit,
                .form(
                    .method(.post), .action(Site.appraisalVersions(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                    Forms.text(
                        form.field("for_meeting", "The meeting it goes to", hint: "For example: County Strategy Board, 14 December 2026"), value: form["for_meeting"]),
                    Forms.submit("Save the appraisal as it reads now"))),
            .p(
                .plainText(
                    "The area: \(c.area.map(\.name).joined(separator: ", ")). Today’s structure is read from the register and the meetings as they stand; crime and population "
                        + (c.facts.period.map { "cover \($0)." } ?? "are not held yet, so those figures are zero."))),
            .h2(.id("options"), "The options"),
            DataTable(
                caption: "Options", headers: ["Option", "Summary"],
                rows: [[.plainText("Today"), .plainText("The partnerships, boards and groups as they stand.")]]
                    + c.options.map { o in [.a(.href(Site.arrangementOption(p.id, r.id, o.id)), .plainText(o.name)), .plainText(o.summary)] }
            ).node,
            .if(m.canEdit, newOption(p, r, form: form, csrf: layout.csrfToken)),
            .h2(.id("comparison"), "Side by side"),
            table("options"),
            .h2(.id("meetings"), "Meetings partners must staff"),
            .p(
                "Each seat’s hours are the meeting’s length times the meetings a year; a deputy sits in a member’s place and adds none. A board or group with no terms of reference agreed counts as meeting quarterly, and one that has held no meeting as meeting for two hours. The last column is the time actually given to today’s boards in the last twelve months, from the attendance recorded."
            ),
            table("hours"), table("types"),
            .h2(.id("need"), "Population, crime and boundaries"),
            table("partnerships"), table("coterminosity"),
            .h2(.id("funding"), "Funding"),
            .p(.plainText(formulaWords(r.formula))),
            table("funding"),
            .if(m.canEdit, formulaForm(p, r, form: form, csrf: layout.csrfToken)),
            .h2(.id("themes"), "Themes"), table("themes"),
            .h2(.id("assessment"), "Strengths, weaknesses and risks"),
            .forEach(c.options) { o in words(o, heading: { .h3(.plainText(o.name)) }) },
            .h2(.id("positions"), "Stakeholders’ positions"),
            table("positions"),
            .if(m.canEdit, positionForm(p, r, c.options, form: form, csrf: layout.csrfToken)),
            .h2(.id("recommended"), "Recommendation"),
            recommended.map { o in .p(.strong(.plainText("Recommended: \(o.name).")), " ", .plainText(r.recommendation)) } ?? .p("No option recommended yet."),
            .if(m.canEdit && !c.options.isEmpty, recommendationForm(p, r, c.options, form: form, csrf: layout.csrfToken)))
    }

    package static func formulaWords(_ f: ReviewFormula) -> String {
        "A pot of \(f.pot) shared by the needs formula of the funding pages: population (weight \(ComparisonTables.plain(f.populationWeight))), recorded crime (\(ComparisonTables.plain(f.crimeWeight))) and harm-weighted crime (\(ComparisonTables.plain(f.harmWeight))), with a floor of \(f.floor) for each partnership."
    }

    package static func words(_ o: ArrangementOption, heading: () -> Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        .group(
            heading(),
            Paragraphs.node(o.summary),
            SummaryList(items: [
                ("Strengths", .plainText(o.strengths.isEmpty ? "Not recorded" : o.strengths)), ("Weaknesses", .plainText(o.weaknesses.isEmpty ? "Not recorded" : o.weaknesses)),
                ("Risks", .plainText(o.risks.isEmpty ? "Not recorded" : o.risks)),
            ]).node)
    }

    static func newOption(_ p: Partnership, _ r: ArrangementReview, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .details(
            .summary("Add an option"),
            .form(
                .method(.post), .action(Site.arrangementOptions(p.id, r.id)), .novalidate(), Forms.csrf(csrf),
                Forms.text(form.field("name", "Name", hint: "For example: Two CSPs, north and south"), value: form["name"]),
                Forms.textArea(form.field("summary", "Summary"), value: form["summary"]),
                Forms.select(
                    form.field("start", "Start from"), options: Forms.options(RestructuringForms.Start.self) { $0.label }, selected: form["start"] ?? "today"),
                Forms.submit("Add the option")))
    }

    static func formulaForm(_ p: Partnership, _ r: ArrangementReview, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        let f = r.formula
        func value(_ name: String, _ current: String) -> String { form[name] ?? current }
        return .group(
            .h3("Change the formula"),
            .form(
                .method(.post), .action(Site.arrangementReviewFormula(p.id, r.id)), .novalidate(), Forms.csrf(csrf),
                Forms.text(form.field("pot", "Pot", hint: "In pounds"), value: value("pot", f.pot.description)),
                Forms.text(form.field("floor", "Floor for each partnership"), value: value("floor", f.floor.description)),
                Forms.text(
                    form.field("weight_population", "Weight of population", hint: "0 to 100"), value: value("weight_population", ComparisonTables.plain(f.populationWeight))),
                Forms.text(form.field("weight_crime", "Weight of recorded crime"), value: value("weight_crime", ComparisonTables.plain(f.crimeWeight))),
                Forms.text(form.field("weight_harm", "Weight of harm-weighted crime"), value: value("weight_harm", ComparisonTables.plain(f.harmWeight))),
                Forms.submit("Save the formula")))
    }

    static func optionChoices(_ options: [ArrangementOption]) -> [(value: String, label: String)] {
        options.map { (value: "\($0.id.rawValue)", label: $0.name) }
    }

    static func positionForm(_ p: Partnership, _ r: ArrangementReview, _ options: [ArrangementOption], form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .group(
            .h3("Record a position"),
            .form(
                .method(.post), .action(Site.arrangementReviewPositions(p.id, r.id)), .novalidate(), Forms.csrf(csrf),
                Forms.text(form.field("stakeholder", "Stakeholder", hint: "An organisation, or a named post"), value: form["stakeholder"]),
                Forms.select(form.field("favours", "Favours"), options: optionChoices(options), selected: form["favours"], blank: "No option"),
                Forms.textArea(form.field("position", "Their position"), value: form["position"]),
                Forms.text(form.field("source", "Source", hint: "For example: letter from the Chief Executive"), value: form["source"]),
                Forms.text(form.field("stated_on", "Stated on", hint: "Like 2026-11-02"), value: form["stated_on"]),
                Forms.submit("Record the position")))
    }

    static func recommendationForm(_ p: Partnership, _ r: ArrangementReview, _ options: [ArrangementOption], form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .group(
            .h3("Recommend an option"),
            .form(
                .method(.post), .action(Site.arrangementReviewRecommendation(p.id, r.id)), .novalidate(), Forms.csrf(csrf),
                Forms.select(
                    form.field("option", "Recommended option"), options: optionChoices(options), selected: form["option"] ?? r.recommendedOptionID.map { "\($0.rawValue)" },
                    blank: "Choose"),
                Forms.textArea(form.field("recommendation", "Reasons"), value: form["recommendation"] ?? (r.recommendation.isEmpty ? nil : r.recommendation)),
                Forms.submit("Save the recommendation")))
    }
}
