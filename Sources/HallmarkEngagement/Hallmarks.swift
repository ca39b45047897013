import HallmarkDomain

/// The six Hallmarks of Effective Practice (Home Office, "Delivering Safer Communities", 2007),
/// each in two sections of statements a member rates. A table of data: the questionnaire, its
/// results and its exports are all read from it.
package enum Hallmarks {
    package struct Section: Sendable, Equatable {
        package let code: String
        package let hallmark: String
        package let name: String
        /// Each statement with its code, such as "1.1.a".
        package let statements: [(code: String, text: String)]

        package static func == (a: Section, b: Section) -> Bool { a.code == b.code }
    }

    package static let sections: [Section] = [
        Section(
            code: "1.1", hallmark: "Empowered and effective leadership", name: "Lead & Guide",
            statements: [
                ("1.1.a", "The partnership has a shared vision that its members can state"),
                ("1.1.b", "Senior leaders of every responsible authority attend and take decisions"),
            ]),
        Section(
            code: "1.2", hallmark: "Empowered and effective leadership", name: "Hold to account",
            statements: [
                ("1.2.a", "Members challenge one another constructively when delivery falls short"),
                ("1.2.b", "Decisions are recorded, owned and followed up at the next meeting"),
            ]),
        Section(
            code: "2.1", hallmark: "Intelligence-led business processes", name: "Know the problems",
            statements: [
                ("2.1.a", "The strategic assessment gives a clear picture of crime and disorder in the area"),
                ("2.1.b", "Partners share the information the assessment needs, on time"),
            ]),
        Section(
            code: "2.2", hallmark: "Intelligence-led business processes", name: "Plan from the evidence",
            statements: [
                ("2.2.a", "Our priorities follow from the evidence rather than from habit"),
                ("2.2.b", "Each priority has detailed strategies and the resources to deliver them"),
            ]),
        Section(
            code: "3.1", hallmark: "Effective and responsive delivery structures", name: "Structures that deliver",
            statements: [
                ("3.1.a", "Our groups and sub-groups each have a clear purpose and no overlap"),
                ("3.1.b", "Meetings are the right length, with the right people, at the right level"),
            ]),
        Section(
            code: "3.2", hallmark: "Effective and responsive delivery structures", name: "Use of resources",
            statements: [
                ("3.2.a", "Partners pool or align resources where it gives better results"),
                ("3.2.b", "We stop work that the evidence shows is not working"),
            ]),
        Section(
            code: "4.1", hallmark: "Community engagement", name: "Listen to communities",
            statements: [
                ("4.1.a", "We know what residents think about crime and disorder where they live"),
                ("4.1.b", "Residents’ views change what we do, and we tell them so"),
            ]),
        Section(
            code: "4.2", hallmark: "Community engagement", name: "Involve communities",
            statements: [
                ("4.2.a", "Residents and community groups help to solve local problems"),
                ("4.2.b", "Our engagement reaches groups that are seldom heard"),
            ]),
        Section(
            code: "5.1", hallmark: "Visible and constructive accountability", name: "Report to the public",
            statements: [
                ("5.1.a", "The public can find out what the partnership does and what it achieves"),
                ("5.1.b", "We publish our plan and progress in plain language"),
            ]),
        Section(
            code: "5.2", hallmark: "Visible and constructive accountability", name: "Answer for performance",
            statements: [
                ("5.2.a", "Scrutiny by councillors and the Police and Crime Commissioner is welcomed and acted on"),
                ("5.2.b", "We explain when performance falls short and what we will do about it"),
            ]),
        Section(
            code: "6.1", hallmark: "Appropriate skills and knowledge", name: "Skills",
            statements: [
                ("6.1.a", "Members have the skills and knowledge their role on the partnership needs"),
                ("6.1.b", "New members are inducted into the partnership’s work"),
            ]),
        Section(
            code: "6.2", hallmark: "Appropriate skills and knowledge", name: "Learning",
            statements: [
                ("6.2.a", "We learn from what works elsewhere and from our own reviews"),
                ("6.2.b", "Staff across partners train together where it helps"),
            ]),
    ]

    package static let statementCodes = Set(sections.flatMap { $0.statements.map(\.code) })

    package static func section(of statement: String) -> Section? { sections.first { $0.statements.contains { $0.code == statement } } }

    /// The scale: 1 strongly disagree to 5 strongly agree; "don't know" is not counted.
    package static let scale: [(value: Int, label: String)] = [
        (1, "Strongly disagree"), (2, "Disagree"), (3, "Neither agree nor disagree"), (4, "Agree"), (5, "Strongly agree"),
    ]

    /// Fewer answers than this and an anonymous round's results are not shown: in a small board
    /// two or three ratings could be traced to who gave them.
    package static let fewestToShow = 3

    /// The section a statement belongs to: "1.1.a" is in "1.1"; nil for a code of none.
    package static func section(of statement: String) -> String? { sectionOfStatement[statement] }

    private static let sectionOfStatement = Dictionary(
        uniqueKeysWithValues: sections.flatMap { section in section.statements.map { ($0.code, section.code) } })
}

/// What a section's ratings say: how many, the middle and the spread.
package struct SectionResult: Sendable, Equatable {
    package let section: String
    package let count: Int
    package let median: Double?
    /// The middle of the lower half and of the upper half (Tukey's hinges): half the ratings lie between.
    package let lowerQuartile: Double?
    package let upperQuartile: Double?
    package let lowest: Int?
    package let highest: Int?
    /// The share of ratings that agree (4 or 5), as a percentage.
    package let agreeing: Double?
    /// Rated by too few members of an anonymous round to show: no figures at all.
    package private(set) var withheld = false

    package static func withheld(_ section: String) -> SectionResult {
        var result = SectionResult(section: section, ratings: [])
        result.withheld = true
        return result
    }

    package init(section: String, ratings: [Int]) {
        let sorted = ratings.sorted()
        self.section = section
        self.count = sorted.count
        self.median = Self.median(sorted[...])
        // The halves leave out the middle rating when there is an odd number.
        let half = sorted.count / 2
        self.lowerQuartile = sorted.count < 2 ? median : Self.median(sorted[..<half])
        self.upperQuartile = sorted.count < 2 ? median : Self.median(sorted[(sorted.count - half)...])
        self.lowest = sorted.first
        self.highest = sorted.last
        self.agreeing = sorted.isEmpty ? nil : Double(sorted.filter { $0 >= 4 }.count) * 100 / Double(sorted.count)
    }

    static func median(_ s: ArraySlice<Int>) -> Double? {
        guard !s.isEmpty else { return nil }
        let mid = s.startIndex + s.count / 2
        return s.count % 2 == 1 ? Double(s[mid]) : Double(s[mid - 1] + s[mid]) / 2
    }
}
