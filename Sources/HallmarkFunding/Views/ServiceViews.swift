import HallmarkDomain
import HallmarkKit
import Plot

/// Commissioned services: the list with what needs attention and the form for a new one, and
/// each service's page to change it or record the renewal decision.
package enum ServiceView {
    package static func list(
        _ p: Partnership, services: [CommissionedService], reminders: [ServiceReminders.Reminder], canEdit: Bool, form: FormModel, layout: Layout
    ) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText(p.name)),
            .h1("Commissioned services"),
            .unwrap(reminders.isEmpty ? nil : reminders) { reminders in
                .div(
                    .class("warning"), .attribute(named: "role", value: "status"),
                    .h2("Needing attention"),
                    .ul(.forEach(reminders) { r in .li(.plainText("\(r.service.name): \(r.message)")) }))
            },
            DataTable(
                caption: "Services, ending soonest first", headers: ["Service", "Provider", "Contract", "Value", "Funders", "Next report", "Renewal"],
                rows: services.map { s in
                    [
                        canEdit ? .a(.href(Site.service(p.id, s.id)), .plainText(s.name)) : .plainText(s.name), .plainText(s.provider),
                        .plainText("\(s.startsOn.long) to \(s.endsOn.long)"),
                        .plainText(s.value.exact), .plainText(s.funders.map { "\($0.name) \($0.amount.exact)" }.joined(separator: "; ")), .plainText(s.reportDueOn?.long ?? "–"),
                        .plainText(s.renewal.label),
                    ]
                }, csvHref: services.isEmpty ? nil : Site.servicesCSV(p.id), empty: "No commissioned services yet."
            ).node,
            .unwrap(services.isEmpty ? nil : services) { services in
                .group(
                    .h2("Outcomes each service reports on"),
                    .dl(.forEach(services) { s in .group(.dt(.plainText(s.name)), .dd(.plainText(s.outcomes.isEmpty ? "None recorded" : s.outcomes))) }))
            },
            .if(
                canEdit,
                .group(
                    .h2("Commission a service"),
                    .form(
                        .method(.post), .action(Site.services(p.id)), .novalidate(),
                        Forms.csrf(layout.csrfToken),
                        fields(form),
                        Forms.submit("Save the service")))),
            .p(.a(.href(Site.funding(p.id)), "Back to funding and spending")))
    }

    static func fields(_ form: FormModel) -> Node<HTML.FormContext> {
        .group(
            Forms.text(form.field("name", "Service", hint: "For example: Independent domestic violence advisers"), value: form["name"]),
            Forms.text(form.field("provider", "Provider"), value: form["provider"]),
            Forms.text(form.field("starts_on", "Contract starts", hint: "Like 2026-04-01"), value: form["starts_on"]),
            Forms.text(form.field("ends_on", "Contract ends", hint: "Like 2028-03-31"), value: form["ends_on"]),
            Forms.text(form.field("value", "Contract’s whole value", hint: "In pounds; the funders’ amounts below must add up to it"), value: form["value"]),
            .fieldset(
                .element(named: "legend", plainText: "Funders and what each pays"),
                .forEach(1...CommissionedServiceDraft.funderRows) { n in
                    .group(
                        Forms.text(form.field("funder_\(n)", "Funder \(n)"), value: form["funder_\(n)"]),
                        Forms.text(form.field("funder_amount_\(n)", "Amount from funder \(n)"), value: form["funder_amount_\(n)"]))
                }),
            Forms.textArea(form.field("outcomes", "Outcomes it reports on", hint: "Optional: for example, repeat victimisation of high-risk victims"), value: form["outcomes"]),
            Forms.text(form.field("report_due_on", "Next report due", hint: "Optional, like 2026-07-31"), value: form["report_due_on"]),
            Forms.select(
                form.field("renewal", "Renewal decision"), options: Forms.options(CommissionedService.Renewal.self) { $0.label }, selected: form["renewal"] ?? "undecided"))
    }

    package static func input(_ s: CommissionedService) -> [String: String] {
        var input = [
            "name": s.name, "provider": s.provider, "starts_on": s.startsOn.iso, "ends_on": s.endsOn.iso, "value": s.value.exact, "outcomes": s.outcomes,
            "report_due_on": s.reportDueOn?.iso ?? "", "renewal": s.renewal.rawValue,
        ]
        for (n, f) in s.funders.enumerated() {
            input["funder_\(n + 1)"] = f.name
            input["funder_amount_\(n + 1)"] = f.amount.exact
        }
        return input
    }

    package static func service(_ p: Partnership, _ s: CommissionedService, form: FormModel, layout: Layout) -> String {
        layout.render(
            Forms.errorSummary(form.failure),
            .span(.class("caption"), .plainText("\(p.name), commissioned service")),
            .h1(.plainText(s.name)),
            .form(
                .method(.post), .action(Site.service(p.id, s.id)), .novalidate(),
                Forms.csrf(layout.csrfToken),
                fields(form),
                Forms.submit("Save the service")),
            .p(.a(.href(Site.services(p.id)), "Back to the commissioned services")))
    }

    package static func csv(_ services: [CommissionedService]) -> CSVDocument {
        CSVDocument(
            headers: ["service", "provider", "starts_on", "ends_on", "value", "funders", "next_report_due", "renewal", "outcomes"],
            rows: services.map { s in
                [
                    s.name, s.provider, s.startsOn.iso, s.endsOn.iso, s.value.plain, s.funders.map { "\($0.name): \($0.amount.plain)" }.joined(separator: "; "),
                    s.reportDueOn?.iso ?? "", s.renewal.label, s.outcomes,
                ]
            })
    }
}
