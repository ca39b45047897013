import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import Plot

/// Mergers and demergers: proposed, then taken through their steps to the effective date.
package enum MergerView {
    package static func list(
        _ county: Partnership, mergers: [MergerProgress], partnerships: [(partnership: Partnership, districts: [District])], names: [RecordID<Partnership>: String],
        canEdit: Bool, form: FormModel, layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(county.name)),
            .h1("Mergers"),
            .p(
                "CSPs merge, or one divides, only with the written agreement of every responsible authority and the Police and Crime Commissioner’s approval (and the Secretary of State’s when the partnerships lie in more than one police force area). Nothing changes until every step is done and the effective date has come; then the new partnership exists, and the old ones stay readable as history."
            ),
            DataTable(
                caption: "Mergers and demergers", headers: ["Merger", "Of", "Takes effect", "Where it stands"],
                rows: mergers.map { g in
                    [
                        .a(.href(Site.merger(county.id, g.merger.id)), .plainText("\(g.merger.kind) into \(Wording.list(g.merger.successors.map(\.name)))")),
                        .plainText(Wording.list(g.merger.sources.map { names[$0] ?? "Partnership \($0)" })), .plainText(g.merger.effectiveOn.long), .plainText(g.stage),
                    ]
                }, empty: "No merger proposed."
            ).node,
            .if(canEdit, proposal(county, partnerships, form: form, csrf: layout.csrfToken)),
            .p(.a(.href(Site.arrangementReviews(county.id)), "Reviews of partnership arrangements")))
    }

    static func proposal(_ county: Partnership, _ partnerships: [(partnership: Partnership, districts: [District])], form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        let districts = partnerships.flatMap(\.districts)
        func ticks(_ prefix: String) -> Node<HTML.FormContext> {
            .forEach(districts) { d in
                Forms.checkbox(Forms.Field(name: "\(prefix)-\(d.code.value)", label: d.name), checked: RestructuringForms.ticked(form["\(prefix)-\(d.code.value)"]))
            }
        }
        return .group(
            .h2("Propose a merger"),
            .form(
                .method(.post), .action(Site.mergers(county.id)), .novalidate(), Forms.csrf(csrf),
                .fieldset(
                    .element(named: "legend", plainText: "The partnerships that merge (or the one that divides)"),
                    .unwrap(form.failure?.message(for: "sources")) { .p(.class("error-message"), .id("sources"), .plainText($0)) },
                    .forEach(partnerships) { p in
                        Forms.checkbox(
                            Forms.Field(name: "source-\(p.partnership.id.rawValue)", label: "\(p.partnership.name) (\(p.districts.map(\.name).joined(separator: ", ")))"),
                            checked: RestructuringForms.ticked(form["source-\(p.partnership.id.rawValue)"]))
                    }),
                Forms.text(form.field("name", "Name of the new partnership"), value: form["name"]),
                Forms.text(form.field("ons_code", "Its ONS code", hint: "The code ONS gives the new CSP, like E22000999"), value: form["ons_code"]),
                .fieldset(
                    .element(named: "legend", plainText: "Dividing a partnership into two instead"),
                    .p("Name the second partnership, then tick each one’s districts. Leave this empty for a merger: the new partnership covers every district."),
                    .fieldset(.element(named: "legend", plainText: "Districts of the first new partnership"), ticks("district")),
                    Forms.text(form.field("name_2", "Name of the second new partnership"), value: form["name_2"]),
                    Forms.text(form.field("ons_code_2", "Its ONS code"), value: form["ons_code_2"]),
                    .fieldset(.element(named: "legend", plainText: "Districts of the second new partnership"), ticks("district_2"))),
                Forms.select(
                    form.field("members", "The members of the old boards"), options: Forms.options(PartnershipSuccession.Members.self) { $0.label },
                    selected: form["members"] ?? "move"),
                Forms.select(
                    form.field("sub_groups", "Their sub-groups"), options: Forms.options(PartnershipSuccession.SubGroups.self) { $0.label },
                    selected: form["sub_groups"] ?? "move"),
                Forms.select(
                    form.field("terms", "Its terms of reference"), options: Forms.options(TermsCarry.self) { $0.label }, selected: form["terms"] ?? "copy"),
                Forms.text(form.field("effective_on", "Effective date", hint: "Usually 1 April, like 2027-04-01"), value: form["effective_on"]),
                Forms.submit("Propose the merger")))
    }

    package static func render(
        _ county: Partnership, _ g: MergerProgress, sources: [Partnership], formed: [Partnership], canEdit: Bool, today: CalendarDate, form: FormModel, layout: Layout
    ) -> String {
        let m = g.merger
        let left = g.outstanding(on: today)
        let open = m.isOpen
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(county.name): \(m.kind.lowercased())")),
            .h1(.plainText("\(m.kind) into \(Wording.list(m.successors.map(\.name)))")),
            .if(
                g.crossesForces,
                .div(
                    .class("warning"),
                    .p(
                        .strong("This crosses police force boundaries."),
                        " The partnerships lie in more than one force area, so the Secretary of State must approve it as well as the Police and Crime Commissioner."))),
            SummaryList(items: [
                ("Where it stands", .plainText(g.stage)),
                ("The partnerships", .group(sources.map { s in .a(.href(Site.partnership(s.id)), .plainText(s.name)) }.interleaved(with: .plainText("; ")))),
                (
                    "Become",
                    .plainText(m.successors.map { "\($0.name) (\($0.onsCode)), covering \($0.districts.map(\.name).joined(separator: ", "))" }.joined(separator: "; "))
                ),
                ("Members", .plainText(m.members.label)), ("Sub-groups", .plainText(m.subGroups.label)), ("Terms of reference", .plainText(m.terms.label)),
                ("Proposed", .plainText(m.proposedOn.long)), ("Takes effect", .plainText(m.effectiveOn.long)),
            ]).node,
            .if(
                !formed.isEmpty,
                .p(
                    .plainText("Completed on \(m.completedOn.map(\.long) ?? ""). "),
                    .group(formed.map { .a(.href(Site.partnership($0.id)), .plainText("Open \($0.name)")) }.interleaved(with: .plainText(" "))))),
            .h2(.id("agreements"), "Each responsible authority’s written agreement"),
            DataTable(
                caption: "Agreements", headers: ["Responsible authority", "Agreed", "Signed by", "Document"],
                rows: g.agreements.map { o, a in
                    [.plainText(o.name), .plainText(a.map { $0.on.long } ?? "Not yet"), .plainText(a?.by ?? ""), .plainText(a?.document ?? "")]
                }, empty: "The partnerships list no responsible authority."
            ).node,
            .if(canEdit && open && !g.missingAgreements.isEmpty, agreementForm(county, g, form: form, csrf: layout.csrfToken)),
            .h2(.id("approvals"), "Approvals"),
            SummaryList(
                items: [("Police and Crime Commissioner", .plainText(m.pccApproval.map(describe) ?? "Not yet"))]
                    + (g.crossesForces ? [("Secretary of State", .plainText(m.secretaryOfStateApproval.map(describe) ?? "Not yet"))] : [])
            ).node,
            .if(
                canEdit && open && (m.pccApproval == nil || (g.crossesForces && m.secretaryOfStateApproval == nil)),
                !g.agreements.isEmpty && g.missingAgreements.isEmpty
                    ? approvalForm(county, g, form: form, csrf: layout.csrfToken)
                    : .p("The Police and Crime Commissioner approves once every responsible authority has agreed.")),
            .h2(.id("completion"), "Completion"),
            open
                ? (left.isEmpty
                    ? .p("Every step is done. It completes on the effective date; you can complete it now.")
                    : .group(.p("Still needed before it can complete:"), .ul(.forEach(left) { .li(.plainText($0)) })))
                : .p(.plainText(m.withdrawnOn.map { "Withdrawn on \($0.long): \(m.withdrawnBecause ?? "")" } ?? "Completed on \(m.completedOn.map(\.long) ?? "").")),
            .if(canEdit && open, dateForm(county, m, form: form, csrf: layout.csrfToken)),
            .if(canEdit && open, withdrawForm(county, m, form: form, csrf: layout.csrfToken)),
            .if(
                canEdit && open && left.isEmpty,
                .form(
                    .method(.post), .action(Site.mergerComplete(county.id, m.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                    Forms.submit("Complete the \(m.kind.lowercased())"))),
            .p(.a(.href(Site.mergers(county.id)), "All mergers")))
    }

    static func describe(_ a: Approval) -> String { "Given on \(a.on.long) by \(a.by): \(a.document)" }

    static func agreementForm(_ county: Partnership, _ g: MergerProgress, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .group(
            .h3("Record an authority’s agreement"),
            .form(
                .method(.post), .action(Site.mergerAgreements(county.id, g.merger.id)), .novalidate(), Forms.csrf(csrf),
                Forms.select(
                    form.field("organisation", "Responsible authority"), options: g.missingAgreements.map { (value: "\($0.id.rawValue)", label: $0.name) },
                    selected: form["organisation"], blank: "Choose"),
                Forms.text(form.field("by", "Signed by", hint: "Name and post"), value: form["by"]),
                Forms.text(form.field("on", "Signed on", hint: "Like 2026-11-02"), value: form["on"]),
                Forms.text(form.field("document", "Document", hint: "Its title or reference, such as the letter or the cabinet decision"), value: form["document"]),
                Forms.submit("Record the agreement")))
    }

    static func approvalForm(_ county: Partnership, _ g: MergerProgress, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        // The next approval due: the PCC's, then (across forces) the Secretary of State's.
        let approvers: [MergerRepository.Approver] = g.merger.pccApproval == nil ? [.pcc] : [.secretaryOfState]
        return .group(
            .h3("Record an approval"),
            .form(
                .method(.post), .action(Site.mergerApprovals(g.merger.partnershipID, g.merger.id)), .novalidate(), Forms.csrf(csrf),
                Forms.select(
                    form.field("approver", "Approved by"), options: approvers.map { (value: $0.rawValue, label: $0.label) }, selected: form["approver"]),
                Forms.text(form.field("approval_by", "Signed by", hint: "Name and post"), value: form["approval_by"]),
                Forms.text(form.field("approval_on", "Signed on", hint: "Like 2026-11-02"), value: form["approval_on"]),
                Forms.text(form.field("approval_document", "Document", hint: "Its title or reference"), value: form["approval_document"]),
                Forms.submit("Record the approval")))
    }

    static func withdrawForm(_ county: Partnership, _ m: Merger, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .details(
            .summary(.plainText("Withdraw the \(m.kind.lowercased())")),
            .p("A withdrawn merger is kept on the record with the reason, and its partnerships may be proposed again."),
            .form(
                .method(.post), .action(Site.mergerWithdraw(county.id, m.id)), .novalidate(), Forms.csrf(csrf),
                Forms.textArea(form.field("because", "Why it will not go ahead"), value: form["because"]),
                Forms.submit("Withdraw it")))
    }

    static func dateForm(_ county: Partnership, _ m: Merger, form: FormModel, csrf: String) -> Node<HTML.BodyContext> {
        .details(
            .summary("Change the effective date"),
            .form(
                .method(.post), .action(Site.mergerDate(county.id, m.id)), .novalidate(), Forms.csrf(csrf),
                Forms.text(form.field("effective_on", "Effective date"), value: form["effective_on"] ?? m.effectiveOn.iso),
                Forms.submit("Change the date")))
    }
}

extension Array where Element == Node<HTML.BodyContext> {
    /// The nodes with a separator between each.
    func interleaved(with separator: Node<HTML.BodyContext>) -> [Node<HTML.BodyContext>] {
        enumerated().flatMap { $0.offset == 0 ? [$0.element] : [separator, $0.element] }
    }
}
