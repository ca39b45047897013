import Foundation
import HallmarkCrimeData
import HallmarkDomain
import HallmarkFunding
import HallmarkKit
import HallmarkMeetings
import HallmarkRegister
import HallmarkStore

/// What restructuring's routes work with: the register, the crime figures, the meetings, and
/// funding's formula, read through their own interfaces.
package struct RestructuringService: Sendable {
    package let funding: FundingService

    package init(funding: FundingService) { self.funding = funding }

    package var register: RegisterService { funding.register }
    package var crimeData: CrimeDataService { funding.crimeData }
    package var store: Store { register.store }
    package var printer: PDFPrinter? { funding.printer }
    package var reviews: ReviewRepository { ReviewRepository(store: store) }
    package var mergers: MergerRepository { MergerRepository(store: store) }
    /// Appraisal papers saved for the board: drafts, then approved at a meeting and frozen.
    package var appraisals: VersionedRecords { VersionedRecords(store: store, kind: "options appraisal") }

    /// A review's saved appraisals, latest first: those titled for it.
    package func appraisals(of review: ArrangementReview) async throws -> [RecordVersion] {
        try await appraisals.versions(of: review.partnershipID).filter { $0.title == Self.appraisalTitle(review) }
    }

    static func appraisalTitle(_ review: ArrangementReview) -> String { "Options appraisal: \(review.title)" }

    /// Saves the appraisal as it reads now as a draft for the board.
    package func saveAppraisal(_ m: ReviewView.Model, for meeting: String, savedBy name: String, by author: ChangeAuthor) async throws -> RecordVersion {
        let status = "Draft for \(meeting), saved by \(name) on \(m.today.long); not yet approved"
        let tables = ComparisonTables.all(m.comparison, positions: m.positions)
        let html = AppraisalDocument.html(m, status: status)
        return try await appraisals.saveDraft(
            partnershipID: m.county.id, title: Self.appraisalTitle(m.review), fingerprint: AppraisalDocument.fingerprint(tables), by: author
        ) { _ in ["appraisal.html": html, "status": status] }
    }

    /// The county strategy group the path names: reviews and mergers are the county's business,
    /// so a CSP or sub-group has none (not found).
    package func county(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor) {
        let (p, visitor) = try await register.partnership(context, permission)
        guard p.kind == .countyStrategyGroup else { throw AccessRefused.notFound }
        return (p, visitor)
    }

    /// The CSPs under the county today (not ended), each with its districts.
    package func partnershipsToday(of county: Partnership) async throws -> [(partnership: Partnership, districts: [District])] {
        var found: [(Partnership, [District])] = []
        for child in try await register.partnerships.children(of: county.id) where child.kind == .communitySafetyPartnership && child.endedOn == nil {
            found.append((child, try await register.partnerships.districts(of: child.id)))
        }
        return found
    }

    /// Today's structure as the register and meetings hold it: each CSP with its board and
    /// sub-groups, and the county group with its own; seats from current members (deputies
    /// apart), frequency from the terms of reference in force, length from meetings held.
    package func today(of county: Partnership, on day: CalendarDate) async throws -> Structure {
        var partnerships: [ProposedPartnership] = []
        for (p, districts) in try await partnershipsToday(of: county) {
            partnerships.append(ProposedPartnership(name: p.name, districts: districts, boards: try await boards(of: p, on: day), existingID: p.id))
        }
        return Structure(partnerships: partnerships, countyBoards: try await boards(of: county, on: day))
    }

    /// A partnership's board and, after it, its sub-groups (a county's CSPs are not its boards).
    func boards(of p: Partnership, on day: CalendarDate) async throws -> [ProposedBoard] {
        var boards = [try await board(of: p, on: day)]
        for group in try await register.partnerships.children(of: p.id) where group.kind == .subGroup && group.endedOn == nil {
            boards += try await self.boards(of: group, on: day)
        }
        return boards
    }

    /// The usual length of a meeting when none has been held to measure.
    static let usualHours = 2.0

    func board(of p: Partnership, on day: CalendarDate) async throws -> ProposedBoard {
        let terms = try await TermsRepository(store: store).inForce(for: p.id, on: day).terms
        let held = try await MeetingRepository(store: store).meetings(of: p.id).filter { $0.status.counts && $0.date <= day }
        let lengths = held.compactMap { Self.hours($0.startTime, $0.endTime) }
        let hours = lengths.isEmpty ? Self.usualHours : (lengths.reduce(0, +) / Double(lengths.count) * 4).rounded() / 4
        var seats: [RecordID<Organisation>: Int] = [:]
        for entry in try await register.memberships.entries(of: p.id)
        where entry.membership.isCurrent(on: day) && entry.membership.office != .deputy {
            if let organisation = entry.membership.organisationID { seats[organisation, default: 0] += 1 }
        }
        return ProposedBoard(
            name: p.name, frequency: terms.frequency, hours: hours,
            seats: seats.sorted { $0.key.rawValue < $1.key.rawValue }.map { .init(organisationID: $0.key, count: $0.value) })
    }

    /// "18:00" to "20:30" is 2.5 hours; nil when either is not a time of day or the end is not later.
    static func hours(_ start: String, _ end: String) -> Double? {
        func minutes(_ t: String) -> Int? {
            let parts = t.split(separator: ":").compactMap { Int($0) }
            return parts.count == 2 ? parts[0] * 60 + parts[1] : nil
        }
        guard let s = minutes(start), let e = minutes(end), e > s else { return nil }
        return Double(e - s) / 60
    }

    /// The hours each organisation gave to the meetings of today's boards held in the year to `day`.
    package func attended(_ county: Partnership, on day: CalendarDate) async throws -> [RecordID<Organisation>: Double] {
        var groups = [county] + (try await partnershipsToday(of: county)).map(\.partnership)
        var meetings: [MeetingBurden.HeldMeeting] = []
        var n = 0
        while n < groups.count {
            let p = groups[n]
            n += 1
            groups += try await register.partnerships.children(of: p.id).filter { $0.kind == .subGroup }
            let held = try await MeetingRepository(store: store).meetings(of: p.id).filter { $0.status.counts && $0.date <= day && $0.date > day.adding(days: -365) }
            guard !held.isEmpty else { continue }
            let members = Dictionary(try await register.memberships.entries(of: p.id).map { ($0.membership.id, $0.membership) }, uniquingKeysWith: { a, _ in a })
            let attendance = try await MinutesRepository(store: store).attendance(at: held.map(\.id))
            for meeting in held {
                let seats = (attendance[meeting.id] ?? [:]).compactMap { id, a -> MeetingBurden.HeldMeeting.Seat? in
                    guard let m = members[id] else { return nil }
                    return .init(organisationID: m.organisationID, personID: m.personID, isDeputy: m.office == .deputy, deputyFor: m.deputyForPersonID, status: a.status)
                }
                meetings.append(.init(hours: Self.hours(meeting.startTime, meeting.endTime) ?? Self.usualHours, seats: seats))
            }
        }
        return MeetingBurden.attended(meetings)
    }

    /// What every option's figures are computed from: each district's residents, crime and harm
    /// over the latest twelve months held, its force, and the responsible authorities' areas.
    package func facts(of county: Partnership) async throws -> AreaFacts {
        let today = try await partnershipsToday(of: county)
        let period = try await funding.needsPeriod()
        var districts: [String: AreaFacts.DistrictFacts] = [:]
        for district in today.flatMap(\.districts) {
            let force = crimeData.areas.districts.first { $0.district.code == district.code }?.forceName ?? "Force not known"
            if let period {
                let need = FundingService.Need(try await CrimeFigures.load(district.name, districts: [district], period: period, crimeData, withOutcomes: false))
                districts[district.code.value] = .init(residents: need.residents, crimes: need.crimes, harm: need.harm, force: force)
            } else {
                districts[district.code.value] = .init(residents: 0, crimes: 0, harm: 0, force: force)
            }
        }
        var areas: [RecordID<Organisation>: (Organisation, Set<String>)] = [:]
        for (p, covered) in today {
            for o in try await register.partnerships.authorities(of: p.id) where o.type.isResponsibleAuthority {
                areas[o.id, default: (o, [])].1.formUnion(covered.map(\.code.value))
            }
        }
        return AreaFacts(
            districts: districts, authorityAreas: areas.values.sorted { $0.0.name < $1.0.name }.map { (organisation: $0.0, districts: $0.1) },
            period: period?.label)
    }

    /// A review's comparison: today's structure first, then each option.
    package struct Comparison: Sendable {
        package let today: Structure
        package let options: [ArrangementOption]
        package let figures: [OptionFigures]
        package let facts: AreaFacts
        package let area: [District]
        package let organisations: [Organisation]
        package let attended: [RecordID<Organisation>: Double]
    }

    package func comparison(_ review: ArrangementReview, county: Partnership, on day: CalendarDate) async throws -> Comparison {
        let today = try await self.today(of: county, on: day)
        let options = try await reviews.options(of: review.id)
        let facts = try await facts(of: county)
        let area = today.partnerships.flatMap(\.districts).sorted { $0.name < $1.name }
        let figures = Comparing.figures(
            of: [("Today", today)] + options.map { ($0.name, $0.structure) }, area: area, facts: facts, formula: review.formula)
        return Comparison(
            today: today, options: options, figures: figures, facts: facts, area: area, organisations: try await register.organisations.all(),
            attended: try await attended(county, on: day))
    }

    /// The districts of the county's CSPs today, by name: what an option's partnerships divide.
    package func area(of county: Partnership) async throws -> [District] {
        try await partnershipsToday(of: county).flatMap(\.districts).sorted { $0.name < $1.name }
    }

    /// Where a merger stands, its force areas worked out from the geography.
    package func progress(of merger: Merger) async throws -> MergerProgress {
        try await mergers.progress(of: merger, crossesForces: crossesForces(merger))
    }

    /// Where each of the county's mergers stands, latest first.
    package func progress(ofMergersIn county: Partnership) async throws -> [MergerProgress] {
        var found: [MergerProgress] = []
        for m in try await mergers.mergers(of: county.id) { found.append(try await progress(of: m)) }
        return found
    }

    /// Whether a merger's partnerships lie in more than one police force area.
    package func crossesForces(_ merger: Merger) -> Bool {
        let codes = Set(merger.successors.flatMap(\.districts).map(\.code))
        return Set(crimeData.areas.districts.filter { codes.contains($0.district.code) }.map(\.forceCode)).count > 1
    }
}
