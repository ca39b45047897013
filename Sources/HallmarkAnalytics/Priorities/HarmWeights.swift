import Foundation
import HallmarkDomain

/// How much harm one crime of each police.uk category stands for, so that a few serious crimes
/// are not outweighed by many minor ones. Each table is a data file that states where its
/// numbers come from and how they were mapped onto police.uk's categories; an analyst may edit
/// the weights, and the table used is stored with every assessment.
public struct HarmWeights: Sendable, Codable, Equatable {
    public enum Scheme: String, Sendable, Codable, CaseIterable {
        case css, cchi, equal
    }

    public var scheme: Scheme
    public var title: String
    public var source: String
    public var mapping: String
    /// Weight per police.uk category, keyed by the category's name.
    public var weights: [String: Double]
    /// What each category mostly holds, the basis of its weight.
    public var basis: [String: String]
    /// Who changed the shipped weights, if anyone.
    public var editedBy: String?

    public func weight(_ type: CrimeType) -> Double { weights[type.rawValue] ?? 1 }

    /// Who edited it, by name: settings saved before names alone were kept hold "Name <address>",
    /// and an assessment that may be published must not print an address.
    public var editor: String? { editedBy.map(Wording.person) }

    /// The table as pages name it: its title, and who edited it if anyone did.
    public var label: String { title + (editor.map { ", edited by \($0)" } ?? "") }

    /// The default: the sentencing-based (Crime Severity Score–style) table.
    public static var standard: HarmWeights { shipped(.css) }

    public static func shipped(_ scheme: Scheme) -> HarmWeights { tables[scheme]! }

    private static let tables: [Scheme: HarmWeights] = Dictionary(
        uniqueKeysWithValues: Scheme.allCases.map { scheme in
            let url = Bundle.module.url(forResource: "harm-weights-\(scheme.rawValue)", withExtension: "csv", subdirectory: "Resources")!
            // The shipped files are part of the program: a broken one is a bug found by the tests.
            return (scheme, try! parse(String(contentsOf: url, encoding: .utf8), scheme: scheme))
        })

    /// Reads a weights file: `# title:`, `# source:` and `# mapping:` lines, then
    /// `crime_type,weight,mostly` with one row for every police.uk category.
    public static func parse(_ text: String, scheme: Scheme) throws -> HarmWeights {
        var notes: [String: String] = [:]
        var weights: [String: Double] = [:], basis: [String: String] = [:]
        var sawHeader = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            if line.hasPrefix("# ") {
                let parts = line.dropFirst(2).split(separator: ":", maxSplits: 1)
                if parts.count == 2 { notes[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
                continue
            }
            let fields = CSVRecord.fields(line)
            if !sawHeader { sawHeader = true; continue }
            guard fields.count >= 2, let type = CrimeType(rawValue: fields[0]) else {
                throw WeightsError.badRow(line: number + 1, "not a police.uk crime type: \(fields.first ?? "")")
            }
            guard let weight = Double(fields[1]), weight.isFinite, weight >= 0 else {
                throw WeightsError.badRow(line: number + 1, "the weight must be a number of 0 or more")
            }
            weights[type.rawValue] = weight
            basis[type.rawValue] = fields.count > 2 ? fields[2] : ""
        }
        let missing = CrimeType.allCases.filter { weights[$0.rawValue] == nil }
        guard missing.isEmpty else { throw WeightsError.missing(missing.map(\.rawValue)) }
        guard let title = notes["title"], let source = notes["source"], let mapping = notes["mapping"] else {
            throw WeightsError.missing(["title, source and mapping notes"])
        }
        return HarmWeights(scheme: scheme, title: title, source: source, mapping: mapping, weights: weights, basis: basis)
    }

    public enum WeightsError: Error, CustomStringConvertible {
        case badRow(line: Int, String)
        case missing([String])

        public var description: String {
            switch self {
            case let .badRow(line, why): "Line \(line) of the weights: \(why)"
            case let .missing(names): "The weights leave out: \(names.joined(separator: ", "))"
            }
        }
    }
}
