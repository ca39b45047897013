import Foundation

/// A folder of its own for one piece of work on disk (a print, a conversion, an upload), named
/// so that two at once never meet, and removed by the caller's `defer` whatever happens.
package enum ScratchFolder {
    package static func make(_ purpose: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-\(purpose)-\(Secrets.token())", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    package static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }
}
