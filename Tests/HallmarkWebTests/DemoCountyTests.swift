import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkEngagement
import HallmarkFunding
import HallmarkKit
import HallmarkMeetings
import HallmarkPlan
import HallmarkRestructuring
import HallmarkReviews
import HallmarkRegister
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import Testing

@Suite("Demo county")
struct DemoCountyTests {
    /// Leicestershire's CSPs read straight from the ONS file in ../shared, with no Hallmark code.
    func referenceCSPs() throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("../shared/data/ons/lookup_ltla24_csp24_pfa24.csv")
        var result: [String: String] = [:]
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.hasSuffix(",E23000021,Leicestershire") {
            let f = line.split(separator: ",")
            result[String(f[2])] = String(f[0])
        }
        return result
    }

    @Test("Loads Leicestershire's real CSPs with their ONS codes, and loading twice changes nothing", arguments: Backend.allCases)
    func demo(backend: Backend) async throws {
        try await withStore(backend) { store in
            let deps = Dependencies(store: store, settings: Settings(bcryptCost: 4))
            let accounts = try await DemoCounty.load(deps)
            #expect(Set(accounts.map(\.role)) == Set(Role.allCases))
            let first = try await deps.partnerships.all()
            let audit = try await AuditLog.entries(in: store, limit: 100_000).count
            try await DemoCounty.load(deps)
            #expect(try await deps.partnerships.all() == first)
            #expect(try await AuditLog.entries(in: store, limit: 100_000).count == audit)

            let reference = try referenceCSPs()
            #expect(reference.count == 9)
            let csps = first.filter { $0.kind == .communitySafetyPartnership }
            #expect(Set(csps.compactMap(\.onsCode?.value)) == Set(reference.keys))
            for csp in csps {
                let districts = try await deps.partnerships.districts(of: csp.id).map(\.code.value)
                #expect(districts == [reference[csp.onsCode!.value]!])
                #expect(!(try await deps.memberships.entries(of: csp.id)).isEmpty)
                #expect(try await deps.partnerships.children(of: csp.id).contains { $0.kind == .subGroup })
                // A year of meetings: held and cancelled, with attendance, decisions, actions, approved minutes; two to come.
                let meetings = try await deps.meetings.meetings.meetings(of: csp.id)
                let today = CalendarDate.today()
                let held = meetings.filter { $0.status == .held }
                #expect(held.count == 3 && meetings.contains { $0.status == .cancelled } && meetings.filter { $0.date > today }.count == 2)
                #expect(held.allSatisfy { $0.date >= today.adding(days: -365) })
                for m in held {
                    #expect(!(try await deps.meetings.minutes.attendance(at: m.id)).isEmpty)
                    #expect(!(try await deps.meetings.minutes.decisions(at: m.id)).isEmpty)
                    #expect(!(try await deps.meetings.papers.papers(of: m.id)).isEmpty)
                }
                #expect(held.filter(\.minutesApproved).count == 2)
                let actions = try await deps.meetings.minutes.actions(of: csp.id)
                #expect(actions.count == 3 && actions.contains { $0.action.status == .done } && actions.contains { $0.action.status == .open })
                #expect(try await deps.meetings.terms.inForce(for: csp.id).version?.isApproved == true)
            }
            let county = try #require(first.first { $0.kind == .countyStrategyGroup })
            #expect(csps.allSatisfy { $0.parentID == county.id })
            // Three years of the county's allocation: two approved, and the next a draft, each adding up to its pot.
            let statements = try await deps.funding.statements.versions(of: county.id)
            #expect(statements.map(\.isApproved) == [false, true, true])
            for statement in statements {
                let saved = try #require(try await deps.funding.saved(statement.id, of: county))
                #expect(saved.allocation.total == saved.allocation.pot)
                #expect(saved.allocation.lines.count == csps.count)
            }
            // Streams and budgets over three years, a pooled DHR fund and two commissioned services.
            let thisYear = FinancialYear(containing: .today())
            for year in [thisYear.previous.previous, thisYear.previous, thisYear] {
                #expect(try await deps.funding.streams.streams(of: csps[0].id, in: year).count == 2)
                #expect(try await deps.funding.budgets.lines(of: csps[0].id, in: year).count == 3)
            }
            let fund = try #require(try await deps.funding.pools.funds(of: county.id).first)
            let pool = try #require(try await deps.funding.pools.statement(fund.id, in: county.id))
            #expect(pool.lines.map(\.due).reduce(.zero, +) == fund.target && pool.balance == .pounds(30_000 * 80 / 100 - 7_500))
            #expect(try await deps.funding.commissioning.services(of: csps[0].id).count == 2)
        }
    }

    @Test("The demo plans come from the real assessments, and their evidence chains resolve both ways")
    func demoPlan() async throws {
        try await withStore(.sqlite) { store in
            let deps = Dependencies(store: store, settings: Settings(bcryptCost: 4, caseKeys: CaseKeys.demoConfiguration))
            try await DemoCounty.load(deps)
            _ = try await DemoCounty.loadCrime(deps, from: PoliceFiles.folder.appendingPathComponent("leicestershire").path)
            try await DemoCounty.loadPlan(deps)
            let charnwood = try #require(try await deps.partnerships.all().first { $0.name == "Charnwood Community Safety Partnership" })
            // The three from the assessment, two published; one withdrawn after it was published; and the
            // one the self-assessment's improvement actions go under.
            let all = try await deps.plan.plans.priorities(of: charnwood.id)
            let priorities = all.filter(\.fromAssessment)
            #expect(priorities.count == 3 && all.count == 5 && priorities.filter { !$0.publicSummary.isEmpty }.count == 2)
            #expect(all.filter(\.withdrawn).map(\.title) == ["Rural crime"])
            let rounds = try await deps.engagement.selfAssessment.rounds(of: charnwood.id)
            #expect(rounds.count == 2 && rounds.filter(\.anonymous).count == 1 && rounds.allSatisfy { !$0.open(on: .today()) })
            for round in rounds { #expect(try await deps.engagement.selfAssessment.respondents(of: round) == 5) }
            // A closed consultation with 400 answers, its written answers themed, an open one, and one not open yet.
            let consultations = try await deps.engagement.consultations.consultations(of: charnwood.id)
            let ended = try #require(consultations.first { $0.closed })
            #expect(consultations.count == 3 && consultations.filter { $0.open(on: .today()) }.count == 1)
            #expect(consultations.filter { !$0.published(on: .today()) }.count == 1)
            #expect(try await deps.engagement.consultations.responses(to: ended) == 400)
            // Casework, sealed under the demo key: three ASB Case Reviews, two homicide reviews, four IOM quarters, three agreements.
            #expect(try await deps.reviews.asb().reviews(of: charnwood.id).count == 3)
            #expect(try await deps.reviews.homicide().reviews(of: charnwood.id).map(\.kind) == [.dardr, .dhr])
            let quarters = try await deps.reviews.iom.quarters(of: charnwood.id)
            #expect(IOMQuarter.gaps(quarters).isEmpty && quarters.count == 4)
            #expect(try await deps.reviews.cohort().members(of: charnwood.id).filter { $0.exitedOn == nil }.count == 1)
            #expect(try await deps.reviews.sharing.agreements(of: charnwood.id).filter { $0.dueForReview(today: .today()) }.count == 1)
            #expect(try await deps.engagement.consultations.results(of: ended).flatMap(\.texts).allSatisfy { !$0.theme.isEmpty })
            #expect(try await deps.engagement.engagement.events(of: charnwood.id).count == 2)
            #expect(try await deps.engagement.engagement.items(of: charnwood.id).filter(\.published).count == 2)
            // Forward: figure → priority → action → spend → indicator.
            let approved = try #require(try await deps.plan.approvedAssessment(of: charnwood.id))
            #expect(priorities.map(\.title) == approved.themes.prefix(3).map(\.name))
            let actions = try await deps.plan.plans.actions(of: charnwood.id)
            let indicators = try await deps.plan.plans.indicators(of: charnwood.id)
            let lines = try await deps.funding.budgets.allLines(of: charnwood.id)
            for priority in priorities {
                #expect(priority.assessmentVersionID == approved.version.id && priority.evidence == approved.themes.first { $0.name == priority.title }?.evidence)
                let mine = actions.filter { $0.priorityID == priority.id }
                // Two actions under way, and on one priority a third withdrawn, still listed.
                #expect(mine.filter { $0.status != .withdrawn }.count == 2)
                #expect(mine.compactMap(\.budgetLineID).allSatisfy { id in lines.contains { $0.id.rawValue == id } })
                #expect(mine.contains { $0.budgetLineID != nil })
                #expect(indicators.contains { $0.priorityID == priority.id })
            }
            // Backward: every indicator names a priority of this plan, whose actions are found from it.
            for indicator in indicators {
                let priority = try #require(priorities.first { $0.id == indicator.priorityID })
                #expect(!actions.filter { $0.priorityID == priority.id }.isEmpty)
            }
            // A year of quarters for the entered indicator, and computed values for the others.
            let readings = try await deps.plan.readings(of: charnwood, indicators)
            #expect(readings.first { $0.indicator.name.hasPrefix("Proven reoffending") }?.values.count == 5)
            #expect(readings.first { $0.indicator.frequency == .monthly }?.values.count == 13)
            #expect(readings.filter(\.indicator.computed).allSatisfy { $0.values.count >= 4 })
            // Rated by significance, an indicator of a theme's categories says what the assessment's
            // trend test said of the theme over the same 24 months.
            for theme in approved.themes.prefix(3) where !theme.members.isEmpty {
                let probe = Indicator(
                    id: 0, partnershipID: charnwood.id, priorityID: nil, name: theme.name, definition: "", unit: "", polarity: .lowerIsBetter,
                    crimeTypes: theme.members.compactMap(CrimeType.init(rawValue:)), baseline: nil, target: nil, tolerance: 5, rule: .significance, owner: "")
                let trend = try #require(try await deps.plan.readings(of: charnwood, [probe])[0].trend)
                #expect(theme.evidence.contains("trend") && theme.evidence.contains(trend.direction), "\(theme.name): \(trend.direction) in \(theme.evidence)")
            }
            // A review of the arrangements modelled on seed 001 (the district CSPs kept, made two, made
            // one), its merged partnerships' figures their districts' summed, and its appraisal printed.
            let county = try #require(try await deps.partnerships.all().first { $0.kind == .countyStrategyGroup })
            let review = try #require(try await deps.restructuring.reviews.reviews(of: county.id).first)
            let model = ReviewView.Model(
                county: county, review: review, comparison: try await deps.restructuring.comparison(review, county: county, on: .today()),
                positions: try await deps.restructuring.reviews.positions(of: review.id), canEdit: false, today: .today())
            let c = model.comparison
            #expect(c.options.count == 3 && c.figures.map(\.partnerships.count) == [9, 9, 4, 3])
            let northern = ["Charnwood", "Melton", "North West Leicestershire"]
            let north = try #require(c.figures[2].partnerships.first { $0.name.hasPrefix("North") })
            let parts = c.figures[0].partnerships.filter { northern.contains($0.districts[0].name) }
            #expect(parts.count == 3 && north.crimes == parts.reduce(0) { $0 + $1.crimes } && north.residents == parts.reduce(0) { $0 + $1.residents })
            #expect(north.crimes > 0 && c.figures.allSatisfy { $0.fundingProblem == nil && $0.uncovered.isEmpty && $0.doubled.isEmpty })
            let staffed = c.figures.map { $0.burden.hoursByOrganisation.values.reduce(0, +) }
            #expect(staffed[0] == staffed[1] && staffed[2] < staffed[1] && staffed[3] < staffed[2])
            #expect(try await deps.restructuring.reviews.positions(of: review.id).count == 4 && review.recommendedOptionID == c.options[1].id)
            let printer = try #require(PDFPrinter.find(), "Chromium is needed: scripts/test installs Debian's chromium")
            let pdf = ByteBuffer(data: try await printer.pdf(html: AppraisalDocument.html(model)))
            #expect(try AssessmentPDFTests.poppler("pdfinfo", pdf).contains("(A4)"))
            let printed = try AssessmentPDFTests.poppler("pdftotext", pdf, ["-layout"])
            #expect(printed.contains("Hours a year each organisation must staff") && printed.contains("Recommended: Two partnerships, north and south."))
            // The recommended option's first step: the northern three proposed to merge, two agreements in.
            let merger = try #require(try await deps.restructuring.mergers.mergers(of: county.id).first)
            let progress = try await deps.restructuring.mergers.progress(of: merger, crossesForces: deps.restructuring.crossesForces(merger))
            #expect(merger.sources.count == 3 && progress.agreements.filter { $0.agreement != nil }.count == 2 && progress.stage == "Awaiting agreements")
            // Loading again changes nothing.
            try await DemoCounty.loadPlan(deps)
            #expect(try await deps.plan.plans.priorities(of: charnwood.id).count == 5)
        }
    }
}
