/// One signal between two tasks of a test: sent once, awaited once.
public final class Signal: Sendable {
    let stream: AsyncStream<Void>
    let continuation: AsyncStream<Void>.Continuation

    public init() { (stream, continuation) = AsyncStream<Void>.makeStream() }

    public func send() { continuation.yield() }

    public func wait() async { for await _ in stream { return } }
}
