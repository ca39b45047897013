import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Plot

package enum PartnershipFormView {
    /// A new top-level partnership (administrators) or a sub-group of `parent`.
    package static func render(_ form: FormModel, parent: Partnership?, countyGroups: [Partnership], layout: Layout) -> String {
        let action = parent.map { Site.subGroups($0.id) } ?? Site.partnerships()
        return layout.render(
            Forms.errorSummary(form.failure),
            .h1(.plainText(parent.map { "Add a sub-group to \($0.name)" } ?? "Add a partnership")),
            .form(
                .method(.post), .action(action), .novalidate(),
                Forms.csrf(layout.csrfToken),
                .if(
                    parent == nil,
                    Forms.select(
                        form.field("kind", "Kind of partnership"),
                        options: [PartnershipKind.communitySafetyPartnership, .countyStrategyGroup].map { ($0.rawValue, $0.label) },
                        selected: form["kind"], blank: "Choose a kind")),
                .unwrap(parent) { _ in .input(.type(.hidden), .name("kind"), .value(PartnershipKind.subGroup.rawValue)) },
                Forms.text(form.field("name", "Name"), value: form["name"]),
                .if(
                    parent == nil,
                    .group(
                        Forms.text(
                            form.field(
                                "ons_code", "ONS code", hint: "For a Community Safety Partnership only: E22 then six digits in England, W14 in Wales, for example E22000168."),
                            value: form["ons_code"]),
                        Forms.select(
                            form.field("parent_id", "County strategy group", hint: "The group this CSP reports to, if any."),
                            options: countyGroups.map { (String($0.id), $0.name) }, selected: form["parent_id"], blank: "None")
                    )),
                .unwrap(parent) { parent in
                    .group(
                        .input(.type(.hidden), .name("parent_id"), .value(String(parent.id))),
                        Forms.select(
                            form.field("sub_group_type", "Type of sub-group"), options: Forms.options(SubGroupType.self) { $0.label },
                            selected: form["sub_group_type"], blank: "Choose a type")
                    )
                },
                Forms.textArea(form.field("purpose", "Purpose", hint: "A line from the terms of reference. Optional."), value: form["purpose"]),
                Forms.submit("Save")
            )
        )
    }
}

/// A partnership's name and purpose; its kind, code and place in the structure are fixed.
package enum PartnershipEditView {
    package static func render(_ p: Partnership, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .h1(.plainText("Change \(p.name)")),
            .form(
                .method(.post), .action(Site.partnership(p.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.text(form.field("name", "Name"), value: form["name"]),
                Forms.textArea(form.field("purpose", "Purpose", hint: "A line from the terms of reference. Optional."), value: form["purpose"]),
                Forms.submit("Save changes")),
            .p(.a(.href(Site.partnership(p.id)), .plainText("Back to \(p.name), without saving")))
        )
    }
}

package enum MemberFormView {
    package struct Model {
        package let partnership: Partnership
        package let form: FormModel
        /// Who may be given a seat: the people of the partnerships the user can see.
        package let people: [Person]
        /// Whom a seat may represent: the organisations on this partnership.
        package let organisations: [Organisation]
        /// Who may be nominating bodies: every organisation on the register.
        package let nominators: [Organisation]
        /// Whom a deputy may stand in for: this partnership's current members.
        package let members: [Person]
        /// The seat being changed; nil to add one.
        package var editing: MemberEntry? = nil
    }

    package static func render(_ model: Model, layout: Layout) -> String {
        let form = model.form
        let p = model.partnership
        let people = model.people.map { (String($0.id), $0.name + ($0.jobTitle.map { ", \($0)" } ?? "")) }
        let action = model.editing.map { Site.member(p.id, $0.membership.id) } ?? Site.members(p.id)
        return layout.render(
            Forms.errorSummary(form.failure),
            .h1(.plainText(model.editing.map { "Change \($0.personName)’s membership of \(p.name)" } ?? "Add a member to \(p.name)")),
            .if(
                model.editing == nil,
                .p(
                    "The person must be on the register first. ",
                    .a(.href(Site.newPerson(p.id)), "Add a person to the register"), ".")),
            .form(
                .method(.post), .action(action), .novalidate(),
                Forms.csrf(layout.csrfToken),
                model.editing == nil
                    ? Forms.select(form.field("person_id", "Person"), options: people, selected: form["person_id"], blank: "Choose a person")
                    : .input(.type(.hidden), .name("person_id"), .value(form["person_id"] ?? "")),
                Forms.select(form.field("office", "Role"), options: Forms.options(Office.self) { $0.label }, selected: form["office"] ?? Office.member.rawValue),
                Forms.select(
                    form.field("vote", "Vote", hint: "Associate members take part but do not vote."),
                    options: Forms.options(Vote.self) { $0.label }, selected: form["vote"] ?? Vote.voting.rawValue),
                Forms.select(
                    form.field("organisation_id", "Representing", hint: "One of this partnership’s organisations: add it to the partnership first if it is not listed."),
                    options: model.organisations.map { (String($0.id), $0.name) }, selected: form["organisation_id"], blank: "Nobody (independent member)"),
                Forms.select(
                    form.field("nominated_by_id", "Nominated by", hint: "For example an Area Partnership Board."),
                    options: model.nominators.map { (String($0.id), $0.name) }, selected: form["nominated_by_id"], blank: "Not nominated"),
                Forms.select(
                    form.field("deputy_for_person_id", "Deputy for", hint: "Only for the role Deputy: one of this partnership’s current members."),
                    options: model.members.map { (String($0.id), $0.name) }, selected: form["deputy_for_person_id"], blank: "Nobody"),
                Forms.text(form.field("start_date", "Start date", hint: "For example, 1 April 2026."), value: form["start_date"], type: .date),
                Forms.text(form.field("end_date", "End date", hint: "Leave empty if the membership has not ended."), value: form["end_date"], type: .date),
                Forms.submit(model.editing == nil ? "Add member" : "Save changes")
            ),
            .p(.a(.href(Site.partnership(p.id) + "#members"), .plainText("Back to \(p.name)")))
        )
    }
}

package enum EndMembershipView {
    package static func render(_ entry: MemberEntry, partnership: Partnership, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .h1(.plainText("End \(entry.personName)’s membership of \(partnership.name)")),
            .p("The membership stays on record as a past membership."),
            .form(
                .method(.post), .action(Site.endMember(partnership.id, entry.membership.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.text(form.field("end_date", "Last day of membership", hint: "For example, 31 March 2026."), value: form["end_date"], type: .date),
                Forms.submit("End membership")
            )
        )
    }
}

package enum PersonFormView {
    /// - Parameter editing: the person being changed; nil to add one to `partnership`.
    package static func render(partnership: Partnership?, editing: Person? = nil, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .h1(.plainText(editing.map { "Change \($0.name)’s details" } ?? "Add a person to the register")),
            .unwrap(partnership) { .p(.plainText("The record is kept by \($0.name). Add their membership next.")) },
            .form(
                .method(.post), .action(editing.map { Site.person($0.id) } ?? Site.people(partnership?.id ?? 0)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.text(form.field("name", "Full name"), value: form["name"], autocomplete: "off"),
                Forms.text(form.field("job_title", "Job title", hint: "Optional."), value: form["job_title"]),
                Forms.text(form.field("email", "Work email address", hint: "Optional. Used for papers and reminders."), value: form["email"], type: .email),
                Forms.submit("Save person")
            )
        )
    }
}

package enum DistrictFormView {
    package static func render(partnership: Partnership, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .h1(.plainText("Add a district to \(partnership.name)")),
            .form(
                .method(.post), .action(Site.districts(partnership.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.text(form.field("code", "District's ONS code", hint: "E06, E07, E08, E09 or W06 then six digits, for example E07000129."), value: form["code"]),
                Forms.text(form.field("name", "District's name"), value: form["name"]),
                Forms.submit("Add district")
            )
        )
    }
}

package enum AuthorityFormView {
    package static func render(partnership: Partnership, organisations: [Organisation], form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .h1(.plainText("Add an organisation to \(partnership.name)")),
            .p(
                "Missing from the list? ", .a(.href(Site.newOrganisation() + "?for=\(partnership.id)"), "Add an organisation to the register"),
                ", and you will come back here."),
            .form(
                .method(.post), .action(Site.authorities(partnership.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.select(
                    form.field("organisation_id", "Organisation"), options: organisations.map { (String($0.id), "\($0.name) (\($0.type.label))") },
                    selected: form["organisation_id"], blank: "Choose an organisation"),
                Forms.submit("Add organisation")
            )
        )
    }
}

package enum OrganisationFormView {
    /// - Parameters:
    ///   - editing: the organisation being changed; nil to add one.
    ///   - forPartnership: the partnership whose page sent the user here, to go back to afterwards.
    package static func render(form: FormModel, editing: Organisation? = nil, forPartnership: RecordID<Partnership>? = nil, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .h1(.plainText(editing.map { "Change \($0.name)" } ?? "Add an organisation")),
            .form(
                .method(.post), .action(editing.map { Site.organisation($0.id) } ?? Site.organisations()), .novalidate(),
                Forms.csrf(layout.csrfToken),
                .unwrap(forPartnership) { .input(.type(.hidden), .name("for_partnership"), .value(String($0))) },
                Forms.text(form.field("name", "Name"), value: form["name"]),
                Forms.select(
                    form.field("type", "Type of organisation"), options: Forms.options(OrganisationType.self) { $0.label },
                    selected: form["type"], blank: "Choose a type"),
                Forms.submit("Save organisation")
            )
        )
    }
}
