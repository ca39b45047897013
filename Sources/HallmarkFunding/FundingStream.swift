import HallmarkDomain

/// Money coming in to a partnership for a year: a grant, a council's or partner's contribution,
/// or a pooled fund's, with the conditions attached and when it ends.
package struct FundingStream: Sendable, Equatable, Codable, Identifiable {
    package enum Source: String, Sendable, Codable, CaseIterable {
        case pccGrant = "pcc_grant"
        case homeOffice = "home_office"
        case council
        case partnerContribution = "partner_contribution"
        case pooledFund = "pooled_fund"
        case other

        package var label: String {
            switch self {
            case .pccGrant: "Police and Crime Commissioner’s grant"
            case .homeOffice: "Home Office"
            case .council: "Council"
            case .partnerContribution: "Partner’s contribution"
            case .pooledFund: "Pooled fund"
            case .other: "Other"
            }
        }
    }

    package var id: RecordID<FundingStream>
    package var partnershipID: RecordID<Partnership>
    package var year: FinancialYear
    package var name: String
    package var source: Source
    package var funder: String
    package var amount: Money
    package var conditions: String
    package var endsOn: CalendarDate?
}

/// A stream as the form gives it, checked.
package struct FundingStreamDraft: Sendable, Equatable {
    package var year: FinancialYear
    package var name: String
    package var source: FundingStream.Source
    package var funder: String
    package var amount: Money
    package var conditions: String
    package var endsOn: CalendarDate?

    package init(year: FinancialYear, name: String, source: FundingStream.Source, funder: String, amount: Money, conditions: String = "", endsOn: CalendarDate? = nil) {
        self.year = year
        self.name = name
        self.source = source
        self.funder = funder
        self.amount = amount
        self.conditions = conditions
        self.endsOn = endsOn
    }

    package static func validate(_ input: [String: String]) throws(ValidationFailure) -> FundingStreamDraft {
        var v = Validator(input)
        let year = v.financialYear("year")
        let name = v.text("name", label: "stream’s name", maxLength: 120)
        let source = v.choice("source", label: "source", as: FundingStream.Source.self)
        let funder = v.text("funder", label: "funder", maxLength: 120)
        let amount = v.money("amount", label: "amount", required: true)
        let conditions = v.text("conditions", label: "conditions", required: false, maxLength: 2000) ?? ""
        let endsOn = v.date("ends_on", label: "end date", required: false)
        if let year, let endsOn, endsOn < year.first { v.fail("ends_on", "The end date is before \(year) begins (\(year.first.long))") }
        try v.check()
        return FundingStreamDraft(year: year!, name: name!, source: source!, funder: funder!, amount: amount!, conditions: conditions, endsOn: endsOn)
    }
}
