import Foundation
import HallmarkDomain
import HallmarkKit
import Plot

/// ASB Case Reviews as the case team sees them, and the statistics everyone may.
package enum ASBCaseReviewView {
    static func yesNo(_ form: FormModel, _ name: String, _ label: String) -> Node<HTML.FormContext> {
        Forms.select(form.field(name, label), options: [("yes", "Yes"), ("no", "No")], selected: form[name], blank: "Choose")
    }

    /// The letter telling the applicant whether the threshold is met and what happens next,
    /// to print and send (or to copy into an e-mail).
    package static func letter(_ p: Partnership, _ r: ASBCaseReview, settings: CaseSettings, layout: Layout) -> String {
        let met = r.thresholdMet == true
        let day = r.letterSentOn ?? r.decidedOn ?? .today()
        return layout.render(
            .span(.class("caption"), .plainText("\(p.name), \(r.reference)")),
            .h1("Letter to the applicant"),
            .article(
                .class("letter"),
                .p(.strong(.plainText(p.name))),
                .p(.plainText(day.long)),
                .p(.plainText(r.applicantName ?? "The applicant"), .br(), .plainText(r.applicantAddress ?? "")),
                .p(.strong(.plainText("Your ASB Case Review application, reference \(r.reference)"))),
                .p(.plainText("Dear \(r.applicantName ?? "applicant"),")),
                .p(
                    .plainText(
                        "Thank you for your application of \(r.receivedOn.long). You told us of \(r.complaintsCounted) report\(r.complaintsCounted == 1 ? "" : "s") of anti-social behaviour in the \(settings.asbMonths) months before it. Here a case review is held when \(settings.asbComplaints) or more have been made in that time."
                    )),
                met
                    ? .p(
                        .plainText(
                            "Your application meets this threshold. The council, the police and the other partners will look again at how your reports were handled, at a meeting to be held by \(r.meetingDeadline(settings, today: .today())?.day.long ?? "a date we will tell you"). We will write to you with what they decide and any action they agree."
                        ))
                    : .group(
                        .p(
                            .plainText(
                                "Your application does not meet this threshold, so a case review will not be held. If you think this is wrong, you may ask for the decision to be looked at again, by writing to us with your reference."
                            )),
                        .p("Please keep reporting the problem each time it happens, to the council or to the police on 101 (or 999 if anyone is in danger).")),
                .p("Yours sincerely,"),
                .p(.plainText("The community safety team, \(p.name)"))),
            .p(.a(.href(Site.asbCaseReview(p.id, r.id)), "Back to the case")))
    }

    /// A deadline counted in working days, said plainly when its year's bank holidays are not
    /// GOV.UK's published list (and only the usual ones were skipped).
    package static func working(_ d: Deadline) -> String {
        d.words + (WorkingDays.known(d.day) ? "" : " (counted with the usual bank holidays of \(d.day.year); one declared for a single year is not known, so check the date)")
    }

    /// The yearly figures the law requires published.
    package static func statistics(_ rows: [ASBStatistics]) -> Node<HTML.BodyContext> {
        DataTable(
            caption: "ASB Case Reviews by financial year", headers: ["Year", "Applications", "Threshold not met", "Reviews carried out", "Reviews with recommendations"],
            rows: rows.map {
                [
                    .plainText($0.year.description), .plainText("\($0.applications)"), .plainText("\($0.thresholdNotMet)"), .plainText("\($0.reviewsHeld)"),
                    .plainText("\($0.withRecommendations)"),
                ]
            },
            empty: "No applications yet."
        ).node
    }

    package static func list(
        _ p: Partnership, visible: [ASBCaseReview], statistics: [ASBStatistics], settings: CaseSettings, canManage: Bool, form: FormModel, today: CalendarDate,
        layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("ASB Case Reviews"),
            .p(
                .plainText(
                    "Applications for a review of how anti-social behaviour was handled. Each case is seen only by its team; every view is logged. The threshold here: \(settings.asbComplaints) complaints in \(settings.asbMonths) months; the applicant hears within \(settings.asbDecisionWorkingDays) working days. "
                ), .if(canManage, .a(.href(Site.caseSettings(p.id)), "Timescales and thresholds"))),
            DataTable(
                caption: "Your cases", headers: ["Reference", "Received", "Stage", "Letter to the applicant"],
                rows: visible.map { r in
                    [
                        .a(.href(Site.asbCaseReview(p.id, r.id)), .plainText(r.reference)), .plainText(r.receivedOn.long), .plainText(r.stage),
                        .plainText(working(r.letterDeadline(settings, today: today))),
                    ]
                }, empty: "You are on the team of no ASB Case Review."
            ).node,
            Self.statistics(statistics),
            .p(.a(.href(Site.publicASBCaseReview(p.id)), "The public application form and the published figures")),
            .if(
                canManage,
                .group(
                    .h2("Record an application made by letter or telephone"),
                    .form(
                        .method(.post), .action(Site.asbCaseReviews(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        applicationFields(form),
                        Forms.submit("Record the application")))))
    }

    /// The fields of an application, shared by the public form and the staff one.
    package static func applicationFields(_ form: FormModel) -> Node<HTML.FormContext> {
        .group(
            Forms.text(form.field("name", "Name of the person applying"), value: form["name"], autocomplete: "name"),
            Forms.text(form.field("contact", "Email address or telephone number", hint: "How the partners will reply"), value: form["contact"]),
            Forms.textArea(form.field("address", "Address, or the street where the problem is"), value: form["address"]),
            Forms.checkbox(form.field("on_behalf", "I am applying for someone else, with their agreement"), checked: form["on_behalf"] == "yes"),
            .fieldset(
                .element(
                    named: "legend", text: "The reports made about the problem: up to \(ASBForms.complaintRows), each with its date, who it was made to and what it was about"),
                .forEach(Array(1...ASBForms.complaintRows)) { i in
                    .div(
                        .class("complaint"),
                        Forms.text(form.field("reported_on_\(i)", "Report \(i): date", hint: "Like 2026-10-14"), value: form["reported_on_\(i)"]),
                        Forms.text(
                            form.field("reported_to_\(i)", "Report \(i): made to", hint: "For example: the council, the police, the housing association"),
                            value: form["reported_to_\(i)"]),
                        Forms.text(form.field("about_\(i)", "Report \(i): what it was about"), value: form["about_\(i)"]))
                }),
            Forms.checkbox(
                form.field(
                    "consent",
                    "I agree that the council, the police and the other partners may share this application and my reports between them to review how they were handled"),
                checked: form["consent"] == "yes"))
    }

    package static func show(
        _ p: Partnership, _ r: ASBCaseReview, access: CaseAccess, team: [(id: Int64, name: String, role: Role)], candidates: [(id: Int64, name: String, role: Role)],
        settings: CaseSettings, canChange: Bool, failed: (form: String, model: FormModel)?, today: CalendarDate, layout: Layout
    ) -> String {
        func form(_ name: String) -> FormModel { failed?.form == name ? failed!.model : FormModel() }
        let removed = r.personalDataRemovedOn.map { "Removed on \($0.long) at the end of retention" }
        let decision = form("decision"), meeting = form("meeting"), appeal = form("appeal")
        return layout.render(
            Forms.errorSummary(failed?.model.failure),
            .if(
                access != .team,
                .div(
                    .class("notice warning"), .attribute(named: "role", value: "alert"),
                    .p("You are outside this case’s team. This view is logged and flagged for review with the reason you gave."))),
            .span(.class("caption"), .plainText("\(p.name), ASB Case Review")),
            .h1(.plainText(r.reference)),
            SummaryList(items: [
                ("Stage", .plainText(r.stage)), ("Received", .plainText("\(r.receivedOn.long), by \(r.madeBy)")),
                ("Applicant", .plainText(removed ?? r.applicantName ?? "")), ("Contact", .plainText(removed ?? r.applicantContact ?? "")),
                ("Address", .plainText(removed ?? r.applicantAddress ?? "")), ("On behalf of someone else", .plainText(r.onBehalf ? "Yes" : "No")),
                (
                    "Threshold",
                    .plainText("\(r.complaintsCounted) of the reports fall within \(settings.asbMonths) months before the application; \(settings.asbComplaints) are needed")
                ),
                ("Letter to the applicant", .plainText(working(r.letterDeadline(settings, today: today)))),
                ("Review meeting", .plainText(r.meetingDeadline(settings, today: today).map(working) ?? "Only if the threshold is met")),
                ("Recommendations", .plainText(removed ?? r.recommendations.flatMap { $0.isEmpty ? nil : $0 } ?? "None recorded")),
                ("Appeal", .plainText(r.appealRequestedOn.map { "Asked for on \($0.long)" + (r.appealOutcome.isEmpty ? "" : ": \(r.appealOutcome)") } ?? "None")),
            ]).node,
            DataTable(
                caption: "The reports the applicant made", headers: ["Date", "Made to", "About"],
                rows: (r.complaints ?? []).map { [.plainText($0.reportedOn.long), .plainText($0.reportedTo), .plainText($0.about)] },
                empty: removed ?? "None given."
            ).node,
            DataTable(caption: "The case’s team", headers: ["Name", "Role"], rows: team.map { [.plainText($0.name), .plainText($0.role.label)] }, empty: "No one.").node,
            .if(
                access == .team && r.thresholdMet != nil && r.personalDataRemovedOn == nil,
                .p(.a(.href(Site.asbCaseReviewLetter(p.id, r.id)), "The letter to the applicant, to print"))),
            .if(
                canChange,
                .group(
                    .h2("The threshold decision and the letter"),
                    .form(
                        .method(.post), .action(Site.asbCaseReviewDecision(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        yesNo(decision, "threshold_met", "Is the threshold met?"),
                        Forms.text(decision.field("decided_on", "Decided on", hint: "Like 2026-11-20"), value: decision["decided_on"] ?? r.decidedOn?.iso),
                        Forms.text(
                            decision.field("letter_sent_on", "Letter sent on", hint: "Leave empty until it is sent"), value: decision["letter_sent_on"] ?? r.letterSentOn?.iso),
                        Forms.submit("Save the decision")),
                    .h2("The review meeting"),
                    .form(
                        .method(.post), .action(Site.asbCaseReviewMeeting(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(meeting.field("meeting_on", "Held on", hint: "Like 2026-12-10"), value: meeting["meeting_on"] ?? r.meetingOn?.iso),
                        Forms.textArea(
                            meeting.field("recommendations", "Recommendations", hint: "Leave empty if the review made none"), value: meeting["recommendations"] ?? r.recommendations
                        ),
                        Forms.submit("Save the meeting")),
                    .h2("Appeal and closing"),
                    .form(
                        .method(.post), .action(Site.asbCaseReviewAppeal(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.text(
                            appeal.field("appeal_requested_on", "Appeal asked for on", hint: "Empty if none"), value: appeal["appeal_requested_on"] ?? r.appealRequestedOn?.iso),
                        Forms.text(appeal.field("appeal_outcome", "Outcome of the appeal"), value: appeal["appeal_outcome"] ?? r.appealOutcome),
                        Forms.text(
                            appeal.field("closed_on", "Case closed on", hint: "Personal data is removed \(settings.asbRetentionMonths) months after"),
                            value: appeal["closed_on"] ?? r.closedOn?.iso),
                        Forms.submit("Save")),
                    .h2("Add to the team"),
                    .form(
                        .method(.post), .action(Site.asbCaseReviewTeam(p.id, r.id)), .novalidate(), Forms.csrf(layout.csrfToken),
                        Forms.select(
                            form("team").field("user_id", "Person"),
                            options: candidates.filter { c in !team.contains { $0.id == c.id } }.map { ("\($0.id)", "\($0.name) (\($0.role.label))") },
                            selected: nil, blank: "Choose"),
                        .input(.type(.hidden), .name("member"), .value("yes")),
                        Forms.submit("Add to the team")))),
            .p(.a(.href(Site.asbCaseReviews(p.id)), "All ASB Case Reviews")))
    }
}

/// What an administrator outside a case's team sees first: the reason asked for.
package enum BreakGlassView {
    /// A case's page for `visitor`: its team's view, logged; or for an administrator outside
    /// the team, the case with the reason given (`glassReason`, logged and flagged), or the
    /// question for one when none or too short a one was given.
    package static func open(
        _ kind: CaseKind, _ caseID: Int64, reference: String, in p: Partnership, by visitor: Visitor, glassReason: String?, action: String, context: HallmarkContext,
        deps: ReviewsService, page: (CaseAccess) async throws -> HTMLResponse
    ) async throws -> HTMLResponse {
        do {
            return try await page(try await deps.open(kind, caseID, in: p.id, by: visitor, what: "page", glassReason: glassReason))
        } catch CaseRefusal.needsReason {
            let failure = glassReason.map { _ in ValidationFailure(field: "glass_reason", message: "Give your reason for seeing this case, in at least 10 characters") }
            return HTMLResponse(
                render(p, reference: reference, action: action, form: FormModel(input: context.form, failure: failure), layout: context.layout(reference, Layout.crumbs(to: p))),
                status: failure == nil ? .ok : .unprocessableContent)
        }
    }

    package static func render(_ p: Partnership, reference: String, action: String, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1(.plainText("\(reference) is outside your team")),
            .p(
                "Case data about people is seen only by each case’s team. You may look as an administrator if you must: your reason is logged with your name and flagged for review."
            ),
            .form(
                .method(.post), .action(action), .novalidate(), Forms.csrf(layout.csrfToken),
                Forms.textArea(
                    form.field("glass_reason", "Why you need to see this case", hint: "At least 10 characters; for example, a complaint about how it was handled"),
                    value: form["glass_reason"]),
                Forms.submit("Break the glass and see the case")))
    }
}

/// The application form on the public site, and the yearly figures beside it.
package enum PublicASBCaseReviewView {
    static func layout(_ p: Partnership, _ title: String) -> PublicLayout {
        PublicLayout(title: title, breadcrumbs: [("Partnerships", Site.publicPartnerships()), (p.name, Site.publicPartnership(p.id))])
    }

    package static func form(
        _ p: Partnership, settings: CaseSettings, statistics: [ASBStatistics], open: Bool, started: Int64, stamp: String, form: FormModel
    ) -> String {
        layout(p, "Ask for an ASB Case Review").render(
            Forms.errorSummary(form.failure),
            .h1("Ask for an ASB Case Review"),
            .p(
                .plainText(
                    "If you have reported anti-social behaviour \(settings.asbComplaints) times in \(settings.asbMonths) months and feel nothing was done, the partners in \(p.name) will look at your case again. You will hear within \(settings.asbDecisionWorkingDays) working days whether it meets this threshold, and if it does, the review meeting follows."
                )),
            open
                ? .form(
                    .method(.post), .action(Site.publicASBCaseReview(p.id)), .novalidate(),
                    PublicFormCheck.fields(started: started, stamp: stamp),
                    .p(
                        .plainText(
                            "What you write here is seen only by the people reviewing your case, and is deleted \(settings.asbRetentionMonths) months after the case closes; how many applications there were is kept, without names."
                        )),
                    ASBCaseReviewView.applicationFields(form),
                    Forms.submit("Send my application"))
                : .p("Applications cannot be taken here just now. Ask the council or the police for an ASB Case Review instead."),
            .h2("How many reviews there have been"),
            ASBCaseReviewView.statistics(statistics))
    }

    package static func thanks(_ p: Partnership, reference: String?, due: CalendarDate?) -> String {
        layout(p, "Application received").render(
            .h1("Thank you: your application was received"),
            .unwrap(reference) { .p(.plainText("Your reference is \($0). Please quote it if you contact the partners.")) },
            .unwrap(due) { .p(.plainText("You will hear whether your case meets the threshold by \($0.long).")) },
            .p(.a(.href(Site.publicPartnership(p.id)), .plainText("Back to \(p.name)"))))
    }
}
