import HallmarkDomain
import HallmarkMeetings

/// A board or group as an option proposes it: how often it meets, for how long, and how many
/// seats each organisation fills. Deputies are not seats: a deputy sits in a member's place.
package struct ProposedBoard: Codable, Sendable, Equatable {
    package struct Seats: Codable, Sendable, Hashable {
        package var organisationID: RecordID<Organisation>
        package var count: Int

        package init(organisationID: RecordID<Organisation>, count: Int) {
            self.organisationID = organisationID
            self.count = count
        }
    }

    package var name: String
    package var frequency: Frequency
    /// How long each meeting lasts, in hours.
    package var hours: Double
    package var seats: [Seats]

    package init(name: String, frequency: Frequency, hours: Double, seats: [Seats]) {
        self.name = name
        self.frequency = frequency
        self.hours = hours
        self.seats = seats
    }

    package var meetingsPerYear: Int { 12 / frequency.months }
}

/// A partnership as an option proposes it: the districts it covers and its boards (the first
/// its board, the rest its sub-groups). `existingID` when it is a partnership that exists today.
package struct ProposedPartnership: Codable, Sendable, Equatable {
    package var name: String
    package var districts: [District]
    package var boards: [ProposedBoard]
    package var existingID: RecordID<Partnership>?

    package init(name: String, districts: [District], boards: [ProposedBoard], existingID: RecordID<Partnership>? = nil) {
        self.name = name
        self.districts = districts
        self.boards = boards
        self.existingID = existingID
    }
}

/// Where a theme is decided and where it is advised on, in a "1+4" arrangement (seed 000).
package enum Level: String, Codable, Sendable, CaseIterable {
    case county, partnership, subRegional = "sub_regional", none

    package var label: String {
        switch self {
        case .county: "County strategy group"
        case .partnership: "Each partnership"
        case .subRegional: "A sub-regional group for the theme"
        case .none: "Nobody"
        }
    }
}

package struct Theme: Codable, Sendable, Equatable {
    package var name: String
    package var decides: Level
    package var advises: Level

    package init(name: String, decides: Level, advises: Level) {
        self.name = name
        self.decides = decides
        self.advises = advises
    }
}

/// What an option proposes: the partnerships, the county-level boards above them, and the themes.
package struct Structure: Codable, Sendable, Equatable {
    package var partnerships: [ProposedPartnership]
    package var countyBoards: [ProposedBoard]
    package var themes: [Theme]

    package init(partnerships: [ProposedPartnership], countyBoards: [ProposedBoard], themes: [Theme] = []) {
        self.partnerships = partnerships
        self.countyBoards = countyBoards
        self.themes = themes
    }

    /// Every board, county level first.
    package var boards: [ProposedBoard] { countyBoards + partnerships.flatMap(\.boards) }
}

/// One option of a review, with the words beside its figures.
package struct ArrangementOption: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<ArrangementOption>
    package var reviewID: RecordID<ArrangementReview>
    package var name: String
    package var summary: String
    package var structure: Structure
    package var strengths: String
    package var weaknesses: String
    package var risks: String
}

/// The funding formula a review compares options under: the county's needs formula.
package struct ReviewFormula: Codable, Sendable, Equatable {
    package var pot: Money
    package var floor: Money
    package var populationWeight: Double
    package var crimeWeight: Double
    package var harmWeight: Double

    package init(pot: Money, floor: Money, populationWeight: Double, crimeWeight: Double, harmWeight: Double) {
        self.pot = pot
        self.floor = floor
        self.populationWeight = populationWeight
        self.crimeWeight = crimeWeight
        self.harmWeight = harmWeight
    }

    package static let starting = ReviewFormula(pot: .pounds(500_000), floor: .pounds(20_000), populationWeight: 50, crimeWeight: 30, harmWeight: 20)
}

/// A review of an area's partnership arrangements, kept by its county strategy group.
package struct ArrangementReview: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<ArrangementReview>
    package var partnershipID: RecordID<Partnership>
    package var title: String
    package var openedOn: CalendarDate
    package var formula: ReviewFormula
    package var recommendedOptionID: RecordID<ArrangementOption>?
    package var recommendation: String
}

/// A stakeholder's stated position, with where and when they said it.
package struct StakeholderPosition: Codable, Sendable, Equatable, Identifiable {
    package var id: RecordID<StakeholderPosition>
    package var reviewID: RecordID<ArrangementReview>
    package var stakeholder: String
    /// The option they favour, if any.
    package var optionID: RecordID<ArrangementOption>?
    package var position: String
    package var source: String
    package var statedOn: CalendarDate
}
