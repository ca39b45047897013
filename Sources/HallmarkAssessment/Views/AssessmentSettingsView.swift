import Foundation
import HallmarkAnalytics
import HallmarkCrimeData
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Plot

/// The analyst's settings for the next draft: harm weights, the matrix's weights, her own
/// themes and adjustments by professional judgement.
package enum AssessmentSettingsView {
    package static func render(_ p: Partnership, settings: AssessmentSettings, form: FormModel, layout: Layout) -> String {
        let schemeLabel: (HarmWeights.Scheme) -> String = { HarmWeights.shipped($0).title }
        func value(_ name: String, _ current: String) -> String { form[name] ?? current }
        let scores = (1...5).map { (value: String($0), label: String($0)) }
        let adjustments = AssessmentTable.adjustments(settings.adjustments, caption: "Adjustments so far", empty: "No value has been adjusted.")
        return layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Assessment settings"),
            .p("These settings are used by the next draft of the strategic assessment and saved with every version. Changing them is recorded in the audit log."),
            .p(
                .a(.href(Site.assessment(p.id)), "Read the current draft"), .plainText(" · "),
                .a(.href(Site.assessmentVersions(p.id)), "Versions")),

            .h2(.id("harm"), "Harm weights"),
            SummaryList(items: [
                ("In use", .plainText(settings.harm.label)),
                ("Source", .plainText(settings.harm.source)), ("Mapping", .plainText(settings.harm.mapping)),
            ]).node,
            .form(
                .method(.post), .action(Site.assessmentWeighting(p.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.select(
                    form.field("scheme", "Weighting", hint: "Choosing a weighting replaces any edited weights with that table's."),
                    options: Forms.options(HarmWeights.Scheme.self, label: schemeLabel), selected: form["scheme"] ?? settings.harm.scheme.rawValue),
                Forms.submit("Use this weighting")),

            .h2(.id("weights"), "Edit the weights"),
            .form(
                .method(.post), .action(Site.assessmentWeights(p.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                .fieldset(
                    .element(named: "legend", plainText: "Harm weight of one crime of each type"),
                    .forEach(Array(CrimeType.allCases.enumerated())) { i, type in
                        Forms.text(
                            form.field("weight-\(i)", type.rawValue, hint: settings.harm.basis[type.rawValue].flatMap { $0.isEmpty ? nil : $0 }),
                            value: value("weight-\(i)", Numbers.weight(settings.harm.weight(type))), type: .text)
                    }),
                .fieldset(
                    .element(named: "legend", plainText: "Weight of each criterion in the priority score"),
                    .forEach(Criterion.allCases) { c in
                        Forms.text(
                            form.field("criterion-\(c.rawValue)", c.label, hint: "Scored 1 to 5 by \(c.meaning)."),
                            value: value("criterion-\(c.rawValue)", Numbers.weight(settings.weight(c))))
                    }),
                Forms.submit("Save the weights")),

            .h2(.id("themes"), "The analyst's own themes"),
            .p("Themes police.uk cannot show, such as domestic abuse, reoffending or Prevent, scored from your own evidence."),
            .if(settings.themes.isEmpty, .p(.class("empty"), "No theme added yet.")),
            .forEach(settings.themes) { theme in
                .div(
                    .class("theme"),
                    .h3(.plainText(theme.name)),
                    .p(.class("kept-lines"), .plainText(theme.evidence)),
                    .p(
                        .class("hint"),
                        .plainText(
                            "Harm \(theme.harm), volume \(theme.volume), trend \(theme.trend); confidence \(theme.confidence.rawValue.lowercased()); \(theme.classification.rawValue). Added by \(Format.author(theme.addedBy))."
                        )),
                    .form(
                        .method(.post), .action(Site.removeAssessmentTheme(p.id)),
                        Forms.csrf(layout.csrfToken),
                        .input(.type(.hidden), .name("theme-name"), .value(AttributeText.escape(theme.name))),
                        .button(.type(.submit), .class("button secondary"), .plainText("Remove \(theme.name)"))))
            },
            .form(
                .method(.post), .action(Site.assessmentThemes(p.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.text(form.field("theme-name", "Name of the theme"), value: form["theme-name"]),
                Forms.textArea(
                    form.field("theme-evidence", "Evidence", hint: "Where the scores come from: the source, the figures and their dates."), value: form["theme-evidence"]),
                Forms.select(form.field("theme-harm", "Harm (1 to 5)"), options: scores, selected: form["theme-harm"] ?? "3"),
                Forms.select(form.field("theme-volume", "Volume (1 to 5)"), options: scores, selected: form["theme-volume"] ?? "3"),
                Forms.select(form.field("theme-trend", "Trend (1 falling fast to 5 rising fast)"), options: scores, selected: form["theme-trend"] ?? "3"),
                Forms.select(
                    form.field("theme-confidence", "Confidence in the evidence"), options: Forms.options(Confidence.self) { $0.rawValue },
                    selected: form["theme-confidence"] ?? Confidence.medium.rawValue),
                Forms.select(
                    form.field("theme-classification", "Classification"), options: Forms.options(Classification.self) { $0.rawValue }, selected: form["theme-classification"]),
                Forms.submit("Add the theme")),

            .h2(.id("adjust"), "Adjust a value"),
            .p("The rules' value is kept beside yours in the document, with your reason. A later adjustment of the same value replaces an earlier one."),
            .form(
                .method(.post), .action(Site.assessmentAdjustments(p.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.select(
                    form.field("adjust-theme", "Theme"), options: WorkingSettings.themeNames(settings).map { ($0, $0) }, selected: form["adjust-theme"], blank: "Choose a theme"),
                Forms.select(
                    form.field("adjust-field", "Value"), options: Forms.options(Adjustment.Field.self) { $0.label }, selected: form["adjust-field"], blank: "Choose a value"),
                Forms.text(
                    form.field(
                        "adjust-value", "New value",
                        hint: "A score from 1 to 5; confidence High, Medium or Low; classification "
                            + Classification.allCases.map(\.rawValue).joined(separator: ", ") + "; triage High, Medium or Low; delivery Local or Sub-regional."),
                    value: form["adjust-value"]),
                Forms.textArea(
                    form.field("adjust-reason", "Reason", hint: "The evidence or judgement behind the change, as the board will read it."), value: form["adjust-reason"]),
                Forms.submit("Record the adjustment")),
            DataTable(
                caption: adjustments.caption, headers: adjustments.headers, rows: adjustments.rows.map { $0.map { .plainText($0) } },
                empty: adjustments.empty
            ).node
        )
    }
}
