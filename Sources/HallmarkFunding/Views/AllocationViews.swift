import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Plot

/// The allocations page: the statements saved, and the form that previews a new one with its workings.
package enum AllocationsView {
    package static func render(
        _ p: Partnership, children: [Partnership], versions: [RecordVersion], form: FormModel, preview: Allocation?, comparison: AllocationComparison? = nil,
        note: String? = nil, canAllocate: Bool,
        layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Allocations"),
            .p(
                "How a grant (the PCC’s community safety grant, say) is shared among the partnerships beneath this one. Each allocation adds up to the pot to the penny, and shows its workings."
            ),
            DataTable(
                caption: "Allocation statements, latest first", headers: ["Statement", "Status", "Saved"],
                rows: versions.map { v in
                    [
                        .a(.href(Site.allocationVersion(p.id, v.id)), .plainText(v.title)), .plainText(v.isApproved ? "Approved at \(v.approvedAtMeeting ?? "")" : "Draft"),
                        .plainText(
                            "\(Format.timestamp(Date(timeIntervalSince1970: Double(v.createdAt)))) by \(Format.author(v.createdBy))"
                        ),
                    ]
                }, empty: "None saved yet."
            ).node,
            .p(.a(.href(Site.reconciliation(p.id)), "Check that a statement adds up (paste it from a spreadsheet)")),
            .unwrap(preview) { allocation in
                .section(.id("preview"), .h2("Preview"), table(allocation), workings(allocation), .unwrap(comparison) { sideBySide($0) })
            },
            .if(canAllocate && children.isEmpty, .p("There are no partnerships beneath this one to allocate to.")),
            .if(
                canAllocate && !children.isEmpty,
                .group(
                    .h2("Work out an allocation"),
                    .unwrap(note) { .p(.class("hint"), .plainText($0)) },
                    .form(
                        .method(.post), .action(Site.allocationPreview(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        Forms.text(form.field("year", "Financial year", hint: "For example 2026/27"), value: form["year"]),
                        Forms.text(form.field("pot", "Pot to share", hint: "In pounds, for example £275,000"), value: form["pot"]),
                        Forms.select(form.field("method", "Method"), options: Forms.options(AllocationRequest.Method.self) { $0.label }, selected: form["method"]),
                        Forms.text(form.field("basis", "What the earlier amounts were", hint: "For pro rata: for example “the 2025/26 allocation”"), value: form["basis"]),
                        Forms.text(
                            form.field("floor", "Floor for each partnership", hint: "Needs-based only: the least any partnership gets; leave empty for none"), value: form["floor"]),
                        Forms.text(form.field("weight_population", "Weight of population", hint: "Needs-based only: 0 to 100"), value: form["weight_population"]),
                        Forms.text(form.field("weight_crime", "Weight of recorded crime", hint: "Needs-based only: 0 to 100"), value: form["weight_crime"]),
                        Forms.text(
                            form.field("weight_harm", "Weight of harm-weighted crime", hint: "Needs-based only: 0 to 100; leave empty or 0 not to use it"),
                            value: form["weight_harm"]),
                        Forms.text(
                            form.field("indicator_name", "Your own indicator", hint: "Needs-based only, optional: for example “Index of Multiple Deprivation score”"),
                            value: form["indicator_name"]),
                        Forms.text(
                            form.field("weight_indicator", "Weight of your indicator", hint: "0 to 100; leave empty or 0 not to use it"), value: form["weight_indicator"]),
                        .forEach(children) { child in
                            .fieldset(
                                .element(named: "legend", plainText: child.name),
                                Forms.text(form.field("previous_\(child.id)", "Earlier amount"), value: form["previous_\(child.id)"]),
                                Forms.text(form.field("population_\(child.id)", "Population"), value: form["population_\(child.id)"]),
                                Forms.text(form.field("crime_\(child.id)", "Recorded crime in the year"), value: form["crime_\(child.id)"]),
                                Forms.text(form.field("harm_\(child.id)", "Harm-weighted crime in the year"), value: form["harm_\(child.id)"]),
                                Forms.text(form.field("indicator_\(child.id)", "Your indicator’s value"), value: form["indicator_\(child.id)"]))
                        },
                        .button(.type(.submit), .class("button secondary"), "Preview"),
                        .if(
                            preview != nil,
                            .button(
                                .type(.submit), .class("button"), .attribute(named: "formaction", value: Site.allocations(p.id)), "Save as a draft statement"))))))
    }

    package static func table(_ a: Allocation) -> Node<HTML.BodyContext> {
        DataTable(
            caption: "\(a.method): \(a.pot) shared", headers: ["Partnership", "Earlier", "Share", "Exact", "Allocation", "Change", "Change %"],
            rows: a.lines.map { line in
                [
                    .plainText(line.recipient.name + (line.raisedToFloor ? " (raised to the floor)" : "")), .plainText(line.previous?.exact ?? "–"),
                    .plainText(String(format: "%.4f%%", line.share * 100)), .plainText(exactPounds(line.exactPence)), .plainText(line.amount.exact),
                    .plainText(line.change.map(Format.change) ?? "–"),
                    .plainText(line.changePercent.map(Format.percentChange) ?? "–"),
                ]
            } + [total(a)]
        ).node
    }

    /// An amount before rounding to the penny, in pounds to four places (£44,143.4263), so that
    /// a reader sees which way it was rounded.
    static func exactPounds(_ pence: Double) -> String {
        let tenThousandths = Int64((pence * 100).rounded())
        let whole = Money(pence: tenThousandths / 10_000 * 100).description
        return whole + String(format: ".%04d", Int(tenThousandths % 10_000))
    }

    /// The total row: the pot, and the earlier amounts and the change where every line has them.
    static func total(_ a: Allocation) -> [Node<HTML.BodyContext>] {
        let earlier = a.lines.allSatisfy { $0.previous != nil } ? a.lines.compactMap(\.previous).reduce(.zero, +) : nil
        let change = earlier.map { a.total - $0 }
        return [
            .strong("Total"), earlier.map { .strong(.plainText($0.exact)) } ?? .plainText(""), .strong("100%"), .plainText(""), .strong(.plainText(a.total.exact)),
            change.map { .strong(.plainText(Format.change($0))) } ?? .plainText(""),
            .strong(.plainText(earlier.flatMap { e in e.pence == 0 ? nil : Format.percentChange(Double(a.total.pence - e.pence) * 100 / Double(e.pence)) } ?? "")),
        ]
    }

    /// The preview beside earlier years and the other method, with its change from the latest approved.
    package static func sideBySide(_ c: AllocationComparison) -> Node<HTML.BodyContext> {
        let base = c.baseline.map { c.columns[$0].label } ?? ""
        return .group(
            .h3("Side by side"),
            DataTable(
                caption: c.columns.count - (c.baseline.map { $0 + 1 } ?? 0) > 1 ? "The preview beside earlier years and the other method" : "The preview beside earlier years",
                headers: ["Partnership"] + c.columns.map(\.label) + (c.baseline == nil ? [] : ["Change from \(base)", "Change %"]),
                rows: c.recipients.map { r in
                    let change = c.change(r)
                    return [.plainText(r.name)] + c.columns.map { .plainText($0.amounts[r.code]?.exact ?? "–") }
                        + (c.baseline == nil
                            ? []
                            : [
                                .plainText(change.map { Format.change($0.amount) } ?? "–"),
                                .plainText(change?.percent.map(Format.percentChange) ?? "–"),
                            ])
                } + [[.strong("Total")] + c.columns.map { .strong(.plainText($0.total.exact)) } + (c.baseline == nil ? [] : [.plainText(""), .plainText("")])]
            ).node)
    }

    package static func workings(_ a: Allocation) -> Node<HTML.BodyContext> {
        .group(.h3("Workings"), .ol(.forEach(a.workings) { .li(.plainText($0)) }))
    }
}

/// The allocation statement: an A4 document saved with the draft and shown with its approval.
package enum AllocationStatement {
    static let sections = [("allocation", "Allocation"), ("workings", "Workings"), ("inputs", "What it was worked out from")]

    package static func html(_ p: Partnership, _ request: AllocationRequest, _ a: Allocation, status: String, fingerprint: String) -> String {
        let document = A4Document(
            title: "\(p.name): allocation for \(request.year)", kicker: "Allocation statement", marginTitle: "\(p.name): allocation \(request.year)", status: status,
            fingerprint: fingerprint, sections: sections)
        let inputs: Node<HTML.BodyContext> =
            request.method == .proRata
            ? DataTable(
                caption: "Earlier amounts (\(request.basis))", headers: ["Partnership", "Amount"],
                rows: zip(request.recipients, request.previous).map { [.plainText($0.name), .plainText($1?.exact ?? "–")] }
            ).node
            : DataTable(
                caption: "Indicators (weights: " + request.indicators.map { "\($0.name.lowercased()) \(Allocating.plain($0.weight))" }.joined(separator: ", ")
                    + "; floor \(request.floor))",
                headers: ["Partnership"] + request.indicators.map(\.name),
                rows: request.recipients.indices.map { n in
                    [.plainText(request.recipients[n].name)] + request.indicators.map { .plainText(String(format: "%.0f", $0.values[n])) }
                }
            ).node
        return document.render([
            document.section(
                "allocation", [.p(.plainText("\(request.year): \(a.pot) shared among \(a.lines.count) partnerships, \(a.method.lowercased()).")), AllocationsView.table(a)]),
            document.section("workings", [.ol(.forEach(a.workings) { .li(.plainText($0)) })]),
            document.section("inputs", [inputs]),
        ])
    }
}

extension AllocationStatement {
    /// The statement's lines as CSV: partnership, code, earlier amount, share, exact, allocation, change.
    package static func csv(_ a: Allocation) -> CSVDocument {
        CSVDocument(
            headers: ["partnership", "code", "earlier", "share", "exact_pence", "allocation", "change", "raised_to_floor"],
            rows: a.lines.map { line in
                [
                    line.recipient.name, line.recipient.code, line.previous?.plain ?? "", String(format: "%.6f", line.share), String(format: "%.2f", line.exactPence),
                    line.amount.plain, line.change?.plain ?? "", line.raisedToFloor ? "yes" : "no",
                ]
            } + [["Total", "", "", "", "", a.total.plain, "", ""]])
    }
}

/// Checking a statement pasted from a spreadsheet against its stated totals.
package enum ReconciliationView {
    package static func render(_ p: Partnership, form: FormModel, found: [Discrepancy]?, totals: Int, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Check that a statement adds up"),
            .p(
                "Copy the table from the spreadsheet and save it as CSV, or paste it below. The first row names the columns (years or quarters); a row with no label, or a label beginning “Total”, is a stated total of the lines above it since the last heading or total; a column named “Total” is checked against each row. Every difference is shown to the penny."
            ),
            .unwrap(found) { found in
                found.isEmpty
                    ? .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.plainText("It adds up: all \(totals) stated totals equal the sums of their lines.")))
                    : .group(
                        .div(
                            .class("warning"), .attribute(named: "role", value: "status"),
                            .p(.plainText("\(found.count) stated total\(found.count == 1 ? " does" : "s do") not add up."))),
                        DataTable(
                            caption: "Totals that do not add up", headers: ["Row", "Line", "Column", "Stated", "Sum of lines", "Rows summed", "Difference"],
                            rows: found.map { d in
                                [
                                    .plainText("\(d.row)"), .plainText(d.label), .plainText(d.column), .plainText(d.stated.exact), .plainText(d.sum.exact),
                                    .plainText("\(d.lines.lowerBound)–\(d.lines.upperBound)"),
                                    .plainText(Format.change(d.difference)),
                                ]
                            }
                        ).node)
            },
            .form(
                .method(.post), .action(Site.reconciliation(p.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.textArea(form.field("statement", "The statement as CSV"), value: form["statement"]),
                Forms.submit("Check")))
    }
}
