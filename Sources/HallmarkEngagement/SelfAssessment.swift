import HallmarkDomain

/// A round of the self-assessment: open to the partnership's members until it closes (on its
/// date, or when closed early), then its results are shown.
package struct SelfAssessmentRound: Sendable, Equatable, Codable, Identifiable {
    package var id: RecordID<SelfAssessmentRound>
    package var partnershipID: RecordID<Partnership>
    package var title: String
    /// Answers carry no name; comments are shown without one, in no order that tells who wrote them.
    package var anonymous: Bool
    package var closesOn: CalendarDate
    package var closedEarly: Bool

    package func open(on today: CalendarDate) -> Bool { !closedEarly && today <= closesOn }
}

/// One member's answer to a round, as the form gives it.
package struct SelfAssessmentAnswer: Sendable, Equatable {
    /// Each statement rated, by its code; those left at "don't know" are absent.
    package var ratings: [String: Int]
    package var comment: String

    package init(ratings: [String: Int], comment: String) {
        self.ratings = ratings
        self.comment = comment
    }

    package static func validate(_ input: [String: String]) throws(ValidationFailure) -> SelfAssessmentAnswer {
        var v = Validator(input)
        var ratings: [String: Int] = [:]
        for section in Hallmarks.sections {
            for (code, text) in section.statements {
                let raw = (input["rating-\(code)"] ?? "").trimmingCharacters(in: .whitespaces)
                if raw.isEmpty || raw == "unknown" { continue }
                guard let rating = Int(raw), (1...5).contains(rating) else {
                    v.fail("rating-\(code)", "Choose how far you agree that “\(text)”, from strongly disagree to strongly agree, or don’t know")
                    continue
                }
                ratings[code] = rating
            }
        }
        let comment = v.text("comment", label: "comment", required: false, maxLength: 4000) ?? ""
        if ratings.isEmpty, comment.isEmpty, v.errors.isEmpty { v.fail("rating-1.1.a", "Rate at least one statement, or write a comment") }
        try v.check()
        return SelfAssessmentAnswer(ratings: ratings, comment: comment)
    }
}

/// A round's results: each section's ratings summarised, beside the round before, with the
/// comments.
package struct SelfAssessmentResults: Sendable, Equatable {
    package var responses: Int
    package var sections: [SectionResult]
    /// The same sections in the round before, where there was one.
    package var previous: [SectionResult]?
    /// Named rounds: each with its author; anonymous: the text alone, in alphabetical order.
    package var comments: [(by: String, text: String)]

    package init(responses: Int, sections: [SectionResult], previous: [SectionResult]?, comments: [(by: String, text: String)]) {
        self.responses = responses
        self.sections = sections
        self.previous = previous
        self.comments = comments
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.responses == b.responses && a.sections == b.sections && a.previous == b.previous && a.comments.map(\.text) == b.comments.map(\.text)
    }

    /// - Parameters:
    ///   - ratings: every rating of the round, as (statement code, rating).
    ///   - withholding: sections shown without figures, too few having rated them.
    package static func summarise(_ ratings: [(statement: String, rating: Int)], withholding: Set<String> = []) -> [SectionResult] {
        Hallmarks.sections.map { section in
            if withholding.contains(section.code) { return .withheld(section.code) }
            let codes = Set(section.statements.map(\.code))
            return SectionResult(section: section.code, ratings: ratings.filter { codes.contains($0.statement) }.map(\.rating))
        }
    }

    /// The change in a section's median since the round before.
    package func change(in section: String) -> Double? {
        guard let now = sections.first(where: { $0.section == section })?.median,
            let before = previous?.first(where: { $0.section == section })?.median
        else { return nil }
        return now - before
    }
}
