/// What a signed-in user is allowed to do. Public visitors have no role: they never sign in.
public enum Role: String, Codable, Sendable, CaseIterable {
    case administrator
    case countyOfficer = "county_officer"
    case coordinator
    case analyst
    case boardMember = "board_member"

    public var label: String {
        switch self {
        case .administrator: "Administrator"
        case .countyOfficer: "County officer"
        case .coordinator: "Partnership coordinator"
        case .analyst: "Analyst"
        case .boardMember: "Board member"
        }
    }
}

/// Things a user may ask to do. Whether a partnership's data is in reach is a second,
/// separate question (see `PartnershipScope`); both must say yes.
public enum Permission: String, Sendable, CaseIterable {
    /// Read the register of partnerships they belong to: members, areas, sub-groups.
    case readRegister
    /// Change a partnership they belong to: members, sub-groups, areas, authorities.
    case editRegister
    /// Create a new top-level partnership (a CSP or a county strategy group).
    case createPartnership
    /// Add or change organisations, which every partnership shares.
    case editOrganisations
    /// Add or change people's records.
    case editPeople
    /// Read the audit log.
    case readAuditLog
    /// Read the server's request counts and durations (`/metrics`), which show who uses what.
    case readServerMetrics
    /// Read recorded crime for the partnerships they may see (open police.uk data).
    case readCrimeData
    /// Import police.uk files. An import changes every partnership's figures in that force,
    /// so it is for the analysts who prepare the figures and for county and system staff.
    case importCrimeData
    /// Save a version of a partnership's strategic assessment as a draft for the board.
    case draftAssessment
    /// Record the board's approval of a draft, which freezes it.
    case approveAssessment
    /// Read the meetings of partnerships they belong to: agendas, papers (exempt ones too),
    /// attendance, minutes, decisions and actions.
    case readMeetings
    /// Run a partnership's meetings: terms of reference, schedule, agendas, attendance, minutes,
    /// decisions, actions and board packs. The secretariat's work.
    case runMeetings
    /// Upload a paper to an agenda item, or update an action they were given: members present
    /// their own papers.
    case submitPapers
    /// Read the partnership's money: allocation statements, and check a statement's totals.
    case readFunding
    /// Work out and publish allocations of a grant among the partnerships beneath: the county's.
    case allocateFunding
    /// Keep the partnership's budget: its lines, commitments and spend.
    case manageBudget
    /// Read the partnership plan: priorities, actions, indicators.
    case readPlan
    /// Keep the plan: add priorities, actions and indicators, and enter indicators' values. An
    /// action's owner updates its progress without this.
    case managePlan
    /// Read the e-mail outbox (what the server sent, and what waits unsent) and send it again.
    case manageOutbox
    /// Open statutory reviews and casework (ASB Case Reviews, homicide reviews), change those
    /// they are on the team of, and set the partnership's timescales. Seeing a case needs its
    /// team besides: no role sees every case.
    case manageCases
    /// Read the log of every view of a case, and look at a case outside its team with a reason
    /// (breaking the glass), which the log flags.
    case reviewCaseViews
    /// Review the county's partnership arrangements (options, their figures, stakeholders'
    /// positions, the appraisal paper) and take a merger through its steps: the county's work.
    case restructure
}

extension Permission {
    /// Whether it only reads: the one kind of request a partnership that has ended still answers.
    public var onlyReads: Bool {
        switch self {
        case .readRegister, .readAuditLog, .readServerMetrics, .readCrimeData, .readMeetings, .readFunding, .readPlan: true
        default: false
        }
    }
}

extension Role {
    /// The whole permission matrix in one table, so that it can be read and reviewed at a glance.
    private static let grants: [Role: Set<Permission>] = [
        .administrator: Set(Permission.allCases),
        .countyOfficer: [
            .readRegister, .editRegister, .editOrganisations, .editPeople, .readCrimeData, .importCrimeData, .draftAssessment, .approveAssessment,
            .readMeetings, .runMeetings, .submitPapers, .readFunding, .allocateFunding, .manageBudget, .readPlan, .managePlan, .manageCases, .restructure,
        ],
        .coordinator: [
            .readRegister, .editRegister, .editOrganisations, .editPeople, .readCrimeData, .draftAssessment, .approveAssessment, .readMeetings, .runMeetings, .submitPapers,
            .readFunding, .manageBudget, .readPlan, .managePlan, .manageCases,
        ],
        .analyst: [.readRegister, .readCrimeData, .importCrimeData, .draftAssessment, .readMeetings, .submitPapers, .readFunding, .readPlan],
        .boardMember: [.readRegister, .readCrimeData, .readMeetings, .submitPapers, .readFunding, .readPlan],
    ]

    public func may(_ permission: Permission) -> Bool {
        Role.grants[self, default: []].contains(permission)
    }

    /// Administrators see every partnership; everyone else sees the partnerships they
    /// were given and everything beneath them.
    public var seesEveryPartnership: Bool { self == .administrator }
}
