import HallmarkDomain

/// The kinds of event at which the partnership meets residents (seed 002).
package enum EventKind: String, Sendable, Codable, CaseIterable {
    case faceThePeople = "face_the_people", wardWalk = "ward_walk", areaPartnershipBoard = "area_partnership_board", other

    package var label: String {
        switch self {
        case .faceThePeople: "Face the People session"
        case .wardWalk: "Ward walk"
        case .areaPartnershipBoard: "Area Partnership Board meeting"
        case .other: "Other event"
        }
    }
}

/// An event held with residents: when, where, how many came and what they raised.
package struct EngagementEvent: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<EngagementEvent>
    package var partnershipID: RecordID<Partnership>
    package var kind: EventKind
    package var heldOn: CalendarDate
    package var place: String
    package var attendance: Int
    package var issues: String
}

/// What residents said and what the partnership did about it, linked to the event where it was
/// raised and the plan action that answers it; on the public site once published.
package struct YouSaidWeDid: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<YouSaidWeDid>
    package var partnershipID: RecordID<Partnership>
    package var eventID: RecordID<EngagementEvent>?
    package var said: String
    package var did: String
    package var actionID: Int64?
    package var published: Bool
}

package enum EngagementForms {
    package static func event(_ input: [String: String], today: CalendarDate) throws(ValidationFailure) -> (
        kind: EventKind, heldOn: CalendarDate, place: String, attendance: Int, issues: String
    ) {
        var v = Validator(input)
        let kind = v.choice("kind", label: "kind of event", as: EventKind.self)
        let held = v.date("held_on", label: "day it was held")
        if let held, held > today { v.fail("held_on", "The day it was held cannot be in the future: record an event once it has been held") }
        let place = v.text("place", label: "place", maxLength: 160)
        let attendance = v.whole("attendance", label: "number who came", in: 0...100_000)
        let issues = v.text("issues", label: "issues raised", required: false, maxLength: 4000) ?? ""
        try v.check()
        return (kind!, held!, place!, attendance!, issues)
    }

    /// - Parameters:
    ///   - events: the partnership's events, by id; actions: its plan's actions, by id.
    package static func item(_ input: [String: String], events: Set<Int64>, actions: Set<Int64>) throws(ValidationFailure) -> (
        said: String, did: String, eventID: RecordID<EngagementEvent>?, actionID: Int64?, published: Bool
    ) {
        var v = Validator(input)
        let said = v.text("said", label: "residents’ words", maxLength: 1000)
        let did = v.text("did", label: "partnership’s answer", maxLength: 2000)
        let event: RecordID<EngagementEvent>? = v.id("event_id", label: "event", required: false)
        if let event, !events.contains(event.rawValue) { v.fail("event_id", "Select one of the partnership’s events") }
        let action: RecordID<EngagementEvent>? = v.id("action_id", label: "plan action", required: false)
        if let action, !actions.contains(action.rawValue) { v.fail("action_id", "Select one of the plan’s actions") }
        try v.check()
        return (said!, did!, event, action?.rawValue, v.flag("published"))
    }
}
