import Foundation

/// Files worked on by reader threads and handed to one consumer in the files' order.
///
/// An import stores each file while the next ones are read. Reading in fixed groups left a core
/// idle whenever one file of a group was much bigger than the other (the Met's beside a small
/// force); here a reader takes the next file as soon as it is free. Readers stay at most
/// `aheadBytes` of files beyond the consumer, so memory holds a few files, never a year of them.
/// The bound is in bytes, not files: while one reader works through the Met's month (a sixth of
/// a national month's bytes), a bound of a few files stopped the other after three small forces,
/// and it waited for a fifth of the import.
public final class FileStream<T: Sendable>: @unchecked Sendable {
    private let paths: [String]
    private let sizes: [Int]
    private let work: @Sendable (String) throws -> T
    private let aheadBytes: Int
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var nextToRead = 0
    private var handedOver = 0
    /// Bytes of the files taken by readers and not yet handed to the consumer.
    private var bytesAhead = 0
    private var finished: [Int: Result<T, any Error>] = [:]
    private var consumer: CheckedContinuation<Result<T, any Error>?, Never>?
    private var stopped = false

    /// - Parameter aheadBytes: how many bytes of files may be read or being read beyond the
    ///   consumer; a file bigger than that is still read when it is the next the consumer needs.
    public init(_ paths: [String], threads: Int, aheadBytes: Int, work: @escaping @Sendable (String) throws -> T) {
        self.paths = paths
        // A file that cannot be looked at counts as empty: its work reports why.
        self.sizes = paths.map { path in
            var status = stat()
            return stat(path, &status) == 0 ? Int(status.st_size) : 0
        }
        self.work = work
        self.aheadBytes = aheadBytes
        for _ in 0..<max(1, min(threads, paths.count)) {
            Thread { [self] in readFiles() }.start()
        }
    }

    /// The next file's result, in the files' order; nil after the last. Throws what its work threw.
    public func next() async throws -> T? {
        let result: Result<T, any Error>? = await withCheckedContinuation { continuation in
            condition.lock()
            if let ready = takeNext() {
                condition.unlock()
                continuation.resume(returning: ready)
            } else if handedOver >= paths.count {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                consumer = continuation
                condition.unlock()
            }
        }
        return try result?.get()
    }

    /// Tells the readers to take no more files. A consumer that gives up early must call it, or
    /// the readers wait for it forever.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func readFiles() {
        while true {
            condition.lock()
            while !stopped && nextToRead < paths.count && !mayTakeNext { condition.wait() }
            guard !stopped, nextToRead < paths.count else {
                condition.unlock()
                return
            }
            let index = nextToRead
            nextToRead += 1
            bytesAhead += sizes[index]
            condition.unlock()

            let result = Result { try work(paths[index]) }

            condition.lock()
            finished[index] = result
            var wake: (CheckedContinuation<Result<T, any Error>?, Never>, Result<T, any Error>)?
            if let waiting = consumer, let ready = takeNext() {
                consumer = nil
                wake = (waiting, ready)
            }
            condition.unlock()
            wake.map { $0.0.resume(returning: $0.1) }
        }
    }

    /// Whether a reader may take the next file now; call holding the lock. The file the
    /// consumer waits for is always taken.
    private var mayTakeNext: Bool {
        nextToRead == handedOver || bytesAhead + sizes[nextToRead] <= aheadBytes
    }

    /// The next result in order, if read; call holding the lock.
    private func takeNext() -> Result<T, any Error>? {
        guard let ready = finished.removeValue(forKey: handedOver) else { return nil }
        bytesAhead -= sizes[handedOver]
        handedOver += 1
        condition.broadcast()
        return ready
    }
}
