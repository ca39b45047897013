import HallmarkDomain
import HallmarkKit
import Plot

/// The register as residents see it: which partnerships there are, what each is for, the area
/// it covers and the public bodies that make it up. Nothing about people: members' names stay
/// with the staff pages.
package enum PublicPartnershipsView {
    package static func render(_ partnerships: [Partnership], areas: [RecordID<Partnership>: [District]]) -> String {
        PublicLayout(title: "Community safety partnerships").render(
            .h1("Community safety partnerships"),
            .p(
                .class("lead"),
                "In England and Wales the council, police, fire and rescue, health and probation work together on crime and disorder in each area. ",
                "These are the partnerships that do so here."),
            DataTable(
                caption: "Partnerships", headers: ["Partnership", "Kind", "Area"],
                rows: partnerships.map { p in
                    [
                        .a(.href(Site.publicPartnership(p.id)), .plainText(p.name)), .plainText(p.kind.label),
                        .plainText((areas[p.id] ?? []).map(\.name).joined(separator: ", ")),
                    ]
                }, empty: "No partnership is listed yet."
            ).node)
    }
}

package enum PublicPartnershipView {
    package struct Model {
        package let partnership: Partnership
        package let parent: Partnership?
        package let districts: [District]
        package let authorities: [Organisation]
        package let subGroups: [Partnership]
        /// For a county strategy group, the partnerships it brings together.
        package let partnerships: [Partnership]

        package init(
            partnership: Partnership, parent: Partnership?, districts: [District], authorities: [Organisation], subGroups: [Partnership],
            partnerships: [Partnership]
        ) {
            self.partnership = partnership
            self.parent = parent
            self.districts = districts
            self.authorities = authorities
            self.subGroups = subGroups
            self.partnerships = partnerships
        }
    }

    /// The home page: the other capabilities' sections first (priorities, meetings,
    /// consultations…), then what the partnership is and who makes it up, then how to report
    /// anti-social behaviour.
    package static func render(_ model: Model, sections: [Node<HTML.BodyContext>]) -> String {
        let p = model.partnership
        return PublicLayout(title: p.name, breadcrumbs: [("Partnerships", Site.publicPartnerships())]).render(
            .span(.class("caption"), .plainText(p.kind.label)),
            .h1(.plainText(p.name)),
            PartnershipView.endedBanner(p),
            .unwrap(p.purpose) { .p(.class("lead"), .plainText($0)) },
            .group(sections),
            .section(
                .attribute(named: "aria-labelledby", value: "about"),
                .h2(.id("about"), .plainText("About \(p.name)")),
                SummaryList(items: [
                    ("Area", .plainText(model.districts.isEmpty ? "Not recorded" : model.districts.map(\.name).joined(separator: ", "))),
                    (
                        "Part of",
                        model.parent.map { parent in .a(.href(Site.publicPartnership(parent.id)), .plainText(parent.name)) } ?? .plainText("None")
                    ),
                ]).node,
                .if(
                    !model.partnerships.isEmpty,
                    DataTable(
                        caption: "The partnerships it brings together", headers: ["Partnership"],
                        rows: model.partnerships.map { [.a(.href(Site.publicPartnership($0.id)), .plainText($0.name))] }
                    ).node),
                DataTable(
                    caption: "The public bodies in the partnership", headers: ["Organisation", "Kind"],
                    rows: model.authorities.map { [.plainText($0.name), .plainText($0.type.label)] }, empty: "None recorded yet."
                ).node,
                DataTable(
                    caption: "Its groups", headers: ["Group", "Kind"],
                    rows: model.subGroups.map { [.plainText($0.name), .plainText($0.kindLabel)] }, empty: "None."
                ).node),
            .section(
                .attribute(named: "aria-labelledby", value: "report-asb"),
                .h2(.id("report-asb"), "Reporting anti-social behaviour"),
                .p(
                    .plainText(
                        "If anyone is in danger or a crime is happening now, call 999. Otherwise report anti-social behaviour to the police on 101 or online, or to "
                            + (model.authorities.first { [.districtCouncil, .unitaryAuthority, .countyCouncil].contains($0.type) }.map(\.name) ?? "your local council")
                            + ".")),
                .h3("Asking for an ASB Case Review"),
                .p(
                    "If you have reported anti-social behaviour three times in six months and feel nothing was done, you can ask for an ASB Case Review (sometimes called the Community Trigger). The partners meet to look again at your case, tell you what they decided, and can agree an action plan. You can ask on behalf of someone else with their agreement. Ask the council or the police, saying that you want an ASB Case Review."
                ),
                .if(
                    p.kind == .communitySafetyPartnership,
                    .p(.a(.href(Site.publicASBCaseReview(p.id)), "Ask for an ASB Case Review online, and see how many there have been")))))
    }
}
