import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Hummingbird

/// Where the analyst brings professional judgement to the assessment: the harm weights, the
/// matrix's weights, her own themes and adjustments with reasons. All of it is kept with
/// each saved version.
package struct AssessmentSettingsController {
    package let deps: AssessmentService

    package init(deps: AssessmentService) {
        self.deps = deps
    }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.assessmentSettings.path, use: page)
        router.post(Site.assessmentWeighting.path, use: chooseWeighting)
        router.post(Site.assessmentWeights.path, use: editWeights)
        router.post(Site.assessmentThemes.path, use: addTheme)
        router.post(Site.removeAssessmentTheme.path, use: removeTheme)
        router.post(Site.assessmentAdjustments.path, use: adjust)
    }

    package func page(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, _) = try await deps.register.partnership(context, .draftAssessment)
        return try await render(p, context, form: FormModel(), status: .ok)
    }

    private func render(_ p: Partnership, _ context: HallmarkContext, form: FormModel, status: HTTPResponse.Status) async throws -> HTMLResponse {
        HTMLResponse(
            AssessmentSettingsView.render(
                p, settings: try await WorkingSettings.load(p, deps), form: form,
                layout: context.layout("Assessment settings", Layout.crumbs(to: p))), status: status)
    }

    /// Lets `change` validate the form and alter the working settings, saves them and returns to
    /// the page; a problem with the form shows the page again with the messages. The settings
    /// are read and written in one transaction, so simultaneous saves never undo each other.
    private func update(
        _ request: Request, _ context: HallmarkContext, anchor: String, notice: Notice = .settingsSaved,
        _ change: @escaping @Sendable (inout AssessmentSettings, inout Validator, ChangeAuthor) throws -> Void
    ) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .draftAssessment)
        return try await update(request, context, p, visitor, anchor: anchor, notice: notice, change)
    }

    /// The same, for a partnership already found.
    private func update(
        _ request: Request, _ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, anchor: String, notice: Notice,
        _ change: @escaping @Sendable (inout AssessmentSettings, inout Validator, ChangeAuthor) throws -> Void
    ) async throws -> Response {
        let form = context.form
        let author = visitor.author
        do {
            try await AssessmentRepository(store: deps.store).updateSettings(of: p.id, by: author) { json in
                var settings = try WorkingSettings.decode(json)
                var v = Validator(form)
                try change(&settings, &v, author)
                try v.check()
                return try WorkingSettings.json(settings)
            }
            return redirect(to: Site.assessmentSettings(p.id) + "#\(anchor)", notice: notice)
        } catch let failure as ValidationFailure {
            return try await render(p, context, form: FormModel(input: context.form, failure: failure), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    package func chooseWeighting(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await update(request, context, anchor: "harm") { settings, v, _ in
            if let scheme = v.choice("scheme", label: "weighting", as: HarmWeights.Scheme.self) { settings.harm = .shipped(scheme) }
        }
    }

    package func editWeights(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await update(request, context, anchor: "weights") { settings, v, author in
            var weights = settings.harm.weights
            for (i, type) in CrimeType.allCases.enumerated() {
                if let w = v.number("weight-\(i)", label: "weight for \(type.rawValue)", in: 0...100_000) { weights[type.rawValue] = w }
            }
            var criteria: [String: Double] = [:]
            for c in Criterion.allCases {
                if let w = v.number("criterion-\(c.rawValue)", label: "weight of \(c.label.lowercased())", in: 0...10) { criteria[c.rawValue] = w }
            }
            if v.errors.isEmpty && criteria.values.reduce(0, +) == 0 { v.fail("criterion-harm", "Give at least one criterion a weight above 0") }
            if weights != settings.harm.weights {
                settings.harm.weights = weights
                settings.harm.editedBy = weights == HarmWeights.shipped(settings.harm.scheme).weights ? nil : Format.author(author.label)
            }
            settings.criterionWeights = criteria
        }
    }

    package func addTheme(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await update(request, context, anchor: "themes") { settings, v, author in
            let name = v.text("theme-name", label: "theme's name", maxLength: 80)
            let evidence = v.text("theme-evidence", label: "evidence for the theme", maxLength: 2000)
            let harm = v.whole("theme-harm", label: "harm score", in: 1...5)
            let volume = v.whole("theme-volume", label: "volume score", in: 1...5)
            let trend = v.whole("theme-trend", label: "trend score", in: 1...5)
            let confidence = v.choice("theme-confidence", label: "confidence", as: Confidence.self)
            let classification = v.choice("theme-classification", label: "classification", as: Classification.self)
            if let name, WorkingSettings.themeNames(settings).contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) {
                v.fail("theme-name", "There is already a theme called \(name): choose another name")
            }
            guard let name, let evidence, let harm, let volume, let trend, let confidence, let classification, v.errors.isEmpty else { return }
            settings.themes.append(
                AnalystTheme(
                    name: name, evidence: evidence, harm: harm, volume: volume, trend: trend,
                    confidence: confidence, classification: classification, addedBy: author.label))
        }
    }

    package func removeTheme(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .draftAssessment)
        if let name = context.form["theme-name"], let theme = try await WorkingSettings.load(p, deps).themes.first(where: { $0.name == name }),
            let page = try Confirmation(
                question: "Remove the theme “\(theme.name)”?",
                consequence: "The next draft of the assessment is worked out without it, and any adjustments made to it go too. Drafts already saved keep it.",
                button: "Yes, remove the theme", back: Site.assessmentSettings(p.id) + "#themes"
            ).ask(request, context, caption: "\(p.name), assessment settings", crumbs: Layout.crumbs(to: p) + [("Assessment settings", Site.assessmentSettings(p.id))])
        {
            return page
        }
        return try await update(request, context, p, visitor, anchor: "themes", notice: .themeRemoved) { settings, v, _ in
            let name = context.form["theme-name"] ?? ""
            guard settings.themes.contains(where: { $0.name == name }) else {
                v.fail("theme-name", "That theme is not among the analyst's themes")
                return
            }
            settings.themes.removeAll { $0.name == name }
            settings.adjustments.removeAll { $0.theme == name }
        }
    }

    package func adjust(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await update(request, context, anchor: "adjust") { settings, v, author in
            let theme = context.form["adjust-theme"] ?? ""
            if !WorkingSettings.themeNames(settings).contains(theme) { v.fail("adjust-theme", "Select one of the listed themes") }
            let field = v.choice("adjust-field", label: "value to adjust", as: Adjustment.Field.self)
            let value = v.text("adjust-value", label: "new value", maxLength: 40)
            let reason = v.text("adjust-reason", label: "reason", maxLength: 1000)
            if let field, let value, !field.choices.contains(value) {
                v.fail("adjust-value", "\(field.label) must be one of: \(field.choices.joined(separator: ", "))")
            }
            guard let field, let value, let reason, v.errors.isEmpty else { return }
            settings.adjustments.append(Adjustment(theme: theme, field: field, value: value, reason: reason, by: author.label, on: CalendarDate.today().iso))
        }
    }
}
