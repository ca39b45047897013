import Foundation
import HallmarkDomain

/// A consultation of residents: its questions, open on the public site from its first day to
/// its last, then closed (by the daily job) and its results read.
package struct Consultation: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<Consultation>
    package var partnershipID: RecordID<Partnership>
    package var title: String
    package var introduction: String
    package var opensOn: CalendarDate
    package var closesOn: CalendarDate
    /// Set by the daily job once its last day has passed.
    package var closed: Bool
    /// One answer per browser, kept by a cookie: no account and no personal data.
    package var onePerDevice: Bool
    /// Answers the spam checks dropped: a filled hidden field, or a form sent too fast for a person.
    package var droppedHoneypot: Int
    package var droppedTooFast: Int

    /// Shown on the public site and answerable.
    package func open(on today: CalendarDate) -> Bool { !closed && opensOn <= today && today <= closesOn }
    /// Shown on the public site at all: nothing before its first day.
    package func published(on today: CalendarDate) -> Bool { opensOn <= today }
    /// Still to open, and so still to be changed or withdrawn: once open, what people were
    /// asked stands, as their answers do.
    package func changeable(on today: CalendarDate) -> Bool { !published(on: today) }
}

/// The kinds of question.
package enum QuestionKind: String, Sendable, Codable, CaseIterable {
    case single, multiple, scale, text

    package var label: String {
        switch self {
        case .single: "One choice"
        case .multiple: "Any number of choices"
        case .scale: "A scale from 1 to 5"
        case .text: "Free text"
        }
    }
}

package struct ConsultationQuestion: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<ConsultationQuestion>
    package var consultationID: RecordID<Consultation>
    package var position: Int
    package var kind: QuestionKind
    package var text: String
    /// The choices of a single or multiple choice question, in order; for a scale, what its two
    /// ends mean (none: very poor and very good).
    package var options: [String]

    /// A scale of five whose ends say what they mean: "very good" is wrong for "How much does
    /// street drinking affect you?", and a resident reading it would answer the wrong way round.
    package static func scale(ends: [String]) -> [String] {
        let (low, high) = ends.count == 2 ? (ends[0], ends[1]) : ("very poor", "very good")
        return ["1 (\(low))", "2", "3", "4", "5 (\(high))"]
    }

    /// What the respondent chooses among.
    package var choices: [String] { kind == .scale ? Self.scale(ends: options) : options }
}

/// The 95% Wilson score interval of a proportion: unlike the plain ± 1.96 standard errors it
/// stays within 0 to 1 and is honest for small samples and proportions near 0 or 1.
package enum Wilson {
    package static let z = 1.959963984540054

    /// The interval for `successes` of `trials`, as proportions; nil when there are no trials.
    package static func interval(_ successes: Int, of trials: Int) -> (low: Double, high: Double)? {
        guard trials > 0, (0...trials).contains(successes) else { return nil }
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        return (max(0, centre - half), min(1, centre + half))
    }
}

/// One choice's share of a question's answers.
package struct ChoiceResult: Sendable, Equatable {
    package var choice: String
    package var count: Int
    /// Of those who answered the question (for a multiple choice, each choice of all who answered it).
    package var answered: Int
    package var percent: Double? { answered > 0 ? Double(count) * 100 / Double(answered) : nil }
    package var interval: (low: Double, high: Double)? { Wilson.interval(count, of: answered).map { ($0.low * 100, $0.high * 100) } }

    package static func == (a: Self, b: Self) -> Bool { a.choice == b.choice && a.count == b.count && a.answered == b.answered }
}

/// A question's results: each choice's count, share and interval; or, for free text, the
/// answers grouped under the themes the coordinator gave them.
package struct QuestionResult: Sendable {
    package var question: ConsultationQuestion
    package var answered: Int
    package var choices: [ChoiceResult]
    /// Free text: each answer with its theme ("" until one is given), by theme then text.
    package var texts: [(answerID: Int64, text: String, theme: String)]

    /// Counts the choices from each respondent's answer to the question: the chosen indices.
    package static func tally(_ question: ConsultationQuestion, answers: [[Int]]) -> QuestionResult {
        let answered = answers.filter { !$0.isEmpty }
        let choices = question.choices.indices.map { i in
            ChoiceResult(choice: question.choices[i], count: answered.filter { $0.contains(i) }.count, answered: answered.count)
        }
        return QuestionResult(question: question, answered: answered.count, choices: choices, texts: [])
    }
}

/// The forms that make a consultation and answer one, checked field by field.
package enum ConsultationForms {
    /// - Parameter questions: how many it has; none, and it cannot open today, with nothing to answer.
    package static func consultation(_ input: [String: String], today: CalendarDate, questions: Int = 0) throws(ValidationFailure) -> (
        title: String, introduction: String, opensOn: CalendarDate, closesOn: CalendarDate, onePerDevice: Bool
    ) {
        var v = Validator(input)
        let title = v.text("title", label: "consultation’s title", maxLength: 160)
        let introduction = v.text("introduction", label: "introduction", required: false, maxLength: 4000) ?? ""
        let opens = v.date("opens_on", label: "first day")
        let closes = v.date("closes_on", label: "last day")
        if let opens, opens < today {
            v.fail("opens_on", "The first day has passed: choose a later day")
        } else if let opens, opens == today, questions == 0 {
            v.fail("opens_on", "It would open today with no questions to answer: choose a later first day, and add its questions before then")
        }
        if let opens, let closes, closes < opens {
            v.fail("closes_on", "The last day must be on or after the first")
        } else if let closes, closes < today {
            v.fail("closes_on", "The last day has passed: choose today or a later day")
        }
        try v.check()
        return (title!, introduction, opens!, closes!, v.flag("one_per_device"))
    }

    package static func question(_ input: [String: String]) throws(ValidationFailure) -> (kind: QuestionKind, text: String, options: [String]) {
        var v = Validator(input)
        let kind = v.choice("kind", label: "kind of question", as: QuestionKind.self)
        let text = v.text("question", label: "question", maxLength: 300)
        let options = (input["options"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if kind == .single || kind == .multiple {
            if options.count < 2 { v.fail("options", "Give at least two choices, one a line") }
            if options.count > 20 { v.fail("options", "Give at most 20 choices") }
            if let long = options.first(where: { $0.count > 120 }) { v.fail("options", "“\(long.prefix(40))…” is longer than 120 characters") }
            if options.contains(where: { $0.contains("<") || $0.contains(">") }) { v.fail("options", "Choices must not contain < or >") }
            if Set(options).count != options.count { v.fail("options", "Each choice must differ from the others") }
        }
        if kind == .scale {
            if ![0, 2].contains(options.count) {
                v.fail("options", "For a scale give two lines, what 1 means and what 5 means, or none for very poor and very good")
            }
            if let long = options.first(where: { $0.count > 60 }) { v.fail("options", "“\(long.prefix(40))…” is longer than 60 characters") }
            if options.contains(where: { $0.contains("<") || $0.contains(">") }) { v.fail("options", "What the ends mean must not contain < or >") }
        }
        try v.check()
        return (kind!, text!, kind == .text ? [] : options)
    }

    /// A respondent's answers: for each question the chosen indices, or the text.
    package static func answers(_ input: [String: String], questions: [ConsultationQuestion]) throws(ValidationFailure) -> [RecordID<ConsultationQuestion>: (
        choices: [Int], text: String
    )] {
        var v = Validator(input)
        var answers: [RecordID<ConsultationQuestion>: (choices: [Int], text: String)] = [:]
        for q in questions {
            let field = "q\(q.id)"
            switch q.kind {
            case .text:
                let text = v.text(field, label: "answer to “\(q.text)”", required: false, maxLength: 4000) ?? ""
                if !text.isEmpty { answers[q.id] = ([], text) }
            case .single, .scale:
                guard let raw = input[field], !raw.isEmpty else { continue }
                guard let i = Int(raw), q.choices.indices.contains(i) else {
                    v.fail(field, "Choose one of the answers to “\(q.text)”")
                    continue
                }
                answers[q.id] = ([i], "")
            case .multiple:
                // Each box is its own field, "q12-0", "q12-1"…, so that a browser sends them without scripts.
                let chosen = q.choices.indices.filter { input["\(field)-\($0)"] == "yes" }
                if !chosen.isEmpty { answers[q.id] = (chosen, "") }
            }
        }
        if questions.isEmpty { v.fail("form", "This consultation has no questions to answer") }
        if answers.isEmpty, v.errors.isEmpty, let first = questions.first { v.fail("q\(first.id)", "Answer at least one question") }
        try v.check()
        return answers
    }
}
