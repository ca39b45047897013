import Foundation

/// Files worked on by reader threads and handed to one consumer in the files' order.
///
/// An import stores each file while the next ones are read. Reading in fixed groups left a core
/// idle whenever one file of a group was much bigger than the other (the Met's beside a small
/// force); here a reader takes the next file as soon as it is free. Readers stay at most `ahead`
/// files beyond the consumer, so memory holds a few files, never a year of them.
public final class FileStream<T: Sendable>: @unchecked Sendable {
    private let paths: [String]
    private let work: @Sendable (String) throws -> T
    private let ahead: Int
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var nextToRead = 0
    private var handedOver = 0
    private var finished: [Int: Result<T, any Error>] = [:]
    private var consumer: CheckedContinuation<Result<T, any Error>?, Never>?
    private var stopped = false

    public init(_ paths: [String], threads: Int, ahead: Int, work: @escaping @Sendable (String) throws -> T) {
        self.paths = paths
        self.work = work
        self.ahead = max(ahead, threads, 1)
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
            while !stopped && nextToRead < paths.count && nextToRead >= handedOver + ahead { condition.wait() }
            guard !stopped, nextToRead < paths.count else {
                condition.unlock()
                return
            }
            let index = nextToRead
            nextToRead += 1
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

    /// The next result in order, if read; call holding the lock.
    private func takeNext() -> Result<T, any Error>? {
        guard let ready = finished.removeValue(forKey: handedOver) else { return nil }
        handedOver += 1
        condition.broadcast()
        return ready
    }
}
