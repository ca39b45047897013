/// The statutory type of an organisation. The first seven are responsible authorities
/// (or, for the PCC, a statutory partner) under the Crime and Disorder Act 1998.
public enum OrganisationType: String, Codable, Sendable, CaseIterable {
    case districtCouncil = "district_council"
    case countyCouncil = "county_council"
    case unitaryAuthority = "unitary"
    case police
    case fireAndRescue = "fire_and_rescue"
    case health
    case probation
    case policeAndCrimeCommissioner = "pcc"
    case voluntarySector = "voluntary"
    case housing
    case other

    public var label: String {
        switch self {
        case .districtCouncil: "District council"
        case .countyCouncil: "County council"
        case .unitaryAuthority: "Unitary authority"
        case .police: "Police"
        case .fireAndRescue: "Fire and rescue"
        case .health: "Health (integrated care board)"
        case .probation: "Probation"
        case .policeAndCrimeCommissioner: "Police and Crime Commissioner"
        case .voluntarySector: "Voluntary sector"
        case .housing: "Housing"
        case .other: "Other"
        }
    }

    public var isResponsibleAuthority: Bool {
        switch self {
        case .districtCouncil, .countyCouncil, .unitaryAuthority, .police, .fireAndRescue, .health, .probation: true
        case .policeAndCrimeCommissioner, .voluntarySector, .housing, .other: false
        }
    }
}
