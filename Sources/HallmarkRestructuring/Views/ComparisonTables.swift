import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// The tables of a review's comparison, shared by its page, its appraisal paper and their CSV
/// downloads, so that all three always say the same: each cell shown as a reader reads it, and
/// written to CSV as a spreadsheet takes it (713085, not 713,085; 279985.00, not £279,985).
package struct ComparisonTable {
    package enum Cell: Equatable {
        case words(String)
        case number(Double)
        case money(Money)
        /// The difference from today: +£5.00, −£5.00, or "No change".
        case change(Money)
        /// A difference of a count or hours from today: +12, −160, or "No change".
        case difference(Double)
        case date(CalendarDate)
        /// Words where a figure would be ("Not comparable"), left empty in CSV so that a
        /// spreadsheet still reads the column as numbers.
        case noFigure(String)

        package var shown: String {
            switch self {
            case .words(let t), .noFigure(let t): t
            case .number(let n): ComparisonTables.plain(n)
            // Always with pence, so that a column of amounts lines up.
            case .money(let m): m.exact
            case .change(let m): Format.change(m)
            case .difference(let n): Format.change(n, written: ComparisonTables.plain)
            case .date(let d): d.long
            }
        }

        var isFigure: Bool {
            switch self {
            case .number, .money, .change, .difference: true
            case .words, .date, .noFigure: false
            }
        }

        var isNoFigure: Bool { if case .noFigure = self { true } else { false } }

        var written: String {
            switch self {
            case .words(let t): t
            case .noFigure: ""
            case .number(let n), .difference(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(format: "%.1f", n)
            case .money(let m), .change(let m): m.plain
            case .date(let d): d.iso
            }
        }
    }

    /// Its name in the CSV's address.
    package let name: String
    package let caption: String
    package let headers: [String]
    package let rows: [[Cell]]
    package var empty: String = "None recorded."
    /// Said once under the table, rather than in every cell it explains.
    package var notes: [String] = []

    /// Columns whose every cell is a figure or stands for one, with a figure among them: set as
    /// figures, whatever words say that one is missing.
    var figures: Set<Int> {
        Set(
            headers.indices.filter { column in
                let cells = rows.compactMap { column < $0.count ? $0[column] : nil }
                return cells.contains(where: \.isFigure) && cells.allSatisfy { $0.isFigure || $0.isNoFigure }
            })
    }

    package func node(csv: String?) -> Node<HTML.BodyContext> {
        var table = DataTable(caption: caption, headers: headers, rows: rows.map { $0.map { .plainText($0.shown) } }, csvHref: csv, empty: empty)
        table.figures = figures
        return .group(
            table.node,
            .forEach(notes) { .p(.class("hint"), .plainText($0)) })
    }

    package var csv: CSVDocument { CSVDocument(headers: headers, rows: rows.map { $0.map(\.written) }) }
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

    static func names(_ c: RestructuringService.Comparison) -> [String] { c.figures.map(\.name) }

    static func summary(_ c: RestructuringService.Comparison) -> ComparisonTable {
        let staffed = c.figures.map { $0.burden.hoursByOrganisation.values.reduce(0, +) }
        func row(_ measure: String, _ value: (OptionFigures) -> ComparisonTable.Cell) -> [ComparisonTable.Cell] { [.words(measure)] + c.figures.map(value) }
        func list(_ names: [String]) -> ComparisonTable.Cell { .words(names.isEmpty ? "None" : names.joined(separator: "; ")) }
        func allocation(_ f: OptionFigures, _ pick: ([Money]) -> Money?) -> ComparisonTable.Cell {
            f.fundingProblem != nil ? .noFigure("Not worked out") : pick(f.partnerships.compactMap(\.funding)).map { .money($0) } ?? .noFigure("")
        }
        // One note for each reason, naming the options it stops, not the reason in every cell.
        let problems = Dictionary(grouping: c.figures.filter { $0.fundingProblem != nil }, by: { $0.fundingProblem! })
        let notes = problems.keys.sorted().map { reason in
            "The formula could not share the pot for \(Wording.list(problems[reason]!.map(\.name))): \(reason.prefix(1).lowercased() + reason.dropFirst())."
        }
        let rows: [[ComparisonTable.Cell]] = [
            row("Community Safety Partnerships") { .number(Double($0.partnerships.filter { !$0.districts.isEmpty }.count)) },
            row("Proposed partnerships covering no district") { list($0.partnerships.filter(\.districts.isEmpty).map(\.name)) },
            row("Boards and groups") { .number(Double($0.burden.boards)) },
            row("Meetings a year") { .number(Double($0.burden.meetingsPerYear)) },
            row("Hours of meetings a year") { .number($0.burden.meetingHours) },
            [.words("Hours partners staff a year (each seat’s hours)")] + staffed.map { .number($0) },
            [.words("Change in partners’ hours from today")] + staffed.map { .difference($0 - staffed[0]) },
            row("Partnerships crossing a police force boundary") { list($0.crossesForces) },
            row("Authorities whose area a boundary cuts") { list(Set($0.partnerships.flatMap(\.coterminosity.cut)).sorted()) },
            row("Smallest allocation") { allocation($0) { $0.min() } },
            row("Largest allocation") { allocation($0) { $0.max() } },
            row("Districts no partnership covers") { list($0.uncovered.map(\.name)) },
            row("Districts in two partnerships") { list($0.doubled.map(\.name)) },
        ]
        return ComparisonTable(name: "options", caption: "The options side by side", headers: ["Measure"] + names(c), rows: rows, notes: notes)
    }

    static func hours(_ c: RestructuringService.Comparison) -> ComparisonTable {
        let ids = Set(c.figures.flatMap(\.burden.hoursByOrganisation.keys)).union(c.attended.keys)
        let organisations = c.organisations.filter { ids.contains($0.id) }
        return ComparisonTable(
            name: "hours", caption: "Hours a year each organisation must staff",
            headers: ["Organisation", "Type"] + names(c) + ["Given in the last 12 months"],
            rows: organisations.map { o in
                [.words(o.name), .words(o.type.label)] + c.figures.map { .number($0.burden.hoursByOrganisation[o.id] ?? 0) } + [.number(c.attended[o.id] ?? 0)]
            })
    }

    static func types(_ c: RestructuringService.Comparison) -> ComparisonTable {
        let byType = c.figures.map { Dictionary($0.burden.hoursByType(c.organisations).map { ($0.type, $0.hours) }, uniquingKeysWith: +) }
        let present = OrganisationType.allCases.filter { t in byType.contains { $0[t] != nil } }
        return ComparisonTable(
            name: "types", caption: "Hours a year by type of organisation", headers: ["Type of organisation"] + names(c),
            rows: present.map { t in [.words(t.label)] + byType.map { .number($0[t] ?? 0) } })
    }

    static func need(_ c: RestructuringService.Comparison) -> ComparisonTable {
        ComparisonTable(
            name: "partnerships", caption: "Each option’s partnerships: population, crime and harm" + (c.facts.period.map { ", \($0)" } ?? ""),
            headers: ["Option", "Partnership", "Districts", "Boards and groups", "Residents", "Crimes", "Crimes per 1,000", "Harm per 1,000"],
            rows: c.figures.flatMap { f in
                f.partnerships.map { p in
                    [
                        .words(f.name), .words(p.name), .words(p.districts.map(\.name).joined(separator: "; ")), .number(Double(p.boards)), .number(Double(p.residents)),
                        .number(Double(p.crimes)), p.crimesPerThousand.map { .number($0) } ?? .noFigure(""), p.harmPerThousand.map { .number($0) } ?? .noFigure(""),
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
                    return [f.name, p.name, t.forces.joined(separator: "; "), list(t.matching), list(t.inside), list(t.around), list(t.cut)].map { .words($0) }
                }
            })
    }

    static func funding(_ c: RestructuringService.Comparison) -> ComparisonTable {
        let compared = c.figures.contains { f in f.partnerships.contains { $0.funding != nil && $0.fundingToday != nil } }
        return ComparisonTable(
            name: "funding", caption: "Funding under the review’s formula",
            headers: ["Option", "Partnership", "Allocation", "Today’s partnerships, same districts", "Change"],
            rows: c.figures.flatMap { f in
                f.partnerships.map { p in
                    let change = p.funding.flatMap { a in p.fundingToday.map { a - $0 } }
                    let allocation: ComparisonTable.Cell =
                        p.funding.map { .money($0) } ?? .noFigure(p.districts.isEmpty ? "None: it covers no district" : "None: the formula could not be applied")
                    return [
                        .words(f.name), .words(p.name), allocation, p.fundingToday.map { .money($0) } ?? .noFigure("Not comparable"),
                        change.map { .change($0) } ?? .noFigure(""),
                    ]
                }
            },
            // Said only where a change is shown.
            notes: compared ? ["Each partnership’s allocation is rounded to the penny, so a change of a penny or two can come from the rounding alone."] : [])
    }

    static func themes(_ c: RestructuringService.Comparison) -> ComparisonTable {
        let structures = [("Today", c.today)] + c.options.map { ($0.name, $0.structure) }
        return ComparisonTable(
            name: "themes", caption: "Themes: which level decides and which advises", headers: ["Option", "Theme", "Decided by", "Advised by"],
            rows: structures.flatMap { name, s in s.themes.map { [name, $0.name, $0.decides.label, $0.advises.label].map { .words($0) } } },
            empty: "No option sets out themes yet.")
    }

    static func positions(_ positions: [StakeholderPosition], _ options: [ArrangementOption]) -> ComparisonTable {
        let names = Dictionary(options.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return ComparisonTable(
            name: "positions", caption: "Stakeholders’ positions", headers: ["Stakeholder", "Favours", "Position", "Source", "Stated on"],
            rows: positions.map {
                [.words($0.stakeholder), .words($0.optionID.flatMap { names[$0] } ?? "No option"), .words($0.position), .words($0.source), .date($0.statedOn)]
            },
            empty: "No position recorded yet.")
    }
}
