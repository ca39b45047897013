import Hummingbird

/// What a page says after a save sent the browser to it: "see other" carries only the notice's
/// name (`?saved=member-added`), never text of the user's, so the words are always these.
package enum Notice: String, Sendable, CaseIterable {
    case partnershipAdded = "partnership-added"
    case subGroupAdded = "sub-group-added"
    case districtAdded = "district-added"
    case organisationAdded = "organisation-added"
    case authorityAdded = "authority-added"
    case memberAdded = "member-added"
    case membershipEnded = "membership-ended"
    case personAdded = "person-added"
    case settingsSaved = "settings-saved"
    case versionSaved = "version-saved"
    case versionApproved = "version-approved"
    case changesSaved = "changes-saved"
    case authorityRemoved = "authority-removed"

    package var message: String {
        switch self {
        case .partnershipAdded: "The partnership was added to the register."
        case .subGroupAdded: "The sub-group was added. It reports to the partnership above it."
        case .districtAdded: "The district was added to this partnership's area."
        case .organisationAdded: "The organisation was added to the register."
        case .authorityAdded: "The organisation was added to this partnership."
        case .memberAdded: "The member was added to this partnership."
        case .membershipEnded: "The membership was ended. It stays on the record as a past membership."
        case .personAdded: "The person was added to the register. Now choose their seat on the partnership."
        case .settingsSaved: "The assessment settings were saved. The working draft uses them from now on."
        case .versionSaved: "The draft was saved as a new version, with its figures, settings and tables."
        case .versionApproved: "The board’s approval was recorded. The version is now frozen."
        case .changesSaved: "Your changes were saved."
        case .authorityRemoved: "The organisation was taken off this partnership. Past seats that represented it keep its name."
        }
    }
}

/// After a successful form: "see other", so that reloading the page does not send it twice,
/// with the notice the page shows to say what was saved.
package func redirect(to path: String, notice: Notice) -> Response {
    let (page, fragment) = path.firstIndex(of: "#").map { (String(path[..<$0]), String(path[$0...])) } ?? (path, "")
    return redirect(to: page + (page.contains("?") ? "&" : "?") + "saved=\(notice.rawValue)" + fragment)
}
