import Foundation
import HallmarkStore

/// Imports started from the web page, running in the background so that the page can show
/// their progress. Only progress lives here; the import's record and report are in the store.
/// A job is shown only to the user who started it.
actor ImportJobs {
    enum State: String, Sendable, Encodable { case running, stored, refused }

    struct Job: Sendable, Encodable {
        let id: String
        let userID: Int64
        let source: String
        var state: State = .running
        var filesStored = 0
        var filesTotal = 0
        var current = ""
        var message = "Reading the files"
        var report: CrimeImporter.Report?
    }

    private var jobs: [String: Job] = [:]

    /// Starts importing the files in `folder` (then deletes it) and returns the job's id.
    func start(folder: URL, source: String, acceptValidRows: Bool, replacing rule: CrimeImporter.ReplacementRule,
               importer: CrimeImporter, by visitor: Visitor) -> String {
        let id = Secrets.token()
        jobs[id] = Job(id: id, userID: visitor.user.id, source: source)
        let author = visitor.author
        Task.detached { [jobs = self] in
            let outcome: (State, String, CrimeImporter.Report?)
            do {
                let report = try await importer.importStreetFiles(at: folder.path, source: source, acceptValidRows: acceptValidRows,
                                                                replacing: rule, by: author) { step in
                    Task { await jobs.update(id, step) }
                }
                outcome = (.stored, report.message, report)
            } catch let failed as CrimeImporter.ImportFailed {
                outcome = (.refused, failed.description, failed.report)
            } catch {
                outcome = (.refused, "\(error)", nil)
            }
            try? FileManager.default.removeItem(at: folder)
            await jobs.finish(id, outcome.0, outcome.1, outcome.2)
        }
        return id
    }

    private func update(_ id: String, _ step: CrimeImporter.Progress) {
        guard var job = jobs[id], job.state == .running else { return }
        job.filesStored = max(job.filesStored, step.filesStored)
        job.filesTotal = step.filesTotal
        job.current = step.file
        job.message = "Stored \(step.filesStored) of \(step.filesTotal) files"
        jobs[id] = job
    }

    private func finish(_ id: String, _ state: State, _ message: String, _ report: CrimeImporter.Report?) {
        guard var job = jobs[id] else { return }
        job.state = state
        job.message = message
        job.report = report
        if state == .stored { job.filesStored = job.filesTotal }
        jobs[id] = job
    }

    func job(_ id: String, for userID: Int64) -> Job? {
        guard let job = jobs[id], job.userID == userID else { return nil }
        return job
    }
}

extension CrimeImportSummary {
    /// The record as this visitor may see it: who imported by name, and their e-mail address
    /// only to an administrator, who runs the accounts.
    func shown(to visitor: Visitor) -> CrimeImportSummary {
        guard !visitor.scope.everything, let cut = actor.range(of: " <") else { return self }
        var copy = self
        copy.actor = String(actor[..<cut.lowerBound])
        return copy
    }
}
