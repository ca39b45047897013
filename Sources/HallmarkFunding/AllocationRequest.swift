import HallmarkDomain

/// What the county officer asks for: a year's pot, a method, and for each partnership beneath
/// the inputs the method reads; checked field by field.
package struct AllocationRequest: Sendable, Codable, Equatable {
    package enum Method: String, Sendable, Codable, CaseIterable {
        case proRata = "pro_rata"
        case needs

        package var label: String {
            switch self {
            case .proRata: "Pro rata to earlier amounts"
            case .needs: "Needs-based: population and recorded crime, weighted, with a floor"
            }
        }
    }

    package var year: FinancialYear
    package var pot: Money
    package var method: Method
    package var floor: Money
    /// What the earlier amounts were, in words: "the 2011/12 allocation".
    package var basis: String
    package var recipients: [Recipient]
    package var previous: [Money?]
    package var population: [Double]
    package var crime: [Double]
    package var populationWeight: Double
    package var crimeWeight: Double

    /// The most a pot may be: a county's grant is millions, not billions.
    static let largest = Money.pounds(1_000_000_000)

    package static func validate(_ input: [String: String], recipients: [(id: String, recipient: Recipient)]) throws(ValidationFailure) -> AllocationRequest {
        var v = Validator(input)
        let yearText = (input["year"] ?? "").trimmingCharacters(in: .whitespaces)
        let year = FinancialYear(yearText)
        if year == nil { v.fail("year", yearText.isEmpty ? "Enter the financial year" : "Enter the financial year like 2026/27") }
        let pot = v.money("pot", label: "pot", required: true, most: largest)
        let floor = v.money("floor", label: "floor", required: false, most: largest) ?? .zero
        let method = v.choice("method", label: "method", as: Method.self)
        let basis = v.text("basis", label: "what the earlier amounts were", required: false, maxLength: 100) ?? "the earlier amounts"
        var previous: [Money?] = [], population: [Double] = [], crime: [Double] = []
        for (id, r) in recipients {
            previous.append(v.money("previous_\(id)", label: "earlier amount for \(r.name)", required: method == .proRata, most: largest))
            if method == .needs {
                population.append(v.number("population_\(id)", label: "population of \(r.name)", in: 0...100_000_000) ?? 0)
                crime.append(v.number("crime_\(id)", label: "recorded crime in \(r.name)", in: 0...100_000_000) ?? 0)
            }
        }
        let populationWeight = method == .needs ? v.number("weight_population", label: "weight of population", in: 0...100) ?? 0 : 0
        let crimeWeight = method == .needs ? v.number("weight_crime", label: "weight of recorded crime", in: 0...100) ?? 0 : 0
        try v.check()
        return AllocationRequest(
            year: year!, pot: pot!, method: method!, floor: floor, basis: basis, recipients: recipients.map(\.recipient), previous: previous, population: population,
            crime: crime, populationWeight: populationWeight, crimeWeight: crimeWeight)
    }

    /// The allocation itself, or why it cannot be made (as a problem with the pot or the floor).
    package func allocate() throws(ValidationFailure) -> Allocation {
        do {
            switch method {
            case .proRata:
                return try Allocating.proRata(pot: pot, previous: zip(recipients, previous).map { ($0, $1 ?? .zero) }, basis: basis)
            case .needs:
                return try Allocating.needsBased(
                    pot: pot, recipients: recipients,
                    indicators: [
                        NeedIndicator(name: "Population", weight: populationWeight, values: population),
                        NeedIndicator(name: "Recorded crime", weight: crimeWeight, values: crime),
                    ], floor: floor, previous: previous)
            }
        } catch {
            throw ValidationFailure(field: "pot", message: error.description)
        }
    }
}
