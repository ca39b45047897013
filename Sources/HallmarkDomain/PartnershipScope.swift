/// Which partnerships a user may see: those they were given and everything beneath them
/// (a county officer given the county strategy group sees every CSP in the county and their
/// sub-groups; a coordinator given a CSP sees its sub-groups).
public struct PartnershipScope: Sendable, Equatable {
    public let visible: Set<Int64>
    public let everything: Bool

    public static let all = PartnershipScope(visible: [], everything: true)

    public init(visible: Set<Int64>, everything: Bool = false) {
        self.visible = visible
        self.everything = everything
    }

    /// - Parameters:
    ///   - granted: the partnerships the user was made a member of.
    ///   - parents: every partnership's id and its parent's id.
    public init(granted: Set<Int64>, parents: [(id: Int64, parentID: Int64?)]) {
        var children: [Int64: [Int64]] = [:]
        for row in parents { if let parent = row.parentID { children[parent, default: []].append(row.id) } }
        var seen = Set<Int64>()
        var queue = Array(granted)
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            queue.append(contentsOf: children[next] ?? [])
        }
        self.init(visible: seen)
    }

    public func contains(_ partnershipID: Int64) -> Bool { everything || visible.contains(partnershipID) }
}
