import Foundation

/// A program on the server that Hallmark runs for work it does not do itself (Chromium to print,
/// qpdf to join PDFs, LibreOffice to convert Word documents), with a time limit.
package struct ExternalProgram: Sendable {
    package let path: String

    package init(path: String) { self.path = path }

    /// The program named by the environment variable, or the first of `names` on the PATH.
    package static func find(_ names: [String], variable: String, _ environment: [String: String] = ProcessInfo.processInfo.environment) -> ExternalProgram? {
        let candidates =
            environment[variable].map { [$0] }
            ?? (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").flatMap { folder in names.map { "\(folder)/\($0)" } }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(ExternalProgram.init)
    }

    package struct Outcome: Sendable {
        package let status: Int32
        package let output: Data
        package let errors: Data

        package var errorText: String { String(decoding: errors, as: UTF8.self) }
    }

    /// Runs the program to its end, or stops it once `timeout` has passed (status 15).
    package func run(_ arguments: [String], timeout: Duration, environment: [String: String]? = nil) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let environment { process.environment = environment }
        // Output goes to files, not pipes: a program that writes more than a pipe holds would
        // otherwise wait for a reader that is waiting for it to end.
        let folder = try ScratchFolder.make("run")
        defer { ScratchFolder.remove(folder) }
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        let ended = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { ended.continuation.yield($0.terminationStatus) }
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            process.terminate()
        }
        defer { watchdog.cancel() }
        var status: Int32 = -1
        for await s in ended.stream {
            status = s
            break
        }
        try? outHandle.close()
        try? errHandle.close()
        return Outcome(status: status, output: (try? Data(contentsOf: out)) ?? Data(), errors: (try? Data(contentsOf: err)) ?? Data())
    }
}
