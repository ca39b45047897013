import Hummingbird

/// A page or action's path: its pattern, as the router registers it, and its links, with the
/// pattern's parameters filled in order: `Site.member(partnership.id, membership.id)`.
package struct Route: Sendable, CustomStringConvertible {
    package let pattern: String

    package init(_ pattern: String) { self.pattern = pattern }

    /// The pattern for the router.
    package var path: RouterPath { RouterPath(pattern) }

    package var description: String { pattern }

    /// The link, each `:parameter` replaced by the next value given.
    package func callAsFunction(_ values: any CustomStringConvertible...) -> String {
        var remaining = values[...]
        let filled = pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard segment.hasPrefix(":"), let value = remaining.popFirst() else { return String(segment) }
            return value.description
        }
        assert(remaining.isEmpty && !filled.contains { $0.hasPrefix(":") }, "\(pattern) takes \(values.count) values")
        return filled.joined(separator: "/")
    }
}

/// Every page and action of Hallmark's, by name: the pattern each route registers and every
/// link to it come from the same line here, so no link is spelt by hand and a path changed here
/// changes everywhere. One table for the whole site, since pages link across capabilities.
package enum Site {
    // Everyone
    package static let home = Route("/")
    package static let signIn = Route("/sign-in")
    package static let signOut = Route("/sign-out")
    package static let healthz = Route("/healthz")
    package static let metrics = Route("/metrics")
    package static let stylesheet = Route("/assets/site.css")
    package static let progressScript = Route("/assets/progress.js")
    package static let audit = Route("/audit")

    // The register
    package static let partnerships = Route("/partnerships")
    package static let partnershipsCSV = Route("/partnerships.csv")
    package static let newPartnership = Route("/partnerships/new")
    package static let partnership = Route("/partnerships/:id")
    package static let editPartnership = Route("/partnerships/:id/edit")
    package static let subGroups = Route("/partnerships/:id/sub-groups")
    package static let newSubGroup = Route("/partnerships/:id/sub-groups/new")
    package static let districts = Route("/partnerships/:id/districts")
    package static let newDistrict = Route("/partnerships/:id/districts/new")
    package static let authorities = Route("/partnerships/:id/authorities")
    package static let newAuthority = Route("/partnerships/:id/authorities/new")
    package static let removeAuthority = Route("/partnerships/:id/authorities/:organisation/remove")
    package static let members = Route("/partnerships/:id/members")
    package static let membersCSV = Route("/partnerships/:id/members.csv")
    package static let newMember = Route("/partnerships/:id/members/new")
    package static let member = Route("/partnerships/:id/members/:membership")
    package static let editMember = Route("/partnerships/:id/members/:membership/edit")
    package static let endMember = Route("/partnerships/:id/members/:membership/end")
    package static let people = Route("/partnerships/:id/people")
    package static let newPerson = Route("/partnerships/:id/people/new")
    package static let person = Route("/people/:person")
    package static let editPerson = Route("/people/:person/edit")
    package static let organisations = Route("/organisations")
    package static let organisationsCSV = Route("/organisations.csv")
    package static let newOrganisation = Route("/organisations/new")
    package static let organisation = Route("/organisations/:id")
    package static let editOrganisation = Route("/organisations/:id/edit")

    // Crime data
    package static let crimeData = Route("/crime-data")
    package static let crimeImport = Route("/crime-data/import")
    package static let crimeImportReport = Route("/crime-data/imports/:id")
    package static let importJob = Route("/crime-data/jobs/:job")
    package static let importJobStatus = Route("/crime-data/jobs/:job/status")
    package static let crime = Route("/partnerships/:id/crime")
    package static let crimeByTypeCSV = Route("/partnerships/:id/crime/by-type.csv")
    package static let crimeOutcomesCSV = Route("/partnerships/:id/crime/outcomes.csv")
    package static let crimeLSOAsCSV = Route("/partnerships/:id/crime/lsoas.csv")
    package static let crimeLSOA = Route("/partnerships/:id/crime/lsoas/:lsoa")
    package static let crimeLSOACrimesCSV = Route("/partnerships/:id/crime/lsoas/:lsoa/crimes.csv")

    // The strategic assessment
    package static let assessment = Route("/partnerships/:id/assessment")
    package static let assessmentJSON = Route("/partnerships/:id/assessment.json")
    package static let assessmentPDF = Route("/partnerships/:id/assessment.pdf")
    package static let assessmentAPI = Route("/api/v1/partnerships/:id/assessment")
    package static let assessmentTable = Route("/partnerships/:id/assessment/tables/:table")
    package static let assessmentSettings = Route("/partnerships/:id/assessment/settings")
    package static let assessmentWeighting = Route("/partnerships/:id/assessment/settings/weighting")
    package static let assessmentWeights = Route("/partnerships/:id/assessment/settings/weights")
    package static let assessmentThemes = Route("/partnerships/:id/assessment/settings/themes")
    package static let removeAssessmentTheme = Route("/partnerships/:id/assessment/settings/themes/remove")
    package static let assessmentAdjustments = Route("/partnerships/:id/assessment/settings/adjustments")
    package static let assessmentVersions = Route("/partnerships/:id/assessment/versions")
    package static let assessmentVersion = Route("/partnerships/:id/assessment/versions/:version")
    package static let assessmentVersionTable = Route("/partnerships/:id/assessment/versions/:version/tables/:table")
    package static let approveAssessmentVersion = Route("/partnerships/:id/assessment/versions/:version/approve")
    package static let assessmentVersionPDF = Route("/partnerships/:id/assessment/versions/:version/document.pdf")

    // The public pages, all beneath one prefix: no session, their own frame (see `PublicPagesMiddleware`)
    package static let publicPages = "/public/"
    package static let publicPartnerships = Route("/public/partnerships")
    package static let publicPartnership = Route("/public/partnerships/:id")
}
