import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// The partnership's consultations, and the form that sets one up.
package enum ConsultationListView {
    static func status(_ c: Consultation, today: CalendarDate) -> String {
        c.open(on: today) ? "Open until \(c.closesOn.long)" : !c.published(on: today) ? "Opens on \(c.opensOn.long); not yet on the public site" : "Closed on \(c.closesOn.long)"
    }

    package static func render(_ p: Partnership, _ rows: [(Consultation, Int)], canManage: Bool, form: FormModel, today: CalendarDate, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Consultations"),
            .p(
                .plainText("Residents answer on the public site, without an account or any personal details. "),
                .a(.href(Site.publicConsultations(p.id)), "See them as the public does"), .plainText(".")),
            DataTable(
                caption: "Consultations, latest first", headers: ["Consultation", "Status", "Responses"],
                rows: rows.map { c, n in [.a(.href(Site.consultation(p.id, c.id)), .plainText(c.title)), .plainText(status(c, today: today)), .plainText("\(n)")] },
                empty: "No consultations yet."
            ).node,
            .if(
                canManage,
                .group(
                    .h2("Set up a consultation"),
                    .p("Add its questions before its first day: once it opens they stay as they are, so that every answer meets the same ones."),
                    .form(
                        .method(.post), .action(Site.consultations(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        fields(form),
                        Forms.submit("Set up the consultation")))))
    }

    /// A consultation's fields, the same to set one up and to change it before it opens.
    static func fields(_ form: FormModel) -> Node<HTML.FormContext> {
        .group(
            Forms.text(form.field("title", "Title", hint: "For example: Feeling safe in Loughborough town centre"), value: form["title"]),
            Forms.textArea(form.field("introduction", "Introduction", hint: "What it is about and what the answers will be used for"), value: form["introduction"]),
            Forms.text(form.field("opens_on", "First day", hint: "Like 2027-01-04"), value: form["opens_on"]),
            Forms.text(form.field("closes_on", "Last day", hint: "Like 2027-02-28"), value: form["closes_on"]),
            Forms.checkbox(
                form.field("one_per_device", "One answer per device (kept by a cookie; no personal details are asked)"), checked: form["one_per_device"] == "yes"))
    }
}

/// Changing a consultation before it opens: its details, each question, or withdrawing it.
package enum ConsultationChangeView {
    package static func input(_ c: Consultation) -> [String: String] {
        ["title": c.title, "introduction": c.introduction, "opens_on": c.opensOn.iso, "closes_on": c.closesOn.iso, "one_per_device": c.onePerDevice ? "yes" : ""]
    }

    package static func input(_ q: ConsultationQuestion) -> [String: String] {
        ["kind": q.kind.rawValue, "question": q.text, "options": q.options.joined(separator: "\n")]
    }

    static func crumbs(_ p: Partnership, _ c: Consultation) -> [(label: String, href: String)] {
        Layout.crumbs(to: p) + [("Consultations", Site.consultations(p.id)), (c.title, Site.consultation(p.id, c.id))]
    }

    /// Said instead of a form once the consultation has opened.
    static func settled(_ c: Consultation) -> Node<HTML.BodyContext> {
        // The error summary's link lands here when a change was refused for this reason.
        .p(.id("form"), .plainText(ConsultationRepository.opened(c) + "."))
    }

    package static func details(_ p: Partnership, _ c: Consultation, form: FormModel, today: CalendarDate, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(p.name), consultations")),
            .h1(.plainText("Change “\(c.title)”")),
            c.changeable(on: today)
                ? .group(
                    .p(.plainText("Until its first day, \(c.opensOn.long), everything about it may change. From then on it stays as it is.")),
                    .form(
                        .method(.post), .action(Site.consultation(p.id, c.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        ConsultationListView.fields(form),
                        Forms.submit("Save the consultation")),
                    .div(
                        .class("screen-only"),
                        .h2(.id("withdraw"), "Withdraw the consultation"),
                        .p("It will not open, and it and its questions are removed. The audit log keeps what they said."),
                        .form(
                            .method(.post), .action(Site.withdrawConsultation(p.id, c.id)), .novalidate(),
                            Forms.csrf(layout.csrfToken),
                            .button(.type(.submit), .class("button secondary"), "Withdraw the consultation"))))
                : settled(c),
            .p(.a(.href(Site.consultation(p.id, c.id)), "Back to the consultation")))
    }

    package static func question(
        _ p: Partnership, _ c: Consultation, _ q: ConsultationQuestion, last: Bool, form: FormModel, today: CalendarDate, layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(p.name), \(c.title)")),
            .h1(.plainText("Change question \(q.position)")),
            .p(.plainText("“\(q.text)”")),
            c.changeable(on: today)
                ? .group(
                    .form(
                        .method(.post), .action(Site.consultationQuestion(p.id, c.id, q.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        ConsultationView.questionFields(form),
                        Forms.submit("Save the question")),
                    .div(
                        .class("screen-only"),
                        .h2("Take the question off"),
                        .p(
                            .plainText(
                                last
                                    ? (q.position == 1
                                        ? "It is the only question: taken off, the consultation has nothing to ask until another is added."
                                        : "It is the last question.")
                                    : "The questions after it move up a place.")),
                        .form(
                            .method(.post), .action(Site.removeConsultationQuestion(p.id, c.id)), .novalidate(),
                            Forms.csrf(layout.csrfToken),
                            .input(.type(.hidden), .name("question"), .value("\(q.id)")),
                            .button(.type(.submit), .class("button secondary"), "Take the question off"))))
                : settled(c),
            .p(.a(.href(Site.consultation(p.id, c.id)), "Back to the consultation")))
    }
}

/// A consultation as the partnership sees it: its questions and, as answers come, each
/// question's results with 95% intervals, free-text answers by theme, and what the spam checks dropped.
package enum ConsultationView {
    static func percent(_ r: ChoiceResult) -> String {
        guard let p = r.percent, let i = r.interval else { return "–" }
        return String(format: "%.1f%% (%.0f%% to %.0f%%)", p, i.low, i.high)
    }

    package static func render(
        _ p: Partnership, _ c: Consultation, results: [QuestionResult], responses: Int, canManage: Bool, canAssess: Bool, themes: [String],
        failed: (form: String, model: FormModel)?, today: CalendarDate, layout: Layout
    ) -> String {
        let questionForm = failed?.form == "question" ? failed!.model : FormModel()
        let texts = results.flatMap(\.texts)
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            // Where the summary points when a change was refused because the consultation has opened.
            .div(.id("form")),
            .span(.class("caption"), .plainText("\(p.name), consultations")),
            .h1(.plainText(c.title)),
            SummaryList(items: [
                ("Status", .plainText(ConsultationListView.status(c, today: today))), ("Responses", .plainText("\(responses)")),
                ("Set aside as sent by machines", .plainText(setAside(c))),
                ("One answer per device", .plainText(c.onePerDevice ? "Yes" : "No")), ("Introduction", .plainText(c.introduction.isEmpty ? "–" : c.introduction)),
            ]).node,
            c.published(on: today)
                ? .p(.a(.href(Site.publicConsultation(p.id, c.id)), "The public form"))
                : .p(.plainText("On the public site from \(c.opensOn.long).")),
            .h2("Results"),
            .p(
                "Each share is of those who answered the question. The range beside it is where the share probably lies among everyone like those who answered (a 95% confidence interval, worked out by Wilson’s method): the fewer the answers, the wider it is. People choose to answer a consultation, so it speaks for those who did, not for every resident."
            ),
            .forEach(results) { r in
                r.question.kind == .text
                    ? .group(
                        .h3(.plainText("\(r.question.position). \(r.question.text)")),
                        .p(.plainText("\(r.answered) written answer\(r.answered == 1 ? "" : "s"), grouped by the themes given them below.")))
                    : .group(
                        DataTable(
                            caption: "\(r.question.position). \(r.question.text) (\(r.answered) answered)", headers: ["Answer", "Count", "Share (95% interval)"],
                            rows: r.choices.map { [.plainText($0.choice), .plainText("\($0.count)"), .plainText(percent($0))] }
                        ).node,
                        .if(
                            canAssess && c.closed && r.answered > 0 && r.question.kind != .scale,
                            publicConcernForm(
                                p, c, r, themes: themes, form: failed?.form == "concern" && failed?.model["question"] == "\(r.question.id)" ? failed!.model : nil,
                                csrf: layout.csrfToken)))
            },
            .if(results.isEmpty, .p(.class("empty"), "No questions yet.")),
            .p(.class("export"), .a(.href(Site.consultationCSV(p.id, c.id)), "Download the results as CSV")),
            .if(
                !texts.isEmpty,
                .group(
                    .h2("Written answers by theme"),
                    DataTable(
                        caption: "Written answers, by theme", headers: ["Theme", "Answer"],
                        rows: texts.sorted { ($0.theme.isEmpty ? "~" : $0.theme, $0.text) < ($1.theme.isEmpty ? "~" : $1.theme, $1.text) }.map { t in
                            [.plainText(t.theme.isEmpty ? "No theme yet" : t.theme), .plainText(t.text)]
                        }
                    ).node,
                    .if(
                        canManage,
                        .group(
                            .h3("Give the written answers their themes"),
                            .form(
                                .method(.post), .action(Site.consultationThemes(p.id, c.id)), .novalidate(),
                                Forms.csrf(layout.csrfToken),
                                .forEach(texts) { t in
                                    Forms.text(Forms.Field(name: "theme-\(t.answerID)", label: "“\(t.text.count > 120 ? t.text.prefix(120) + "…" : t.text)”"), value: t.theme)
                                },
                                Forms.submit("Save the themes")))))),
            .if(canManage && c.changeable(on: today), changes(p, c, results)),
            .if(
                canManage && c.changeable(on: today),
                .group(
                    .h2("Add a question"),
                    .form(
                        .method(.post), .action(Site.consultationQuestions(p.id, c.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        questionFields(questionForm),
                        Forms.submit("Add the question")))),
            .p(.a(.href(Site.consultations(p.id)), "All consultations")))
    }

    /// Before the consultation opens: a link to change its details or withdraw it, and each question's.
    static func changes(_ p: Partnership, _ c: Consultation, _ results: [QuestionResult]) -> Node<HTML.BodyContext> {
        .div(
            .class("screen-only"),
            .h2("Before it opens"),
            .p(.plainText("Until \(c.opensOn.long) its details and questions may change, and it may be withdrawn.")),
            .if(results.isEmpty, .p(.strong(.plainText("It has no questions yet: add them before \(c.opensOn.long), or it will open with nothing to answer.")))),
            .ul(
                .li(.a(.href(Site.editConsultation(p.id, c.id)), "Change the details, or withdraw the consultation")),
                .forEach(results) { r in
                    .li(
                        .a(.href(Site.consultationQuestion(p.id, c.id, r.question.id)), .plainText("Change or take off question \(r.question.position)")),
                        .plainText(": \(r.question.text)"))
                }))
    }

    /// A question's fields, the same to add one and to change it.
    static func questionFields(_ form: FormModel) -> Node<HTML.FormContext> {
        .group(
            Forms.select(form.field("kind", "Kind of question"), options: Forms.options(QuestionKind.self) { $0.label }, selected: form["kind"]),
            Forms.text(form.field("question", "Question"), value: form["question"]),
            Forms.textArea(
                form.field(
                    "options", "Choices",
                    hint:
                        "For one or any number of choices: one a line. For a scale: what 1 and 5 mean, on two lines (for example “Not at all” and “A great deal”); left empty, 1 is very poor and 5 very good"
                ), value: form["options"]))
    }

    /// What the spam checks kept out, in words: answers are thanked alike, so only this page says.
    static func setAside(_ c: Consultation) -> String {
        func answers(_ n: Int) -> String { n == 1 ? "1 answer" : "\(n) answers" }
        let reasons = [
            (c.droppedHoneypot, "filled in a field hidden from people"), (c.droppedTooFast, "sent sooner than a person could fill in the form"),
        ].filter { $0.0 > 0 }.map { "\(answers($0.0)) \($0.1)" }
        return reasons.isEmpty ? "None" : reasons.joined(separator: "; ")
    }

    /// The theme an answer probably stands for, offered first: one whose name begins with the
    /// same word, as "Drug dealing" and "Drugs" do (the first four letters agree).
    static func likelyTheme(_ choice: String, among themes: [String]) -> String? {
        let stem = choice.lowercased().prefix(4)
        return stem.count == 4 ? themes.first { $0.lowercased().hasPrefix(stem) } : nil
    }

    /// Offers a choice question's shares to the strategic assessment as "public concern": each
    /// answer matched to the theme it stands for, with the score its share earns.
    static func publicConcernForm(_ p: Partnership, _ c: Consultation, _ r: QuestionResult, themes: [String], form: FormModel?, csrf: String) -> Node<HTML.BodyContext> {
        let q = r.question.id
        return .details(
            .attribute(named: "open", value: form == nil ? nil : "open"),
            .summary(.plainText("Use question \(r.question.position) as public concern in the strategic assessment")),
            .p(
                .plainText("Each answer you match to a theme gives that theme a public concern score from the share who chose it: "),
                .plainText(
                    PublicConcern.bands.map { $0.atLeast == 0 ? "under 10% scores 1" : String(format: "%.0f%% or more scores %d", $0.atLeast * 100, $0.score) }.joined(
                        separator: ", ")),
                .plainText(". The score joins the working draft's settings with this consultation named as its source.")),
            .form(
                .method(.post), .action(Site.consultationPublicConcern(p.id, c.id)), .novalidate(),
                Forms.csrf(csrf),
                .input(.type(.hidden), .name("question"), .value("\(q)")),
                .forEach(Array(r.choices.enumerated())) { i, choice in
                    let name = "theme-\(q)-\(i)"
                    return Forms.select(
                        (form ?? FormModel()).field(name, "“\(choice.choice)”: \(percent(choice)), would score \(PublicConcern.score(choice).map(String.init) ?? "–")"),
                        options: themes.map { ($0, $0) }, selected: form.map { $0[name] ?? "" } ?? likelyTheme(choice.choice, among: themes), blank: "Not used")
                },
                Forms.submit("Use as public concern")))
    }

    /// The results for a spreadsheet: a row for each choice of each question, and each written answer with its theme.
    package static func csv(_ results: [QuestionResult]) -> CSVDocument {
        CSVDocument(
            headers: ["question", "answer", "count", "answered", "percent", "ci95_low", "ci95_high", "theme"],
            rows: results.flatMap { r -> [[String]] in
                if r.question.kind == .text { return r.texts.map { [r.question.text, $0.text, "", "", "", "", "", $0.theme] } }
                return r.choices.map { c in
                    [
                        r.question.text, c.choice, "\(c.count)", "\(c.answered)", c.percent.map { String(format: "%.1f", $0) } ?? "",
                        c.interval.map { String(format: "%.1f", $0.low) } ?? "", c.interval.map { String(format: "%.1f", $0.high) } ?? "", "",
                    ]
                }
            })
    }
}

/// Consultations on the public site.
package enum PublicConsultationView {
    static func layout(_ p: Partnership, _ title: String, _ more: [(label: String, href: String)] = []) -> PublicLayout {
        PublicLayout(title: title, breadcrumbs: [("Partnerships", Site.publicPartnerships()), (p.name, Site.publicPartnership(p.id))] + more)
    }

    package static func list(_ p: Partnership, _ consultations: [Consultation], today: CalendarDate) -> String {
        let open = consultations.filter { $0.open(on: today) }, closed = consultations.filter { !$0.open(on: today) }
        return layout(p, "\(p.name): consultations").render(
            .h1("Have your say"),
            .p(.plainText("\(p.name) asks residents what they think about crime and safety where they live. You do not need an account, and no personal details are asked.")),
            .h2("Open now"),
            open.isEmpty
                ? .p("No consultation is open at the moment.")
                : .ul(.forEach(open) { c in .li(.a(.href(Site.publicConsultation(p.id, c.id)), .plainText(c.title)), .plainText(", until \(c.closesOn.long)")) }),
            .h2("Closed"),
            closed.isEmpty ? .p("None yet.") : .ul(.forEach(closed) { c in .li(.plainText("\(c.title), closed on \(c.closesOn.long)")) }))
    }

    package static func form(
        _ p: Partnership, _ c: Consultation, questions: [ConsultationQuestion], answered: Bool, started: Int64, stamp: String, form: FormModel, today: CalendarDate
    ) -> String {
        layout(p, c.title, [("Consultations", Site.publicConsultations(p.id))]).render(
            Forms.errorSummary(form.failure),
            .h1(.plainText(c.title)),
            .unwrap(c.introduction.isEmpty ? nil : c.introduction, Paragraphs.node),
            !c.open(on: today)
                ? .p(.plainText("This consultation closed on \(c.closesOn.long). Thank you to everyone who answered."))
                : answered
                    ? .p(.class("notice"), "You have already answered this consultation from this device. Thank you.")
                    : questions.isEmpty
                        ? .p(.id("form"), "This consultation has no questions to answer yet.")
                        : .form(
                            .id("form"), .method(.post), .action(Site.publicConsultation(p.id, c.id)), .novalidate(),
                            .p(.plainText("Open until \(c.closesOn.long). Answer as many questions as you like; none asks who you are.")),
                            PublicFormCheck.fields(started: started, stamp: stamp),
                            .forEach(questions) { q in question(q, form) },
                            Forms.submit("Send my answers")))
    }

    static func question(_ q: ConsultationQuestion, _ form: FormModel) -> Node<HTML.FormContext> {
        let field = "q\(q.id)"
        let error = form.failure?.message(for: field)
        if q.kind == .text {
            return Forms.textArea(
                Forms.Field(name: field, label: "\(q.position). \(q.text)", hint: "Optional. Please leave out names and anything that identifies anyone", error: error),
                value: form[field])
        }
        return .fieldset(
            .class(error == nil ? "field" : "field field-error"),
            .element(named: "legend", plainText: "\(q.position). \(q.text)"),
            .unwrap(error) { .p(.class("error-message"), .id("\(field)-error"), .plainText($0)) },
            .div(
                .class("radios"),
                .forEach(Array(q.choices.enumerated())) { i, choice in
                    let id = i == 0 ? field : "\(field)-\(i)"
                    return .div(
                        .class("radio"),
                        q.kind == .multiple
                            ? .input(
                                .type(.checkbox), .id(id), .name("\(field)-\(i)"), .value("yes"),
                                .attribute(named: "checked", value: form["\(field)-\(i)"] == "yes" ? "checked" : nil))
                            : .input(.type(.radio), .id(id), .name(field), .value("\(i)"), .attribute(named: "checked", value: form[field] == "\(i)" ? "checked" : nil)),
                        .label(.for(id), .plainText(choice)))
                }))
    }

    package static func thanks(_ p: Partnership, _ c: Consultation) -> String {
        layout(p, "Thank you", [("Consultations", Site.publicConsultations(p.id))]).render(
            .h1("Thank you"),
            .p(.plainText("Your answers to “\(c.title)” were received. The partnership reads every answer; what it hears shapes its next strategic assessment and plan.")),
            .p(.a(.href(Site.publicConsultations(p.id)), "Other consultations")))
    }
}
