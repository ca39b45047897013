import Foundation
import HallmarkAnalytics
import Testing

@Suite("Files read ahead by reader threads, handed over in order")
struct FileStreamTests {
    /// Files of the given sizes in a fresh folder, named so that their order is their index.
    func files(_ sizes: [Int]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hallmark-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try sizes.enumerated().map { i, size in
            let path = folder.appendingPathComponent(String(format: "%03d", i)).path
            try Data(repeating: UInt8(i), count: size).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    final class Taken: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        func add(_ path: String) { lock.withLock { paths.append(path) } }
        var count: Int { lock.withLock { paths.count } }
    }

    @Test("Readers stop when the files read ahead would pass the bound in bytes, and results come in the files' order")
    func boundInBytes() async throws {
        // The fourth file is bigger than the bound: it is still read when it is the one needed.
        let paths = try files([100, 100, 100, 1_000, 100, 100, 100, 100])
        let taken = Taken()
        let stream = FileStream(paths, threads: 2, aheadBytes: 250) { path in
            taken.add(path)
            return try Data(contentsOf: URL(fileURLWithPath: path)).count
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(taken.count <= 2, "two files of 100 bytes fit in 250; a third would not")
        var sizes: [Int] = []
        while let size = try await stream.next() { sizes.append(size) }
        #expect(sizes == [100, 100, 100, 1_000, 100, 100, 100, 100])
        #expect(taken.count == paths.count)
    }

    struct Refused: Error {}

    @Test("A file's error reaches the consumer in its place, after the files before it")
    func errorInOrder() async throws {
        let paths = try files([10, 10, 10, 10, 10])
        let stream = FileStream(paths, threads: 2, aheadBytes: 1 << 20) { path in
            if path.hasSuffix("002") { throw Refused() }
            return path
        }
        defer { stream.stop() }
        #expect(try await stream.next() == paths[0])
        #expect(try await stream.next() == paths[1])
        await #expect(throws: Refused.self) { try await stream.next() }
    }
}
