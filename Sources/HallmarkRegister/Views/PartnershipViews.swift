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
                markup: model.partnerships.map { p in
                    [
                        CellMarkup.link(Site.partnership(p.id), p.name), CellMarkup.text(p.kindLabel), CellMarkup.text(p.onsCode?.value ?? ""),
                        CellMarkup.text(p.parentID.flatMap { names[$0] } ?? ""),
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
    package static func endedBanner(_ p: Partnership) -> Node<HTML.BodyContext> { .raw(endedBannerMarkup(p)) }

    private static func endedBannerMarkup(_ p: Partnership) -> String {
        guard let ended = p.endedOn else { return "" }
        return "<div class=\"warning\"><p><strong>" + TextContent.escape("This partnership ended on \(ended.long).") + "</strong> "
            + TextContent.escape("\(p.endedBecause ?? "Ended"). Its meetings, plans, assessments and figures are kept here as history.") + "</p></div>"
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

    /// The pages about a partnership, each for the kinds of partnership that have one. Where
    /// `naming`, the link's words end with the partnership's name.
    static let related: [(route: Route, words: String, naming: Bool, kinds: Set<PartnershipKind>)] = {
        let all = Set(PartnershipKind.allCases), notSubGroups = all.subtracting([.subGroup])
        return [
            (Site.crime, "Recorded crime in", true, all),
            (Site.assessment, "Strategic assessment for", true, notSubGroups),
            (Site.meetings, "Meetings, papers and actions of", true, all),
            (Site.plan, "Partnership plan: priorities, actions and indicators", false, notSubGroups),
            (Site.funding, "Funding and spending: streams, budget, pooled funds and commissioned services", false, notSubGroups),
            (Site.allocations, "Allocations of funding, and checking that a statement adds up", false, notSubGroups),
            (Site.asbCaseReviews, "ASB Case Reviews: the cases whose team you are on, and the yearly figures", false, [.communitySafetyPartnership]),
            (Site.homicideReviews, "Domestic homicide reviews whose team you are on", false, [.communitySafetyPartnership]),
            (Site.iom, "Integrated Offender Management: the cohort by quarter", false, [.communitySafetyPartnership]),
            (Site.sharingAgreements, "Information-sharing agreements between the partners", false, notSubGroups),
            (Site.arrangementReviews, "Reviews of partnership arrangements, and mergers", false, [.countyStrategyGroup]),
        ]
    }()

    /// Written as text rather than as Plot's tree of elements, which was a third of this page's
    /// time at first view; the page is byte for byte what the tree gave (the snapshots hold it).
    package static func render(_ model: Model, layout: Layout) -> String {
        let p = model.partnership
        let current = model.members.filter { $0.membership.isCurrent(on: model.today) }
        let past = model.members.filter { !$0.membership.isCurrent(on: model.today) }
        func paragraph(_ links: String...) -> String { "<p>" + links.joined(separator: " ") + "</p>" }
        func heading(_ id: String, _ words: String) -> String { "<h2 id=\"" + id + "\">" + TextContent.escape(words) + "</h2>" }

        var html = "<span class=\"caption\">" + TextContent.escape(p.kindLabel) + "</span><h1>" + TextContent.escape(p.name) + "</h1>"
        html += endedBannerMarkup(p)
        html +=
            SummaryList(markup: [
                ("Kind", CellMarkup.text(p.kindLabel)),
                ("ONS code", CellMarkup.text(p.onsCode?.value ?? "None (only a CSP has one)")),
                // Never false: a parent the visitor may not open is there all the same.
                (
                    "Reports to",
                    model.parent.map { CellMarkup.link(Site.partnership($0.id), $0.name) }
                        ?? CellMarkup.text(p.parentID == nil ? "Nobody: this is the top of the structure" : "A partnership above this one, which you do not have access to")
                ),
                ("Purpose", CellMarkup.text(p.purpose ?? "Not recorded")),
            ]).markup
        if model.canEdit { html += paragraph(CellMarkup.link(Site.editPartnership(p.id), "Change the name or purpose")) }

        html += "<ul class=\"related\">"
        for link in related where link.kinds.contains(p.kind) {
            let words = link.naming ? "\(link.words) \(p.name)" : link.words
            html += "<li>" + CellMarkup.link(link.route(p.id), words) + "</li>"
        }
        html += "</ul>"

        html += heading("areas", "Areas covered")
        html +=
            DataTable(
                caption: "Local authority districts covered", headers: ["District", "ONS code"],
                markup: model.districts.map { [CellMarkup.text($0.name), CellMarkup.text($0.code.value)] }
            ).markup
        if model.canEdit { html += paragraph(CellMarkup.link(Site.newDistrict(p.id), "Add a district")) }

        html += heading("authorities", "Responsible authorities")
        html +=
            DataTable(
                caption: "Responsible authorities and partners",
                headers: ["Organisation", "Type", "Statutory"] + (model.canEdit ? ["Change"] : []),
                markup: model.authorities.map { o in
                    [
                        CellMarkup.link(Site.organisation(o.id), o.name), CellMarkup.text(o.type.label),
                        CellMarkup.text(o.type.isResponsibleAuthority ? "Responsible authority" : "Partner"),
                    ] + (model.canEdit ? [removeButton(o, from: p, csrf: layout.csrfToken)] : [])
                }
            ).markup
        if model.canEdit { html += paragraph(CellMarkup.link(Site.newAuthority(p.id), "Add an organisation")) }

        html += heading("members", "Members")
        html += membersTable(current, caption: "Current members", partnership: p, canEdit: model.canEdit, past: false)
        if model.canEdit {
            html += paragraph(
                CellMarkup.link(Site.member(p.id, "new"), "Add a member", class: "button"), CellMarkup.link(Site.newPerson(p.id), "Add a person to the register"))
        }
        html += membersTable(past, caption: "Past members", partnership: p, canEdit: false, past: true)
        html += "<p class=\"export\">" + CellMarkup.link(Site.membersCSV(p.id), "Download all members, past and present, as CSV") + "</p>"

        html += heading("sub-groups", "Sub-groups")
        html +=
            DataTable(
                caption: "Groups reporting to \(p.name)", headers: ["Name", "Type", "Purpose"],
                markup: model.subGroups.map { s in
                    [CellMarkup.link(Site.partnership(s.id), s.name), CellMarkup.text(s.kindLabel), CellMarkup.text(s.purpose ?? "")]
                }
            ).markup
        if model.canEdit { html += paragraph(CellMarkup.link(Site.newSubGroup(p.id), "Add a sub-group")) }

        html += heading("structure", "Structure")
        html += "<figure class=\"diagram\">" + model.diagram + "<figcaption>"
        html += TextContent.escape("The partnership structure around \(p.name). The same groups are listed in the tables above.") + "</figcaption></figure>"
        return layout.render(.raw(html))
    }

    /// Takes the organisation off this partnership's list (its past members' seats keep its name).
    package static func removeButton(_ o: Organisation, from p: Partnership, csrf: String) -> String {
        CellMarkup.button(action: Site.removeAuthority(p.id, o.id), csrf: csrf, "Remove", hidden: " \(o.name) from this partnership")
    }

    package static func membersTable(_ entries: [MemberEntry], caption: String, partnership: Partnership, canEdit: Bool, past: Bool) -> String {
        var headers = ["Name", "Role", "Vote", "Representing", "Nominated by", "Deputy for", "From"]
        if past { headers.append("To") }
        if canEdit { headers.append("Change") }
        return DataTable(
            caption: caption, headers: headers,
            markup: entries.map { e in
                var row = [
                    CellMarkup.link(Site.person(e.membership.personID), e.personName),
                    CellMarkup.text(e.membership.office.label),
                    CellMarkup.text(e.membership.vote.label),
                    CellMarkup.text(e.organisationName ?? ""),
                    CellMarkup.text(e.nominatedByName ?? ""),
                    CellMarkup.text(e.deputyForName ?? ""),
                    CellMarkup.text(Format.date(e.membership.startDate)),
                ]
                if past { row.append(CellMarkup.text(Format.date(e.membership.endDate))) }
                if canEdit {
                    row.append(
                        CellMarkup.link(Site.editMember(partnership.id, e.membership.id), "Change", hidden: " \(e.personName)’s membership") + " · "
                            + CellMarkup.link(Site.endMember(partnership.id, e.membership.id), "End membership", hidden: " of \(e.personName)"))
                }
                return row
            }
        ).markup
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
