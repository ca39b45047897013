import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// An import started from the web is a job (see `JobQueue`): the upload's files wait on the
/// instance that received them, so the job is pinned to it, and its runner imports them under
/// an import record of their own. Nothing of it is kept in a server's memory: the job's row says
/// whether it has started, the import's record how far it has got, so whichever instance a
/// browser reaches can show it; an import whose server dies is closed by whoever notices its
/// lapsed heartbeat.
package enum ImportJobs {
    package static let kind = "crime-import"

    /// What the job is asked to do: the folder holding the files, and the importer's choices.
    package struct Arguments: Codable, Sendable {
        package let folder: String
        package let source: String
        package let acceptValidRows: Bool
        /// The force areas whose months may be replaced; nil for any.
        package let forceAreas: [String]?
        package let allowShrinking: Bool
        package let userID: Int64?
        package let actor: String

        package init(folder: URL, source: String, acceptValidRows: Bool, replacing rule: CrimeImporter.ReplacementRule, by author: ChangeAuthor) {
            self.folder = folder.path
            self.source = source
            self.acceptValidRows = acceptValidRows
            self.forceAreas = rule.forceAreas.map { $0.sorted() }
            self.allowShrinking = rule.allowShrinking
            self.userID = author.userID
            self.actor = author.label
        }

        package var json: String { (try? JSONText.string(self)) ?? "{}" }
    }

    /// Queues the import of the files in `folder` on this instance, which holds them.
    package static func enqueue(_ arguments: Arguments, jobs: JobQueue) async throws -> RecordID<Job> {
        try await jobs.enqueue(kind: kind, arguments: arguments.json, runsOn: ServerInstance.name, by: arguments.userID)
    }

    /// Runs a queued import: makes its record (reported as the job's progress, so the job page
    /// can follow it), imports the files, then deletes the folder. A refusal is on the record.
    package static func handler(_ service: CrimeDataService) -> JobHandler {
        { job, report in
            let arguments = try JSONDecoder().decode(Arguments.self, from: Data(job.arguments.utf8))
            let folder = URL(fileURLWithPath: arguments.folder, isDirectory: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let author = ChangeAuthor(userID: arguments.userID, label: arguments.actor)
            let record = try await service.crime.begin(source: arguments.source, by: author)
            try await report(String(record))
            do {
                _ = try await service.importer.importStreetFiles(
                    at: folder.path, record: record, source: arguments.source, acceptValidRows: arguments.acceptValidRows,
                    replacing: .init(forceAreas: arguments.forceAreas.map(Set.init), allowShrinking: arguments.allowShrinking), by: author)
            } catch is CrimeImporter.ImportFailed {
                // The refusal is on the record, which is the job's result either way.
            } catch {
                _ = try? await service.crime.recordRefusal(record, source: arguments.source, message: "Nothing was stored: \(error)", by: author)
                throw error
            }
            return String(record)
        }
    }

    /// The import record a job made, once it has started.
    package static func record(of job: HallmarkStore.Job) -> Int64? { Int64(job.progress) }

    /// What the job page and its status answer show: the record's progress in the page's words.
    package struct Status: Sendable, Encodable {
        package enum State: String, Sendable, Encodable { case running, stored, refused }

        package let id: RecordID<Job>
        package let state: State
        package let filesStored: Int
        package let filesTotal: Int
        package let current: String
        package let message: String

        /// A job that has not made its import record: waiting its turn, or stopped before it began.
        package init(waiting job: HallmarkStore.Job) {
            id = job.id
            state = job.state == .queued || job.state == .running ? .running : .refused
            filesStored = 0
            filesTotal = 0
            current = ""
            message =
                state == .running
                ? "Waiting to start: this server is importing other files first"
                : "The import stopped before it began (\(job.error ?? "its server stopped")). Nothing was stored. Import the files again."
        }

        package init(id: RecordID<Job>, _ progress: CrimeRepository.Progress) {
            self.id = id
            state =
                switch progress.status {
                case .running: .running
                case .complete: .stored
                case .failed, .interrupted: .refused
                }
            filesTotal = progress.filesTotal
            filesStored = state == .stored ? progress.filesTotal : progress.filesStored
            current = progress.currentFile
            message =
                state == .running
                ? (progress.filesTotal == 0 ? "Reading the files" : "Stored \(progress.filesStored) of \(progress.filesTotal) files")
                : progress.message
        }
    }
}

extension CrimeImportSummary {
    /// The record as this visitor may see it: who imported by name, and their e-mail address
    /// only to an administrator, who runs the accounts.
    package func shown(to visitor: Visitor) -> CrimeImportSummary {
        guard !visitor.scope.everything, let cut = actor.range(of: " <") else { return self }
        var copy = self
        copy.actor = String(actor[..<cut.lowerBound])
        return copy
    }
}
