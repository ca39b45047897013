import HallmarkDomain
import Testing

@testable import HallmarkEngagement

/// The self-assessment's arithmetic, worked by hand.
struct SelfAssessmentArithmeticTests {
    /// Odd: 2 3 3 4 5. Median 3; the halves leave out the middle: 2 3 → 2.5 and 4 5 → 4.5;
    /// two of five agree (4 or 5): 40%.
    @Test func oddCount() {
        let r = SectionResult(section: "1.1", ratings: [4, 2, 5, 3, 3])
        #expect(r.count == 5 && r.median == 3 && r.lowerQuartile == 2.5 && r.upperQuartile == 4.5)
        #expect(r.lowest == 2 && r.highest == 5 && r.agreeing == 40)
    }

    /// Even: 1 2 4 5. Median (2 + 4) ÷ 2 = 3; halves 1 2 → 1.5 and 4 5 → 4.5; half agree.
    @Test func evenCount() {
        let r = SectionResult(section: "1.1", ratings: [5, 1, 4, 2])
        #expect(r.median == 3 && r.lowerQuartile == 1.5 && r.upperQuartile == 4.5 && r.agreeing == 50)
        let one = SectionResult(section: "1.1", ratings: [4])
        #expect(one.median == 4 && one.lowerQuartile == 4 && one.upperQuartile == 4)
        let none = SectionResult(section: "1.1", ratings: [])
        #expect(none.count == 0 && none.median == nil && none.agreeing == nil)
    }

    @Test func sectionsGatherTheirStatementsAndCompareWithTheRoundBefore() {
        // 1.1's statements rated 4 and 5 (median 4.5) now, 2 and 3 (median 2.5) before: up 2.
        let now = SelfAssessmentResults.summarise([("1.1.a", 4), ("1.1.b", 5), ("2.1.a", 1)])
        let before = SelfAssessmentResults.summarise([("1.1.a", 2), ("1.1.b", 3)])
        let results = SelfAssessmentResults(responses: 2, sections: now, previous: before, comments: [])
        #expect(now.count == Hallmarks.sections.count && now[0].median == 4.5 && now[0].count == 2)
        #expect(results.change(in: "1.1") == 2 && results.change(in: "2.1") == nil)
    }

    @Test func answersAreChecked() throws {
        let answer = try SelfAssessmentAnswer.validate(["rating-1.1.a": "4", "rating-1.1.b": "unknown", "comment": "Good chairing"])
        #expect(answer.ratings == ["1.1.a": 4] && answer.comment == "Good chairing")
        for bad in ["0", "6", "x", "4.5"] {
            #expect(throws: ValidationFailure.self) { try SelfAssessmentAnswer.validate(["rating-2.2.a": bad]) }
        }
        #expect(throws: ValidationFailure.self) { try SelfAssessmentAnswer.validate([:]) }
        #expect(throws: ValidationFailure.self) { try SelfAssessmentAnswer.validate(["comment": "<script>"]) }
    }
}
