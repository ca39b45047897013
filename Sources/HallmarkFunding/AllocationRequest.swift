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
            case .needs: "Needs-based: population, recorded crime, harm and your own indicator, weighted, with a floor"
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
    /// Harm-weighted crime, and an indicator the county officer supplies (deprivation, say):
    /// read only when weighted.
    package var harm: [Double] = []
    package var harmWeight: Double = 0
    package var indicatorName: String = ""
    package var indicator: [Double] = []
    package var indicatorWeight: Double = 0

    /// The most a pot may be: a county's grant is millions, not billions.
    static let largest = Money.pounds(1_000_000_000)

    package static func validate(_ input: [String: String], recipients: [(id: String, recipient: Recipient)]) throws(ValidationFailure) -> AllocationRequest {
        var v = Validator(input)
        let year = v.financialYear("year")
        let pot = v.money("pot", label: "pot", required: true, most: largest)
        let floor = v.money("floor", label: "floor", required: false, most: largest) ?? .zero
        let method = v.choice("method", label: "method", as: Method.self)
        let basis = v.text("basis", label: "what the earlier amounts were", required: false, maxLength: 100) ?? "the earlier allocation"
        var previous: [Money?] = [], population: [Double] = [], crime: [Double] = [], harm: [Double] = [], indicator: [Double] = []
        let weighted = { (field: String) in method == .needs && !(input[field] ?? "").trimmingCharacters(in: .whitespaces).isEmpty && Double(input[field]!) != 0 }
        let harmWeighted = weighted("weight_harm"), indicatorWeighted = weighted("weight_indicator")
        let indicatorName = indicatorWeighted ? v.text("indicator_name", label: "name of your indicator", maxLength: 80) ?? "" : ""
        for (id, r) in recipients {
            previous.append(v.money("previous_\(id)", label: "earlier amount for \(r.name)", required: method == .proRata, most: largest))
            if method == .needs {
                population.append(v.number("population_\(id)", label: "population of \(r.name)", in: 0...100_000_000) ?? 0)
                crime.append(v.number("crime_\(id)", label: "recorded crime in \(r.name)", in: 0...100_000_000) ?? 0)
            }
            if harmWeighted { harm.append(v.number("harm_\(id)", label: "harm-weighted crime in \(r.name)", in: 0...10_000_000_000) ?? 0) }
            if indicatorWeighted {
                indicator.append(v.number("indicator_\(id)", label: "\(indicatorName.isEmpty ? "your indicator" : indicatorName) for \(r.name)", in: 0...10_000_000_000) ?? 0)
            }
        }
        let populationWeight = method == .needs ? v.number("weight_population", label: "weight of population", in: 0...100) ?? 0 : 0
        let crimeWeight = method == .needs ? v.number("weight_crime", label: "weight of recorded crime", in: 0...100) ?? 0 : 0
        let harmWeight = harmWeighted ? v.number("weight_harm", label: "weight of harm-weighted crime", in: 0...100) ?? 0 : 0
        let indicatorWeight = indicatorWeighted ? v.number("weight_indicator", label: "weight of your indicator", in: 0...100) ?? 0 : 0
        try v.check()
        return AllocationRequest(
            year: year!, pot: pot!, method: method!, floor: floor, basis: basis, recipients: recipients.map(\.recipient), previous: previous, population: population,
            crime: crime, populationWeight: populationWeight, crimeWeight: crimeWeight, harm: harm, harmWeight: harmWeight, indicatorName: indicatorName,
            indicator: indicator, indicatorWeight: indicatorWeight)
    }

    /// The needs formula's indicators, as it reads them and the statement lists them: population
    /// and recorded crime always, harm-weighted crime and the officer's own when weighted.
    package var indicators: [NeedIndicator] {
        [NeedIndicator(name: "Population", weight: populationWeight, values: population), NeedIndicator(name: "Recorded crime", weight: crimeWeight, values: crime)]
            + [
                NeedIndicator(name: "Harm-weighted crime", weight: harmWeight, values: harm),
                NeedIndicator(name: indicatorName, weight: indicatorWeight, values: indicator),
            ].filter { $0.weight > 0 }
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
                    indicators: indicators, floor: floor, previous: previous)
            }
        } catch {
            // Said beside the field that can put it right: the weights, the floor, or the pot.
            let field = error.description.contains("weight") ? "weight_population" : error.description.contains("floor") ? "floor" : "pot"
            throw ValidationFailure(field: field, message: error.description)
        }
    }
}

extension AllocationRequest {
    /// Statements saved before harm and a supplied indicator could be weighted read as unweighted.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            year: try c.decode(FinancialYear.self, forKey: .year), pot: try c.decode(Money.self, forKey: .pot), method: try c.decode(Method.self, forKey: .method),
            floor: try c.decode(Money.self, forKey: .floor), basis: try c.decode(String.self, forKey: .basis), recipients: try c.decode([Recipient].self, forKey: .recipients),
            previous: try c.decode([Money?].self, forKey: .previous), population: try c.decode([Double].self, forKey: .population),
            crime: try c.decode([Double].self, forKey: .crime), populationWeight: try c.decode(Double.self, forKey: .populationWeight),
            crimeWeight: try c.decode(Double.self, forKey: .crimeWeight), harm: try c.decodeIfPresent([Double].self, forKey: .harm) ?? [],
            harmWeight: try c.decodeIfPresent(Double.self, forKey: .harmWeight) ?? 0, indicatorName: try c.decodeIfPresent(String.self, forKey: .indicatorName) ?? "",
            indicator: try c.decodeIfPresent([Double].self, forKey: .indicator) ?? [], indicatorWeight: try c.decodeIfPresent(Double.self, forKey: .indicatorWeight) ?? 0)
    }
}
