import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import HallmarkMeetings
import HallmarkRegister
import HallmarkRestructuring
import HallmarkStore
import HallmarkTestSupport
import HallmarkWeb
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Reviewing and restructuring partnerships")
struct RestructuringTests {
    static let police = RecordID<Organisation>(1), fire = RecordID<Organisation>(2), council = RecordID<Organisation>(3)

    @Test("The meetings each option asks of three organisations, against a hand count")
    func burden() {
        // Option A: a monthly board of 2 hours (the police once, the council twice) and a
        // quarterly group of 1.5 hours (the police and fire once each).
        let a = MeetingBurden([
            ProposedBoard(name: "Board", frequency: .monthly, hours: 2, seats: [.init(organisationID: Self.police, count: 1), .init(organisationID: Self.council, count: 2)]),
            ProposedBoard(name: "Group", frequency: .quarterly, hours: 1.5, seats: [.init(organisationID: Self.police, count: 1), .init(organisationID: Self.fire, count: 1)]),
        ])
        // By hand: police 12 × 2 + 4 × 1.5 = 30; council 12 × 2 × 2 = 48; fire 4 × 1.5 = 6.
        #expect(a.hoursByOrganisation == [Self.police: 30, Self.council: 48, Self.fire: 6])
        #expect(a.boards == 2 && a.meetingsPerYear == 16 && a.meetingHours == 30)
        // Option B: one board every two months for 2.5 hours, one seat each: 6 × 2.5 = 15 apiece.
        let b = MeetingBurden([
            ProposedBoard(
                name: "Merged", frequency: .bimonthly, hours: 2.5,
                seats: [.init(organisationID: Self.police, count: 1), .init(organisationID: Self.fire, count: 1), .init(organisationID: Self.council, count: 1)])
        ])
        #expect(b.hoursByOrganisation == [Self.police: 15, Self.council: 15, Self.fire: 15])
        #expect(b.boards == 1 && b.meetingsPerYear == 6 && b.meetingHours == 15)
        let organisations = [
            Organisation(id: Self.police, name: "Police", type: .police), Organisation(id: Self.fire, name: "Fire", type: .fireAndRescue),
            Organisation(id: Self.council, name: "Council", type: .districtCouncil),
        ]
        #expect(a.hoursByType(organisations).map(\.type) == [.districtCouncil, .police, .fireAndRescue])
        #expect(a.hoursByType(organisations).map(\.hours) == [48, 30, 6])

        // Time actually given: a member who sent a deputy, and the deputy present in their own
        // seat, are one person's time; a deputy whose member also came sits in the member's place.
        let member = RecordID<Person>(10), deputy = RecordID<Person>(11), councillor = RecordID<Person>(12), firefighter = RecordID<Person>(13)
        typealias Seat = MeetingBurden.HeldMeeting.Seat
        let given = MeetingBurden.attended([
            .init(
                hours: 3,
                seats: [
                    Seat(organisationID: Self.police, personID: member, isDeputy: false, deputyFor: nil, status: .deputy),
                    Seat(organisationID: Self.police, personID: deputy, isDeputy: true, deputyFor: member, status: .present),
                    Seat(organisationID: Self.council, personID: councillor, isDeputy: false, deputyFor: nil, status: .present),
                    Seat(organisationID: Self.fire, personID: firefighter, isDeputy: false, deputyFor: nil, status: .apologies),
                ]),
            .init(
                hours: 2,
                seats: [
                    Seat(organisationID: Self.police, personID: member, isDeputy: false, deputyFor: nil, status: .present),
                    Seat(organisationID: Self.police, personID: deputy, isDeputy: true, deputyFor: member, status: .present),
                    Seat(organisationID: Self.fire, personID: firefighter, isDeputy: false, deputyFor: nil, status: .present),
                ]),
        ])
        // Police 3 + 2; council 3; fire 0 + 2.
        #expect(given == [Self.police: 5, Self.council: 3, Self.fire: 2])
    }

    @Test("Today's structure comes from the register: seats from current members, deputies apart", arguments: Backend.allCases)
    func today(backend: Backend) async throws {
        try await withSite(backend) { site, _ in
            let deps = site.deps, author = ChangeAuthor.system("test")
            let council = try await deps.organisations.create(.init(name: "Alpha Council", type: .districtCouncil), by: author)
            let officer = try await deps.people.create(.init(name: "Olive Officer"), keptBy: site.cspA.id, by: author)
            let stand = try await deps.people.create(.init(name: "Dee Deputy"), keptBy: site.cspA.id, by: author)
            let leaver = try await deps.people.create(.init(name: "Len Leaver"), keptBy: site.cspA.id, by: author)
            for (person, organisation, office, end) in [
                (site.personA, site.organisation, Office.member, nil), (officer, council, .chair, nil), (stand, site.organisation, .deputy, nil),
                (leaver, council, .member, CalendarDate("2025-03-31")),
            ] as [(Person, Organisation, Office, CalendarDate?)] {
                _ = try await deps.memberships.create(
                    .init(
                        personID: person.id, organisationID: organisation.id, vote: .voting, office: office, deputyForPersonID: office == .deputy ? site.personA.id : nil,
                        startDate: CalendarDate("2024-04-01")!, endDate: end), in: site.cspA.id, by: author)
            }
            let structure = try await deps.restructuring.today(of: site.county, on: CalendarDate("2026-11-30")!)
            #expect(structure.partnerships.map(\.name) == ["Alpha CSP", "Beta CSP"])
            let alpha = try #require(structure.partnerships.first)
            // Alpha's board and its JAG; the police once (the deputy is not a seat), the council once (the leaver has gone).
            #expect(alpha.boards.map(\.name) == ["Alpha CSP", "Alpha JAG"])
            #expect(Set(alpha.boards[0].seats) == [.init(organisationID: site.organisation.id, count: 1), .init(organisationID: council.id, count: 1)])
            // No terms of reference agreed and no meeting held: quarterly, two hours, as the starting terms say.
            #expect(alpha.boards[0].frequency == .quarterly && alpha.boards[0].hours == 2)
            #expect(MeetingBurden(structure.boards).hoursByOrganisation[site.organisation.id] == 8)
            #expect(structure.countyBoards.map(\.name) == ["Test County Board"])
        }
    }

    @Test("Each option's funding is the funding capability's allocation under the same formula", arguments: Backend.allCases)
    func funding(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, _ in
            let deps = site.deps, author = ChangeAuthor.system("test")
            let r = deps.restructuring
            try await r.reviews.change(site.arrangementReview.id, in: site.county.id, by: author) {
                $0.formula = ReviewFormula(pot: .pounds(100_000), floor: .pounds(10_000), populationWeight: 50, crimeWeight: 30, harmWeight: 20)
            }
            let review = try #require(try await r.reviews.review(site.arrangementReview.id, in: site.county.id))
            let today = try await r.today(of: site.county, on: .today())
            _ = try await r.reviews.addOption("One CSP", summary: "", structure: today.mergedIntoOne("Gamma CSP"), to: review, by: author)
            let c = try await r.comparison(review, county: site.county, on: .today())
            #expect(c.figures.map(\.name) == ["Today", "As today", "One CSP"])

            // The funding page's own path: the needs it reads, entered as its form takes them.
            let needs = try #require(try await deps.funding.needs(of: [site.cspA, site.cspB]))
            let a = try #require(needs.figures[site.cspA.id]), b = try #require(needs.figures[site.cspB.id])
            #expect(a.crimes == 1 && b.crimes == 2)
            var form = ["year": "2026/27", "pot": "£100,000", "floor": "£10,000", "method": "needs", "weight_population": "50", "weight_crime": "30", "weight_harm": "20"]
            for (p, need) in [(site.cspA, a), (site.cspB, b)] {
                form["population_\(p.id)"] = "\(need.residents)"
                form["crime_\(p.id)"] = "\(need.crimes)"
                form["harm_\(p.id)"] = "\(need.harm)"
            }
            let expected = try AllocationRequest.validate(
                form, recipients: [("\(site.cspA.id)", Recipient(code: "E22000164", name: "Alpha CSP")), ("\(site.cspB.id)", Recipient(code: "E22000165", name: "Beta CSP"))]
            ).allocate()
            #expect(c.figures[0].partnerships.map(\.funding) == expected.lines.map(\.amount))
            // The fixture's option was drawn before Alpha and Beta had districts: it covers none, so shares nothing.
            #expect(c.figures[1].uncovered.map(\.name) == ["Blaby", "Charnwood"] && c.figures[1].fundingProblem?.contains("nobody to allocate to") == true)
            #expect(expected.total == .pounds(100_000))
            let summary = ComparisonTables.all(c, positions: []).first { $0.name == "options" }!
            #expect(summary.csv.text.contains("Proposed partnerships covering no district,None,\"Alpha CSP; Beta CSP\",None"))
            #expect(summary.csv.text.contains("Community Safety Partnerships,2,0,1"))
            // A change of hours is written for a spreadsheet as a number, however the page says it.
            let hours = try #require(summary.csv.text.components(separatedBy: "\r\n").first { $0.hasPrefix("Change in partners’ hours from today,") })
            #expect(hours.split(separator: ",").dropFirst().allSatisfy { Double($0) != nil } && hours.hasPrefix("Change in partners’ hours from today,0,"), "\(hours)")
            // Merged, one partnership takes the whole pot, which is what today's two get for the same districts.
            let one = try #require(c.figures[2].partnerships.first)
            #expect(one.funding == .pounds(100_000) && one.fundingToday == .pounds(100_000))
            // Shown with pence, so that the column lines up, and written for a spreadsheet; a change of nothing says so.
            let funding = ComparisonTables.all(c, positions: []).first { $0.name == "funding" }!
            let alpha = try #require(expected.lines.first?.amount)
            #expect(funding.csv.text.contains("Today,Alpha CSP,\(alpha.plain),\(alpha.plain),0.00\r\n") && funding.csv.text.contains("One CSP,Gamma CSP,100000.00,100000.00,0.00"))
            let shown = funding.rows.map { $0.map(\.shown) }
            #expect(
                shown.contains(["One CSP", "Gamma CSP", "£100,000.00", "£100,000.00", "No change"])
                    && shown.contains(["Today", "Alpha CSP", alpha.exact, alpha.exact, "No change"]))
            #expect(funding.notes.contains { $0.contains("a change of a penny or two can come from the rounding alone") })
            #expect(one.residents == a.residents + b.residents && one.crimes == 3 && one.harm == a.harm + b.harm)
            // Fewer boards: the county's, then one merged board with Alpha's JAG beneath it.
            #expect(c.figures[2].burden.boards == 3 && c.figures[0].burden.boards == 4)

            // A formula that cannot be applied says so instead of giving figures.
            try await r.reviews.change(review.id, in: site.county.id, by: author) { $0.formula.floor = .pounds(60_000) }
            let refused = try await r.comparison(try #require(try await r.reviews.review(review.id, in: site.county.id)), county: site.county, on: .today())
            #expect(refused.figures[0].fundingProblem?.contains("A floor of £60,000 for each of 2 partnerships needs £120,000") == true)
            #expect(refused.figures[0].partnerships.allSatisfy { $0.funding == nil })
            // Its amount columns keep words off the CSV, so that a spreadsheet still reads them as
            // numbers, and the page still says why, set as the figures they stand for.
            let unworked = ComparisonTables.all(refused, positions: []).first { $0.name == "funding" }!
            #expect(unworked.csv.text.contains("\r\nToday,Alpha CSP,,,\r\n"))
            #expect(unworked.rows.map { $0.map(\.shown) }.contains(["Today", "Alpha CSP", "None: the formula could not be applied", "Not comparable", ""]))
            #expect(unworked.node(csv: nil).render().contains("<td class=\"number\">None: the formula could not be applied</td>"))
            // The change column is set as figures, "No change" and all; words are not.
            let columns = funding.node(csv: nil).render()
            #expect(columns.contains("<th scope=\"col\" class=\"number\">Change</th>") && columns.contains("<th scope=\"col\">Partnership</th>"))
        }
    }

    @Test("A merger completes only after every authority's agreement and the PCC's approval, on its date; the old partnerships stay as history", arguments: Backend.allCases)
    func merger(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let deps = site.deps, author = ChangeAuthor.system("test")
            let mergers = deps.restructuring.mergers
            let council = try await deps.organisations.create(.init(name: "Alpha Council", type: .districtCouncil), by: author)
            let pcc = try await deps.organisations.create(.init(name: "The Commissioner", type: .policeAndCrimeCommissioner), by: author)
            for (o, p) in [(council, site.cspA), (site.organisation, site.cspA), (site.organisation, site.cspB), (pcc, site.cspB)] {
                try await deps.partnerships.addAuthority(o.id, to: p.id, by: author)
            }
            let m = site.merger
            let effective = CalendarDate("2031-04-01")!
            let signed = Approval(by: "Chief Executive", on: CalendarDate("2026-11-20")!, document: "Letter of 20 November 2026")
            func refusal(_ body: () async throws -> Void) async -> String? {
                do {
                    try await body()
                    return nil
                } catch let failure as ValidationFailure {
                    return failure.errors.first?.message
                } catch {
                    return "\(error)"
                }
            }
            let before = try await deps.partnerships.all()
            // The PCC is a statutory partner, not a responsible authority: two agreements are needed.
            let progress = try await mergers.progress(of: m, crossesForces: deps.restructuring.crossesForces(m))
            #expect(progress.agreements.map(\.organisation.name) == ["Alpha Council", "Test Police"] && !progress.crossesForces)
            #expect(
                await refusal { _ = try await mergers.complete(m.id, in: site.county.id, on: effective, crossesForces: false, by: author) }?.contains(
                    "Alpha Council and Test Police") == true)
            #expect(await refusal { try await mergers.approve(m.id, in: site.county.id, as: .pcc, signed, crossesForces: false, by: author) }?.contains("still to agree") == true)
            try await mergers.agree(m.id, in: site.county.id, organisation: site.organisation.id, signed, by: author)
            // One authority's agreement missing: it cannot complete, and says whose.
            let missing = await refusal { _ = try await mergers.complete(m.id, in: site.county.id, on: effective, crossesForces: false, by: author) }
            #expect(missing?.contains("The written agreement of Alpha Council") == true && missing?.contains("Test Police") == false)
            #expect(await refusal { try await mergers.agree(m.id, in: site.county.id, organisation: pcc.id, signed, by: author) }?.contains("responsible authorities") == true)
            try await mergers.agree(m.id, in: site.county.id, organisation: council.id, signed, by: author)
            #expect(await refusal { try await mergers.agree(m.id, in: site.county.id, organisation: council.id, signed, by: author) }?.contains("already recorded") == true)
            // Every agreement but no PCC approval yet.
            #expect(
                await refusal { _ = try await mergers.complete(m.id, in: site.county.id, on: effective, crossesForces: false, by: author) }?.contains(
                    "Police and Crime Commissioner") == true)
            #expect(
                await refusal { try await mergers.approve(m.id, in: site.county.id, as: .secretaryOfState, signed, crossesForces: false, by: author) }?.contains(
                    "only a merger across") == true)
            let early = Approval(by: "Commissioner", on: CalendarDate("2026-11-19")!, document: "Notice")
            #expect(
                await refusal { try await mergers.approve(m.id, in: site.county.id, as: .pcc, early, crossesForces: false, by: author) }?.contains(
                    "after the last agreement (20 November 2026)") == true)
            try await mergers.approve(m.id, in: site.county.id, as: .pcc, signed, crossesForces: false, by: author)
            // Approved, but the day before it takes effect.
            #expect(
                await refusal { _ = try await mergers.complete(m.id, in: site.county.id, on: effective.adding(days: -1), crossesForces: false, by: author) }?.contains(
                    "1 April 2031") == true)
            #expect(try await deps.partnerships.all() == before, "nothing changes before every step is done")

            let formed = try await mergers.complete(m.id, in: site.county.id, on: effective, crossesForces: false, by: author)
            let gamma = try #require(formed.first)
            #expect(formed.count == 1 && gamma.name == "Gamma CSP" && gamma.parentID == site.county.id && gamma.onsCode?.value == "E22000991")
            #expect(await refusal { try await mergers.agree(m.id, in: site.county.id, organisation: council.id, signed, by: author) }?.contains("completed on") == true)
            for old in [site.cspA, site.cspB] {
                let ended = try #require(try await deps.partnerships.find(old.id))
                #expect(ended.endedOn == effective && ended.endedBecause == "Merged into Gamma CSP")
            }
            // The new partnership's crime is the old ones' summed, month by month and in total.
            let period = CrimePeriod(from: MonthNumber.parse("2022-03")!, to: MonthNumber.parse("2022-03")!)
            let figures = try await [site.cspA, site.cspB, gamma].asyncMap { try await CrimeFigures.load($0, period: period, deps.crimeData) }
            #expect(figures[2].crimesByMonth == zip(figures[0].crimesByMonth, figures[1].crimesByMonth).map(+) && figures[2].crimesByMonth == [3])
            #expect(figures[2].residents == figures[0].residents + figures[1].residents)
            // The county's figures count each district once, not again through the ended partnerships.
            #expect(try await CrimeFigures.load(site.county, period: period, deps.crimeData).crimesByMonth == [3])
            // Authorities, members (the chair now a member), sub-groups and access follow as decided.
            #expect(Set(try await deps.partnerships.authorities(of: gamma.id).map(\.name)) == ["Alpha Council", "Test Police", "The Commissioner"])
            let seats = try await deps.memberships.entries(of: gamma.id)
            #expect(seats.map(\.personName) == ["Bob Beta"] && seats[0].membership.office == .member && seats[0].membership.startDate == effective)
            #expect(try await deps.memberships.entries(of: site.cspB.id).first?.membership.endDate == CalendarDate("2031-03-31"))
            #expect(try await deps.partnerships.find(site.subGroupA.id)?.parentID == gamma.id)
            // Alpha's terms of reference in force (the starting terms: it agreed none) carried as Gamma's draft.
            let carried = try await deps.meetings.terms.versions(of: gamma.id)
            #expect(carried.count == 1 && !carried[0].isApproved)
            #expect(try await deps.meetings.terms.inForce(for: gamma.id).terms == .starting)
            #expect(try await AuditLog.entries(in: site.deps.store, limit: 1000).contains { $0.subject == "merger" && $0.before != nil && $0.after?.contains("completed") == true })

            // The old partnerships' pages, meetings, assessment and plan still answer, marked as ended.
            let coordinator = Browser(client)
            try await coordinator.signIn(as: .coordinator)
            let alpha = try await coordinator.get("/partnerships/\(site.cspA.id)")
            #expect(alpha.status == .ok && alpha.text.contains("This partnership ended on 1 April 2031.") && alpha.text.contains("Merged into Gamma CSP"))
            for path in [
                "/partnerships/\(site.cspA.id)/meetings/\(site.meetings.a.id)", "/partnerships/\(site.cspA.id)/assessment/versions/\(site.assessmentVersionID!)",
                "/partnerships/\(site.cspA.id)/plan", "/partnerships/\(gamma.id)", "/partnerships/\(gamma.id)/crime",
            ] {
                #expect(try await coordinator.get(path).status == .ok, "\(path)")
            }
            let api = try await client.execute(
                uri: "/api/v1/partnerships/\(site.cspA.id)", method: .get, headers: [.authorization: "Bearer \(site.tokens[.coordinator]!)"])
            #expect(api.status == .ok && String(buffer: api.body).contains("\"ended_on\":\"2031-04-01\""))
        }
    }

    @Test("A partnership divides in two through the forms; on the day the daily job completes it, and the old one refuses changes", arguments: Backend.allCases)
    func demerger(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            let deps = site.deps, author = ChangeAuthor.system("test")
            let harborough = District(code: GSSCode("E07000131")!, name: "Harborough")
            let charlie = try await deps.partnerships.create(
                .init(kind: .communitySafetyPartnership, name: "Charlie CSP", onsCode: GSSCode("E22000993"), parentID: site.county.id), by: author)
            for d in [TestSite.blaby, harborough] { try await deps.partnerships.addDistrict(d, to: charlie.id, by: author) }
            try await deps.partnerships.addAuthority(site.organisation.id, to: charlie.id, by: author)
            _ = try await deps.memberships.create(
                .init(personID: site.personA.id, organisationID: site.organisation.id, vote: .voting, office: .chair, startDate: CalendarDate("2024-04-01")!),
                in: charlie.id, by: author)
            let officer = Browser(client)
            try await officer.signIn(as: .countyOfficer)
            let base = "/partnerships/\(site.county.id)/mergers"
            #expect(try await officer.get(base).status == .ok)
            // Harborough left to neither: refused, the typed names kept.
            var form = [
                "source-\(charlie.id)": "yes", "name": "Charlie North", "ons_code": "E22000994", "name_2": "Charlie South", "ons_code_2": "E22000995",
                "district-E07000129": "yes", "members": "move", "sub_groups": "keep", "terms": "fresh", "effective_on": CalendarDate.today().adding(days: 30).iso,
            ]
            // A code already promised to the fixture's Gamma, or the same code twice, would stop it completing.
            var promised = form
            promised["ons_code"] = "E22000991"
            promised["district_2-E07000131"] = "yes"
            let taken = try await officer.post(base, promised)
            #expect(taken.status == .unprocessableContent && taken.text.contains("The ONS code E22000991 is promised to a new partnership of another merger"))
            promised["ons_code"] = "E22000995"
            #expect(try await officer.post(base, promised).text.contains("Each new partnership needs its own ONS code"))
            let unplaced = try await officer.post(base, form)
            #expect(
                unplaced.status == .unprocessableContent && unplaced.text.contains("Harborough must go to one of the new partnerships")
                    && unplaced.text.contains("value=\"Charlie South\""))
            form["district_2-E07000131"] = "yes"
            #expect(try await officer.post(base, form).status == .seeOther)
            let m = try #require(try await deps.restructuring.mergers.mergers(of: site.county.id).first { $0.sources == [charlie.id] })
            #expect(m.kind == "Demerger" && m.successors.map(\.districts) == [[TestSite.blaby], [harborough]] && m.terms == .fresh)
            let page = "\(base)/\(m.id)"
            #expect(
                try await officer.post(
                    "\(page)/agreements", ["organisation": "\(site.organisation.id)", "by": "Chief Constable", "on": "2026-11-20", "document": "Letter"]
                ).status == .seeOther)
            #expect(
                try await officer.post(
                    "\(page)/approvals", ["approver": "pcc", "approval_by": "The Commissioner", "approval_on": "2026-11-21", "approval_document": "Decision notice"]
                ).status == .seeOther)
            #expect(try await officer.get(page).text.contains("The effective date, "))
            // As if the day had come: the date moved to yesterday (the form takes only later dates), then the daily job runs.
            try await deps.restructuring.mergers.reschedule(m.id, in: site.county.id, to: CalendarDate.today().adding(days: -1), by: author)
            let jobs = JobQueue(store: deps.store)
            _ = try await jobs.enqueue(kind: MergerJobs.completionKind, arguments: "{}", runsOn: "merger-test", by: nil)
            let job = try #require(try await jobs.claim(kinds: [MergerJobs.completionKind], instance: "merger-test"))
            let handler = try #require(jobHandlers(deps, logger: Logger(label: "test"))[MergerJobs.completionKind])
            // Gamma's merger (the fixture's) is not due; Charlie's is.
            #expect(try await handler(job, { _ in }) == "1 merger completed; 0 due but still waiting for a step")
            let all = try await deps.partnerships.all()
            let north = try #require(all.first { $0.name == "Charlie North" }), south = try #require(all.first { $0.name == "Charlie South" })
            #expect(try await deps.partnerships.districts(of: north.id) == [TestSite.blaby])
            #expect(try await deps.partnerships.districts(of: south.id) == [harborough])
            for p in [north, south] { #expect(try await deps.memberships.entries(of: p.id).map(\.personName) == ["Alice Alpha"]) }
            let ended = try #require(try await deps.partnerships.find(charlie.id))
            #expect(ended.endedOn == CalendarDate.today().adding(days: -1) && ended.endedBecause == "Succeeded by Charlie North and Charlie South")
            // The old partnership reads as history and refuses changes; the new ones take them.
            let old = try await officer.get("/partnerships/\(charlie.id)")
            #expect(old.status == .ok && old.text.contains("This partnership ended on"))
            let resident = try await client.execute(uri: "/public/partnerships/\(charlie.id)", method: .get)
            #expect(resident.status == .ok && String(buffer: resident.body).contains("Succeeded by Charlie North and Charlie South"))
            let refused = try await officer.post("/partnerships/\(charlie.id)/sub-groups", ["name": "Late JAG", "sub_group_type": "joint_action"])
            #expect(refused.status == .conflict && refused.text.contains("its records are kept as history"))
            #expect(try await officer.post("/partnerships/\(north.id)/sub-groups", ["name": "North JAG", "sub_group_type": "joint_action"]).status == .seeOther)
            // The county's allocation is among the partnerships that exist.
            let allocation = try await officer.get("/partnerships/\(site.county.id)/allocations")
            #expect(allocation.text.contains("Charlie North") && !allocation.text.contains("Charlie CSP"))
        }
    }

    @Test("A merger's steps through the API: each audited, refused as the pages refuse them", arguments: Backend.allCases)
    func api(backend: Backend) async throws {
        try await withSite(backend) { site, client in
            for p in [site.cspA, site.cspB] { try await site.deps.partnerships.addAuthority(site.organisation.id, to: p.id, by: .system("test")) }
            let base = "/api/v1/partnerships/\(site.county.id)/mergers/\(site.merger.id)"
            func post(_ path: String, _ body: String, as role: Role = .countyOfficer) async throws -> TestResponse {
                try await client.execute(
                    uri: base + path, method: .post, headers: [.authorization: "Bearer \(site.tokens[role]!)", .contentType: "application/json"], body: ByteBuffer(string: body))
            }
            let agreement = "{\"organisation_id\": \(site.organisation.id), \"by\": \"Chief Constable\", \"on\": \"2026-11-20\", \"document\": \"Letter\"}"
            #expect(try await post("/agreements", agreement, as: .boardMember).status == .notFound)
            let agreed = try await post("/agreements", agreement)
            #expect(agreed.status == .ok && agreed.text.contains("\"stage\":\"Awaiting the PCC’s approval\""))
            let again = try await post("/agreements", agreement)
            #expect(again.status == .unprocessableContent && again.text.contains("agreement is already recorded"))
            #expect(try await post("/agreements", "{\"organisation_id\": \"one\"}").text.contains("organisation_id must be a whole number, not text"))
            let approved = try await post("/approvals", "{\"approver\": \"pcc\", \"by\": \"Commissioner\", \"on\": \"2026-11-21\", \"document\": \"Decision notice\"}")
            #expect(approved.status == .ok && approved.text.contains("\"stage\":\"Approved: takes effect on 1 April 2031\""))
            let early = try await post("/complete", "")
            #expect(early.status == .unprocessableContent && early.text.contains("The effective date, 1 April 2031"))
            // A CSP keeps no reviews or mergers: its lists are empty, not missing.
            for list in ["arrangement-reviews", "mergers"] {
                let empty = try await client.execute(
                    uri: "/api/v1/partnerships/\(site.cspA.id)/\(list)", method: .get, headers: [.authorization: "Bearer \(site.tokens[.coordinator]!)"])
                #expect(empty.status == .ok && empty.text == "[]", "\(list)")
            }
            let audit = try await AuditLog.entries(in: site.deps.store, limit: 100)
            #expect(
                audit.contains { $0.subject == "authority’s agreement to a merger" } && audit.contains { $0.subject == "merger" && $0.after?.contains("Decision notice") == true })
        }
    }

    @Test("A merger across police force areas is flagged and needs the Secretary of State's approval after the PCC's")
    func crossForce() async throws {
        try await withStore(.sqlite) { store in
            let deps = Dependencies(store: store, settings: Settings(bcryptCost: 4))
            let blaby = District(code: GSSCode("E07000129")!, name: "Blaby")  // Leicestershire
            let rugby = District(code: GSSCode("E07000220")!, name: "Rugby")  // Warwickshire
            let signed = Approval(by: "Commissioner", on: CalendarDate("2026-11-20")!, document: "Decision notice")
            var merger = Merger(
                id: 1, partnershipID: 1, sources: [2, 3], successors: [.init(name: "Border CSP", onsCode: GSSCode("E22000999")!, districts: [blaby, rugby])],
                members: .move, subGroups: .keep, proposedOn: CalendarDate("2026-11-01")!, effectiveOn: CalendarDate("2027-04-01")!, pccApproval: signed)
            #expect(deps.restructuring.crossesForces(merger))
            let police = Organisation(id: 1, name: "Police", type: .police)
            let across = MergerProgress(agreements: [(police, signed)], crossesForces: true, merger: merger)
            #expect(across.outstanding(on: merger.effectiveOn) == ["The Secretary of State’s approval, as the partnerships lie in more than one police force area"])
            #expect(across.stage == "Awaiting the Secretary of State’s approval")
            merger.secretaryOfStateApproval = signed
            #expect(MergerProgress(agreements: [(police, signed)], crossesForces: true, merger: merger).outstanding(on: merger.effectiveOn).isEmpty)
            #expect(MergerProgress(agreements: [(police, nil)], crossesForces: true, merger: merger).outstanding(on: merger.effectiveOn) == ["The written agreement of Police"])
            merger.successors[0].districts = [blaby]
            #expect(!deps.restructuring.crossesForces(merger))
            // And the coterminosity of a proposed partnership across the boundary lists both forces.
            let facts = AreaFacts(
                districts: [
                    "E07000129": .init(residents: 1, crimes: 0, harm: 0, force: "Leicestershire"), "E07000220": .init(residents: 1, crimes: 0, harm: 0, force: "Warwickshire"),
                ],
                authorityAreas: [], period: nil)
            #expect(Coterminosity.of(["E07000129", "E07000220"], facts).forces == ["Leicestershire", "Warwickshire"])
        }
    }

    @Test("The merger page says a cross-force merger needs the Secretary of State, and the forms refuse bad input keeping what was typed", arguments: Backend.allCases)
    func pages(backend: Backend) async throws {
        try await withSite(backend, crime: true) { site, client in
            let officer = Browser(client)
            try await officer.signIn(as: .countyOfficer)
            let base = "/partnerships/\(site.county.id)"
            let list = try await officer.get("\(base)/mergers")
            #expect(list.status == .ok && list.text.contains("Merger into Gamma CSP") && list.text.contains("Awaiting agreements"))
            // Alpha and Beta are in an open merger already; nothing in a past date.
            let refused = try await officer.post(
                "\(base)/mergers",
                [
                    "source-\(site.cspA.id)": "yes", "source-\(site.cspB.id)": "yes", "name": "Delta CSP", "ons_code": "E22000992", "members": "move", "sub_groups": "keep",
                    "effective_on": "2020-04-01",
                ])
            #expect(refused.status == .unprocessableContent && refused.text.contains("The effective date must be after today") && refused.text.contains("value=\"Delta CSP\""))
            let busy = try await officer.post(
                "\(base)/mergers",
                [
                    "source-\(site.cspA.id)": "yes", "source-\(site.cspB.id)": "yes", "name": "Delta CSP", "ons_code": "E22000992", "members": "move", "sub_groups": "keep",
                    "terms": "fresh", "effective_on": CalendarDate.today().adding(days: 120).iso,
                ])
            #expect(busy.status == .unprocessableContent && busy.text.contains("Alpha CSP is already in a merger that has not completed"))
            let one = try await officer.post(
                "\(base)/mergers",
                [
                    "source-\(site.cspA.id)": "yes", "name": "Delta CSP", "ons_code": "E22000992", "members": "move", "sub_groups": "keep",
                    "effective_on": CalendarDate.today().adding(days: 120).iso,
                ])
            #expect(one.status == .unprocessableContent && one.text.contains("A merger joins two or more partnerships"))

            let page = try await officer.get("\(base)/mergers/\(site.merger.id)")
            #expect(page.status == .ok && page.text.contains("Still needed before it can complete") && !page.text.contains("crosses police force boundaries"))
            let early = try await officer.post("\(base)/mergers/\(site.merger.id)/complete", [:])
            #expect(early.status == .unprocessableContent && early.text.contains("It cannot complete yet"))
            let pcc = try await officer.post(
                "\(base)/mergers/\(site.merger.id)/approvals", ["approver": "pcc", "approval_by": "The Commissioner", "approval_on": "2026-11-20", "approval_document": "Notice"])
            #expect(pcc.status == .unprocessableContent)
            // Withdrawn, it is kept with the reason, and its partnerships may be proposed again.
            #expect(try await officer.post("\(base)/mergers/\(site.merger.id)/withdraw", [:]).text.contains("Enter the reason it will not go ahead"))
            #expect(try await officer.post("\(base)/mergers/\(site.merger.id)/withdraw", ["because": "Beta’s council voted against"]).status == .seeOther)
            let withdrawn = try await officer.get("\(base)/mergers/\(site.merger.id)")
            #expect(withdrawn.text.contains("Withdrawn on") && withdrawn.text.contains("Beta’s council voted against") && !withdrawn.text.contains("Record the approval"))
            #expect(try await officer.post("\(base)/mergers/\(site.merger.id)/complete", [:]).text.contains("was withdrawn on"))
            let again = try await officer.post(
                "\(base)/mergers",
                [
                    "source-\(site.cspA.id)": "yes", "source-\(site.cspB.id)": "yes", "name": "Delta CSP", "ons_code": "E22000992", "members": "end", "sub_groups": "keep",
                    "terms": "fresh", "effective_on": CalendarDate.today().adding(days: 120).iso,
                ])
            #expect(again.status == .seeOther)

            // The review: a position with a future date is refused, the typed words kept; a good one lands in the table and the CSV.
            let review = "\(base)/arrangement-reviews/\(site.arrangementReview.id)"
            let future = try await officer.post("\(review)/positions", ["stakeholder": "Test Police", "position": "For", "source": "Letter", "stated_on": "2099-01-01"])
            #expect(future.status == .unprocessableContent && future.text.contains("must be today or earlier") && future.text.contains("value=\"Test Police\""))
            let stated = try await officer.post(
                "\(review)/positions", ["stakeholder": "Test Police", "favours": "\(site.arrangementOption.id)", "position": "For", "source": "Letter", "stated_on": "2026-11-02"])
            #expect(stated.status == .seeOther)
            let csv = try await officer.get("\(review)/tables/positions.csv")
            #expect(csv.status == .ok && csv.text.contains("Test Police,As today,For,Letter,2026-11-02"))
            #expect(try await officer.get("\(review)/tables/nothing.csv").status == .notFound)
            // A district moved into a new partnership leaves the one it was in.
            let option = "\(review)/options/\(site.arrangementOption.id)"
            #expect(try await officer.post("\(option)/partnerships", ["partnership_name": "Empty", "which_form": "partnership"]).status == .unprocessableContent)
            let board = try await officer.post(
                "\(option)/boards", ["place": "p0", "board_name": "Alpha CSP", "frequency": "monthly", "hours": "99", "seats-\(site.organisation.id)": "2", "which_form": "board"])
            #expect(board.status == .unprocessableContent && board.text.contains("Length of a meeting in hours must be a number from 0.25 to 8"))
            let saved = try await officer.post(
                "\(option)/boards", ["place": "p0", "board": "0", "board_name": "Alpha Board", "frequency": "monthly", "hours": "1.5", "seats-\(site.organisation.id)": "2"])
            #expect(saved.status == .seeOther)
            let twice = try await officer.post(
                "\(option)/boards", ["place": "p0", "board_name": "alpha jag", "frequency": "monthly", "hours": "1", "which_form": "board"])
            #expect(twice.status == .unprocessableContent && twice.text.contains("There is already a board or group called “alpha jag” there"))
            #expect(twice.text.contains("value=\"alpha jag\""), "the form keeps what was typed")
            #expect(try await officer.post("\(review)/options", ["name": "AS TODAY", "start": "empty"]).text.contains("already has an option called"))
            let changed = try #require(try await site.deps.restructuring.reviews.options(of: site.arrangementReview.id).first)
            #expect(
                changed.structure.partnerships[0].boards[0]
                    == ProposedBoard(name: "Alpha Board", frequency: .monthly, hours: 1.5, seats: [.init(organisationID: site.organisation.id, count: 2)]))
            // Monthly, 1.5 hours, two seats: 36 hours a year for the police on the review's page.
            // The appraisal saved for the board, then approved at a meeting and frozen.
            #expect(try await officer.post("\(review)/appraisal/versions", [:]).text.contains("Enter the meeting it goes to"))
            #expect(try await officer.post("\(review)/appraisal/versions", ["for_meeting": "the County board of 14 December 2026"]).status == .seeOther)
            let versions = try await site.deps.restructuring.appraisals(of: site.arrangementReview)
            #expect(versions.count == 2 && versions.allSatisfy { !$0.isApproved })
            let version = "\(review)/appraisal/versions/\(versions[0].id)"
            let draft = try await officer.get(version)
            #expect(
                draft.status == .ok && draft.text.contains("Draft for the County board of 14 December 2026, saved by County officer")
                    && draft.text.contains("Record the board’s approval"))
            #expect(try await officer.post("\(version)/approve", ["meeting": "County board, 14 December 2026"]).status == .unprocessableContent)
            #expect(try await officer.post("\(version)/approve", ["meeting": "County board, 14 December 2026", "confirm": "yes"]).status == .seeOther)
            let approved = try await officer.get(version)
            #expect(approved.text.contains("Approved at County board, 14 December 2026; frozen") && !approved.text.contains("Record the board’s approval"))
            #expect(try await officer.get(review).text.contains("Approved at County board, 14 December 2026"))
            // Another review's version is not this review's.
            #expect(try await officer.get("/partnerships/\(site.county.id)/arrangement-reviews/999/appraisal/versions/\(versions[0].id)").status == .notFound)
            // The CSV is for spreadsheets: plain numbers, ISO dates.
            let hours = try await officer.get("\(review)/tables/hours.csv")
            #expect(hours.text.contains("Test Police,Police,0,36,0"))
            let figures = try await officer.get(review)
            #expect(figures.status == .ok && figures.text.contains("<td>Test Police</td><td>Police</td><td class=\"number\">0</td><td class=\"number\">36</td>"))
        }
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
