import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Plot

package enum PartnershipListView {
    package struct Model {
        package let partnerships: [Partnership]
        package let canCreate: Bool
    }

    package static func render(_ model: Model, layout: Layout) -> String {
        let names = Dictionary(uniqueKeysWithValues: model.partnerships.map { ($0.id, $0.name) })
        return layout.render(
            .h1("Partnerships"),
            .if(model.canCreate, .p(.a(.class("button"), .href(Site.newPartnership()), "Add a partnership"))),
            DataTable(
                caption: "Partnerships you can see",
                headers: ["Name", "Kind", "ONS code", "Reports to"],
                rows: model.partnerships.map { p in
                    [
                        .a(.href(Site.partnership(p.id)), .plainText(p.name)),
                        .plainText(p.kindLabel),
                        .plainText(p.onsCode?.value ?? ""),
                        .plainText(p.parentID.flatMap { names[$0] } ?? ""),
                    ]
                },
                csvHref: Site.partnershipsCSV(),
                empty: "You have not been given access to any partnership yet. Ask your administrator."
            ).node
        )
    }

    package static func csv(_ partnerships: [Partnership]) -> CSVDocument {
        let names = Dictionary(uniqueKeysWithValues: partnerships.map { ($0.id, $0.name) })
        return CSVDocument(
            headers: ["Name", "Kind", "ONS code", "Reports to"],
            rows: partnerships.map {
                [$0.name, $0.kindLabel, $0.onsCode?.value ?? "", $0.parentID.flatMap { names[$0] } ?? ""]
            })
    }
}

package enum PartnershipView {
    /// Said at the top of an ended partnership's pages: its records are history.
    package static func endedBanner(_ p: Partnership) -> Node<HTML.BodyContext> {
        guard let ended = p.endedOn else { return .empty }
        return .div(
            .class("warning"),
            .p(
                .strong(.plainText("This partnership ended on \(ended.long).")), " ",
                .plainText("\(p.endedBecause ?? "Ended"). Its meetings, plans, assessments and figures are kept here as history.")))
    }

    package struct Model {
        package let partnership: Partnership
        package let parent: Partnership?
        package let districts: [District]
        package let authorities: [Organisation]
        package let members: [MemberEntry]
        package let subGroups: [Partnership]
        package let diagram: String
        package let today: CalendarDate
        package let canEdit: Bool
    }

    package static func render(_ model: Model, layout: Layout) -> String {
        let p = model.partnership
        let current = model.members.filter { $0.membership.isCurrent(on: model.today) }
        let past = model.members.filter { !$0.membership.isCurrent(on: model.today) }
        return layout.render(
            .span(.class("caption"), .plainText(p.kindLabel)),
            .h1(.plainText(p.name)),
            PartnershipView.endedBanner(p),
            SummaryList(items: [
                ("Kind", .plainText(p.kindLabel)),
                ("ONS code", .plainText(p.onsCode?.value ?? "None (only a CSP has one)")),
                // Never false: a parent the visitor may not open is there all the same.
                (
                    "Reports to",
                    model.parent.map { .a(.href(Site.partnership($0.id)), .plainText($0.name)) }
                        ?? .plainText(p.parentID == nil ? "Nobody: this is the top of the structure" : "A partnership above this one, which you do not have access to")
                ),
                ("Purpose", .plainText(p.purpose ?? "Not recorded")),
            ]).node,
            .if(model.canEdit, .p(.a(.href(Site.editPartnership(p.id)), "Change the name or purpose"))),

            .ul(
                .class("related"),
                .li(.a(.href(Site.crime(p.id)), .plainText("Recorded crime in \(p.name)"))),
                .if(p.kind != .subGroup, .li(.a(.href(Site.assessment(p.id)), .plainText("Strategic assessment for \(p.name)")))),
                .li(.a(.href(Site.meetings(p.id)), .plainText("Meetings, papers and actions of \(p.name)"))),
                .if(p.kind != .subGroup, .li(.a(.href(Site.plan(p.id)), "Partnership plan: priorities, actions and indicators"))),
                .if(p.kind != .subGroup, .li(.a(.href(Site.funding(p.id)), "Funding and spending: streams, budget, pooled funds and commissioned services"))),
                .if(p.kind != .subGroup, .li(.a(.href(Site.allocations(p.id)), "Allocations of funding, and checking that a statement adds up"))),
                .if(p.kind == .communitySafetyPartnership, .li(.a(.href(Site.asbCaseReviews(p.id)), "ASB Case Reviews: the cases whose team you are on, and the yearly figures"))),
                .if(p.kind == .communitySafetyPartnership, .li(.a(.href(Site.homicideReviews(p.id)), "Domestic homicide reviews whose team you are on"))),
                .if(p.kind == .communitySafetyPartnership, .li(.a(.href(Site.iom(p.id)), "Integrated Offender Management: the cohort by quarter"))),
                .if(p.kind != .subGroup, .li(.a(.href(Site.sharingAgreements(p.id)), "Information-sharing agreements between the partners"))),
                .if(p.kind == .countyStrategyGroup, .li(.a(.href(Site.arrangementReviews(p.id)), "Reviews of partnership arrangements, and mergers")))),
            .h2(.id("areas"), "Areas covered"),
            DataTable(
                caption: "Local authority districts covered", headers: ["District", "ONS code"],
                rows: model.districts.map { [.plainText($0.name), .plainText($0.code.value)] }
            ).node,
            .if(model.canEdit, .p(.a(.href(Site.newDistrict(p.id)), "Add a district"))),

            .h2(.id("authorities"), "Responsible authorities"),
            DataTable(
                caption: "Responsible authorities and partners",
                headers: ["Organisation", "Type", "Statutory"] + (model.canEdit ? ["Change"] : []),
                rows: model.authorities.map { o in
                    [
                        .a(.href(Site.organisation(o.id)), .plainText(o.name)), .plainText(o.type.label),
                        .plainText(o.type.isResponsibleAuthority ? "Responsible authority" : "Partner"),
                    ] + (model.canEdit ? [removeButton(o, from: p, csrf: layout.csrfToken)] : [])
                }
            ).node,
            .if(model.canEdit, .p(.a(.href(Site.newAuthority(p.id)), "Add an organisation"))),

            .h2(.id("members"), "Members"),
            membersTable(current, caption: "Current members", partnership: p, canEdit: model.canEdit, past: false),
            .if(
                model.canEdit,
                .p(
                    .a(.class("button"), .href(Site.member(p.id, "new")), "Add a member"), " ",
                    .a(.href(Site.newPerson(p.id)), "Add a person to the register"))),
            membersTable(past, caption: "Past members", partnership: p, canEdit: false, past: true),
            .p(.class("export"), .a(.href(Site.membersCSV(p.id)), "Download all members, past and present, as CSV")),

            .h2(.id("sub-groups"), "Sub-groups"),
            DataTable(
                caption: "Groups reporting to \(p.name)", headers: ["Name", "Type", "Purpose"],
                rows: model.subGroups.map { s in
                    [
                        .a(.href(Site.partnership(s.id)), .plainText(s.name)), .plainText(s.kindLabel), .plainText(s.purpose ?? ""),
                    ]
                }
            ).node,
            .if(model.canEdit, .p(.a(.href(Site.newSubGroup(p.id)), "Add a sub-group"))),

            .h2(.id("structure"), "Structure"),
            .element(
                named: "figure",
                nodes: [
                    Node<HTML.BodyContext>.attribute(named: "class", value: "diagram"),
                    .raw(model.diagram),
                    .element(
                        named: "figcaption",
                        nodes: [
                            Node<HTML.BodyContext>.plainText(
                                "The partnership structure around \(p.name). The same groups are listed in the tables above.")
                        ]),
                ])
        )
    }

    /// Takes the organisation off this partnership's list (its past members' seats keep its name).
    package static func removeButton(_ o: Organisation, from p: Partnership, csrf: String) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(Site.removeAuthority(p.id, o.id)), .class("inline-form"),
            Forms.csrf(csrf),
            .button(.type(.submit), .class("link-button"), .plainText("Remove"), .span(.class("visually-hidden"), .plainText(" \(o.name) from this partnership"))))
    }

    package static func membersTable(_ entries: [MemberEntry], caption: String, partnership: Partnership, canEdit: Bool, past: Bool) -> Node<HTML.BodyContext> {
        var headers = ["Name", "Role", "Vote", "Representing", "Nominated by", "Deputy for", "From"]
        if past { headers.append("To") }
        if canEdit { headers.append("Change") }
        return DataTable(
            caption: caption, headers: headers,
            rows: entries.map { e in
                var row: [Node<HTML.BodyContext>] = [
                    .a(.href(Site.person(e.membership.personID)), .plainText(e.personName)),
                    .plainText(e.membership.office.label),
                    .plainText(e.membership.vote.label),
                    .plainText(e.organisationName ?? ""),
                    .plainText(e.nominatedByName ?? ""),
                    .plainText(e.deputyForName ?? ""),
                    .plainText(Format.date(e.membership.startDate)),
                ]
                if past { row.append(.plainText(Format.date(e.membership.endDate))) }
                if canEdit {
                    row.append(
                        .group(
                            .a(
                                .href(Site.editMember(partnership.id, e.membership.id)),
                                .plainText("Change"), .span(.class("visually-hidden"), .plainText(" \(e.personName)’s membership"))),
                            .plainText(" · "),
                            .a(
                                .href(Site.endMember(partnership.id, e.membership.id)),
                                .plainText("End membership"), .span(.class("visually-hidden"), .plainText(" of \(e.personName)")))))
                }
                return row
            }
        ).node
    }

    package static func membersCSV(_ entries: [MemberEntry]) -> CSVDocument {
        CSVDocument(
            headers: ["Name", "Role", "Vote", "Representing", "Nominated by", "Deputy for", "From", "To"],
            rows: entries.map { e in
                [
                    e.personName, e.membership.office.label, e.membership.vote.label, e.organisationName ?? "", e.nominatedByName ?? "",
                    e.deputyForName ?? "", e.membership.startDate.iso, e.membership.endDate?.iso ?? "",
                ]
            })
    }
}
