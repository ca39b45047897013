import HallmarkDomain
import HallmarkMeetings
import HallmarkRegister

/// The forms of reviews and mergers, read and checked field by field.
package enum RestructuringForms {
    /// A box ticked, as browsers send it ("yes", the forms' value) or as scripts do ("on", "true", "1").
    package static func ticked(_ raw: String?) -> Bool { ["yes", "on", "true", "1"].contains(raw?.lowercased() ?? "") }

    package static func review(_ input: [String: String]) throws(ValidationFailure) -> String {
        var v = Validator(input)
        let title = v.text("title", label: "title of the review", maxLength: 120)
        try v.check()
        return title!
    }

    package static func formula(_ input: [String: String]) throws(ValidationFailure) -> ReviewFormula {
        var v = Validator(input)
        let pot = v.money("pot", label: "pot", required: true, most: .pounds(1_000_000_000))
        let floor = v.money("floor", label: "floor", required: false, most: .pounds(1_000_000_000)) ?? .zero
        let population = v.number("weight_population", label: "weight of population", in: 0...100)
        let crime = v.number("weight_crime", label: "weight of recorded crime", in: 0...100)
        let harm = v.number("weight_harm", label: "weight of harm-weighted crime", in: 0...100)
        if let population, let crime, let harm, population + crime + harm == 0 { v.fail("weight_population", "Give at least one of the weights a value above 0") }
        if let pot, floor > pot { v.fail("floor", "The floor for each partnership must be no more than the pot, \(pot)") }
        try v.check()
        return ReviewFormula(pot: pot!, floor: floor, populationWeight: population!, crimeWeight: crime!, harmWeight: harm!)
    }

    /// Where a new option starts from.
    package enum Start: String, CaseIterable, Sendable {
        case today, one, empty

        package var label: String {
            switch self {
            case .today: "Today’s structure, to edit"
            case .one: "One partnership for the whole area, keeping today’s county-level boards and sub-groups"
            case .empty: "Nothing: build it from scratch"
            }
        }
    }

    package static func option(_ input: [String: String]) throws(ValidationFailure) -> (name: String, summary: String, start: Start) {
        var v = Validator(input)
        let name = v.text("name", label: "name of the option", maxLength: 80)
        let summary = v.text("summary", label: "summary", required: false, maxLength: 1000) ?? ""
        let start = v.choice("start", label: "starting point", as: Start.self)
        try v.check()
        return (name!, summary, start!)
    }

    package static func words(_ input: [String: String]) throws(ValidationFailure) -> (name: String, summary: String, strengths: String, weaknesses: String, risks: String) {
        var v = Validator(input)
        let name = v.text("name", label: "name of the option", maxLength: 80)
        let texts = ["summary", "strengths", "weaknesses", "risks"].map { v.text($0, label: $0, required: false, maxLength: 4000) ?? "" }
        try v.check()
        return (name!, texts[0], texts[1], texts[2], texts[3])
    }

    /// The districts ticked (`district-E07000130`), in the area's order; refused if none.
    static func districts(_ input: [String: String], of area: [District], _ v: inout Validator) -> [District] {
        let chosen = area.filter { ticked(input["district-\($0.code.value)"]) }
        if chosen.isEmpty { v.fail("districts", "Tick at least one district") }
        return chosen
    }

    package enum PartnershipEdit: Equatable {
        case add(name: String, districts: [District])
        case change(Int, name: String, districts: [District])
        case remove(Int)
    }

    package static func partnership(_ input: [String: String], area: [District]) throws(ValidationFailure) -> PartnershipEdit {
        var v = Validator(input)
        if input["action"] == "remove" {
            let index = v.whole("index", label: "partnership", in: 0...200)
            try v.check()
            return .remove(index!)
        }
        let index = (input["index"] ?? "").isEmpty ? nil : v.whole("index", label: "partnership", in: 0...200)
        let name = v.text("partnership_name", label: "name of the partnership", maxLength: 120)
        let districts = districts(input, of: area, &v)
        try v.check()
        return index.map { .change($0, name: name!, districts: districts) } ?? .add(name: name!, districts: districts)
    }

    package enum BoardEdit: Equatable {
        case put(ProposedBoard, at: BoardPlace, replacing: Int?)
        case remove(at: BoardPlace, Int)
    }

    /// The most seats one organisation has on one board; a board of more than this is a conference.
    static let mostSeats = 20

    package static func board(_ input: [String: String], organisations: [Organisation]) throws(ValidationFailure) -> BoardEdit {
        var v = Validator(input)
        let place = BoardPlace(input["place"] ?? "")
        if place == nil { v.fail("place", "Choose where the board sits: at county level or in one of the partnerships") }
        let index = (input["board"] ?? "").isEmpty ? nil : v.whole("board", label: "board", in: 0...200)
        if input["action"] == "remove" {
            if index == nil { v.fail("board", "Choose the board to remove") }
            try v.check()
            return .remove(at: place!, index!)
        }
        let name = v.text("board_name", label: "name of the board", maxLength: 120)
        let frequency = v.choice("frequency", label: "frequency of its meetings", as: Frequency.self)
        let hours = v.number("hours", label: "length of a meeting in hours", in: 0.25...8)
        var seats: [ProposedBoard.Seats] = []
        for o in organisations {
            let field = "seats-\(o.id.rawValue)"
            guard let raw = input[field], !raw.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            if let n = v.whole(field, label: "seats for \(o.name)", in: 0...mostSeats), n > 0 { seats.append(.init(organisationID: o.id, count: n)) }
        }
        try v.check()
        return .put(ProposedBoard(name: name!, frequency: frequency!, hours: hours!, seats: seats), at: place!, replacing: index)
    }

    package enum ThemeEdit: Equatable {
        case add(Theme)
        case remove(Int)
    }

    package static func theme(_ input: [String: String]) throws(ValidationFailure) -> ThemeEdit {
        var v = Validator(input)
        if input["action"] == "remove" {
            let index = v.whole("index", label: "theme", in: 0...200)
            try v.check()
            return .remove(index!)
        }
        let name = v.text("theme", label: "theme", maxLength: 80)
        let decides = v.choice("decides", label: "level that decides", as: Level.self)
        let advises = v.choice("advises", label: "level that advises", as: Level.self)
        if decides == Level.none { v.fail("decides", "Someone must decide the theme: choose a level") }
        try v.check()
        return .add(Theme(name: name!, decides: decides!, advises: advises!))
    }

    package static func position(
        _ input: [String: String], options: [ArrangementOption], today: CalendarDate
    ) throws(ValidationFailure) -> (stakeholder: String, optionID: RecordID<ArrangementOption>?, position: String, source: String, statedOn: CalendarDate) {
        var v = Validator(input)
        let stakeholder = v.text("stakeholder", label: "stakeholder", maxLength: 120)
        let option: RecordID<ArrangementOption>? = v.id("favours", label: "option favoured", required: false)
        if let option, !options.contains(where: { $0.id == option }) { v.fail("favours", "Choose one of this review’s options, or none") }
        let position = v.text("position", label: "position", maxLength: 2000)
        let source = v.text("source", label: "source (a letter, a meeting, a response)", maxLength: 200)
        let stated = v.date("stated_on", label: "date it was stated")
        if let stated, stated > today { v.fail("stated_on", "The date it was stated must be today or earlier") }
        try v.check()
        return (stakeholder!, option, position!, source!, stated!)
    }

    package static func recommendation(
        _ input: [String: String], options: [ArrangementOption]
    ) throws(ValidationFailure) -> (option: RecordID<ArrangementOption>, reasons: String) {
        var v = Validator(input)
        let option: RecordID<ArrangementOption>? = v.id("option", label: "recommended option")
        if let option, !options.contains(where: { $0.id == option }) { v.fail("option", "Choose one of this review’s options") }
        let reasons = v.text("recommendation", label: "reasons for the recommendation", maxLength: 4000)
        try v.check()
        return (option!, reasons!)
    }

    /// A merger proposal: the partnerships merging, what they become, and what follows them.
    package static func merger(
        _ input: [String: String], partnerships: [(partnership: Partnership, districts: [District])], today: CalendarDate
    ) throws(ValidationFailure) -> (
        sources: [Partnership], successors: [PartnershipSuccession.Successor], members: PartnershipSuccession.Members, subGroups: PartnershipSuccession.SubGroups,
        terms: TermsCarry, effectiveOn: CalendarDate
    ) {
        var v = Validator(input)
        let sources = partnerships.filter { ticked(input["source-\($0.partnership.id.rawValue)"]) }
        let area = sources.flatMap(\.districts)
        var successors: [PartnershipSuccession.Successor] = []
        var claimed: [GSSCode: String] = [:]
        for n in 1...2 {
            let suffix = n == 1 ? "" : "_2"
            let name =
                n == 1
                ? v.text("name", label: "name of the new partnership", maxLength: 120)
                : v.text("name_2", label: "name of the second new partnership", required: false, maxLength: 120)
            guard let name else { continue }
            let code = v.code("ons_code\(suffix)", label: "ONS code of \(name)", allowed: GSSCode.Entity.communitySafetyPartnership, example: "E22000999")
            // With one new partnership, it takes every district; with two, each its ticked ones.
            let districts =
                n == 1 && (input["name_2"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
                ? area : area.filter { ticked(input["district\(suffix)-\($0.code.value)"]) }
            if area.isEmpty, !sources.isEmpty {
                v.fail(
                    "sources",
                    "\(Wording.list(sources.map(\.partnership.name))) cover\(sources.count == 1 ? "s" : "") no district yet: add the districts on each partnership’s page first")
            } else if districts.isEmpty, !sources.isEmpty {
                v.fail("name\(suffix)", "Tick the districts \(name) will cover")
            }
            for d in districts {
                if let other = claimed[d.code] { v.fail("name\(suffix)", "\(d.name) is already in \(other)") }
                claimed[d.code] = name
            }
            if let code, successors.contains(where: { $0.onsCode == code }) { v.fail("ons_code\(suffix)", "Each new partnership needs its own ONS code") }
            if successors.contains(where: { $0.name.lowercased() == name.lowercased() }) { v.fail("name\(suffix)", "Give each new partnership its own name") }
            if let code { successors.append(.init(name: name, onsCode: code, districts: districts)) }
        }
        if sources.isEmpty {
            v.fail("sources", "Tick the partnerships that merge (or the one that divides)")
        } else if successors.count == 1, sources.count < 2 {
            v.fail("sources", "A merger joins two or more partnerships: tick at least two, or name a second new partnership to divide one")
        } else if successors.count > 1, let missing = area.first(where: { claimed[$0.code] == nil }) {
            v.fail("name_2", "\(missing.name) must go to one of the new partnerships")
        }
        let members = v.choice("members", label: "choice for the members", as: PartnershipSuccession.Members.self)
        let subGroups = v.choice("sub_groups", label: "choice for the sub-groups", as: PartnershipSuccession.SubGroups.self)
        let terms = v.choice("terms", label: "choice for the terms of reference", as: TermsCarry.self)
        let effective = v.date("effective_on", label: "effective date")
        if let effective, effective <= today { v.fail("effective_on", "The effective date must be after today") }
        if let effective, effective > today.adding(days: 5 * 366) { v.fail("effective_on", "The effective date must be within five years") }
        try v.check()
        return (sources.map(\.partnership), successors, members!, subGroups!, terms!, effective!)
    }

    /// Who signed, when, and the document: `by`, `on`, `document`, with a prefix where the
    /// form has two such sets of fields.
    package static func approval(_ input: [String: String], today: CalendarDate, prefix: String = "") throws(ValidationFailure) -> Approval {
        var v = Validator(input)
        let by = v.text("\(prefix)by", label: "name and post of who signed", maxLength: 200)
        let on = v.date("\(prefix)on", label: "date it was signed")
        if let on, on > today { v.fail("\(prefix)on", "The date it was signed must be today or earlier") }
        let document = v.text("\(prefix)document", label: "document (its title or reference)", maxLength: 300)
        try v.check()
        return Approval(by: by!, on: on!, document: document!)
    }
}
