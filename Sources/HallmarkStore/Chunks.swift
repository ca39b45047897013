extension Array {
    /// The elements in runs of at most `size`, in order: for statements that must stay under a
    /// database's limit of bound values, or work handed out a few items at a time.
    public func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: Swift.max(1, size)).map { self[$0..<Swift.min($0 + Swift.max(1, size), count)] }
    }
}
