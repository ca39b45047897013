import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Plot

/// Recording who came, member by member, with the quorum worked out from what was saved.
package enum AttendanceFormView {
    package static func render(
        _ p: Partnership, _ m: Meeting, seats: [MemberEntry], attendance: [RecordID<Membership>: Attendance], quorum: Quorum.Finding, rule: QuorumRule,
        canRun: Bool, failure: ValidationFailure?, layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(failure),
            .span(.class("caption"), .plainText(m.name)),
            .h1("Attendance"),
            .p(.plainText("Quorum in the terms of reference: \(rule.words).")),
            .div(.class(quorum.quorate ? "notice" : "warning"), .id("quorum"), .p(.strong(.plainText(quorum.words)))),
            canRun && !m.minutesApproved
                ? .form(
                    .method(.post), .action(Site.attendance(p.id, m.id)), .novalidate(),
                    Forms.csrf(layout.csrfToken),
                    .input(.type(.hidden), .name("recorded"), .value("yes")),
                    .forEach(seats) { seat in
                        let id = seat.membership.id
                        let current = attendance[id]
                        return .fieldset(
                            .element(
                                named: "legend",
                                text:
                                    "\(seat.personName)\(seat.organisationName.map { ", \($0)" } ?? "") (\(seat.membership.vote == .voting ? "voting" : "associate, not counted"))"),
                            .div(
                                .class("radios"),
                                .forEach(AttendanceStatus.allCases) { status in
                                    .div(
                                        .class("radio"),
                                        .input(
                                            .type(.radio), .id("seat-\(id)-\(status.rawValue)"), .name("seat-\(id)"), .value(status.rawValue),
                                            .attribute(named: "checked", value: (current?.status ?? .absent) == status ? "checked" : nil)),
                                        .label(.for("seat-\(id)-\(status.rawValue)"), .plainText(status.label)))
                                }),
                            Forms.text(Forms.Field(name: "deputy-\(id)", label: "Deputy’s name, if a deputy came"), value: current?.deputyName))
                    },
                    Forms.submit("Save the attendance"))
                : DataTable(
                    caption: "Attendance", headers: ["Member", "Organisation", "Vote", "Attendance"],
                    rows: seats.map { seat in
                        let a = attendance[seat.membership.id]
                        return [
                            .plainText(seat.personName), .plainText(seat.organisationName ?? ""), .plainText(seat.membership.vote.label),
                            .plainText((a?.status.label ?? "Not recorded") + (a?.deputyName.map { " (\($0))" } ?? "")),
                        ]
                    }
                ).node,
            .p(.a(.href(Site.meeting(p.id, m.id)), "Back to the meeting")))
    }
}

/// The rolling action log, and one action with its updates.
package enum ActionLogView {
    package static func render(_ p: Partnership, actions: [ActionEntry], today: CalendarDate, layout: Layout) -> String {
        let open = actions.filter { $0.action.status == .open }, closed = actions.filter { $0.action.status.closed }
        return layout.render(
            .span(.class("caption"), .plainText(p.name)),
            .h1("Action log"),
            .p(.plainText("\(open.count) open, \(open.filter { $0.action.dueDate < today }.count) of them overdue; \(closed.count) closed.")),
            table("Open actions", p, open, today: today, csv: Site.actionLogCSV(p.id)),
            table("Closed actions", p, closed, today: today, csv: nil))
    }

    static func table(_ caption: String, _ p: Partnership, _ actions: [ActionEntry], today: CalendarDate, csv: String?) -> Node<HTML.BodyContext> {
        DataTable(
            caption: caption, headers: ["Action", "Raised at", "Owner", "Due", "Status", "Latest update"],
            rows: actions.map { a in
                [
                    .a(.href(Site.action(p.id, a.action.id)), .plainText(a.action.text)), .plainText(a.raisedAt), .plainText(MeetingPageView.owner(a)),
                    .plainText(a.action.dueDate.long),
                    .plainText(a.action.status.label + (a.action.status == .open && a.action.dueDate < today ? " (overdue)" : "")), .plainText(a.updates.last?.text ?? ""),
                ]
            }, csvHref: csv, empty: "None."
        ).node
    }

    package static func csv(_ actions: [ActionEntry]) -> CSVDocument {
        CSVDocument(
            headers: ["id", "action", "raised_at", "owner", "organisation", "due_date", "status", "updates"],
            rows: actions.map { a in
                [
                    "\(a.action.id)", a.action.text, a.raisedAt, a.ownerName ?? "", a.organisationName ?? "", a.action.dueDate.iso, a.action.status.rawValue,
                    a.updates.map { "\($0.status.rawValue): \($0.text)" }.joined(separator: " | "),
                ]
            })
    }

    package static func action(_ p: Partnership, _ a: ActionEntry, meetings: [Meeting], canUpdate: Bool, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("Action from \(a.raisedAt)")),
            .h1(.plainText(a.action.text)),
            SummaryList(items: [
                ("Raised at", .plainText(a.raisedAt)), ("Owner", .plainText(MeetingPageView.owner(a))),
                ("Due", .plainText(a.action.dueDate.long)), ("Status", .plainText(a.action.status.label)),
            ]).node,
            DataTable(
                caption: "Updates", headers: ["Update", "Status", "When", "By"],
                rows: a.updates.map { u in
                    [.plainText(u.text), .plainText(u.status.label), .plainText(Format.timestamp(Date(timeIntervalSince1970: Double(u.at)))), .plainText(Format.author(u.by))]
                }, empty: "No updates yet."
            ).node,
            .if(
                canUpdate,
                .form(
                    .method(.post), .action(Site.action(p.id, a.action.id)), .novalidate(),
                    Forms.csrf(layout.csrfToken),
                    .h2("Add an update"),
                    Forms.textArea(form.field("update", "Progress"), value: form["update"]),
                    Forms.select(
                        form.field("status", "Status after this update"), options: Forms.options(ActionStatus.self) { $0.label },
                        selected: form["status"] ?? a.action.status.rawValue),
                    Forms.select(
                        form.field("meeting", "Reported at", hint: "The meeting that heard this update, if any"), options: meetings.map { ("\($0.id)", $0.name) },
                        selected: form["meeting"], blank: "Between meetings"),
                    Forms.submit("Add the update")),
                else: .p(
                    "Updates are added by the partnership’s secretariat, or by the action’s owner, signed in with the e-mail address the register holds for them.")
            ),
            .p(.a(.href(Site.actionLog(p.id)), "Back to the action log")))
    }
}

/// The terms of reference in force, their versions, and the form for a new draft.
package enum TermsView {
    package static func render(
        _ p: Partnership, inForce: (version: RecordVersion?, terms: TermsOfReference), versions: [RecordVersion], organisations: [Organisation], canRun: Bool,
        layout: Layout
    ) -> String {
        let t = inForce.terms
        return layout.render(
            .span(.class("caption"), .plainText(p.name)),
            .h1("Terms of reference"),
            .p(
                .plainText(
                    inForce.version.map {
                        $0.isApproved
                            ? "In force: \($0.title), approved at \($0.approvedAtMeeting ?? "")." : "Not yet approved: the latest draft, \($0.title), is used until one is."
                    }
                        ?? "No terms of reference have been saved: meetings use the starting terms below until the board agrees its own.")),
            body(t, organisations: organisations),
            .if(canRun, .p(.a(.class("button"), .href(Site.editTermsOfReference(p.id)), "Draft new terms of reference"))),
            DataTable(
                caption: "Versions, latest first", headers: ["Version", "Status", "Saved"],
                rows: versions.map { v in
                    [
                        .a(.href(Site.termsVersion(p.id, v.id)), .plainText(v.title)), .plainText(v.isApproved ? "Approved at \(v.approvedAtMeeting ?? "")" : "Draft"),
                        .plainText("\(Format.timestamp(Date(timeIntervalSince1970: Double(v.createdAt)))) by \(Format.author(v.createdBy))"),
                    ]
                }, empty: "None saved yet."
            ).node)
    }

    package static func body(_ t: TermsOfReference, organisations: [Organisation]) -> Node<HTML.BodyContext> {
        let names = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id, $0.name) })
        return SummaryList(items: [
            ("Purpose", .plainText(t.purpose.isEmpty ? "Not stated" : t.purpose)),
            ("Membership", .plainText(t.membership.isEmpty ? "Not stated" : t.membership)),
            (
                "Quorum",
                .plainText(
                    t.quorum.words
                        + (t.quorum.requiredOrganisations.isEmpty
                            ? "" : "; and " + t.quorum.requiredOrganisations.map { names[$0] ?? "organisation \($0)" }.joined(separator: ", ")))
            ),
            ("Meets", .plainText(t.frequency.label)),
            ("Chair", .plainText(t.chair ?? "Not named")), ("Vice-chair", .plainText(t.viceChair ?? "Not named")),
            (
                "Standing items",
                .ol(
                    .forEach(t.standingItems.filter { $0.placement == .opening } + t.standingItems.filter { $0.placement == .closing }) { s in
                        .li(.plainText("\(s.item.title) (\(s.placement == .opening ? "opening" : "closing"))"))
                    })
            ),
        ]).node
    }

    package static func form(_ p: Partnership, organisations: [Organisation], form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Draft terms of reference"),
            .form(
                .method(.post), .action(Site.termsOfReference(p.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                Forms.textArea(form.field("purpose", "Purpose"), value: form["purpose"]),
                Forms.textArea(form.field("membership", "Membership", hint: "Who sits on the board, and who nominates them"), value: form["membership"]),
                .fieldset(
                    .element(named: "legend", plainText: "Quorum"),
                    Forms.text(form.field("quorum_count", "Voting members who must be present"), value: form["quorum_count"]),
                    .forEach(RequiredBody.allCases) { body in
                        Forms.checkbox(form.field("body_\(body.rawValue)", "Including \(body.label)"), checked: form["body_\(body.rawValue)"] == "yes")
                    },
                    .forEach(organisations) { o in Forms.checkbox(form.field("organisation_\(o.id)", "Including \(o.name) itself"), checked: form["organisation_\(o.id)"] == "yes")
                    },
                    Forms.checkbox(form.field("deputies_count", "A deputy counts in a member’s place"), checked: form["deputies_count"] == "yes")),
                Forms.select(form.field("frequency", "Meets"), options: Forms.options(Frequency.self) { $0.label }, selected: form["frequency"]),
                Forms.text(form.field("chair", "Chair", hint: "Name and organisation"), value: form["chair"]),
                Forms.text(form.field("vice_chair", "Vice-chair"), value: form["vice_chair"]),
                .fieldset(
                    .element(named: "legend", plainText: "Standing items on every agenda"),
                    .forEach(StandingItem.allCases) { item in
                        Forms.select(
                            form.field("standing_\(item.rawValue)", item.title), options: [("none", "Not a standing item")] + Forms.options(Placement.self) { $0.label },
                            selected: form["standing_\(item.rawValue)"])
                    }),
                Forms.submit("Save as a draft version")))
    }

    /// A form's fields for the terms given, to start a new draft from the terms in force.
    package static func input(_ t: TermsOfReference) -> [String: String] {
        var input: [String: String] = [
            "purpose": t.purpose, "membership": t.membership, "quorum_count": "\(t.quorum.votingMembers)", "frequency": t.frequency.rawValue,
            "chair": t.chair ?? "", "vice_chair": t.viceChair ?? "", "deputies_count": t.quorum.deputiesCount ? "yes" : "",
        ]
        for body in t.quorum.requiredBodies { input["body_\(body.rawValue)"] = "yes" }
        for id in t.quorum.requiredOrganisations { input["organisation_\(id)"] = "yes" }
        for item in StandingItem.allCases { input["standing_\(item.rawValue)"] = t.standingItems.first { $0.item == item }?.placement.rawValue ?? "none" }
        return input
    }

    /// Reads the form; organisations offered are the partnership's.
    package static func validate(_ input: [String: String], organisations: [Organisation]) throws(ValidationFailure) -> TermsOfReference {
        var v = Validator(input)
        let purpose = v.text("purpose", label: "purpose", required: false, maxLength: 4000) ?? ""
        let membership = v.text("membership", label: "membership", required: false, maxLength: 4000) ?? ""
        let count = v.whole("quorum_count", label: "number of voting members for a quorum", in: 1...100)
        let frequency = v.choice("frequency", label: "how often it meets", as: Frequency.self)
        let chair = v.text("chair", label: "chair", required: false)
        let vice = v.text("vice_chair", label: "vice-chair", required: false)
        var standing: [StandingPlacement] = []
        for item in StandingItem.allCases {
            let raw = input["standing_\(item.rawValue)"] ?? "none"
            if raw == "none" { continue }
            guard let placement = Placement(rawValue: raw) else {
                v.fail("standing_\(item.rawValue)", "Select one of the listed places for \(item.title.lowercased())")
                continue
            }
            standing.append(StandingPlacement(item: item, placement: placement))
        }
        try v.check()
        return TermsOfReference(
            purpose: purpose, membership: membership,
            quorum: QuorumRule(
                votingMembers: count!, requiredBodies: RequiredBody.allCases.filter { input["body_\($0.rawValue)"] == "yes" },
                requiredOrganisations: organisations.map(\.id).filter { input["organisation_\($0)"] == "yes" }, deputiesCount: input["deputies_count"] == "yes"),
            frequency: frequency!, chair: chair, viceChair: vice, standingItems: standing)
    }

    package static func version(
        _ p: Partnership, _ v: RecordVersion, _ t: TermsOfReference, signOffs: [SignOff], organisations: [Organisation], held: [Meeting], canRun: Bool, form: FormModel,
        layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1(.plainText(v.title)),
            .p(.class("status"), .plainText(v.isApproved ? "Approved at \(v.approvedAtMeeting ?? ""). Frozen." : "Draft, not yet approved")),
            body(t, organisations: organisations),
            .h2("Signed by the responsible authorities"),
            DataTable(
                caption: "Signatures", headers: ["Organisation", "Signed by", "Date"],
                rows: signOffs.map { [.plainText($0.organisationName), .plainText($0.signedBy), .plainText($0.signedOn.long)] },
                empty: v.isApproved ? "No authority has signed this version yet." : "Authorities sign a version once it is approved."
            ).node,
            .if(
                canRun && !v.isApproved,
                .group(
                    .h2("Record the board’s approval"),
                    held.isEmpty
                        ? .p("Approval is recorded against a meeting that was held: record the meeting as held first.")
                        : .form(
                            .method(.post), .action(Site.approveTermsVersion(p.id, v.id)), .novalidate(),
                            Forms.csrf(layout.csrfToken),
                            Forms.select(form.field("meeting", "Meeting that approved it"), options: held.map { ("\($0.id)", $0.name) }, selected: form["meeting"]),
                            Forms.checkbox(form.field("confirm", "I confirm the board approved this version; it cannot be changed afterwards"), checked: false),
                            Forms.submit("Record the approval")))),
            .if(
                canRun && v.isApproved,
                .form(
                    .method(.post), .action(Site.signOffs(p.id, v.id)), .novalidate(),
                    Forms.csrf(layout.csrfToken),
                    Forms.select(form.field("organisation_id", "Authority"), options: organisations.map { ("\($0.id)", $0.name) }, selected: form["organisation_id"]),
                    Forms.text(form.field("signed_by", "Signed by", hint: "Name and post, for example the chief executive"), value: form["signed_by"]),
                    Forms.text(form.field("signed_on", "Date signed", hint: "For example 2027-04-01"), value: form["signed_on"], type: .date),
                    Forms.submit("Record the signature"))),
            .p(.a(.href(Site.termsOfReference(p.id)), "Back to the terms of reference")))
    }
}
