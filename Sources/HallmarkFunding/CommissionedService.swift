import HallmarkDomain

/// A service the partnership commissions (an IDVA service, a youth diversion scheme): provider,
/// contract, who pays what towards it, the outcomes it must report, and the renewal decision.
package struct CommissionedService: Sendable, Equatable, Codable, Identifiable {
    package enum Renewal: String, Sendable, Codable, CaseIterable {
        case undecided, renew, retender, end

        package var label: String {
            switch self {
            case .undecided: "Not yet decided"
            case .renew: "Renew with the same provider"
            case .retender: "Tender again"
            case .end: "Let it end"
            }
        }
    }

    package struct Funder: Sendable, Equatable, Codable {
        package var name: String
        package var amount: Money

        package init(name: String, amount: Money) {
            self.name = name
            self.amount = amount
        }
    }

    package var id: RecordID<CommissionedService>
    package var partnershipID: RecordID<Partnership>
    package var name: String
    package var provider: String
    package var startsOn: CalendarDate
    package var endsOn: CalendarDate
    /// The contract's whole value; the funders' amounts add up to it.
    package var value: Money
    package var outcomes: String
    package var reportDueOn: CalendarDate?
    package var renewal: Renewal
    package var funders: [Funder]
}

/// A service as the form gives it: up to `funderRows` funders, whose amounts must add up to
/// the contract's value exactly.
package struct CommissionedServiceDraft: Sendable, Equatable {
    package var name: String
    package var provider: String
    package var startsOn: CalendarDate
    package var endsOn: CalendarDate
    package var value: Money
    package var outcomes: String
    package var reportDueOn: CalendarDate?
    package var renewal: CommissionedService.Renewal
    package var funders: [CommissionedService.Funder]

    package init(
        name: String, provider: String, startsOn: CalendarDate, endsOn: CalendarDate, value: Money, outcomes: String, reportDueOn: CalendarDate?,
        renewal: CommissionedService.Renewal, funders: [CommissionedService.Funder]
    ) {
        self.name = name
        self.provider = provider
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.value = value
        self.outcomes = outcomes
        self.reportDueOn = reportDueOn
        self.renewal = renewal
        self.funders = funders
    }

    package static let funderRows = 4

    package static func validate(_ input: [String: String]) throws(ValidationFailure) -> CommissionedServiceDraft {
        var v = Validator(input)
        let name = v.text("name", label: "service’s name", maxLength: 120)
        let provider = v.text("provider", label: "provider", maxLength: 120)
        let startsOn = v.date("starts_on", label: "contract’s start")
        let endsOn = v.date("ends_on", label: "contract’s end")
        if let startsOn, let endsOn, endsOn < startsOn { v.fail("ends_on", "The contract’s end must be on or after its start (\(startsOn.long))") }
        let value = v.money("value", label: "contract’s value", required: true)
        let outcomes = v.text("outcomes", label: "outcomes", required: false, maxLength: 4000) ?? ""
        let reportDueOn = v.date("report_due_on", label: "next report’s date", required: false)
        let renewal = input["renewal", default: ""].isEmpty ? .undecided : v.choice("renewal", label: "renewal decision", as: CommissionedService.Renewal.self)
        var funders: [CommissionedService.Funder] = []
        // The funders are checked against the value whatever else is wrong, so that every
        // problem is named the first time the form comes back.
        let problemsBefore = v.errors.count
        for n in 1...funderRows {
            let named = !(input["funder_\(n)"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            let priced = !(input["funder_amount_\(n)"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
            guard named || priced else { continue }
            let funder = v.text("funder_\(n)", label: "name of funder \(n)", maxLength: 120)
            let amount = v.money("funder_amount_\(n)", label: "amount from funder \(n)", required: true)
            if let funder, let amount { funders.append(.init(name: funder, amount: amount)) }
        }
        let fundersRead = v.errors.count == problemsBefore
        if funders.isEmpty, fundersRead { v.fail("funder_1", "Name at least one funder and what it pays") }
        if let value, fundersRead, !funders.isEmpty {
            let sum = funders.map(\.amount).reduce(.zero, +)
            if sum != value {
                v.fail(
                    "funder_amount_1",
                    "The funders’ amounts add up to \(sum), \(sum < value ? "\(value - sum) less" : "\(sum - value) more") than the contract’s value of \(value)")
            }
        }
        try v.check()
        return CommissionedServiceDraft(
            name: name!, provider: provider!, startsOn: startsOn!, endsOn: endsOn!, value: value!, outcomes: outcomes, reportDueOn: reportDueOn, renewal: renewal!,
            funders: funders)
    }
}

/// What needs doing soon about the services: reports due within a month (or late) and
/// contracts ending within the notice a new tender needs, with no renewal decision yet.
package enum ServiceReminders {
    package static let reportNoticeDays = 30
    package static let renewalNoticeDays = 180

    package struct Reminder: Sendable, Equatable {
        package var service: CommissionedService
        package var message: String
        package var late: Bool
    }

    package static func due(_ services: [CommissionedService], on today: CalendarDate) -> [Reminder] {
        services.flatMap { s -> [Reminder] in
            var found: [Reminder] = []
            if let due = s.reportDueOn, due <= today.adding(days: reportNoticeDays) {
                found.append(Reminder(service: s, message: due < today ? "Report was due on \(due.long)" : "Report due on \(due.long)", late: due < today))
            }
            if s.renewal == .undecided, s.endsOn <= today.adding(days: renewalNoticeDays) {
                found.append(
                    Reminder(
                        service: s,
                        message: s.endsOn < today ? "Contract ended on \(s.endsOn.long) with no renewal decision" : "Contract ends on \(s.endsOn.long): decide whether to renew",
                        late: s.endsOn < today))
            }
            return found
        }
    }
}
