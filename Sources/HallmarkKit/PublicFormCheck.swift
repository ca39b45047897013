import Foundation
import HallmarkStore
import Plot

/// A public form's defences against machines, with no third-party service: a hidden field no
/// person fills in, and the moment the form was shown, signed with the key every instance
/// shares, so that an answer sent back sooner than a person could is known. Both kinds are
/// thanked alike and dropped, so that a machine learns nothing.
package struct PublicFormCheck: Sendable {
    package enum Verdict: Sendable, Equatable { case person, honeypot, tooFast }

    let formKey: FormKey
    let store: Store
    /// Fewer seconds than this between showing a form and its answer: a machine.
    package var fewestSeconds: Int64 = 3

    package init(formKey: FormKey, store: Store) {
        self.formKey = formKey
        self.store = store
    }

    /// The signature of the moment the form for `purpose` ("consultation 12") was shown.
    package func stamp(_ purpose: String, at time: Int64) async throws -> String {
        try await formKey.token(for: "\(purpose) \(time)", AccountRepository(store: store))
    }

    /// Whether the form was shown by this server (any instance) at least `fewestSeconds` and at
    /// most two days before `now`.
    package func humanPaced(_ purpose: String, started: String?, stamp: String?, now: Int64) async throws -> Bool {
        guard let started, let time = Int64(started), let stamp, Secrets.equal(stamp, try await self.stamp(purpose, at: time)) else { return false }
        return now - time >= fewestSeconds && now - time <= 2 * 86_400
    }

    package func verdict(_ form: [String: String], purpose: String, now: Int64 = Int64(Date().timeIntervalSince1970)) async throws -> Verdict {
        if !(form["website"] ?? "").isEmpty { return .honeypot }
        return try await humanPaced(purpose, started: form["started"], stamp: form["stamp"], now: now) ? .person : .tooFast
    }

    /// The hidden fields every guarded form carries: when it was shown, its signature, and the
    /// field for machines only (hidden from people and from screen readers).
    package static func fields(started: Int64, stamp: String) -> Node<HTML.FormContext> {
        .group(
            .input(.type(.hidden), .name("started"), .value("\(started)")),
            .input(.type(.hidden), .name("stamp"), .value(stamp)),
            .div(
                .class("visually-hidden"), .attribute(named: "aria-hidden", value: "true"),
                .label(.for("website"), "Leave this empty"),
                .input(.type(.text), .id("website"), .name("website"), .attribute(named: "tabindex", value: "-1"), .attribute(named: "autocomplete", value: "off"))))
    }
}
