import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Plot

package enum OrganisationListView {
    package static func render(_ organisations: [Organisation], canCreate: Bool, layout: Layout) -> String {
        layout.render(
            .h1("Organisations"),
            .if(canCreate, .p(.a(.class("button"), .href(Site.newOrganisation()), "Add an organisation"))),
            DataTable(
                caption: "Organisations", headers: ["Name", "Type", "Responsible authority"],
                rows: organisations.map { o in
                    [
                        .a(.href(Site.organisation(o.id)), .plainText(o.name)), .plainText(o.type.label), .plainText(o.type.isResponsibleAuthority ? "Yes" : "No"),
                    ]
                }, csvHref: Site.organisationsCSV()
            ).node
        )
    }

    package static func csv(_ organisations: [Organisation]) -> CSVDocument {
        CSVDocument(
            headers: ["Name", "Type", "Responsible authority"],
            rows: organisations.map { [$0.name, $0.type.label, $0.type.isResponsibleAuthority ? "Yes" : "No"] })
    }
}

package enum OrganisationView {
    package static func render(_ organisation: Organisation, partnerships: [Partnership], canEdit: Bool, layout: Layout) -> String {
        layout.render(
            .span(.class("caption"), "Organisation"),
            .h1(.plainText(organisation.name)),
            SummaryList(items: [
                ("Type", .plainText(organisation.type.label)),
                (
                    "Responsible authority",
                    .plainText(
                        organisation.type.isResponsibleAuthority
                            ? "Yes, under the Crime and Disorder Act 1998" : "No: a partner by agreement")
                ),
            ]).node,
            .if(canEdit, .p(.a(.href(Site.editOrganisation(organisation.id)), "Change the name or type"))),
            .h2("Partnerships"),
            DataTable(
                caption: "Partnerships you can see where \(organisation.name) is listed", headers: ["Partnership", "Kind"],
                rows: partnerships.map { [.a(.href(Site.partnership($0.id)), .plainText($0.name)), .plainText($0.kindLabel)] }
            ).node
        )
    }
}

package enum PersonView {
    package static func render(_ person: Person, seats: [MemberEntry], partnershipNames: [RecordID<Partnership>: String], today: CalendarDate, canEdit: Bool, layout: Layout)
        -> String
    {
        layout.render(
            .span(.class("caption"), "Person"),
            .h1(.plainText(person.name)),
            SummaryList(items: [
                ("Job title", .plainText(person.jobTitle ?? "Not recorded")),
                ("Email", person.email.map { .a(.href(AttributeText.escape("mailto:\($0)")), .plainText($0)) } ?? .plainText("Not recorded")),
                ("Record kept by", .plainText(partnershipNames[person.partnershipID] ?? "Another partnership")),
            ]).node,
            .if(canEdit, .p(.a(.href(Site.editPerson(person.id)), "Change their details"))),
            .h2("Memberships"),
            DataTable(
                caption: "Seats held, past and present", headers: ["Partnership", "Role", "Vote", "Representing", "From", "To", "Status"],
                rows: seats.map { e in
                    [
                        .a(.href(Site.partnership(e.membership.partnershipID)), .plainText(partnershipNames[e.membership.partnershipID] ?? "")),
                        .plainText(e.membership.office.label), .plainText(e.membership.vote.label), .plainText(e.organisationName ?? ""),
                        .plainText(Format.date(e.membership.startDate)), .plainText(Format.date(e.membership.endDate)),
                        .plainText(e.membership.isCurrent(on: today) ? "Current" : "Past"),
                    ]
                }
            ).node
        )
    }
}

package enum AuditView {
    package static func changes(_ lines: [AuditChanges.Line]) -> Node<HTML.BodyContext> {
        guard !lines.isEmpty else { return .plainText("No field changed") }
        return .ul(
            .class("changes"),
            .forEach(lines) { line in
                .li(.strong(.plainText(line.field)), .plainText(": "), .plainText(line.before ?? "(none)"), .plainText(" → "), .plainText(line.after ?? "(none)"))
            })
    }

    package static func render(_ entries: [AuditEntry], page: Int, hasMore: Bool, layout: Layout) -> String {
        layout.render(
            .h1("Audit log"),
            .p("Every change to the register, newest first. The log cannot be edited or deleted."),
            DataTable(
                caption: "Changes", headers: ["When", "Who", "What", "Record", "Changes"],
                rows: entries.map { e in
                    [
                        .plainText(Format.timestamp(e.at)), .plainText(e.actor), .plainText(e.action.rawValue.capitalized),
                        .plainText("\(e.subject)\(e.subjectID.map { " \($0)" } ?? "")"),
                        changes(AuditChanges.lines(before: e.before, after: e.after)),
                    ]
                }
            ).node,
            .nav(
                .ariaLabel("Pages of the audit log"),
                .ul(
                    .class("pager"),
                    .if(page > 1, .li(.a(.href(Site.audit() + "?page=\(page - 1)"), "Newer changes"))),
                    .if(hasMore, .li(.a(.href(Site.audit() + "?page=\(page + 1)"), "Older changes")))
                ))
        )
    }
}
