/// The three levels of the partnership structure described in the seeds: district or unitary
/// CSPs, a county strategy group above them, and sub-groups below.
public enum PartnershipKind: String, Codable, Sendable, CaseIterable {
    case communitySafetyPartnership = "csp"
    case countyStrategyGroup = "county_group"
    case subGroup = "sub_group"

    public var label: String {
        switch self {
        case .communitySafetyPartnership: "Community Safety Partnership"
        case .countyStrategyGroup: "County strategy group"
        case .subGroup: "Sub-group"
        }
    }

    /// Only a CSP has a statutory ONS code (`E22…` in England, `W14…` in Wales).
    public var needsONSCode: Bool { self == .communitySafetyPartnership }
}

/// The kinds of sub-group the seeds name.
public enum SubGroupType: String, Codable, Sendable, CaseIterable {
    case taskingAndCoordinating = "tasking"
    case problemSolving = "problem_solving"
    case jointAction = "joint_action"
    case thematicForum = "thematic_forum"
    case other

    public var label: String {
        switch self {
        case .taskingAndCoordinating: "Tasking and Co-ordinating Group"
        case .problemSolving: "Problem Solving Group"
        case .jointAction: "Joint Action Group"
        case .thematicForum: "Thematic forum"
        case .other: "Other group"
        }
    }
}
