import HallmarkDomain
import HallmarkRegister
import HallmarkRestructuring
import HallmarkStore

/// A review of the demo county's arrangements modelled on seed 001 (Worcestershire's four CSPs
/// against two and one): Leicestershire's seven district CSPs kept, made two (north and south),
/// or made one, with Leicester and Rutland as they are. The stakeholders' positions are
/// invented for the demo, as its people are.
enum DemoRestructuring {
    static let title = "Review of community safety partnership working, 2027"

    static func load(_ deps: Dependencies) async throws {
        let r = deps.restructuring
        guard let county = try await deps.partnerships.all().first(where: { $0.name == DemoCounty.countyName }),
            try await r.reviews.reviews(of: county.id).isEmpty
        else { return }
        let author = ChangeAuthor.system("demo loader")
        let review = try await r.reviews.open(title, formula: .starting, in: county.id, on: CalendarDate.today().adding(days: -30), by: author)
        let today = try await r.today(of: county, on: .today())
        func indices(_ districts: [String]) -> Set<Int> {
            Set(today.partnerships.indices.filter { n in today.partnerships[n].districts.contains { districts.contains($0.name) } })
        }
        let north = ["Charnwood", "Melton", "North West Leicestershire"]
        let south = ["Blaby", "Harborough", "Hinckley and Bosworth", "Oadby and Wigston"]
        var two = today.merging(indices(north), into: "North Leicestershire Community Safety Partnership")
        two = two.merging(
            Set(two.partnerships.indices.filter { n in two.partnerships[n].districts.contains { south.contains($0.name) } }),
            into: "South Leicestershire Community Safety Partnership")
        two.themes = [
            Theme(name: "Domestic abuse and sexual violence", decides: .county, advises: .partnership),
            Theme(name: "Anti-social behaviour", decides: .partnership, advises: .county),
        ]
        var one = today.merging(indices(north + south), into: "Leicestershire Community Safety Partnership")
        one.themes = two.themes

        let options = [
            try await r.reviews.addOption(
                "Keep the seven district partnerships", summary: "Leicestershire’s seven district CSPs stay as they are, with the county strategy board above them.",
                structure: today, to: review, by: author),
            try await r.reviews.addOption(
                "Two partnerships, north and south",
                summary:
                    "Charnwood, Melton and North West Leicestershire merge into a North CSP; Blaby, Harborough, Hinckley and Bosworth and Oadby and Wigston into a South CSP. Each keeps its local Joint Action Groups; a leaner county board sets the Community Safety Agreement.",
                structure: two, to: review, by: author),
            try await r.reviews.addOption(
                "One partnership for Leicestershire", summary: "The seven district CSPs merge into one county CSP, with the Joint Action Groups as its local delivery.",
                structure: one, to: review, by: author),
        ]
        let words: [(String, String, String)] = [
            (
                "Local focus and established relationships; each council leads on its own area.",
                "Partners staff many similar meetings; small partnerships get little funding each; the same issues are discussed seven times.",
                "Police, fire, health and probation cannot keep sending senior people to every board; attendance falls."
            ),
            (
                "Fewer boards to staff while keeping a local focus; each new partnership large enough to commission services; north and south match the police’s own areas.",
                "Merging takes officer time in the first year; councils share the chair.",
                "Every responsible authority must agree before the merger can go to the PCC; a council that disagrees holds it up."
            ),
            (
                "Fewest meetings; one strategic assessment and one plan for the county’s districts.",
                "The partnership is remote from local issues; district councils lose their lead.",
                "Local delivery depends wholly on the Joint Action Groups; councils may withdraw their staff."
            ),
        ]
        for (option, (strengths, weaknesses, risks)) in zip(options, words) {
            try await r.reviews.changeOption(option.id, of: review, by: author) { o in (o.strengths, o.weaknesses, o.risks) = (strengths, weaknesses, risks) }
        }
        let positions: [(String, Int?, String, String, Int)] = [
            ("Leicestershire Police", 1, "Favours two partnerships: its local policing areas are north and south.", "Response to the review (demo)", -20),
            ("Leicestershire County Council", 2, "Favours one partnership for the county’s districts, to match its own services.", "Cabinet lead’s letter (demo)", -18),
            ("Charnwood Borough Council", 1, "Accepts two partnerships if the Joint Action Groups stay local.", "Response to the review (demo)", -15),
            ("Melton Borough Council", 0, "Prefers to keep its own partnership.", "Meeting with the review’s officer (demo)", -12),
        ]
        for (stakeholder, option, position, source, days) in positions {
            _ = try await r.reviews.addPosition(
                (stakeholder, option.map { options[$0].id }, position, source, CalendarDate.today().adding(days: days)), to: review, by: author)
        }
        try await r.reviews.change(review.id, in: county.id, by: author) {
            $0.recommendedOptionID = options[1].id
            $0.recommendation =
                "Most responsible authorities favour or accept it; it cuts the hours partners give to meetings by nearly half while keeping a local focus, and each new partnership is large enough to commission services."
        }
        try await proposeNorth(r, county: county, author: author)
    }

    /// The recommended option's first step: the northern three proposed to merge next April,
    /// with two authorities' agreement recorded and the rest (and the PCC) still to come.
    static func proposeNorth(_ r: RestructuringService, county: Partnership, author: ChangeAuthor) async throws {
        let today = try await r.partnershipsToday(of: county)
        let north = today.filter { p in p.districts.contains { ["Charnwood", "Melton", "North West Leicestershire"].contains($0.name) } }
        var april = CalendarDate(year: CalendarDate.today().year, month: 4, day: 1)!
        if april <= .today() { april = CalendarDate(year: april.year + 1, month: 4, day: 1)! }
        let merger = try await r.mergers.propose(
            sources: north.map(\.partnership),
            successors: [.init(name: "North Leicestershire Community Safety Partnership", onsCode: GSSCode("E22000990")!, districts: north.flatMap(\.districts))],
            members: .move, subGroups: .move, terms: .copy, effectiveOn: april, in: county.id, on: CalendarDate.today().adding(days: -7), by: author)
        let progress = try await r.mergers.progress(of: merger, crossesForces: r.crossesForces(merger))
        for authority in progress.agreements.prefix(2).map(\.organisation) {
            try await r.mergers.agree(
                merger.id, in: county.id, organisation: authority.id,
                Approval(by: "Chief Executive (demo)", on: CalendarDate.today().adding(days: -3), document: "Letter agreeing to the merger (demo)"), by: author)
        }
    }
}
