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
    case meetingsScheduled = "meetings-scheduled"
    case itemAdded = "item-added"
    case itemMoved = "item-moved"
    case itemRemoved = "item-removed"
    case paperAdded = "paper-added"
    case attendanceSaved = "attendance-saved"
    case decisionRecorded = "decision-recorded"
    case actionAdded = "action-added"
    case actionUpdated = "action-updated"
    case minutesApproved = "minutes-approved"
    case packRequested = "pack-requested"
    case meetingPublished = "meeting-published"
    case termsSaved = "terms-saved"
    case signOffRecorded = "sign-off-recorded"
    case calendarLinkMade = "calendar-link-made"
    case allocationSaved = "allocation-saved"
    case budgetLineSaved = "budget-line-saved"
    case budgetImported = "budget-imported"
    case streamSaved = "stream-saved"
    case fundSaved = "fund-saved"
    case contributorAdded = "contributor-added"
    case movementRecorded = "movement-recorded"
    case serviceSaved = "service-saved"
    case deliveryStarted = "delivery-started"
    case digestStarted = "digest-started"

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
        case .meetingsScheduled: "The meetings were scheduled, each agenda with the standing items of the terms of reference."
        case .itemAdded: "The item was added to the agenda, before the closing standing items."
        case .itemMoved: "The item was moved; the agenda is renumbered."
        case .itemRemoved: "The item was taken off the agenda; the others are renumbered."
        case .paperAdded: "The paper was added. A Word or Excel paper is turned into PDF for the board pack in the background: its line below says when it is ready."
        case .attendanceSaved: "The attendance was saved. The quorum below is worked out from it."
        case .decisionRecorded: "The decision was recorded in the minutes."
        case .actionAdded: "The action was added to the action log. It stays on every later agenda until it is closed."
        case .actionUpdated: "The update was added to the action."
        case .minutesApproved: "The minutes were approved. That meeting’s record is now frozen."
        case .packRequested: "The board pack is being printed. It appears below when it is ready; reload the page to see it."
        case .meetingPublished: "The change to what the public can see was saved. Publishing also prints the members’ and public packs."
        case .termsSaved: "The terms of reference were saved as a new draft version. Approve it at a meeting to bring it into force."
        case .signOffRecorded: "The signature was recorded against this version."
        case .calendarLinkMade: "Your calendar link was made. Any link made before it no longer works."
        case .budgetLineSaved: "The budget line was saved. The totals below include it."
        case .budgetImported: "The budget was imported: every line in the file was added or brought up to date, and lines not in the file were left as they were."
        case .streamSaved: "The funding stream was saved. The year’s income below includes it."
        case .fundSaved: "The pooled fund was set up. Add the partners who pay into it and their shares."
        case .contributorAdded: "The partner was added. Each partner’s share of the amount to be paid in is worked out again below."
        case .movementRecorded: "The money was recorded, and the balance below includes it."
        case .serviceSaved: "The commissioned service was saved."
        case .deliveryStarted: "The unsent messages are being sent again. Reload the page in a moment to see what became of each."
        case .digestStarted: "This week’s reminders are being composed and sent. Reload the page in a moment to see them."
        case .allocationSaved: "The allocation was saved as a draft statement. Record the board’s approval to publish it."
        }
    }
}

/// After a successful form: "see other", so that reloading the page does not send it twice,
/// with the notice the page shows to say what was saved.
package func redirect(to path: String, notice: Notice) -> Response {
    let (page, fragment) = path.firstIndex(of: "#").map { (String(path[..<$0]), String(path[$0...])) } ?? (path, "")
    return redirect(to: page + (page.contains("?") ? "&" : "?") + "saved=\(notice.rawValue)" + fragment)
}
