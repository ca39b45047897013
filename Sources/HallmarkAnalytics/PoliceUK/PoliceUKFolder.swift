import Foundation

/// Finds the street-level files in a folder as police.uk lays them out (one folder per month,
/// or all in one) and reads them on every core, each file on its own.
public enum PoliceUKFolder {
    /// Every `*-street.csv` under `path` (or `path` itself if it is a file), sorted by name.
    public static func streetFiles(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CSVScanner.Unreadable(path: path, reason: "there is no file or folder there")
        }
        guard isDirectory.boolValue else { return [path] }
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix("-street.csv") { found.append((path as NSString).appendingPathComponent(relative)) }
        }
        return found.sorted { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }
    }

    /// Reads the files in parallel, `threads` at a time; results come back in the files' order.
    public static func read(
        _ paths: [String], reader: StreetCrimeReader, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> [ForceMonth] {
        let results = ResultSlots<ForceMonth>(count: paths.count)
        let next = NextIndex()
        let workers = max(1, min(threads, paths.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = next.take(below: paths.count) {
                results.set(i, Result { try reader.read(path: paths[i]) })
                progress?(i)
            }
        }
        return try results.all().map { try $0.get() }
    }
}

/// Hands out file indexes to worker threads.
private final class NextIndex: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// Each worker writes only its own slots; the lock makes the writes visible to the reader.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [Result<T, any Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<T, any Error>) { lock.lock(); slots[i] = value; lock.unlock() }
    func all() -> [Result<T, any Error>] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
