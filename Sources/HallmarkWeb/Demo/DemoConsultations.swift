import HallmarkDomain
import HallmarkEngagement
import HallmarkStore

/// Three of Charnwood's consultations: one on feeling safe in the town centre, closed, with 400
/// answers (drawn by a fixed rule, so that every load gives the same results) and its written
/// answers themed; one on next year's priorities, open; and one set up to open in a fortnight, its first question written. Two events with residents and three
/// "you said, we did" answers, two of them published. Loading twice changes nothing.
enum DemoConsultations {
    static func load(_ deps: Dependencies) async throws {
        let author = ChangeAuthor.system("demo loader")
        let repo = deps.engagement.consultations
        guard let charnwood = try await deps.partnerships.all().first(where: { $0.kind == .communitySafetyPartnership && $0.name.hasPrefix("Charnwood") }),
            try await repo.consultations(of: charnwood.id).isEmpty
        else { return }
        let today = CalendarDate.today()
        let closed = try await repo.add(
            (
                title: "Feeling safe in Loughborough town centre",
                introduction: "The partnership wants to know how safe people feel in the town centre, day and night, and what would make it safer.",
                opensOn: today.adding(days: -120), closesOn: today.adding(days: -60), onePerDevice: true
            ), to: charnwood.id, by: author)
        let questions: [(kind: QuestionKind, text: String, options: [String])] = [
            (.single, "Do you feel safe in the town centre after dark?", ["Yes", "No", "Not sure"]),
            (.multiple, "Which of these worry you most there?", ["Drug dealing", "Anti-social behaviour", "Vehicle crime", "Burglary", "Violence"]),
            (.scale, "How well do the police and the council deal with the problems that matter to you?", []),
            (.text, "What one thing would make the town centre safer?", []),
        ]
        var added: [ConsultationQuestion] = []
        for q in questions { added.append(try await repo.addQuestion(q, to: closed, today: closed.opensOn.adding(days: -1), by: author)) }
        let written = [
            "More police on foot at night", "Better street lighting by the bus station", "Close the alleys behind the shops",
            "CCTV that someone actually watches", "Deal with the drug dealing near the park", "Stop the cars racing on the ring road",
        ]
        for n in 0..<400 {
            // A fixed rule in place of chance: 0 to 9 from n, the same on every load.
            let d = (n * 7 + n / 10) % 10
            var answers: [RecordID<ConsultationQuestion>: (choices: [Int], text: String)] = [
                added[0].id: ([d < 4 ? 0 : d < 8 ? 1 : 2], ""), added[2].id: ([min(4, (n * 3 + d) % 5)], ""),
            ]
            let worries = [0, 1, 2, 3, 4].filter { (n + $0 * 3 + d) % 4 == 0 || ($0 == 1 && d < 6) }
            if !worries.isEmpty { answers[added[1].id] = (worries, "") }
            if n % 3 == 0 { answers[added[3].id] = ([], written[(n / 3) % written.count]) }
            try await repo.respond(answers, to: closed, on: closed.opensOn.adding(days: n % 60))
        }
        _ = try await repo.closeEnded(today: today)
        var themes: [Int64: String] = [:]
        for t in try await repo.results(of: closed)[3].texts {
            themes[t.answerID] = t.text.contains("police") || t.text.contains("CCTV") ? "Policing and CCTV" : t.text.contains("drug") ? "Drugs" : "Streets and roads"
        }
        try await repo.setThemes(themes, of: closed, by: author)

        let open = try await repo.add(
            (
                title: "What should the partnership work on next year?", introduction: "Tell us which problems matter most where you live.",
                opensOn: today.adding(days: -10), closesOn: today.adding(days: 40), onePerDevice: true
            ), to: charnwood.id, by: author)
        let engagement = deps.engagement.engagement
        let faceThePeople = try await engagement.addEvent(
            (kind: .faceThePeople, heldOn: today.adding(days: -75), place: "Loughborough Town Hall", attendance: 46, issues: "Drug dealing near Queen’s Park; parking by schools"),
            to: charnwood.id, by: author)
        _ = try await engagement.addEvent(
            (kind: .wardWalk, heldOn: today.adding(days: -30), place: "Bell Foundry estate", attendance: 18, issues: "Broken street lights; fly-tipping behind the shops"),
            to: charnwood.id, by: author)
        let action = try await deps.plan.plans.actions(of: charnwood.id).first
        for (said, did, published) in [
            ("Drug dealing in Queen’s Park after dark", "Police and council patrols three nights a week, and new lighting on the main path", true),
            ("Cars park on the pavement outside the schools", "Parking enforcement every school morning since the spring term", true),
            ("Fly-tipping behind the Bell Foundry shops", "Cameras being considered with the landlord", false),
        ] {
            _ = try await engagement.addItem(
                (said: said, did: did, eventID: faceThePeople.id, actionID: published ? action?.id.rawValue : nil, published: published), to: charnwood.id, by: author)
        }

        // Set up ahead of its first day: not on the public site yet.
        let schools = try await repo.add(
            (
                title: "Parking and speeding near schools", introduction: "What happens at the school gates in the morning and afternoon.",
                opensOn: today.adding(days: 14), closesOn: today.adding(days: 60), onePerDevice: true
            ), to: charnwood.id, by: author)
        _ = try await repo.addQuestion(
            (kind: .scale, text: "How much does parking at the school gates worry you?", options: ["Not at all", "A great deal"]), to: schools, today: today, by: author)
        for q: (kind: QuestionKind, text: String, options: [String]) in [
            (.multiple, "Which should be the partnership’s priorities?", ["Anti-social behaviour", "Domestic abuse", "Drug dealing", "Road safety", "Burglary"]),
            (.text, "Anything else you would like to tell us?", []),
        ] {
            _ = try await repo.addQuestion(q, to: open, today: open.opensOn.adding(days: -1), by: author)
        }
    }
}
