import Foundation
import HallmarkDomain
import HallmarkStore

/// A document saved as a versioned record (an allocation statement, a plan) as its page shows
/// it: the stored A4 document with the status its record holds now, links to go back and to
/// download, and for those who may record it the form for the board's approval, which keeps
/// what was typed and says what was missing.
package enum ApprovableDocument {
    /// The stored document with its record's status: "Approved at …; frozen" once approved.
    package static func shown(_ html: String, stored status: String, version: RecordVersion) -> String {
        A4Document.withStatus(html, stored: status, shown: version.isApproved ? "Approved at \(version.approvedAtMeeting ?? "a meeting"); frozen" : status)
    }

    /// - Parameters:
    ///   - what: the document in words, for the approval's checkbox: "this allocation".
    ///   - approveAction: where the approval form goes; nil for those who may not record one, or once approved.
    ///   - problems: what was wrong with an approval just sent, by field.
    package static func page(
        _ document: String, label: String, links: [(text: String, href: String)], approveAction: String?, what: String, csrf: String, meeting: String = "",
        problems: [(field: String, message: String)] = []
    ) -> String {
        let summary =
            problems.isEmpty
            ? ""
            : """
            <div class="error-summary" role="alert" tabindex="-1"><h2>There is a problem</h2><ul>\
            \(problems.map { "<li><a href=\"#\($0.field)\">\(AttributeText.escape($0.message))</a></li>" }.joined())</ul></div>
            """
        let tools = """
            \(summary)<nav class="toolbar" aria-label="\(AttributeText.escape(label))"><p>\
            \(links.map { "<a href=\"\(AttributeText.escape($0.href))\">\(AttributeText.escape($0.text))</a>" }.joined(separator: " · "))</p></nav>
            """
        let approval = approveAction.map { form($0, what: what, csrf: csrf, meeting: meeting, problems: problems) } ?? ""
        return document.replacingOccurrences(of: "<main id=\"main\" class=\"page\">", with: "<main id=\"main\" class=\"page\">" + tools)
            .replacingOccurrences(of: "</main>", with: approval + "</main>")
    }

    static func form(_ action: String, what: String, csrf: String, meeting: String, problems: [(field: String, message: String)]) -> String {
        func error(_ field: String) -> String {
            problems.first { $0.field == field }.map {
                "<p class=\"error-message\" id=\"\(field)-error\"><span class=\"visually-hidden\">Error: </span>\(AttributeText.escape($0.message))</p>"
            } ?? ""
        }
        return """
            <section class="toolbar" aria-labelledby="approve-heading"><h2 id="approve-heading">Record the board’s approval</h2>\
            <form method="post" action="\(AttributeText.escape(action))" novalidate=""><input type="hidden" name="csrf_token" value="\(AttributeText.escape(csrf))"/>\
            <div class="field\(error("meeting").isEmpty ? "" : " field-error")"><label for="meeting">Meeting that approved it</label><p class="hint" id="meeting-hint">Its name and date, for example County Strategy Board, 14 March 2027</p>\
            \(error("meeting"))<input type="text" id="meeting" name="meeting" value="\(AttributeText.escape(meeting))" aria-describedby="meeting-hint"/></div>\
            <div class="checkbox\(error("confirm").isEmpty ? "" : " field-error")">\(error("confirm"))<input type="checkbox" id="confirm" name="confirm" value="yes"/><label for="confirm">The board approved \(AttributeText.escape(what)); it cannot be changed afterwards</label></div>\
            <button type="submit" class="button">Record the approval</button></form></section>
            """
    }

    /// Records the approval the form asks for; returns what was wrong with it, or nothing once
    /// recorded (a version already approved is refused by the record, said at the meeting).
    package static func record(_ input: [String: String], what: String, _ approve: (String) async throws -> Void) async throws -> [(field: String, message: String)] {
        var v = Validator(input)
        let meeting = v.text("meeting", label: "meeting that approved it")
        if !v.flag("confirm") { v.fail("confirm", "Tick the box to confirm the board approved \(what)") }
        guard let meeting, v.errors.isEmpty else { return v.errors.map { (field: $0.field, message: $0.message) } }
        do {
            try await approve(meeting)
            return []
        } catch let failure as ValidationFailure {
            return failure.errors.map { (field: "meeting", message: $0.message) }
        }
    }
}
