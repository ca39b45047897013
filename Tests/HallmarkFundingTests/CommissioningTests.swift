import HallmarkDomain
import Testing

@testable import HallmarkFunding

@Suite struct CommissioningTests {
    static let form = [
        "name": "IDVA service", "provider": "Haven", "starts_on": "2026-04-01", "ends_on": "2028-03-31", "value": "£180,000", "funder_1": "OPCC",
        "funder_amount_1": "£120,000", "funder_2": "County council", "funder_amount_2": "£60,000",
    ]

    @Test func theFundersMustAddUpToTheContract() throws {
        let draft = try CommissionedServiceDraft.validate(Self.form)
        #expect(draft.funders.map(\.amount).reduce(.zero, +) == draft.value && draft.renewal == .undecided)
        var short = Self.form
        short["funder_amount_2"] = "£59,999.99"
        do {
            _ = try CommissionedServiceDraft.validate(short)
            Issue.record("accepted funders a penny short")
        } catch {
            #expect(error.message(for: "funder_amount_1") == "The funders’ amounts add up to £179,999.99, £0.01 less than the contract’s value of £180,000")
        }
        var over = Self.form
        over["funder_amount_2"] = "£60,500"
        #expect(throws: ValidationFailure.self) { try CommissionedServiceDraft.validate(over) }
        var backwards = Self.form
        backwards["ends_on"] = "2026-03-31"
        #expect(throws: ValidationFailure.self) { try CommissionedServiceDraft.validate(backwards) }
        var unnamed = Self.form
        unnamed["funder_2"] = ""
        #expect(throws: ValidationFailure.self) { try CommissionedServiceDraft.validate(unnamed) }
    }

    @Test("Funders that do not add up are named alongside every other problem, not after them")
    func everyProblemAtOnce() throws {
        var form = Self.form
        form["funder_amount_2"] = "£59,999.99"
        form["ends_on"] = "2026-03-31"
        form["provider"] = ""
        do {
            _ = try CommissionedServiceDraft.validate(form)
            Issue.record("accepted a form with three problems")
        } catch {
            #expect(error.message(for: "ends_on") != nil && error.message(for: "provider") != nil)
            #expect(error.message(for: "funder_amount_1") == "The funders’ amounts add up to £179,999.99, £0.01 less than the contract’s value of £180,000")
        }
        var none = Self.form
        (none["funder_1"], none["funder_amount_1"], none["funder_2"], none["funder_amount_2"], none["name"]) = ("", "", "", "", "")
        do {
            _ = try CommissionedServiceDraft.validate(none)
            Issue.record("accepted a service with no funder")
        } catch {
            #expect(error.message(for: "name") != nil && error.message(for: "funder_1") == "Name at least one funder and what it pays")
        }
    }

    /// Reports within 30 days and contracts within 180 days of ending with no decision are due;
    /// a day further out is not.
    @Test func remindersAtTheirThresholds() throws {
        var s = try CommissionedServiceDraft.validate(Self.form)
        let today = CalendarDate("2026-11-29")!
        func reminders(report: CalendarDate?, ends: CalendarDate, renewal: CommissionedService.Renewal = .undecided) -> [String] {
            s.reportDueOn = report
            s.endsOn = ends
            s.renewal = renewal
            let service = CommissionedService(
                id: 1, partnershipID: 1, name: s.name, provider: s.provider, startsOn: s.startsOn, endsOn: s.endsOn, value: s.value, outcomes: "", reportDueOn: s.reportDueOn,
                renewal: s.renewal, funders: s.funders)
            return ServiceReminders.due([service], on: today).map(\.message)
        }
        #expect(reminders(report: today.adding(days: 30), ends: today.adding(days: 181)) == ["Report due on 29 December 2026"])
        #expect(reminders(report: today.adding(days: 31), ends: today.adding(days: 180)) == ["Contract ends on 28 May 2027: decide whether to renew"])
        #expect(reminders(report: today.adding(days: -1), ends: today.adding(days: 180), renewal: .retender) == ["Report was due on 28 November 2026"])
        #expect(reminders(report: nil, ends: today.adding(days: -1)) == ["Contract ended on 28 November 2026 with no renewal decision"])
        #expect(reminders(report: nil, ends: today.adding(days: 181)).isEmpty)
    }
}
