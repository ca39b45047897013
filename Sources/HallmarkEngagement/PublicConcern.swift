import Foundation
import HallmarkAnalytics
import HallmarkDomain

/// How a closed consultation's answers become the "public concern" score of the strategic
/// assessment's priority matrix: the share of those who answered a choice question who chose
/// the answer standing for a theme, scored 1 to 5 by fixed bands. The score enters the working
/// settings as an adjustment whose reason names the consultation, the question, the count and
/// the interval, so the assessment shows where it came from and its version keeps it.
package enum PublicConcern {
    /// The least share that earns each score, highest first.
    package static let bands: [(atLeast: Double, score: Int)] = [(0.40, 5), (0.30, 4), (0.20, 3), (0.10, 2), (0, 1)]

    package static func score(_ result: ChoiceResult) -> Int? {
        guard result.answered > 0 else { return nil }
        let share = Double(result.count) / Double(result.answered)
        return bands.first { share >= $0.atLeast }?.score
    }

    /// The adjustment one answer gives its theme, with the source written out.
    package static func adjustment(
        theme: String, _ result: ChoiceResult, question: ConsultationQuestion, of c: Consultation, by author: String, on day: CalendarDate
    ) -> Adjustment? {
        guard let score = score(result), let percent = result.percent, let interval = result.interval else { return nil }
        let reason = String(
            format: "Consultation “%@” (closed %@), “%@”: %d of %d who answered (%.1f%%, 95%% interval %.1f%% to %.1f%%) chose “%@”; %.0f%% or more scores %d",
            c.title, c.closesOn.long, question.text, result.count, result.answered, percent, interval.low, interval.high, result.choice,
            bands.first { $0.score == score }!.atLeast * 100, score)
        return Adjustment(theme: theme, field: .publicConcern, value: "\(score)", reason: reason, by: author, on: day.iso)
    }
}
