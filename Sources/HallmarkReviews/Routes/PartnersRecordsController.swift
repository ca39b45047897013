import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird

/// The IOM cohort's quarterly figures and the information-sharing register: read by every
/// member, kept by those who manage cases. Neither names a person.
package struct PartnersRecordsController {
    package let deps: ReviewsService

    package init(deps: ReviewsService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.iom.path, use: iom)
        router.post(Site.iom.path, use: saveQuarter)
        router.get(Site.iomCSV.path, use: iomCSV)
        router.get(Site.sharingAgreements.path, use: agreements)
        router.post(Site.sharingAgreements.path, use: addAgreement)
        router.get(Site.sharingAgreementsCSV.path, use: agreementsCSV)
        router.get(Site.sharingAgreement.path, use: agreement)
        router.post(Site.sharingAgreementReview.path, use: review)
    }

    private func iomPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel) async throws -> HTMLResponse {
        HTMLResponse(
            IOMView.render(
                p, try await deps.iom.quarters(of: p.id), canEnter: visitor.user.role.may(.manageCases), form: form,
                layout: context.layout("Integrated Offender Management", Layout.crumbs(to: p))), status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func iom(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readRegister)
        return try await iomPage(context, p, visitor, form: FormModel())
    }

    package func saveQuarter(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageCases)
        do {
            try await deps.iom.save(try IOMForms.quarter(context.form), of: p.id, by: visitor.author)
            return redirect(to: Site.iom(p.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await iomPage(context, p, visitor, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    package func iomCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readRegister)
        return IOMView.csv(try await deps.iom.quarters(of: p.id)).response(filename: "\(FileName.slug(p.name))-iom.csv")
    }

    private func registerPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, form: FormModel) async throws -> HTMLResponse {
        HTMLResponse(
            SharingAgreementView.register(
                p, try await deps.sharing.agreements(of: p.id), canEdit: visitor.user.role.may(.manageCases), form: form, today: .today(),
                layout: context.layout("Information-sharing agreements", Layout.crumbs(to: p))), status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func agreements(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor) = try await deps.register.partnership(context, .readRegister)
        return try await registerPage(context, p, visitor, form: FormModel())
    }

    package func addAgreement(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor) = try await deps.register.partnership(context, .manageCases)
        do {
            let added = try await deps.sharing.add(try SharingForms.agreement(context.form, today: .today()), to: p.id, by: visitor.author)
            return redirect(to: Site.sharingAgreement(p.id, added.id), notice: .agreementRecorded)
        } catch let failure as ValidationFailure {
            return try await registerPage(context, p, visitor, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    package func agreementsCSV(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, _) = try await deps.register.partnership(context, .readRegister)
        return SharingAgreementView.csv(try await deps.sharing.agreements(of: p.id)).response(filename: "\(FileName.slug(p.name))-information-sharing.csv")
    }

    private func found(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor, SharingAgreement) {
        let (p, visitor) = try await deps.register.partnership(context, permission)
        let id: RecordID<SharingAgreement> = try context.id("agreement")
        guard let a = try await deps.sharing.agreements(of: p.id).first(where: { $0.id == id }) else { throw AccessRefused.notFound }
        return (p, visitor, a)
    }

    private func agreementPage(_ context: HallmarkContext, _ p: Partnership, _ visitor: Visitor, _ a: SharingAgreement, form: FormModel) -> HTMLResponse {
        HTMLResponse(
            SharingAgreementView.agreement(
                p, a, canEdit: visitor.user.role.may(.manageCases), form: form, today: .today(),
                layout: context.layout(a.title, Layout.crumbs(to: p) + [("Information-sharing agreements", Site.sharingAgreements(p.id))])),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func agreement(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (p, visitor, a) = try await found(context, .readRegister)
        return agreementPage(context, p, visitor, a, form: FormModel())
    }

    package func review(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (p, visitor, a) = try await found(context, .manageCases)
        do {
            var v = Validator(context.form)
            let next = v.date("review_on", label: "day of the next review")
            if let next, next <= .today() { v.fail("review_on", "The next review falls after today") }
            if let next, next > CalendarDate.today().adding(days: 3 * 366) { v.fail("review_on", "Review an agreement at least every three years") }
            try v.check()
            try await deps.sharing.reviewed(a.id, next: next!, in: p.id, by: visitor.author)
            return redirect(to: Site.sharingAgreement(p.id, a.id), notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try agreementPage(context, p, visitor, a, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }
}
