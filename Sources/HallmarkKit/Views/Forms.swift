import HallmarkDomain
import Plot

/// Form pieces in the GOV.UK pattern: an error summary at the top linking to each field,
/// the message beside the field, labels tied to inputs, and the user's own input kept.
package enum Forms {
    package static func csrf(_ token: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name("csrf_token"), .value(token))
    }

    /// A sent form's fields written back as hidden inputs, in the order it sent them, for another
    /// page to send again: never its token, nor the fields `leavingOut` names.
    package static func carried(_ context: HallmarkContext, leavingOut: (String) -> Bool) -> Node<HTML.FormContext> {
        .forEach(context.formOrder.filter { $0 != "csrf_token" && !leavingOut($0) }) { name in
            .input(.type(.hidden), .name(AttributeText.escape(name)), .value(AttributeText.escape(context.form[name] ?? "")))
        }
    }

    package static func errorSummary(_ failure: ValidationFailure?) -> Node<HTML.BodyContext> {
        guard let failure, !failure.errors.isEmpty else { return .empty }
        return .div(
            // Focused as the page opens, without a script: a keyboard or screen reader user
            // starts at the problems, not nine stops above them at the top of the page.
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"), .attribute(named: "autofocus", value: "autofocus"),
            .h2(.class("error-summary-title"), "There is a problem"),
            .ul(.forEach(failure.errors) { error in .li(.a(.href("#\(error.field)"), .plainText(error.message))) })
        )
    }

    package struct Field {
        package let name: String
        package let label: String
        package var hint: String? = nil
        package var error: String? = nil

        package init(name: String, label: String, hint: String? = nil, error: String? = nil) {
            self.name = name
            self.label = label
            self.hint = hint
            self.error = error
        }
    }

    /// The wrapper every field shares: label, hint, error, then the control itself.
    private static func wrap(_ field: Field, _ control: Node<HTML.FormContext>) -> Node<HTML.FormContext> {
        .div(
            .class(field.error == nil ? "field" : "field field-error"),
            .label(.for(field.name), .plainText(field.label)),
            .unwrap(field.hint) { hint in .p(.class("hint"), .id("\(field.name)-hint"), .plainText(hint)) },
            .unwrap(field.error) { error in
                .p(.class("error-message"), .id("\(field.name)-error"), .span(.class("visually-hidden"), "Error: "), .plainText(error))
            },
            control
        )
    }

    private static func describedBy(_ field: Field) -> String? {
        let ids = [field.hint.map { _ in "\(field.name)-hint" }, field.error.map { _ in "\(field.name)-error" }].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    package static func text(_ field: Field, value: String?, type: HTMLInputType = .text, autocomplete: String? = nil) -> Node<HTML.FormContext> {
        wrap(
            field,
            .input(
                .type(type), .id(field.name), .name(field.name), .value(AttributeText.escape(value ?? "")),
                .attribute(named: "aria-describedby", value: describedBy(field)),
                .attribute(named: "aria-invalid", value: field.error == nil ? nil : "true"),
                .attribute(named: "autocomplete", value: autocomplete)
            ))
    }

    /// A file to send; its form must be multipart, with the CSRF token as its first field.
    package static func file(_ field: Field, accept: String) -> Node<HTML.FormContext> {
        wrap(
            field,
            .input(
                .type(.file), .id(field.name), .name(field.name), .attribute(named: "accept", value: accept),
                .attribute(named: "aria-describedby", value: describedBy(field)),
                .attribute(named: "aria-invalid", value: field.error == nil ? nil : "true")))
    }

    /// One box to tick, its label beside it; sends "yes" when ticked.
    package static func checkbox(_ field: Field, checked: Bool) -> Node<HTML.FormContext> {
        .div(
            .class(field.error == nil ? "field" : "field field-error"),
            .unwrap(field.error) { error in
                .p(.class("error-message"), .id("\(field.name)-error"), .span(.class("visually-hidden"), "Error: "), .plainText(error))
            },
            .div(
                .class("checkbox"),
                .input(
                    .type(.checkbox), .id(field.name), .name(field.name), .value("yes"), .attribute(named: "checked", value: checked ? "checked" : nil),
                    .attribute(named: "aria-describedby", value: describedBy(field)),
                    .attribute(named: "aria-invalid", value: field.error == nil ? nil : "true")),
                .label(.for(field.name), .plainText(field.label))))
    }

    package static func textArea(_ field: Field, value: String?) -> Node<HTML.FormContext> {
        wrap(
            field,
            .textarea(
                .attribute(named: "id", value: field.name), .attribute(named: "name", value: field.name), .rows(4),
                .attribute(named: "aria-describedby", value: describedBy(field)),
                .attribute(named: "aria-invalid", value: field.error == nil ? nil : "true"),
                .plainText(value ?? "")
            ))
    }

    /// A drop-down. `blank` is the words for "none chosen", shown first when given.
    package static func select(_ field: Field, options: [(value: String, label: String)], selected: String?, blank: String? = nil) -> Node<HTML.FormContext> {
        let chosen = selected ?? ""
        return wrap(
            field,
            .select(
                .attribute(named: "id", value: field.name), .attribute(named: "name", value: field.name),
                .attribute(named: "aria-describedby", value: describedBy(field)),
                .attribute(named: "aria-invalid", value: field.error == nil ? nil : "true"),
                // Plot writes an empty value as a bare attribute; spelt out, the page stays well-formed.
                .unwrap(blank) { words in
                    .raw("<option value=\"\"\(chosen.isEmpty ? " selected=\"selected\"" : "")>\(AttributeText.escape(words))</option>")
                },
                .forEach(options) { option in
                    .element(
                        named: "option",
                        nodes: [
                            Node<HTML.BodyContext>.attribute(named: "value", value: AttributeText.escape(option.value)),
                            option.value == chosen ? .attribute(named: "selected", value: "selected") : .empty,
                            .plainText(option.label),
                        ])
                }
            ))
    }

    package static func submit(_ label: String) -> Node<HTML.FormContext> {
        .button(.type(.submit), .class("button"), .plainText(label))
    }

    /// The options for an enum of choices, in the order the domain declares them.
    package static func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, label: (T) -> String) -> [(value: String, label: String)] where T.RawValue == String {
        T.allCases.map { (value: $0.rawValue, label: label($0)) }
    }
}

/// A form as shown again: the user's own input and what was wrong with it, if anything.
package struct FormModel {
    package var input: [String: String] = [:]
    package var failure: ValidationFailure? = nil

    package init(input: [String: String] = [:], failure: ValidationFailure? = nil) {
        self.input = input
        self.failure = failure
    }

    package func field(_ name: String, _ label: String, hint: String? = nil) -> Forms.Field {
        Forms.Field(name: name, label: label, hint: hint, error: failure?.message(for: name))
    }

    package subscript(_ name: String) -> String? { input[name] }
}
