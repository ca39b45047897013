import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import Hummingbird
import Plot

/// Reviews of the county's partnership arrangements: read by everyone who sees the county,
/// kept by those who restructure (county officers and administrators).
package struct ReviewController {
    package let deps: RestructuringService

    package init(deps: RestructuringService) { self.deps = deps }

    package func register(on router: Router<HallmarkContext>) {
        router.get(Site.arrangementReviews.path, use: list)
        router.post(Site.arrangementReviews.path, use: open)
        router.get(Site.arrangementReview.path, use: review)
        router.post(Site.arrangementReviewFormula.path, use: formula)
        router.post(Site.arrangementReviewPositions.path, use: position)
        router.post(Site.arrangementReviewRecommendation.path, use: recommend)
        router.get(Site.arrangementReviewAppraisal.path, use: appraisal)
        router.get(Site.arrangementReviewAppraisalPDF.path, use: appraisalPDF)
        router.get(Site.arrangementReviewCSV.path, use: csv)
        router.post(Site.appraisalVersions.path, use: saveAppraisal)
        router.get(Site.appraisalVersion.path, use: appraisalVersion)
        router.get(Site.appraisalVersionPDF.path, use: appraisalVersionPDF)
        router.post(Site.approveAppraisal.path, use: approveAppraisal)
        router.post(Site.arrangementOptions.path, use: addOption)
        router.get(Site.arrangementOption.path, use: option)
        router.post(Site.arrangementOptionWords.path, use: words)
        router.post(Site.arrangementOptionPartnerships.path, use: partnerships)
        router.post(Site.arrangementOptionBoards.path, use: boards)
        router.post(Site.arrangementOptionThemes.path, use: themes)
    }

    private func listPage(_ context: HallmarkContext, _ county: Partnership, _ visitor: Visitor, form: FormModel) async throws -> HTMLResponse {
        let mergers = try await deps.progress(ofMergersIn: county).map { ($0.merger, $0.stage) }
        return HTMLResponse(
            ReviewListView.render(
                county, reviews: try await deps.reviews.reviews(of: county.id), mergers: mergers, canEdit: visitor.user.role.may(.restructure), form: form,
                layout: context.layout("Reviews of partnership arrangements", Layout.crumbs(to: county))),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func list(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (county, visitor) = try await deps.county(context, .readRegister)
        return try await listPage(context, county, visitor, form: FormModel())
    }

    package func open(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (county, visitor) = try await deps.county(context, .restructure)
        do {
            let opened = try await deps.reviews.open(try RestructuringForms.review(context.form), formula: .starting, in: county.id, on: .today(), by: visitor.author)
            return redirect(to: Site.arrangementReview(county.id, opened.id), notice: .reviewOpened)
        } catch let failure as ValidationFailure {
            return try await listPage(context, county, visitor, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    private func found(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor, ArrangementReview) {
        let (county, visitor) = try await deps.county(context, permission)
        guard let review = try await deps.reviews.review(try context.id("review"), in: county.id) else { throw AccessRefused.notFound }
        return (county, visitor, review)
    }

    private func model(_ county: Partnership, _ visitor: Visitor, _ review: ArrangementReview) async throws -> ReviewView.Model {
        ReviewView.Model(
            county: county, review: review, comparison: try await deps.comparison(review, county: county, on: .today()),
            positions: try await deps.reviews.positions(of: review.id), canEdit: visitor.user.role.may(.restructure), today: .today(),
            versions: try await deps.appraisals(of: review))
    }

    private func reviewPage(_ context: HallmarkContext, _ county: Partnership, _ visitor: Visitor, _ review: ArrangementReview, form: FormModel) async throws -> HTMLResponse {
        HTMLResponse(
            ReviewView.render(
                try await model(county, visitor, review), form: form,
                layout: context.layout(review.title, Layout.crumbs(to: county) + [("Reviews of arrangements", Site.arrangementReviews(county.id))])),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func review(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (county, visitor, review) = try await found(context, .readRegister)
        return try await reviewPage(context, county, visitor, review, form: FormModel())
    }

    /// Runs a change to the review and goes back to its page at `anchor`; a refusal is shown there.
    private func change(
        _ request: Request, _ context: HallmarkContext, anchor: String, _ body: @escaping (ArrangementReview, Visitor) async throws -> Void
    ) async throws -> Response {
        let (county, visitor, review) = try await found(context, .restructure)
        do {
            try await body(review, visitor)
            return redirect(to: Site.arrangementReview(county.id, review.id) + "#\(anchor)", notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await reviewPage(context, county, visitor, review, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    package func formula(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, anchor: "funding") { review, visitor in
            let formula = try RestructuringForms.formula(context.form)
            try await deps.reviews.change(review.id, in: review.partnershipID, by: visitor.author) { $0.formula = formula }
        }
    }

    package func position(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, anchor: "positions") { review, visitor in
            let options = try await deps.reviews.options(of: review.id)
            _ = try await deps.reviews.addPosition(try RestructuringForms.position(context.form, options: options, today: .today()), to: review, by: visitor.author)
        }
    }

    package func recommend(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await change(request, context, anchor: "recommended") { review, visitor in
            let chosen = try RestructuringForms.recommendation(context.form, options: try await deps.reviews.options(of: review.id))
            try await deps.reviews.change(review.id, in: review.partnershipID, by: visitor.author) {
                $0.recommendedOptionID = chosen.option
                $0.recommendation = chosen.reasons
            }
        }
    }

    package func addOption(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (county, visitor, review) = try await found(context, .restructure)
        do {
            let f = try RestructuringForms.option(context.form)
            let today = try await deps.today(of: county, on: .today())
            let structure: Structure =
                switch f.start {
                case .today: today
                case .one: today.mergedIntoOne(f.name)
                case .empty: Structure(partnerships: [], countyBoards: [])
                }
            let added = try await deps.reviews.addOption(f.name, summary: f.summary, structure: structure, to: review, by: visitor.author)
            return redirect(to: Site.arrangementOption(county.id, review.id, added.id), notice: .optionAdded)
        } catch let failure as ValidationFailure {
            return try await reviewPage(context, county, visitor, review, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    private func document(_ context: HallmarkContext) async throws -> (Partnership, ArrangementReview, ReviewView.Model) {
        let (county, visitor, review) = try await found(context, .readRegister)
        return (county, review, try await model(county, visitor, review))
    }

    package func appraisal(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (county, review, m) = try await document(context)
        let toolbar: Node<HTML.BodyContext> = .nav(
            .class("toolbar"), .ariaLabel("Paper"),
            .a(.href(Site.arrangementReview(county.id, review.id)), "Back to the review"),
            .if(deps.printer != nil, .a(.href(Site.arrangementReviewAppraisalPDF(county.id, review.id)), .class("button"), "Download as PDF")))
        return HTMLResponse(AppraisalDocument.html(m, toolbar: toolbar))
    }

    package func appraisalPDF(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (county, review, m) = try await document(context)
        return try await PDFPrinter.response(
            deps.printer, html: AppraisalDocument.html(m), name: "\(FileName.slug(county.name))-options-appraisal-\(review.id).pdf", what: "appraisal")
    }

    package func csv(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (county, review, m) = try await document(context)
        let name = context.parameters.get("table") ?? ""
        guard name.hasSuffix(".csv"), let table = ComparisonTables.all(m.comparison, positions: m.positions).first(where: { "\($0.name).csv" == name }) else {
            throw AccessRefused.notFound
        }
        return table.csv.response(filename: "\(FileName.slug(county.name))-review-\(review.id)-\(name)")
    }

    // The appraisal saved for the board

    package func saveAppraisal(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (county, visitor, review) = try await found(context, .restructure)
        do {
            var v = Validator(context.form)
            let meeting = v.text("for_meeting", label: "meeting it goes to", maxLength: 200)
            try v.check()
            let saved = try await deps.saveAppraisal(try await model(county, visitor, review), for: meeting!, savedBy: visitor.user.name, by: visitor.author)
            return redirect(to: Site.appraisalVersion(county.id, review.id, saved.id), notice: .versionSaved)
        } catch let failure as ValidationFailure {
            return try await reviewPage(context, county, visitor, review, form: FormModel(input: context.form, failure: failure)).response(from: request, context: context)
        }
    }

    /// The appraisal as saved, with the status its record holds now.
    private func stored(_ context: HallmarkContext, _ county: Partnership, _ review: ArrangementReview) async throws -> (RecordVersion, String) {
        let id: RecordID<RecordVersion> = try context.id("version")
        guard try await deps.appraisals(of: review).contains(where: { $0.id == id }),
            let found = try await deps.appraisals.parts(["appraisal.html", "status"], of: id, in: county.id), let html = found.parts["appraisal.html"],
            let status = found.parts["status"]
        else { throw AccessRefused.notFound }
        return (found.version, ApprovableDocument.shown(html, stored: status, version: found.version))
    }

    private func versionPage(
        _ context: HallmarkContext, _ county: Partnership, _ visitor: Visitor, _ review: ArrangementReview, meeting: String, problems: [(field: String, message: String)]
    ) async throws -> HTMLResponse {
        let (v, page) = try await stored(context, county, review)
        var links = [(text: "Back to the review", href: Site.arrangementReview(county.id, review.id))]
        if deps.printer != nil { links.append((text: "Download as PDF", href: Site.appraisalVersionPDF(county.id, review.id, v.id))) }
        return HTMLResponse(
            ApprovableDocument.page(
                page, label: "Appraisal", links: links,
                approveAction: visitor.user.role.may(.restructure) && !v.isApproved ? Site.approveAppraisal(county.id, review.id, v.id) : nil,
                what: "this options appraisal", csrf: context.csrfToken, meeting: meeting, problems: problems),
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    package func appraisalVersion(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (county, visitor, review) = try await found(context, .readRegister)
        return try await versionPage(context, county, visitor, review, meeting: "", problems: [])
    }

    package func appraisalVersionPDF(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (county, _, review) = try await found(context, .readRegister)
        let (v, page) = try await stored(context, county, review)
        return try await PDFPrinter.response(deps.printer, html: page, name: "\(FileName.slug(county.name))-options-appraisal-\(v.id).pdf", what: "appraisal")
    }

    package func approveAppraisal(_ request: Request, context: HallmarkContext) async throws -> Response {
        let (county, visitor, review) = try await found(context, .restructure)
        let (v, _) = try await stored(context, county, review)
        let problems = try await ApprovableDocument.record(context.form, what: "this options appraisal") { meeting in
            _ = try await deps.appraisals.approve(v.id, in: county.id, meeting: meeting, by: visitor.author)
        }
        if problems.isEmpty { return redirect(to: Site.appraisalVersion(county.id, review.id, v.id), notice: .versionApproved) }
        return try await versionPage(context, county, visitor, review, meeting: context.form["meeting"] ?? "", problems: problems).response(from: request, context: context)
    }

    // Options

    private func foundOption(_ context: HallmarkContext, _ permission: Permission) async throws -> (Partnership, Visitor, ArrangementReview, ArrangementOption) {
        let (county, visitor, review) = try await found(context, permission)
        let id: RecordID<ArrangementOption> = try context.id("option")
        guard let option = try await deps.reviews.options(of: review.id).first(where: { $0.id == id }) else { throw AccessRefused.notFound }
        return (county, visitor, review, option)
    }

    private func optionPage(
        _ request: Request, _ context: HallmarkContext, _ county: Partnership, _ visitor: Visitor, _ review: ArrangementReview, _ option: ArrangementOption, form: FormModel
    ) async throws -> HTMLResponse {
        let query = request.uri.queryParameters
        let editingPartnership = query.get("partnership").flatMap { Int(String($0)) }
        let place = query.get("place").flatMap { BoardPlace(String($0)) }
        let board = query.get("board").flatMap { Int(String($0)) }
        let area = try await deps.area(of: county)
        let model = OptionView.Model(
            county: county, review: review, option: option, area: area, organisations: try await deps.register.organisations.all(),
            canEdit: visitor.user.role.may(.restructure), editingPartnership: editingPartnership,
            editingBoard: place.flatMap { p in board.map { (p, $0) } })
        return HTMLResponse(
            OptionView.render(
                model, form: form,
                layout: context.layout(
                    option.name,
                    Layout.crumbs(to: county) + [("Reviews of arrangements", Site.arrangementReviews(county.id)), (review.title, Site.arrangementReview(county.id, review.id))])),
            status: form.failure == nil ? .ok : .unprocessableContent)
    }

    package func option(_ request: Request, context: HallmarkContext) async throws -> HTMLResponse {
        let (county, visitor, review, option) = try await foundOption(context, .readRegister)
        return try await optionPage(request, context, county, visitor, review, option, form: FormModel())
    }

    /// Runs a change to an option's record under its row lock and goes back to its page.
    private func changeOption(
        _ request: Request, _ context: HallmarkContext, anchor: String,
        _ edit: @escaping @Sendable (ArrangementReview, [District], [Organisation]) async throws -> @Sendable (inout ArrangementOption) throws -> Void
    ) async throws -> Response {
        let (county, visitor, review, option) = try await foundOption(context, .restructure)
        do {
            let area = try await deps.area(of: county)
            let change = try await edit(review, area, try await deps.register.organisations.all())
            try await deps.reviews.changeOption(option.id, of: review, by: visitor.author, change)
            return redirect(to: Site.arrangementOption(county.id, review.id, option.id) + "#\(anchor)", notice: .changesSaved)
        } catch let failure as ValidationFailure {
            return try await optionPage(request, context, county, visitor, review, option, form: FormModel(input: context.form, failure: failure))
                .response(from: request, context: context)
        }
    }

    package func words(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await changeOption(request, context, anchor: "main") { _, _, _ in
            let f = try RestructuringForms.words(context.form)
            return { o in (o.name, o.summary, o.strengths, o.weaknesses, o.risks) = (f.name, f.summary, f.strengths, f.weaknesses, f.risks) }
        }
    }

    package func partnerships(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await changeOption(request, context, anchor: "partnerships") { _, area, _ in
            let edit = try RestructuringForms.partnership(context.form, area: area)
            return { o in
                switch edit {
                case .add(let name, let districts): try o.structure.add(name, districts: districts)
                case .change(let n, let name, let districts): try o.structure.change(n, name: name, districts: districts)
                case .remove(let n): try o.structure.removePartnership(n)
                }
            }
        }
    }

    package func boards(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await changeOption(request, context, anchor: "partnerships") { _, _, organisations in
            let edit = try RestructuringForms.board(context.form, organisations: organisations)
            return { o in
                switch edit {
                case .put(let board, let place, let index): try o.structure.put(board, at: place, replacing: index)
                case .remove(let place, let index): try o.structure.removeBoard(at: place, index)
                }
            }
        }
    }

    package func themes(_ request: Request, context: HallmarkContext) async throws -> Response {
        try await changeOption(request, context, anchor: "themes") { _, _, _ in
            let edit = try RestructuringForms.theme(context.form)
            return { o in
                switch edit {
                case .add(let theme):
                    if o.structure.themes.contains(where: { $0.name.lowercased() == theme.name.lowercased() }) {
                        throw ValidationFailure(field: "theme", message: "This option already sets out “\(theme.name)”")
                    }
                    o.structure.themes.append(theme)
                case .remove(let n):
                    guard o.structure.themes.indices.contains(n) else { throw ValidationFailure(field: "index", message: "That theme is no longer in this option") }
                    o.structure.themes.remove(at: n)
                }
            }
        }
    }
}
