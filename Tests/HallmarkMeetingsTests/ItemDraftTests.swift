import HallmarkDomain
import Testing

@testable import HallmarkMeetings

/// An agenda item's form: each error names the field as its label does, so that the officer
/// finds it.
@Suite struct ItemDraftTests {
    @Test("the time an item is allowed is refused in the words of its label, with the range")
    func minutesAllowed() {
        for wrong in ["0", "481", "abc", "99999"] {
            #expect(throws: ValidationFailure.self) { try ItemDraft.validate(["title": "Plan", "purpose": "information", "duration_minutes": wrong]) }
            do {
                _ = try ItemDraft.validate(["title": "Plan", "purpose": "information", "duration_minutes": wrong])
            } catch {
                #expect(error.message(for: "duration_minutes") == "Minutes allowed must be a whole number from 1 to 480")
            }
        }
        #expect((try? ItemDraft.validate(["title": "Plan", "purpose": "information", "duration_minutes": "15"]))?.durationMinutes == 15)
    }
}
