import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// Leicestershire and Rutland as a demo county: its real CSPs and districts with their ONS
/// codes, a county strategy group, sub-groups, the real public bodies, fictional people,
/// and one sign-in account per role. Loading twice changes nothing.
package enum DemoCounty {
    package static let force = GSSCode("E23000021")!
    package static let password = "hallmark-demo-2026"

    package struct Account: Sendable {
        package let role: Role
        package let email: String
        package let sees: String
    }

    /// Loads the demo if it is not there yet; returns the accounts either way.
    @discardableResult
    package static func load(_ deps: Dependencies) async throws -> [Account] {
        let author = ChangeAuthor.system("demo loader")
        let geography = try CSPGeography.shipped().partnerships(inForce: force)
        let partnerships = deps.partnerships
        if try await partnerships.find(onsCode: geography[0].code) == nil {
            try await build(deps, geography: geography, author: author)
        }
        return try await accounts(deps, author: author)
    }

    /// Leicestershire's police.uk files, from the shared data beside the project when it is there.
    package static let crimeFolder = "../shared/data/police-uk/leicestershire"

    /// Imports the demo force's crime once, so the CSPs' crime pages have figures. Returns nil
    /// when the files are not beside the project or the force's months are already held.
    package static func loadCrime(_ deps: Dependencies, from folder: String = crimeFolder) async throws -> CrimeImporter.Report? {
        guard FileManager.default.fileExists(atPath: folder),
            try await deps.crime.monthsAvailable().isEmpty
        else { return nil }
        return try await deps.importer.importStreetFiles(at: folder, by: .system("demo loader"))
    }

    /// The demo plans, built from the assessments of the crime imported: after `loadCrime`.
    package static func loadPlan(_ deps: Dependencies) async throws {
        try await DemoPlan.load(deps)
        try await DemoSelfAssessment.load(deps)
        try await DemoConsultations.load(deps)
        try await DemoCasework.load(deps)
        try await DemoRestructuring.load(deps)
    }

    static let countyName = "Leicestershire and Rutland Safer Communities Strategy Board"

    private static func build(_ deps: Dependencies, geography: [CSPGeography.CSP], author: ChangeAuthor) async throws {
        let organisations = try await demoOrganisations(deps, author: author)
        let county = try await deps.partnerships.create(
            .init(kind: .countyStrategyGroup, name: countyName, purpose: "Sets county-wide priorities and the Community Safety Agreement."), by: author)
        try await deps.partnerships.create(
            .init(
                kind: .subGroup, name: "Domestic Abuse and Sexual Violence Forum", parentID: county.id,
                subGroupType: .thematicForum, purpose: "County-wide: a low-volume, specialist issue."), by: author)

        var names = FictionalNames()
        for csp in geography {
            let partnership = try await deps.partnerships.create(
                .init(
                    kind: .communitySafetyPartnership, name: csp.name == "Leicester" ? "Safer Leicester Partnership" : "\(csp.name) Community Safety Partnership",
                    onsCode: csp.code, parentID: county.id), by: author)
            for district in csp.districts {
                try await deps.partnerships.addDistrict(district, to: partnership.id, by: author)
            }
            let council = organisations[councilName(csp.name)]!
            var authorities = [
                council, organisations["Leicestershire Police"]!, organisations["Leicestershire Fire and Rescue Service"]!,
                organisations["Leicester, Leicestershire and Rutland Integrated Care Board"]!,
                organisations["Probation Service East Midlands"]!,
            ]
            if council.type == .districtCouncil { authorities.insert(organisations["Leicestershire County Council"]!, at: 1) }
            for organisation in authorities {
                try await deps.partnerships.addAuthority(organisation.id, to: partnership.id, by: author)
            }

            // A board: chair from the council, vice-chair from the police, members, an associate
            // from the voluntary sector, a deputy, and one member who has left.
            let seats: [(Office, Vote, Organisation, Organisation?)] = [
                (.chair, .voting, council, nil),
                (.viceChair, .voting, organisations["Leicestershire Police"]!, nil),
                (.member, .voting, organisations["Leicestershire Fire and Rescue Service"]!, nil),
                (.member, .voting, organisations["Probation Service East Midlands"]!, nil),
                (.member, .associate, organisations["Voluntary Action LeicesterShire"]!, organisations["\(csp.name) Area Partnership Board"]),
            ]
            var chair: Person?
            for (office, vote, organisation, nominatedBy) in seats {
                let person = try await deps.people.create(.init(name: names.next(), jobTitle: jobTitle(office, organisation)), keptBy: partnership.id, by: author)
                if office == .chair { chair = person }
                _ = try await deps.memberships.create(
                    .init(
                        personID: person.id, organisationID: organisation.id, nominatedByID: nominatedBy?.id,
                        vote: vote, office: office, startDate: CalendarDate("2023-04-01")!),
                    in: partnership.id, by: author)
            }
            let deputy = try await deps.people.create(.init(name: names.next(), jobTitle: "Head of Community Safety"), keptBy: partnership.id, by: author)
            _ = try await deps.memberships.create(
                .init(
                    personID: deputy.id, organisationID: council.id, vote: .voting, office: .deputy,
                    deputyForPersonID: chair?.id, startDate: CalendarDate("2024-06-01")!), in: partnership.id, by: author)
            let leaver = try await deps.people.create(.init(name: names.next(), jobTitle: "Area Commander"), keptBy: partnership.id, by: author)
            _ = try await deps.memberships.create(
                .init(
                    personID: leaver.id, organisationID: organisations["Leicestershire Police"]!.id, vote: .voting,
                    office: .member, startDate: CalendarDate("2021-04-01")!, endDate: CalendarDate("2023-03-31")!),
                in: partnership.id, by: author)
            try await DemoMeetings.load(deps.meetings, partnership, council: council, author: author)

            let subGroups: [(String, SubGroupType, String)] =
                csp.name == "Leicester"
                ? [
                    ("Safer Leicester Tasking and Co-ordinating Group", .taskingAndCoordinating, "Monthly tasking of partner resources to hotspots."),
                    ("City Centre Joint Action Group", .jointAction, "Anti-social behaviour and the night-time economy."),
                ]
                : [("\(csp.name) Joint Action Group", .jointAction, "Problem places and people, by neighbourhood.")]
            for (name, type, purpose) in subGroups {
                try await deps.partnerships.create(.init(kind: .subGroup, name: name, parentID: partnership.id, subGroupType: type, purpose: purpose), by: author)
            }
        }
        let csps = try await deps.partnerships.children(of: county.id).filter { $0.kind == .communitySafetyPartnership }
        try await DemoFunding.load(deps.funding, county: county, csps: csps, author: author)
    }

    static func councilName(_ csp: String) -> String {
        switch csp {
        case "Leicester": "Leicester City Council"
        case "Rutland": "Rutland County Council"
        case "Charnwood", "Hinckley and Bosworth", "Melton", "Oadby and Wigston": "\(csp) Borough Council"
        default: "\(csp) District Council"
        }
    }

    private static func jobTitle(_ office: Office, _ organisation: Organisation) -> String {
        switch organisation.type {
        case .police: "Local Policing Commander"
        case .fireAndRescue: "Group Manager, Community Safety"
        case .probation: "Head of Probation Delivery Unit"
        case .voluntarySector: "Chief Executive"
        default: office == .chair ? "Cabinet Member for Community Safety" : "Community Safety Manager"
        }
    }

    private static func demoOrganisations(_ deps: Dependencies, author: ChangeAuthor) async throws -> [String: Organisation] {
        var list: [(String, OrganisationType)] = [
            ("Leicestershire Police", .police),
            ("Leicestershire Fire and Rescue Service", .fireAndRescue),
            ("Leicestershire County Council", .countyCouncil),
            ("Leicester City Council", .unitaryAuthority),
            ("Rutland County Council", .unitaryAuthority),
            ("Probation Service East Midlands", .probation),
            ("Leicester, Leicestershire and Rutland Integrated Care Board", .health),
            ("Office of the Police and Crime Commissioner for Leicestershire", .policeAndCrimeCommissioner),
            ("Voluntary Action LeicesterShire", .voluntarySector),
        ]
        for csp in ["Blaby", "Harborough", "North West Leicestershire"] { list.append(("\(csp) District Council", .districtCouncil)) }
        for csp in ["Charnwood", "Hinckley and Bosworth", "Melton", "Oadby and Wigston"] { list.append(("\(csp) Borough Council", .districtCouncil)) }
        for csp in ["Blaby", "Charnwood", "Harborough", "Hinckley and Bosworth", "Leicester", "Melton", "North West Leicestershire", "Oadby and Wigston", "Rutland"] {
            list.append(("\(csp) Area Partnership Board", .other))
        }
        var made: [String: Organisation] = [:]
        for (name, type) in list {
            if let existing = try await deps.organisations.find(named: name) {
                made[name] = existing
            } else {
                made[name] = try await deps.organisations.create(.init(name: name, type: type), by: author)
            }
        }
        return made
    }

    private static func accounts(_ deps: Dependencies, author: ChangeAuthor) async throws -> [Account] {
        let all = try await deps.partnerships.all()
        func id(_ name: String) -> RecordID<Partnership>? { all.first { $0.name == name }?.id }
        let plan: [(Role, String, String, String?)] = [
            (.administrator, "admin@demo.hallmark.test", "Ada Administrator", nil),
            (.countyOfficer, "county@demo.hallmark.test", "Colin County-Officer", countyName),
            (.coordinator, "coordinator@demo.hallmark.test", "Carys Coordinator", "Charnwood Community Safety Partnership"),
            (.analyst, "analyst@demo.hallmark.test", "Anil Analyst", "Charnwood Community Safety Partnership"),
            (.boardMember, "board@demo.hallmark.test", "Bea Board-Member", "Blaby Community Safety Partnership"),
        ]
        var accounts: [Account] = []
        for (role, email, name, partnership) in plan {
            if try await deps.accounts.user(email: email) == nil {
                _ = try await deps.accounts.createUser(
                    email: email, name: name, passwordHash: deps.hasher.hash(password), role: role,
                    partnerships: partnership.flatMap(id).map { [$0] } ?? [], by: author)
            }
            accounts.append(Account(role: role, email: email, sees: partnership ?? "every partnership"))
        }
        return accounts
    }
}

/// Fictional names for demo people, in a fixed order so that every demo is the same.
struct FictionalNames {
    private static let first = [
        "Amira", "Ben", "Chloe", "Dev", "Eleanor", "Farid", "Grace", "Harry", "Imogen", "Jas", "Kofi", "Lucy",
        "Mo", "Nadia", "Owen", "Priya", "Rhys", "Sana", "Tom", "Uma", "Vik", "Wendy", "Yusuf", "Zoe",
    ]
    private static let last = [
        "Ashworth", "Bhatt", "Carter", "Dunmore", "Ellis", "Fenwick", "Gill", "Hartley", "Iqbal", "Jennings",
        "Kaur", "Lowe", "Mistry", "Newell", "Osei", "Patel", "Quinn", "Rowe", "Shah", "Thorpe",
    ]
    private var index = 0

    mutating func next() -> String {
        defer { index += 1 }
        return "\(Self.first[index % Self.first.count]) \(Self.last[(index * 7) % Self.last.count])"
    }
}
