import Foundation
import HallmarkAnalytics
import HallmarkAssessment
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// Consultations as the partnership keeps them: every member reads the results; those who keep
/// the plan set them up and theme the free-text answers.
package struct ConsultationController {
    package let deps: EngagementService

    package init(deps: EngagementService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.consultations.path, use: list)
        router.post(Site.consultations.path, use: add)
        router.get(Site.consultation.path, use: consultation)
        router.post(Site.consultationQuestions.path, use: addQuestion)
        router.post(Site.consultationThemes.path, use: setThemes)
        router.get(Site.consultationCSV.path, use: csv)
        router.post(Site.consultationPublicConcern.path, use: feedPublicConcern)
        router.get(Site.editConsultation.path, use: edit)
        router.post(Site.consultation.path, use: update)
        router.post(Site.withdrawConsultation.path, use: withdraw)
        router.get(Site.consultationQuestion.path, use: question)
        router.post(Site.consultationQuestion.path, use: updateQuestion)
        router.post(Site.removeConsultationQuestion.path, use: removeQuestion)
    }

    private func listPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel) async throws -> HTMLResponse {
        var rows: [(Consultation, Int)] = []
        for c in try await deps.consultations.consultations(of: p.id) { rows.append((c, try await deps.consultations.responses(to: c))) }
        return HTMLResponse(
            ConsultationListView.render(
                p, rows, canManage: visitor.user.role.may(.managePlan), form: form, today: .today(), layout: context.layout("Consultations", Layout.crumbs(to: p))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readPlan)
        return try await listPage(context, p, visitor, form: FormModel())
    }

    package func add(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .managePlan)
        do {
            let added = try await deps.consultations.add(try ConsultationForms.consultation(context.form, today: .today()), to: p.id, by: visitor.author)
            return redirect(to: Site.consultation(p.id, added.id), notice: .consultationAdded)
        } catch let failure as ValidationFailure {
            return try await listPage(context, p, visitor, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    private func consultation(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor, Consultation) {
        let (p, visitor) = try await deps.register.partnership(context, permission)
        guard let c = try await deps.consultations.consultation(try context.id("consultation"), in: p.id) else { throw AccessRefused.notFound }
        return (p, visitor, c)
    }

    private func page(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ c: Consultation, failed: (form: String, model: FormModel)?) async throws
        -> HTMLResponse
    {
        HTMLResponse(
            ConsultationView.render(
                p, c, results: try await deps.consultations.results(of: c), responses: try await deps.consultations.responses(to: c),
                canManage: visitor.user.role.may(.managePlan), canAssess: visitor.user.role.may(.draftAssessment),
                themes: WorkingSettings.themeNames(try WorkingSettings.decode(try await AssessmentRepository(store: deps.store).settingsJSON(of: p.id))), failed: failed,
                today: .today(),
                layout: context.layout(c.title, Layout.crumbs(to: p) + [("Consultations", Site.consultations(p.id))])),
            status: failed == nil ? .ok : .unprocessableContent)
    }

    package func consultation(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor, c) = try await consultation(context, .readPlan)
        return try await page(context, p, visitor, c, failed: nil)
    }

    package func addQuestion(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, c) = try await consultation(context, .managePlan)
        do {
            try Self.notOpened(c)
            _ = try await deps.consultations.addQuestion(try ConsultationForms.question(context.form), to: c, today: .today(), by: visitor.author)
            return redirect(to: Site.consultation(p.id, c.id), notice: .questionAdded)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, c, failed: ("question", FormModel(input: context.form, failure: failure))).response(from: request, context: context)
        }
    }

    /// The themes of free-text answers, from fields `theme-ANSWER`; each up to 60 characters.
    package func setThemes(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, c) = try await consultation(context, .managePlan)
        do {
            var v = Validator(context.form)
            var themes: [Int64: String] = [:]
            for (field, _) in context.form where field.hasPrefix("theme-") {
                guard let id = Int64(field.dropFirst(6)) else { continue }
                themes[id] = v.text(field, label: "theme", required: false, maxLength: 60) ?? ""
            }
            if themes.isEmpty { v.fail("themes", "There are no free-text answers to give themes to") }
            try v.check()
            try await deps.consultations.setThemes(themes, of: c, by: visitor.author)
            return redirect(to: Site.consultation(p.id, c.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, c, failed: ("themes", FormModel(input: context.form, failure: failure))).response(from: request, context: context)
        }
    }

    /// A closed consultation's choice question as the assessment's public concern: fields
    /// `question` and, for each choice, `theme-N` naming the theme it stands for (or empty).
    /// Each chosen theme gets an adjustment in the working settings, read and written in one
    /// transaction with the settings' other changes, and audited there.
    package func feedPublicConcern(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, c) = try await consultation(context, .draftAssessment)
        let form = context.form
        let questions = try await deps.consultations.results(of: c)
        do {
            var v = Validator(form)
            if !c.closed { v.fail("question", "The consultation is still open and its results may change: use them once it has closed") }
            let result = questions.first { "\($0.question.id)" == form["question"] && [.single, .multiple].contains($0.question.kind) }
            if result == nil { v.fail("question", "Choose one of this consultation’s choice questions") }
            try v.check()
            let author = visitor.author
            try await AssessmentRepository(store: deps.store).updateSettings(of: p.id, by: author) { json in
                var settings = try WorkingSettings.decode(json)
                var v = Validator(form)
                let known = Set(WorkingSettings.themeNames(settings))
                var used: Set<String> = []
                for (i, choice) in result!.choices.enumerated() {
                    let field = "theme-\(result!.question.id)-\(i)"
                    guard let theme = form[field], !theme.isEmpty else { continue }
                    if !known.contains(theme) { v.fail(field, "Choose one of the assessment’s themes for “\(choice.choice)”, or none") }
                    if !used.insert(theme).inserted { v.fail(field, "“\(theme)” is chosen for two answers: choose it for one") }
                    if let adjustment = PublicConcern.adjustment(theme: theme, choice, question: result!.question, of: c, by: author.label, on: .today()) {
                        settings.adjustments.append(adjustment)
                    }
                }
                if used.isEmpty, v.errors.isEmpty { v.fail("theme-\(result!.question.id)-0", "Choose the theme at least one answer stands for") }
                try v.check()
                return try WorkingSettings.json(settings)
            }
            return redirect(to: Site.assessmentSettings(p.id) + "#adjust", notice: .settingsSaved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, c, failed: ("concern", FormModel(input: form, failure: failure))).response(from: request, context: context)
        }
    }

    /// A form sent to a consultation that has opened since it was loaded is told that, not what
    /// is wrong with the form (the repository checks again, under the lock).
    static func notOpened(_ c: Consultation) throws(ValidationFailure) {
        guard c.changeable(on: .today()) else { throw ValidationFailure(field: "form", message: ConsultationRepository.opened(c)) }
    }

    private func detailsPage(_ context: HallmarkContext, _ p: Partnership, _ c: Consultation, form: FormModel) -> HTMLResponse {
        HTMLResponse(
            ConsultationChangeView.details(p, c, form: form, today: .today(), layout: context.layout("Change “\(c.title)”", ConsultationChangeView.crumbs(p, c))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func edit(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _, c) = try await consultation(context, .managePlan)
        return detailsPage(context, p, c, form: FormModel(input: ConsultationChangeView.input(c)))
    }

    package func update(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, c) = try await consultation(context, .managePlan)
        do {
            try Self.notOpened(c)
            let questions = try await deps.consultations.questions(of: c.id).count
            try await deps.consultations.update(
                c, to: try ConsultationForms.consultation(context.form, today: .today(), questions: questions), today: .today(), by: visitor.author)
            return redirect(to: Site.consultation(p.id, c.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try detailsPage(context, p, c, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    package func withdraw(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, c) = try await consultation(context, .managePlan)
        // One that has opened is refused below, without asking first.
        if c.changeable(on: .today()),
            let ask = try Confirmation(
                question: "Withdraw the consultation “\(c.title)”?",
                consequence: "It will not open, and it and its questions are removed. The audit log keeps what they said.",
                button: "Yes, withdraw the consultation", back: Site.editConsultation(p.id, c.id)
            ).ask(request, context, caption: "\(p.name), consultations", crumbs: ConsultationChangeView.crumbs(p, c))
        {
            return ask
        }
        do {
            try await deps.consultations.withdraw(c, today: .today(), by: visitor.author)
            return redirect(to: Site.consultations(p.id), notice: .consultationWithdrawn)
        } catch let failure as ValidationFailure {
            return try detailsPage(context, p, c, form: FormModel(input: ConsultationChangeView.input(c), failure: failure)).response(from: request, context: context)
        }
    }

    private func question(_ context: HallmarkContext) async throws -> (Partnership, Visitor, Consultation, ConsultationQuestion) {
        let (p, visitor, c) = try await consultation(context, .managePlan)
        guard let q = try await deps.consultations.question(try context.id("question"), of: c) else { throw AccessRefused.notFound }
        return (p, visitor, c, q)
    }

    private func questionPage(_ context: HallmarkContext, _ p: Partnership, _ c: Consultation, _ q: ConsultationQuestion, form: FormModel) async throws
        -> HTMLResponse
    {
        HTMLResponse(
            ConsultationChangeView.question(
                p, c, q, last: try await deps.consultations.questions(of: c.id).last?.id == q.id, form: form, today: .today(),
                layout: context.layout("Change question \(q.position)", ConsultationChangeView.crumbs(p, c))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func question(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _, c, q) = try await question(context)
        return try await questionPage(context, p, c, q, form: FormModel(input: ConsultationChangeView.input(q)))
    }

    package func updateQuestion(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, c, q) = try await question(context)
        do {
            try Self.notOpened(c)
            try await deps.consultations.updateQuestion(q.id, of: c, to: try ConsultationForms.question(context.form), today: .today(), by: visitor.author)
            return redirect(to: Site.consultation(p.id, c.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await questionPage(context, p, c, q, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    /// Takes off the question the form's `question` names.
    package func removeQuestion(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, c) = try await consultation(context, .managePlan)
        do {
            var v = Validator(context.form)
            let id: RecordID<ConsultationQuestion>? = v.id("question", label: "question to take off")
            try v.check()
            if c.changeable(on: .today()), let q = try await deps.consultations.question(id!, of: c),
                let ask = try Confirmation(
                    question: "Take question \(q.position), “\(q.text)”, off the consultation?",
                    consequence: "The questions after it move up a place. The audit log keeps what it said.", button: "Yes, take the question off",
                    back: Site.consultationQuestion(p.id, c.id, q.id)
                ).ask(request, context, caption: "\(p.name), \(c.title)", crumbs: ConsultationChangeView.crumbs(p, c))
            {
                return ask
            }
            try await deps.consultations.removeQuestion(id!, of: c, today: .today(), by: visitor.author)
            return redirect(to: Site.consultation(p.id, c.id), notice: .questionRemoved)
        } catch let failure as ValidationFailure {
            return try await page(context, p, visitor, c, failed: ("question", FormModel(failure: failure))).response(from: request, context: context)
        }
    }

    package func csv(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _, c) = try await consultation(context, .readPlan)
        return ConsultationView.csv(try await deps.consultations.results(of: c)).response(filename: "\(FileName.slug(p.name))-\(FileName.slug(c.title)).csv")
    }
}

/// Consultations on the public site: the open and closed ones, and the form to answer an open
/// one without an account. A form sent sooner than a person could, or with the hidden field
/// filled, is thanked and dropped (and counted); each address is limited by the public pages'
/// own rate limit.
package struct PublicConsultationController {
    package let deps: EngagementService
    static func cookie(_ c: Consultation) -> String { "hallmark_answered_\(c.id)" }

    package init(deps: EngagementService) { self.deps = deps }

    package func register(on router: RouterGroup<HallmarkContext>) {
        router.get(Site.publicConsultations.path, use: list)
        router.get(Site.publicConsultation.path, use: form)
        router.post(Site.publicConsultation.path, use: answer)
    }

    private func partnership(_ context: HallmarkContext) async throws -> Partnership {
        guard let p = try await deps.register.partnerships.find(try context.id("id")) else { throw AccessRefused.notFound }
        return p
    }

    /// A consultation the public may see: published (its first day has come).
    private func consultation(_ context: HallmarkContext) async throws -> (Partnership, Consultation) {
        let p = try await partnership(context)
        guard let c = try await deps.consultations.consultation(try context.id("consultation"), in: p.id), c.published(on: .today()) else { throw AccessRefused.notFound }
        return (p, c)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let p = try await partnership(context)
        let published = try await deps.consultations.consultations(of: p.id).filter { $0.published(on: .today()) }
        return HTMLResponse(PublicConsultationView.list(p, published, today: .today()))
    }

    private func formPage(_ p: Partnership, _ c: Consultation, _ request: Request, failure: ValidationFailure?, input: [String: String]) async throws -> HTMLResponse {
        let now = Int64(Date().timeIntervalSince1970)
        let answered = c.onePerDevice && request.cookies[Self.cookie(c)] != nil
        return HTMLResponse(
            PublicConsultationView.form(
                p, c, questions: try await deps.consultations.questions(of: c.id), answered: answered, started: now, stamp: try await deps.stamp(c, at: now),
                form: FormModel(input: input, failure: failure), today: .today()), status: failure == nil ? .ok : .unprocessableContent)
    }

    package func form(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, c) = try await consultation(context)
        return try await formPage(p, c, request, failure: nil, input: [:])
    }

    package func answer(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, c) = try await consultation(context)
        let thanks = HTMLResponse(PublicConsultationView.thanks(p, c))
        guard c.open(on: .today()) else {
            return try await formPage(p, c, request, failure: ValidationFailure(field: "form", message: "This consultation has closed"), input: [:])
                .response(from: request, context: context)
        }
        // Machines fill every field and send at once: thanked alike, so that they learn nothing.
        let verdict = try await deps.formCheck.verdict(context.form, purpose: "consultation \(c.id)")
        if verdict != .person {
            try await deps.consultations.dropped(c, honeypot: verdict == .honeypot)
            return try thanks.response(from: request, context: context)
        }
        if c.onePerDevice, request.cookies[Self.cookie(c)] != nil {
            return try await formPage(p, c, request, failure: ValidationFailure(field: "form", message: "You have already answered this consultation from this device"), input: [:])
                .response(from: request, context: context)
        }
        do {
            let answers = try ConsultationForms.answers(context.form, questions: try await deps.consultations.questions(of: c.id))
            try await deps.consultations.respond(answers, to: c, on: .today())
        } catch let failure as ValidationFailure {
            return try await formPage(p, c, request, failure: failure, input: context.form).response(from: request, context: context)
        }
        var response = try thanks.response(from: request, context: context)
        if c.onePerDevice {
            response.setCookie(Cookie(name: Self.cookie(c), value: "1", maxAge: 366 * 86_400, path: Site.publicPages, secure: false, httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
