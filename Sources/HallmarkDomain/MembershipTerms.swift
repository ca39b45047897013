/// Voting members against associate, non-voting members (seed 001, recommendation 3).
public enum Vote: String, Codable, Sendable, CaseIterable {
    case voting
    case associate

    public var label: String {
        switch self {
        case .voting: "Voting member"
        case .associate: "Associate (non-voting)"
        }
    }
}

/// The office a member holds on the board or group.
public enum Office: String, Codable, Sendable, CaseIterable {
    case chair
    case viceChair = "vice_chair"
    case member
    case deputy

    public var label: String {
        switch self {
        case .chair: "Chair"
        case .viceChair: "Vice-chair"
        case .member: "Member"
        case .deputy: "Deputy"
        }
    }
}
