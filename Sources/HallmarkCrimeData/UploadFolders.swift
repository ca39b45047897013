import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkRegister
import HallmarkStore

/// Where uploads wait while they are imported: one folder per upload, named after the server
/// process that received it, so that a server starting again can tell the folders of a process
/// that was killed (and will never remove them) from those of a sibling still at work.
package enum UploadFolders {
    package static var root: URL { FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-uploads", isDirectory: true) }

    package static func make() throws -> URL {
        let folder = root.appendingPathComponent("\(getpid())-\(Secrets.token())", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Removes the folders of processes that no longer run; returns how many.
    @discardableResult
    package static func removeLeftovers() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var removed = 0
        for name in names {
            guard let pid = name.split(separator: "-").first.flatMap({ pid_t($0) }), !isRunning(pid) else { continue }
            if (try? FileManager.default.removeItem(at: root.appendingPathComponent(name))) != nil { removed += 1 }
        }
        return removed
    }

    package static func isRunning(_ pid: pid_t) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}
