import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// The weekly e-mail to each owner of actions: those overdue and those due in the next
/// fortnight, each with its link, as the home page shows them on sign-in. Composed into the
/// outbox by a job, then sent (see `MailDelivery`).
package enum ActionDigest {
    package static let kind = "action-digest"
    package static let dueSoonDays = 14

    /// An action as the digest lists it.
    package struct Item: Sendable, Equatable {
        package var action: PlanAction
        package var partnershipID: RecordID<Partnership>
        package var priority: String

        package init(action: PlanAction, partnershipID: RecordID<Partnership>, priority: String) {
            self.action = action
            self.partnershipID = partnershipID
            self.priority = priority
        }
    }

    /// The letter to one owner, or nil when nothing of theirs is overdue or due soon.
    package static func letter(to user: User, items: [Item], today: CalendarDate, siteURL: String) -> Letter? {
        let due = items.filter { !$0.action.status.closed && $0.action.dueOn <= today.adding(days: dueSoonDays) }
        guard !due.isEmpty else { return nil }
        let overdue = due.filter { $0.action.overdue(on: today) }
        let soon = due.filter { !$0.action.overdue(on: today) }
        func line(_ i: Item) -> String {
            "- \(i.action.title) (\(i.priority)), due \(i.action.dueOn.long), \(i.action.status.label.lowercased())\n  \(siteURL)\(Site.planAction(i.partnershipID, i.action.id))"
        }
        var body = "Dear \(user.name),\n\nThese actions of yours in the partnership plan need you this week.\n"
        if !overdue.isEmpty { body += "\nOverdue:\n" + overdue.map(line).joined(separator: "\n") + "\n" }
        if !soon.isEmpty { body += "\nDue in the next \(dueSoonDays) days:\n" + soon.map(line).joined(separator: "\n") + "\n" }
        body += "\nOpen each to add an update: what was done, and what is next.\n\nHallmark\n"
        let subject =
            overdue.isEmpty
            ? "Hallmark: \(soon.count) action\(soon.count == 1 ? "" : "s") due soon"
            : "Hallmark: \(overdue.count) overdue action\(overdue.count == 1 ? "" : "s")" + (soon.isEmpty ? "" : " and \(soon.count) due soon")
        return Letter(userID: user.id, toAddress: user.email, toName: user.name, subject: subject, body: body)
    }

    /// Every owner's letter: those with an enabled account and something overdue or due soon.
    package static func letters(_ plans: PlanRepository, accounts: AccountRepository, today: CalendarDate, siteURL: String) async throws -> [Letter] {
        var letters: [Letter] = []
        for userID in try await plans.owners() {
            guard let user = try await accounts.user(id: userID), !user.disabled else { continue }
            let items = try await plans.open(ownedBy: userID).map { Item(action: $0.action, partnershipID: $0.partnershipID, priority: $0.priority) }
            if let letter = letter(to: user, items: items, today: today, siteURL: siteURL) { letters.append(letter) }
        }
        return letters
    }

    /// The job: compose the week's letters into the outbox, then deliver what waits there.
    package static func handler(_ service: PlanService, delivery: MailDelivery, siteURL: String) -> JobHandler {
        { _, report in
            // Asked again within the week (an administrator's button), it writes only to those not written to yet.
            let since = Int64(Self.utc.dateInterval(of: .weekOfYear, for: Date())?.start.timeIntervalSince1970 ?? 0)
            let done = try await delivery.outbox.recipients(of: kind, since: since)
            let letters = try await letters(service.plans, accounts: AccountRepository(store: service.store), today: .today(), siteURL: siteURL).filter {
                !done.contains($0.userID ?? -1)
            }
            try await delivery.outbox.add(letters, kind: kind)
            try await report("\(letters.count) composed")
            let (sent, unsent) = try await delivery.deliver()
            return "\(letters.count) digest\(letters.count == 1 ? "" : "s") composed; \(sent) sent, \(unsent) waiting in the outbox"
        }
    }

    /// The period a weekly digest belongs to: the Monday of the week, from seven in the morning
    /// (UTC) on, so that each week's digest starts once, on the first look after that.
    static var utc: Calendar {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    package static func week(of date: Date) -> String? {
        let calendar = utc
        guard let monday = calendar.dateInterval(of: .weekOfYear, for: date)?.start else { return nil }
        guard date >= monday.addingTimeInterval(7 * 3600) else { return nil }
        let c = calendar.dateComponents([.year, .month, .day], from: monday)
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)?.iso
    }
}

extension PlanRepository {
    /// Everyone who owns an action not yet done or withdrawn.
    package func owners() async throws -> [Int64] {
        try await store.withConnection { db in
            try await db.raw(
                """
                SELECT DISTINCT owner_user_id FROM plan_actions
                WHERE owner_user_id IS NOT NULL AND status NOT IN (\(binds: ActionProgressStatus.allCases.filter(\.closed).map(\.rawValue))) ORDER BY owner_user_id
                """
            ).all().map { try $0.column("owner_user_id", Int64.self) }
        }
    }
}
