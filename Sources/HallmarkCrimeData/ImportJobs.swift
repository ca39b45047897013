import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// Imports started from the web run in the background so that the page can follow them. Nothing
/// of them is kept in this server's memory: progress and outcome are written to the import's
/// record, so whichever server instance a browser reaches can show them, and an import whose
/// server dies is closed by the next to notice its lapsed heartbeat.
package enum ImportJobs {
    /// Imports the files in `folder` under the record `record` (made with `CrimeRepository.begin`),
    /// then deletes the folder.
    package static func start(
        record: Int64, folder: URL, source: String, acceptValidRows: Bool, replacing rule: CrimeImporter.ReplacementRule,
        importer: CrimeImporter, by author: ChangeAuthor
    ) {
        Task.detached {
            do {
                _ = try await importer.importStreetFiles(
                    at: folder.path, record: record, source: source, acceptValidRows: acceptValidRows,
                    replacing: rule, by: author)
            } catch is CrimeImporter.ImportFailed {
                // The refusal is on the record.
            } catch {
                _ = try? await CrimeRepository(store: importer.store).recordRefusal(record, source: source, message: "Nothing was stored: \(error)", by: author)
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// What the job page and its status answer show: the record's progress in the page's words.
    package struct Job: Sendable, Encodable {
        package enum State: String, Sendable, Encodable { case running, stored, refused }

        package let id: Int64
        package let state: State
        package let filesStored: Int
        package let filesTotal: Int
        package let current: String
        package let message: String

        package init(id: Int64, _ progress: CrimeRepository.Progress) {
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
