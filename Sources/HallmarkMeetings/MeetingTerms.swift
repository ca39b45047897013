import HallmarkDomain

/// Where a meeting stands.
package enum MeetingStatus: String, Codable, Sendable, CaseIterable {
    case scheduled, held, cancelled, adjourned

    package var label: String {
        switch self {
        case .scheduled: "Scheduled"
        case .held: "Held"
        case .cancelled: "Cancelled"
        case .adjourned: "Adjourned"
        }
    }

    /// Whether members were expected to attend: a cancelled meeting counts against nobody.
    package var counts: Bool { self == .held || self == .adjourned }
}

/// Why an item is on the agenda.
package enum ItemPurpose: String, Codable, Sendable, CaseIterable {
    case decision, discussion, information

    package var label: String {
        switch self {
        case .decision: "For decision"
        case .discussion: "For discussion"
        case .information: "For information"
        }
    }
}

/// The items every agenda carries, as the terms of reference place them (seed 002 §8a).
package enum StandingItem: String, Codable, Sendable, CaseIterable {
    case apologies
    case previousMinutes = "previous_minutes"
    case actionLog = "action_log"
    case performance, finance, risk

    package var title: String {
        switch self {
        case .apologies: "Welcome, introductions and apologies"
        case .previousMinutes: "Minutes of the last meeting"
        case .actionLog: "Action log"
        case .performance: "Performance report"
        case .finance: "Finance report"
        case .risk: "Risk register"
        }
    }

    package var purpose: ItemPurpose {
        switch self {
        case .previousMinutes: .decision
        case .apologies, .actionLog: .information
        case .performance, .finance, .risk: .discussion
        }
    }
}

/// Where a standing item sits: before the meeting's own business or after it.
package enum Placement: String, Codable, Sendable, CaseIterable {
    case opening, closing

    package var label: String {
        switch self {
        case .opening: "Before the meeting’s business"
        case .closing: "After the meeting’s business"
        }
    }
}

/// How a member took part in a meeting.
package enum AttendanceStatus: String, Codable, Sendable, CaseIterable {
    case present, apologies, deputy, absent

    package var label: String {
        switch self {
        case .present: "Present"
        case .apologies: "Apologies"
        case .deputy: "Sent a deputy"
        case .absent: "Absent"
        }
    }

    /// Whether the member's seat was filled: by them, or by their deputy.
    package var represented: Bool { self == .present || self == .deputy }
}

/// Where an action stands.
package enum ActionStatus: String, Codable, Sendable, CaseIterable {
    case open
    case done
    case dropped

    package var label: String {
        switch self {
        case .open: "Open"
        case .done: "Done"
        case .dropped: "Dropped"
        }
    }

    package var closed: Bool { self != .open }
}

/// How often a board meets: a series is scheduled by this.
package enum Frequency: String, Codable, Sendable, CaseIterable {
    case monthly, bimonthly, quarterly, halfYearly = "half_yearly", annually

    package var label: String {
        switch self {
        case .monthly: "Monthly"
        case .bimonthly: "Every two months"
        case .quarterly: "Quarterly"
        case .halfYearly: "Every six months"
        case .annually: "Once a year"
        }
    }

    package var months: Int {
        switch self {
        case .monthly: 1
        case .bimonthly: 2
        case .quarterly: 3
        case .halfYearly: 6
        case .annually: 12
        }
    }
}

/// Who a board pack is for: members see every item; the public pack leaves out exempt ones.
package enum PackAudience: String, Codable, Sendable, CaseIterable {
    case members, `public`

    package var label: String {
        switch self {
        case .members: "Members’ pack"
        case .public: "Public pack"
        }
    }
}
