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

    @Test("a series with no name and no count is told both at once, not the count after the name is put right")
    func seriesProblemsAtOnce() throws {
        let form = ["title": "", "date": "2027-01-14", "start_time": "14:00", "end_time": "16:00", "venue": "Town Hall", "repeat": "quarterly", "count": "0"]
        do {
            _ = try MeetingDraft.schedule(form)
            Issue.record("accepted a series with no name and no meetings")
        } catch {
            #expect(error.message(for: "title") != nil)
            #expect(error.message(for: "count") == "Number of meetings in the series must be a whole number from 1 to \(MeetingSeries.most)")
        }
        var good = form
        (good["title"], good["count"]) = ("Partnership Board", "3")
        #expect(try MeetingDraft.schedule(good).dates.map(\.iso) == ["2027-01-14", "2027-04-14", "2027-07-14"])
        good["repeat"] = ""
        #expect(try MeetingDraft.schedule(good).dates.map(\.iso) == ["2027-01-14"])
    }
}
