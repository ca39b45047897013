import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import Plot

/// Everything a meeting page shows, gathered by the controller.
package struct MeetingPage {
    package var partnership: Partnership
    package var meeting: Meeting
    package var items: [AgendaItem]
    package var papers: [Paper]
    package var decisions: [Decision]
    package var actions: [ActionEntry]
    package var quorum: Quorum.Finding?
    package var attendanceRecorded: Int
    package var packs: [BoardPack]
    /// The agenda's count of changes now: a pack printed at another is out of date.
    package var agendaVersion: Int
    package var packsUnderWay: Set<PackAudience>
    /// Why the last pack asked for could not be printed, if it could not.
    package var packFailure: String?
    /// Earlier meetings held whose minutes this meeting may approve.
    package var approvable: [Meeting]
    package var approvedHere: [Meeting]
    package var canRun: Bool
    package var canPrintPacks: Bool

    /// The actions this meeting's action log carries: raised earlier and open, or closed at it.
    package var actionLog: [ActionEntry] {
        actions.filter { entry in
            entry.action.meetingID != meeting.id && (entry.action.status == .open || entry.action.closedAtMeeting == meeting.id)
        }
    }
}

package enum MeetingPageView {
    package static func render(_ page: MeetingPage, layout: Layout) -> String {
        let p = page.partnership, m = page.meeting
        let latest = BoardPackContents.latest(page.papers)
        return layout.render(
            .span(.class("caption"), .plainText(p.name)),
            .h1(.plainText(m.name)),
            SummaryList(items: [
                ("Time", .plainText("\(m.startTime) to \(m.endTime)")),
                ("Venue", .plainText(m.venue ?? "Online only")),
                ("Join online", m.onlineLink.map { .a(.href(AttributeText.escape($0)), .plainText($0)) } ?? .plainText("No link")),
                ("Status", .plainText(m.status.label)),
                ("Public", .plainText(m.published ? "The agenda and public papers are on the public site" : "Not published")),
                ("Minutes", .plainText(m.minutesApproved ? "Approved; this record is frozen" : "Not yet approved")),
            ]).node,
            .unwrap(page.quorum) { finding in
                .div(
                    .class(finding.quorate ? "notice" : "warning"), .id("quorum"),
                    .p(.strong(.plainText(finding.words)), .plainText(" (from the attendance recorded for \(page.attendanceRecorded) members)")))
            },
            .ul(
                .class("related"),
                .if(page.canRun, .li(.a(.href(Site.editMeeting(p.id, m.id)), "Change the meeting’s details or status"))),
                .li(.a(.href(Site.attendance(p.id, m.id)), page.canRun ? "Record attendance" : "Attendance")),
                .li(.a(.href(Site.meetings(p.id)), "All meetings"))),
            .h2("Agenda"),
            DataTable(
                caption: "Items in order", headers: ["Item", "Title", "Presenter", "Purpose", "Time (minutes)", "Papers"],
                rows: page.items.enumerated().map { n, item in
                    [
                        .plainText("\(n + 1)"),
                        .group(.a(.href(Site.agendaItem(p.id, m.id, item.id)), .plainText(item.title)), .if(item.exempt, .plainText(" (exempt)"))),
                        .plainText(item.presenter ?? ""), .plainText(item.purpose.label), .plainText("\(item.durationMinutes)"),
                        .plainText("\(latest[item.id]?.count ?? 0)"),
                    ]
                }, csvHref: Site.agendaCSV(p.id, m.id), empty: "The agenda has no items yet."
            ).node,
            .if(page.canRun && !m.minutesApproved, addItemForm(p, m, layout: layout)),
            .h2("Minutes"),
            .p(.a(.href(Site.decisionsCSV(p.id)), .plainText("Every decision of \(p.name)’s meetings as CSV"))),
            .group(
                page.items.enumerated().map { n, item in
                    let decisions = page.decisions.filter { $0.itemID == item.id }
                    let actions = page.actions.filter { $0.action.itemID == item.id }
                    if item.minute == nil, decisions.isEmpty, actions.isEmpty { return .empty }
                    return .section(
                        .h3(.plainText("\(n + 1). \(item.title)")),
                        .unwrap(item.minute, Paragraphs.node),
                        .forEach(decisions) { d in .p(.class("kept-lines"), .strong("Decision: "), .plainText(d.text), .plainText(voteWords(d))) },
                        .forEach(actions) { a in .p(.strong("Action: "), .plainText(actionWords(a))) })
                }),
            .if(page.items.allSatisfy { $0.minute == nil } && page.decisions.isEmpty && page.actions.allSatisfy { $0.action.meetingID != m.id }, .p("Nothing minuted yet.")),
            .h2("Action log"),
            DataTable(
                caption: "Actions carried to this meeting", headers: ["Action", "Owner", "Due", "Status", "Latest update"],
                rows: page.actionLog.map { a in
                    [
                        .a(.href(Site.action(p.id, a.action.id)), .plainText(a.action.text)), .plainText(owner(a)), .plainText(a.action.dueDate.long),
                        .plainText(a.action.status.label + (a.action.status == .open && a.action.dueDate < m.date ? " (due before this meeting)" : "")),
                        .plainText(a.updates.last?.text ?? ""),
                    ]
                }, empty: "No actions were open from earlier meetings."
            ).node,
            .if(page.canRun && !page.approvable.isEmpty, approveForm(p, m, page.approvable, layout: layout)),
            .if(!page.approvedHere.isEmpty, .p(.plainText("This meeting approved the minutes of " + page.approvedHere.map(\.name).joined(separator: "; ") + "."))),
            .h2("Board packs"),
            DataTable(
                caption: "Board packs printed", headers: ["Pack", "Version", "Pages", "Printed", "Checksum (SHA-256)"],
                rows: page.packs.reversed().map { pack in
                    [
                        .group(
                            .a(.href(Site.boardPack(p.id, m.id, pack.id)), .plainText("\(pack.audience.label) (PDF, \(kilobytes(pack.size)))")),
                            .if(pack.agendaVersion != page.agendaVersion, .plainText(" – out of date: the agenda or papers have changed since; print it again"))),
                        .plainText("\(pack.version)"),
                        .plainText("\(pack.pages)"), .plainText("\(Format.timestamp(Date(timeIntervalSince1970: Double(pack.createdAt)))) by \(Format.author(pack.createdBy))"),
                        .element(named: "code", nodes: [Node<HTML.BodyContext>.plainText(String(pack.sha256.prefix(16)))]),
                    ]
                }, empty: "No pack has been printed yet."
            ).node,
            .if(
                !page.packsUnderWay.isEmpty,
                .p(
                    .attribute(named: "role", value: "status"),
                    .plainText("Being printed now: " + page.packsUnderWay.map(\.label).sorted().joined(separator: ", ") + ". Reload the page to see them."))),
            .if(
                page.canRun,
                .group(
                    page.canPrintPacks
                        ? .form(
                            .method(.post), .action(Site.boardPacks(p.id, m.id)), .class("inline-form"),
                            Forms.csrf(layout.csrfToken),
                            Forms.select(
                                Forms.Field(name: "audience", label: "Print a pack for"), options: Forms.options(PackAudience.self) { $0.label }, selected: "members"),
                            Forms.submit("Print the pack"))
                        : .p("This server cannot print board packs (it needs Chromium, qpdf and pdfinfo)."),
                    .form(
                        .method(.post), .action(Site.publishMeeting(p.id, m.id)),
                        Forms.csrf(layout.csrfToken),
                        .input(.type(.hidden), .name("published"), .value(m.published ? "no" : "yes")),
                        .button(
                            .type(.submit), .class(m.published ? "button secondary" : "button"),
                            .plainText(m.published ? "Take off the public site" : "Publish: print both packs and put the agenda and public papers on the public site")))))
        )
    }

    static func addItemForm(_ p: Partnership, _ m: Meeting, layout: Layout) -> Node<HTML.BodyContext> {
        .details(
            .summary("Add an item of business"),
            .form(
                .method(.post), .action(Site.agendaItems(p.id, m.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                ItemForm.fields(FormModel(input: ["purpose": "discussion", "duration_minutes": "15"])),
                Forms.submit("Add to the agenda")))
    }

    static func approveForm(_ p: Partnership, _ m: Meeting, _ earlier: [Meeting], layout: Layout) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(Site.approveMinutes(p.id, m.id)),
            Forms.csrf(layout.csrfToken),
            Forms.select(
                Forms.Field(name: "previous", label: "Minutes approved at this meeting", hint: "Once approved, that meeting’s record is frozen"),
                options: earlier.map { ("\($0.id)", $0.name) }, selected: earlier.last.map { "\($0.id)" }),
            Forms.checkbox(Forms.Field(name: "confirm", label: "The meeting approved these minutes as a true record"), checked: false),
            Forms.submit("Record the approval of these minutes"))
    }

    package static func agendaCSV(_ items: [AgendaItem], papers: [RecordID<AgendaItem>: [Paper]]) -> CSVDocument {
        CSVDocument(
            headers: ["item", "title", "presenter", "purpose", "minutes", "exempt_reason", "standing_item", "papers"],
            rows: items.enumerated().map { n, item in
                [
                    "\(n + 1)", item.title, item.presenter ?? "", item.purpose.rawValue, "\(item.durationMinutes)", item.exemptReason ?? "", item.standing?.rawValue ?? "",
                    (papers[item.id] ?? []).map { "\($0.title) (v\($0.version))" }.joined(separator: "; "),
                ]
            })
    }

    package static func voteWords(_ d: Decision) -> String {
        guard let f = d.votesFor, let a = d.votesAgainst, let n = d.abstentions else { return "" }
        return " (for \(f), against \(a), abstaining \(n))"
    }

    package static func owner(_ a: ActionEntry) -> String {
        let names = [a.ownerName, a.organisationName].compactMap { $0 }
        return names.isEmpty ? "not named" : names.joined(separator: ", ")
    }

    package static func actionWords(_ a: ActionEntry) -> String {
        let text = a.action.text.hasSuffix(".") ? a.action.text : a.action.text + "."
        return "\(text) Owner: \(owner(a)). Due \(a.action.dueDate.long)."
    }

    package static func kilobytes(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KB"
    }
}

/// The fields of an agenda item.
package enum ItemForm {
    package static func fields(_ form: FormModel) -> Node<HTML.FormContext> {
        .group(
            Forms.text(form.field("title", "Title"), value: form["title"]),
            Forms.text(form.field("presenter", "Presenter", hint: "Name and organisation; leave empty if none"), value: form["presenter"]),
            Forms.select(form.field("purpose", "Purpose"), options: Forms.options(ItemPurpose.self) { $0.label }, selected: form["purpose"]),
            Forms.text(form.field("duration_minutes", "Minutes allowed"), value: form["duration_minutes"]),
            Forms.checkbox(form.field("exempt", "Exempt from publication: the public pack and site leave it out"), checked: form["exempt"] == "yes"),
            Forms.text(
                form.field("exempt_reason", "Reason it is exempt", hint: "For example: Schedule 12A paragraph 1, information about an individual"),
                value: form["exempt_reason"]))
    }
}
