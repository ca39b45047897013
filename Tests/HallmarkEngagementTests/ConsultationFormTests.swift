import HallmarkDomain
import Testing

@testable import HallmarkEngagement

/// The consultation's own forms: each problem named once, in the order of the fields, and nothing
/// left that would let a consultation open with nothing to answer.
@Suite struct ConsultationFormTests {
    let today = CalendarDate("2026-12-03")!

    func failure(_ input: [String: String], questions: Int = 0) -> ValidationFailure? {
        do {
            _ = try ConsultationForms.consultation(input, today: today, questions: questions)
            return nil
        } catch {
            return error
        }
    }

    @Test("it cannot open today with no questions; with one it can")
    func notOpenWithNothingToAsk() throws {
        let form = ["title": "School gates", "opens_on": "2026-12-03", "closes_on": "2026-12-31"]
        #expect(
            failure(form)?.message(for: "opens_on")
                == "It would open today with no questions to answer: choose a later first day, and add its questions before then")
        #expect(failure(form, questions: 1) == nil)
        #expect(failure(form.merging(["opens_on": "2026-12-04"]) { $1 }) == nil)
    }

    @Test("a last day both before the first and past is told once, the first day's problem before it")
    func eachProblemOnce() throws {
        let refused = try #require(failure(["title": "School gates", "opens_on": "2026-12-01", "closes_on": "2026-11-30"]))
        #expect(refused.errors.map(\.field) == ["opens_on", "closes_on"])
        #expect(refused.message(for: "opens_on") == "The first day has passed: choose a later day")
        #expect(refused.message(for: "closes_on") == "The last day must be on or after the first")
    }

    @Test("a consultation with no questions takes no answers")
    func noQuestionsNoAnswers() {
        do {
            let answers = try ConsultationForms.answers(["anything": "yes"], questions: [])
            Issue.record("took \(answers.count) answers to no questions")
        } catch {
            #expect(error.message(for: "form") == "This consultation has no questions to answer")
        }
    }
}
