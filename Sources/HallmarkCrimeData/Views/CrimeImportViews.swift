import Foundation
import HallmarkAnalytics
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore
import Plot

/// The crime data held: months per force, with gaps, and every import tried.
package enum CrimeStoreView {
    package static func render(forces: [ForceMonths], imports: [CrimeImportSummary], canImport: Bool, layout: Layout) -> String {
        layout.render(
            .h1("Crime data"),
            .p(
                "Street-level crime from ", .a(.href("https://data.police.uk/data/"), "data.police.uk"),
                ", published by each police force a month at a time. Each partnership's figures are on its own page, under “Recorded crime”."),
            .if(canImport, .p(.a(.class("button"), .href(Site.crimeImport()), "Import police.uk files"))),
            .h2(.id("months"), "Months held"),
            DataTable(
                caption: "Months held for each force", headers: ["Force", "First month", "Last month", "Months held", "Missing months"],
                rows: forces.map { f in
                    [
                        .plainText(f.force), .plainText(MonthNumber.text(f.months.first ?? 0)), .plainText(MonthNumber.text(f.months.last ?? 0)),
                        .plainText(String(f.months.count)),
                        f.gaps.isEmpty ? .plainText("None") : .strong(.plainText(f.gaps.map(MonthNumber.text).joined(separator: ", "))),
                    ]
                }, empty: "No police.uk files have been imported yet."
            ).node,
            .h2(.id("imports"), "Imports"),
            DataTable(
                caption: "Imports, latest first", headers: ["Started", "By", "Source", "Result", "Files", "Rows read", "Stored", "Rejected"],
                rows: imports.map { i in
                    [
                        .a(.href(Site.crimeImportReport(i.id)), .plainText(Format.timestamp(Date(timeIntervalSince1970: Double(i.startedAt))))),
                        .plainText(i.actor), .plainText(i.source), .plainText(i.status.result),
                        .plainText(String(i.files)), .plainText(Numbers.whole(i.rowsRead)), .plainText(Numbers.whole(i.accepted)), .plainText(Numbers.whole(i.rejected)),
                    ]
                }, empty: "No imports yet."
            ).node
        )
    }
}

/// The upload form, and the page that follows an import while it runs and when it ends.
package enum CrimeImportView {
    /// - Parameter problem: why the last upload was refused, shown at the top and beside the files.
    package static func form(layout: Layout, limitMB: Int, problem: String? = nil) -> String {
        layout.render(
            Forms.errorSummary(problem.map { ValidationFailure(field: "files", message: $0) }),
            .h1("Import police.uk files"),
            .p(
                "Download a force’s street-level files from ", .a(.href("https://data.police.uk/data/"), "data.police.uk"),
                ". Send the files named like 2022-03-leicestershire-street.csv, or the zip file as downloaded. Other files in a zip (outcomes, stop and search) are left out."),
            .p(
                "A month already held for a force is replaced, because police.uk republishes months. Every partnership in the force area uses that month, so only a county officer for the whole force area or an administrator may replace one, and a file with under half the crimes of the month held is refused unless you confirm it below. The import is all or nothing: if any row cannot be read, nothing is stored and the report says which file, line and why."
            ),
            .form(
                .method(.post), .action(Site.crimeImport()), .enctype(.multipartData), .novalidate(),
                // First, so that the server checks it before it writes any file.
                Forms.csrf(layout.csrfToken),
                .div(
                    .class(problem == nil ? "field" : "field field-error"),
                    .label(.for("files"), "Files"),
                    .p(.class("hint"), .id("files-hint"), .plainText("One or more -street.csv files or zip files, up to \(limitMB) MB in all.")),
                    .unwrap(problem) { problem in
                        .p(.class("error-message"), .id("files-error"), .span(.class("visually-hidden"), "Error: "), .plainText(problem))
                    },
                    .input(
                        .type(.file), .id("files"), .name("files"), .attribute(named: "multiple", value: "multiple"),
                        .attribute(named: "accept", value: ".csv,.zip"),
                        .attribute(named: "aria-describedby", value: problem == nil ? "files-hint" : "files-hint files-error"))),
                .div(
                    .class("field checkbox"),
                    .input(.type(.checkbox), .id("accept_valid_rows"), .name("accept_valid_rows"), .value("yes")),
                    .label(.for("accept_valid_rows"), "Store the rows that can be read even if some cannot (they are listed in the report)")),
                .div(
                    .class("field checkbox"),
                    .input(.type(.checkbox), .id("replace_smaller"), .name("replace_smaller"), .value("yes")),
                    .label(.for("replace_smaller"), "Replace months held even with files holding under half as many crimes")),
                Forms.submit("Import"))
        )
    }

    package static func job(_ job: ImportJobs.Status, report: CrimeImporter.Report?, layout: Layout) -> String {
        let running = job.state == .running
        return layout.render(
            .h1(.plainText(running ? "Importing police.uk files" : job.state == .stored ? "Import complete" : "Import refused")),
            .div(
                .id("import-status"), .attribute(named: "role", value: "status"),
                // A bar only while there is progress to show: a refused import has none.
                .if(
                    job.state != .refused,
                    .element(
                        named: "progress",
                        nodes: [
                            Node<HTML.BodyContext>.attribute(named: "max", value: String(max(job.filesTotal, 1))),
                            .attribute(named: "value", value: String(job.filesStored)),
                            .attribute(named: "aria-labelledby", value: "import-message"),
                            .plainText("\(job.filesStored) of \(job.filesTotal) files"),
                        ])),
                .p(.id("import-message"), .class(job.state == .refused ? "error-message" : "lead"), .plainText(job.message))),
            .if(
                running,
                .p(
                    .a(.href(Site.importJob(job.id)), "Check progress again"),
                    " (this page checks by itself every two seconds when scripts are on)")),
            .if(running, .script(.src(SiteAssets.progressScriptHref))),
            .unwrap(report) { report in ImportReportView.body(report) },
            .ul(
                .class("related"),
                .if(!running, .li(.a(.href(Site.crimeImport()), "Import files again"))),
                .li(.a(.href(Site.crimeData()), "Back to crime data")))
        )
    }
}

/// What an import read, stored and rejected, file by file.
package enum ImportReportView {
    package static func render(_ summary: CrimeImportSummary, report: CrimeImporter.Report?, canImport: Bool, layout: Layout) -> String {
        layout.render(
            .span(.class("caption"), "Crime data import"),
            .h1(.plainText("Import \(summary.id): \(summary.status.heading)")),
            SummaryList(items: [
                ("Started", .plainText(Format.timestamp(Date(timeIntervalSince1970: Double(summary.startedAt))))),
                ("By", .plainText(summary.actor)),
                ("Source", .plainText(summary.source)),
                ("Result", .plainText(summary.message)),
            ]).node,
            .unwrap(report) { body($0) },
            .if(canImport, .p(.a(.href(Site.crimeImport()), "Import files again")))
        )
    }

    package static func body(_ report: CrimeImporter.Report) -> Node<HTML.BodyContext> {
        .group(
            SummaryList(items: [
                ("Files", .plainText(Numbers.whole(report.files.count))),
                ("Rows read", .plainText(Numbers.whole(report.rowsRead))),
                ("Rows accepted", .plainText(Numbers.whole(report.accepted))),
                ("Rows rejected", .plainText(Numbers.whole(report.rejected))),
                ("Rows with no location", .plainText(Numbers.whole(report.noLocation))),
                ("Rows in an LSOA the lookup does not know", .plainText(Numbers.whole(report.unknownLSOA))),
                ("Rows outside the force’s area", .plainText(Numbers.whole(report.outsideForce))),
                ("Months replaced", .plainText(report.replaced.isEmpty ? "None" : report.replaced.joined(separator: ", "))),
            ]).node,
            DataTable(
                caption: "Files", headers: ["File", "Force", "Month", "Header line", "Rows read", "Accepted", "Rejected", "No location", "Outside force area"],
                rows: report.files.map { f in
                    [
                        .plainText(f.file), .plainText(f.force), .plainText(f.month), .plainText(f.hadHeader ? "Yes" : "No (recognised as police.uk rows)"),
                        .plainText(Numbers.whole(f.rowsRead)), .plainText(Numbers.whole(f.accepted)), .plainText(Numbers.whole(f.rejected)),
                        .plainText(Numbers.whole(f.noLocation)), .plainText(Numbers.whole(f.outsideForce)),
                    ]
                }
            ).node,
            DataTable(
                caption: "Rejected rows" + (report.rejections.count < report.rejected ? " (the first \(report.rejections.count))" : ""),
                headers: ["File", "Line", "Reason"],
                rows: report.rejections.map { [.plainText($0.file), .plainText(String($0.line)), .plainText($0.reason)] }, empty: "None."
            ).node
        )
    }
}

extension CrimeImportStatus {
    /// The import's result in the list of imports.
    package var result: String {
        switch self {
        case .running: "Running"
        case .complete: "Stored"
        case .failed: "Refused: nothing stored"
        case .interrupted: "Interrupted: nothing stored"
        }
    }

    /// The word after "Import 12:" on its report page.
    package var heading: String {
        switch self {
        case .running: "running"
        case .complete: "stored"
        case .failed: "refused"
        case .interrupted: "interrupted"
        }
    }
}
