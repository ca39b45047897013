import HallmarkDomain
import HallmarkFunding
import HallmarkReviews
import HallmarkStore

/// Charnwood's casework, every name plainly fictional: three ASB Case Reviews (one awaiting
/// its decision, one below the threshold and closed, one reviewed with recommendations), a
/// Domestic Homicide Review under way with agencies' reports and the chair's fee paid from the
/// county's pooled fund, and a death just notified; two people in the IOM cohort, one since
/// left; the coordinator is on each team. Four quarters of the IOM cohort's counts, and three information-sharing agreements, one due for review.
/// Sealed with the server's case keys; skipped when it has none. Loading twice changes nothing.
enum DemoCasework {
    static func load(_ deps: Dependencies) async throws {
        let reviews = deps.reviews
        guard reviews.keys != nil,
            let charnwood = try await deps.partnerships.all().first(where: { $0.kind == .communitySafetyPartnership && $0.name.hasPrefix("Charnwood") }),
            try await reviews.asb().reviews(of: charnwood.id).isEmpty,
            let coordinator = try await deps.accounts.user(email: "coordinator@demo.hallmark.test")
        else { return }
        let author = ChangeAuthor.system("demo loader")
        let today = CalendarDate.today()
        let settings = try await reviews.casework.settings(of: charnwood.id)
        let asb = try reviews.asb()
        func complaints(_ days: [Int], _ about: String) -> [ASBComplaint] {
            days.map { ASBComplaint(reportedOn: today.adding(days: -$0), reportedTo: $0 % 2 == 0 ? "Charnwood Borough Council" : "Leicestershire Police", about: about) }
        }
        _ = try await asb.apply(
            (
                name: "A. Sample (fictional)", contact: "a.sample@example.org", address: "1 Example Close, Loughborough (fictional)", onBehalf: false,
                complaints: complaints([12, 40, 75, 130], "Noise and shouting from the flat above, late at night")
            ), on: today.adding(days: -3), madeBy: "the public site", settings: settings, team: [coordinator.id], to: charnwood.id, by: author)
        let below = try await asb.apply(
            (
                name: "B. Example (fictional)", contact: "01509 000001", address: "2 Specimen Road, Shepshed (fictional)", onBehalf: true,
                complaints: complaints([20, 250], "Youths gathering by the shops")
            ), on: today.adding(days: -60), madeBy: "Carys Coordinator", settings: settings, team: [coordinator.id], to: charnwood.id, by: author)
        _ = try await asb.change(below.id, in: charnwood.id, by: author) { r in
            r.thresholdMet = false
            r.decidedOn = today.adding(days: -55)
            r.letterSentOn = today.adding(days: -54)
            r.closedOn = today.adding(days: -54)
        }
        let reviewed = try await asb.apply(
            (
                name: "C. Placeholder (fictional)", contact: "c.placeholder@example.org", address: "3 Imaginary Lane, Loughborough (fictional)", onBehalf: false,
                complaints: complaints([50, 90, 120], "Drug dealing from a car park next to the house")
            ), on: today.adding(days: -45), madeBy: "the public site", settings: settings, team: [coordinator.id], to: charnwood.id, by: author)
        _ = try await asb.change(reviewed.id, in: charnwood.id, by: author) { r in
            r.thresholdMet = true
            r.decidedOn = today.adding(days: -38)
            r.letterSentOn = today.adding(days: -37)
            r.meetingOn = today.adding(days: -20)
            r.recommendations = "Joint police and council patrols of the car park; lighting repaired; a named contact for the applicant"
            r.recommendationsMade = true
        }

        let homicide = try reviews.homicide()
        let dhr = try await homicide.notify(
            (kind: .dhr, notifiedOn: today.adding(days: -120), victimName: "D. Fictional", circumstances: "A fictional case for the demonstration: no real person."),
            team: [coordinator.id], to: charnwood.id, by: author)
        _ = try await homicide.change(dhr.id, in: charnwood.id, by: author) { r in
            r.decision = .commission
            r.decidedOn = today.adding(days: -100)
            r.decisionReason = "The statutory criteria are met"
            r.homeOfficeInformedOn = today.adding(days: -99)
            r.chair = "An independent chair (fictional)"
            r.panel = "Leicestershire Police\nCharnwood Borough Council\nIntegrated Care Board\nProbation Service"
        }
        guard let underWay = try await homicide.review(dhr.id, in: charnwood.id) else { return }
        for (agency, received) in [("Leicestershire Police", true), ("Integrated Care Board", false), ("Charnwood Borough Council", false)] {
            try await homicide.requestReport(
                (agency: agency, requestedOn: today.adding(days: -90), dueOn: today.adding(days: received ? -40 : agency.hasPrefix("Integrated") ? -5 : 20)), for: underWay,
                by: author)
        }
        if let police = try await homicide.reports(of: dhr.id).first(where: { $0.agency == "Leicestershire Police" }) {
            try await homicide.receiveReport(police.id, on: today.adding(days: -42), of: underWay, by: author)
        }
        if let fund = try await reviews.funds(for: charnwood.id).first(where: { $0.name.contains("Homicide") }) {
            try await homicide.addCost(
                (description: "Independent chair’s fee, first half", amount: .pounds(3_500), paidOn: today.adding(days: -60), fundID: fund.id), heldBy: fund.partnershipID,
                to: underWay, by: author)
        }
        _ = try await homicide.notify(
            (kind: .dardr, notifiedOn: today.adding(days: -9), victimName: "E. Invented", circumstances: "A fictional case for the demonstration: no real person."),
            team: [coordinator.id], to: charnwood.id, by: author)

        let cohort = try reviews.cohort()
        _ = try await cohort.add(
            (name: "F. Madeup (fictional)", notes: "Fictional record for the demonstration", enteredOn: today.adding(days: -200)), team: [coordinator.id], to: charnwood.id,
            by: author)
        let left = try await cohort.add(
            (name: "G. Notreal (fictional)", notes: "Fictional record for the demonstration", enteredOn: today.adding(days: -400)), team: [coordinator.id],
            to: charnwood.id, by: author)
        try await cohort.exit(left.id, on: today.adding(days: -30), reason: "Order completed", in: charnwood.id, by: author)

        let year = FinancialYear(containing: today)
        for (n, (start, entries, exits, reoffenders, offences)) in [(38, 7, 5, 9, 21), (40, 6, 4, 8, 17), (42, 5, 6, 7, 16), (41, 8, 3, 10, 24)].enumerated() {
            let quarterYear = n < 2 ? year.previous : year
            try await reviews.iom.save(
                (quarter: "\(quarterYear) Q\(n < 2 ? n + 3 : n - 1)", start: start, entries: entries, exits: exits, reoffenders: reoffenders, offences: offences),
                of: charnwood.id, by: author)
        }
        for (title, parties, basis, special, review) in [
            ("ASB case information", ["Charnwood Borough Council", "Leicestershire Police", "Registered housing providers"], LawfulBasis.publicTask, "", 18),
            (
                "Integrated Offender Management", ["Leicestershire Police", "Probation Service East Midlands"], .lawEnforcement, "Data Protection Act 2018, Part 3, section 35",
                300
            ),
            (
                "Domestic abuse: MARAC", ["Leicestershire Police", "Charnwood Borough Council", "Integrated Care Board", "Independent domestic violence advisers"],
                .publicTask, "DPA 2018 Schedule 1, paragraph 18 (safeguarding of children and individuals at risk)", 500
            ),
        ] {
            _ = try await reviews.sharing.add(
                (
                    title: title, parties: parties, purpose: "Sharing what the partners need to work together on \(title.lowercased())", basis: basis, special: special,
                    items: "Names, addresses, dates of birth, incidents and the actions agreed", retention: "Two years after the case closes",
                    signed: today.adding(days: -700), review: today.adding(days: review), signatories: ["Head of Community Safety", "Data Protection Officer"]
                ), to: charnwood.id, by: author)
        }
    }
}
