import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// The tables of a review's comparison, shared by its page, its appraisal paper and their CSV
/// downloads, so that all three always say the same.
package struct ComparisonTable {
    /// Its name in the CSV's address.
    package let name: String
    package let caption: String
    package let headers: [String]
    package let rows: [[String]]
    package var empty: String = "None recorded."

    package func node(csv: String?) -> Node<HTML.BodyContext> {
        DataTable(caption: caption, headers: headers, rows: rows.map { $0.map { .text($0) } }, csvHref: csv, empty: empty).node
    }

    package var csv: CSVDocument { CSVDocument(headers: headers, rows: rows) }
}

package enum ComparisonTables {
    /// Every table, in the order the page and paper show them.
    package static func all(_ c: RestructuringService.Comparison, positions: [StakeholderPosition]) -> [ComparisonTable] {
        [summary(c), hours(c), types(c), need(c), coterminosity(c), funding(c), themes(c), self.positions(positions, c.options)]
    }

    /// 12 → "12"; 10.5 → "10.5"; 1234 → "1,234".
    package static func plain(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_GB")
        formatter.maximumFractionDigits = 1
        return formatter.string(from: NSNumber(value: rounded)) ?? "\(rounded)"
    }

    static func signed(_ value: Double) -> String { value > 0 ? "+" + plain(value) : value < 0 ? "−" + plain(-value) : "No change" }

    static func names(_ c: RestructuringService.Comparison) -> [String] { c.figures.map(\.name) }

    static func summary(_ c: RestructuringService.Comparison) -> ComparisonTable {
        let today = c.figures.first
        let staffed = c.figures.map { $0.burden.hoursByOrganisation.values.reduce(0, +) }
        func row(_ measure: String, _ value: (OptionFigures) -> String) -> [String] { [measure] + c.figures.map(value) }
        let rows: [[String]] = [
            row("Community Safety Partnerships") { "\($0.partnerships.count)" },
            row("Boards and groups") { "\($0.burden.boards)" },
            row("Meetings a year") { "\($0.burden.meetingsPerYear)" },
            row("Hours of meetings a year") { plain($0.burden.meetingHours) },
            ["Hours partners staff a year (each seat’s hours)"] + staffed.map(plain),
            ["Change in partners’ hours from today"] + staffed.map { today == nil ? "" : signed($0 - staffed[0]) },
            row("Partnerships crossing a police force boundary") { $0.crossesForces.isEmpty ? "None" : $0.crossesForces.joined(separator: "; ") },
            row("Authorities whose area a boundary cuts") { f in
                let cut = Set(f.partnerships.flatMap(\.coterminosity.cut))
                return cut.isEmpty ? "None" : cut.sorted().joined(separator: "; ")
            },
            row("Smallest allocation") { f in f.fundingProblem ?? f.partnerships.compactMap(\.funding).min()?.description ?? "" },
            row("Largest allocation") { f in f.fundingProblem ?? f.partnerships.compactMap(\.funding).max()?.description ?? "" },
            row("Districts no partnership covers") { $0.uncovered.isEmpty ? "None" : $0.uncovered.map(\.name).joined(separator: "; ") },
            row("Districts in two partnerships") { $0.doubled.isEmpty ? "None" : $0.doubled.map(\.name).joined(separator: "; ") },
        ]
        return ComparisonTable(name: "options", caption: "The options side by side", headers: ["Measure"] + names(c), rows: rows)
    }

    static func hours(_ c: RestructuringService.Comparison) -> ComparisonTable {
        let ids = Set(c.figures.flatMap(\.burden.hoursByOrganisation.keys)).union(c.attended.keys)
        let organisations = c.organisations.filter { ids.contains($0.id) }
        return ComparisonTable(
            name: "hours", caption: "Hours a year each organisation must staff",
            headers: ["Organisation", "Type"] + names(c) + ["Given in the last 12 months"],
            rows: organisations.map { o in
                [o.name, o.type.label] + c.figures.map { plain($0.burden.hoursByOrganisation[o.id] ?? 0) } + [plain(c.attended[o.id] ?? 0)]
            })
    }

    static func types(_ c: RestructuringService.Comparison) -> ComparisonTable {
        let byType = c.figures.map { Dictionary($0.burden.hoursByType(c.organisations).map { ($0.type, $0.hours) }, uniquingKeysWith: +) }
        let present = OrganisationType.allCases.filter { t in byType.contains { $0[t] != nil } }
        return ComparisonTable(
            name: "types", caption: "Hours a year by type of organisation", headers: ["Type of organisation"] + names(c),
            rows: present.map { t in [t.label] + byType.map { plain($0[t] ?? 0) } })
    }

    static func need(_ c: RestructuringService.Comparison) -> ComparisonTable {
        ComparisonTable(
            name: "partnerships", caption: "Each option’s partnerships: population, crime and harm" + (c.facts.period.map { ", \($0)" } ?? ""),
            headers: ["Option", "Partnership", "Districts", "Boards and groups", "Residents", "Crimes", "Crimes per 1,000", "Harm per 1,000"],
            rows: c.figures.flatMap { f in
                f.partnerships.map { p in
                    [
                        f.name, p.name, p.districts.map(\.name).joined(separator: "; "), "\(p.boards)", plain(Double(p.residents)), plain(Double(p.crimes)),
                        p.crimesPerThousand.map(plain) ?? "", p.harmPerThousand.map(plain) ?? "",
                    ]
                }
            })
    }

    static func coterminosity(_ c: RestructuringService.Comparison) -> ComparisonTable {
        func list(_ names: [String]) -> String { names.isEmpty ? "None" : names.joined(separator: "; ") }
        return ComparisonTable(
            name: "coterminosity", caption: "Coterminosity: each partnership’s boundary against the police force’s and the partners’ areas",
            headers: ["Option", "Partnership", "Police force areas", "Same area as", "Whole area inside", "Lies within", "Boundary cuts"],
            rows: c.figures.flatMap { f in
                f.partnerships.map { p in
                    let t = p.coterminosity
                    return [f.name, p.name, t.forces.joined(separator: "; "), list(t.matching), list(t.inside), list(t.around), list(t.cut)]
                }
            })
    }

    static func funding(_ c: RestructuringService.Comparison) -> ComparisonTable {
        ComparisonTable(
            name: "funding", caption: "Funding under the review’s formula",
            headers: ["Option", "Partnership", "Allocation", "Today’s partnerships, same districts", "Change"],
            rows: c.figures.flatMap { f in
                f.partnerships.map { p in
                    let change = p.funding.flatMap { a in p.fundingToday.map { a - $0 } }
                    return [
                        f.name, p.name, p.funding?.description ?? (f.fundingProblem ?? ""), p.fundingToday?.description ?? "Not comparable",
                        change.map { $0.pence == 0 ? "No change" : $0.pence > 0 ? "+\($0)" : "−\(Money(pence: -$0.pence))" } ?? "",
                    ]
                }
            })
    }

    static func themes(_ c: RestructuringService.Comparison) -> ComparisonTable {
        let structures = [("Today", c.today)] + c.options.map { ($0.name, $0.structure) }
        return ComparisonTable(
            name: "themes", caption: "Themes: which level decides and which advises", headers: ["Option", "Theme", "Decided by", "Advised by"],
            rows: structures.flatMap { name, s in s.themes.map { [name, $0.name, $0.decides.label, $0.advises.label] } },
            empty: "No option sets out themes yet.")
    }

    static func positions(_ positions: [StakeholderPosition], _ options: [ArrangementOption]) -> ComparisonTable {
        let names = Dictionary(options.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return ComparisonTable(
            name: "positions", caption: "Stakeholders’ positions", headers: ["Stakeholder", "Favours", "Position", "Source", "Stated on"],
            rows: positions.map { [$0.stakeholder, $0.optionID.flatMap { names[$0] } ?? "No option", $0.position, $0.source, $0.statedOn.long] },
            empty: "No position recorded yet.")
    }
}
