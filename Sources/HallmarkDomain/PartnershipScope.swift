/// Which partnerships a user may see: those they were given and everything beneath them
/// (a county officer given the county strategy group sees every CSP in the county and their
/// sub-groups; a coordinator given a CSP sees its sub-groups).
public struct PartnershipScope: Sendable, Equatable {
    public let visible: Set<RecordID<Partnership>>
    public let everything: Bool

    public static let all = PartnershipScope(visible: [], everything: true)

    public init(visible: Set<RecordID<Partnership>>, everything: Bool = false) {
        self.visible = visible
        self.everything = everything
    }

    /// - Parameters:
    ///   - granted: the partnerships the user was made a member of.
    ///   - parents: every partnership's id and its parent's id.
    public init(granted: Set<RecordID<Partnership>>, parents: [(id: RecordID<Partnership>, parentID: RecordID<Partnership>?)]) {
        var children: [RecordID<Partnership>: [RecordID<Partnership>]] = [:]
        for row in parents { if let parent = row.parentID { children[parent, default: []].append(row.id) } }
        var seen = Set<RecordID<Partnership>>()
        var queue = Array(granted)
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            queue.append(contentsOf: children[next] ?? [])
        }
        self.init(visible: seen)
    }

    public func contains(_ partnershipID: RecordID<Partnership>) -> Bool { everything || visible.contains(partnershipID) }
}
