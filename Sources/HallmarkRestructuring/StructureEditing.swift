import HallmarkDomain

/// Where a board sits in a structure: at county level, or in one of the proposed partnerships.
package enum BoardPlace: Equatable, Sendable {
    case county
    case partnership(Int)

    /// "county" or "p2", as a form sends it.
    package init?(_ raw: String) {
        if raw == "county" {
            self = .county
        } else if raw.hasPrefix("p"), let n = Int(raw.dropFirst()), n >= 0 {
            self = .partnership(n)
        } else {
            return nil
        }
    }

    package var raw: String {
        switch self {
        case .county: "county"
        case .partnership(let n): "p\(n)"
        }
    }
}

/// The edits an option's structure takes, each keeping it whole: a district moved into one
/// proposed partnership leaves any other; a board is added, replaced or removed in its place.
extension Structure {
    /// A new partnership of these districts, which leave the partnerships they were in.
    package mutating func add(_ name: String, districts: [District]) throws(ValidationFailure) {
        if partnerships.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            throw ValidationFailure(field: "partnership_name", message: "This option already has a partnership called “\(name)”")
        }
        take(districts)
        partnerships.append(ProposedPartnership(name: name, districts: districts, boards: [ProposedBoard(name: name, frequency: .quarterly, hours: 2, seats: [])]))
    }

    /// Renames a partnership and gives it exactly these districts, taking them from any other.
    package mutating func change(_ n: Int, name: String, districts: [District]) throws(ValidationFailure) {
        guard partnerships.indices.contains(n) else { throw ValidationFailure(field: "index", message: "That partnership is no longer in this option") }
        if partnerships.enumerated().contains(where: { $0.offset != n && $0.element.name.lowercased() == name.lowercased() }) {
            throw ValidationFailure(field: "partnership_name", message: "This option already has a partnership called “\(name)”")
        }
        take(districts)
        partnerships[n].name = name
        partnerships[n].districts = districts
        if partnerships[n].existingID != nil { partnerships[n].existingID = nil }
    }

    package mutating func removePartnership(_ n: Int) throws(ValidationFailure) {
        guard partnerships.indices.contains(n) else { throw ValidationFailure(field: "index", message: "That partnership is no longer in this option") }
        partnerships.remove(at: n)
    }

    private mutating func take(_ districts: [District]) {
        let moving = Set(districts.map(\.code))
        for n in partnerships.indices { partnerships[n].districts.removeAll { moving.contains($0.code) } }
    }

    /// Adds a board at its place, or replaces the `index`th board there.
    package mutating func put(_ board: ProposedBoard, at place: BoardPlace, replacing index: Int? = nil) throws(ValidationFailure) {
        try edit(place) { boards throws(ValidationFailure) in
            if boards.enumerated().contains(where: { $0.offset != index && $0.element.name.lowercased() == board.name.lowercased() }) {
                throw ValidationFailure(field: "board_name", message: "There is already a board or group called “\(board.name)” there")
            }
            if let index {
                guard boards.indices.contains(index) else { throw ValidationFailure(field: "board", message: "That board is no longer in this option") }
                boards[index] = board
            } else {
                boards.append(board)
            }
        }
    }

    package mutating func removeBoard(at place: BoardPlace, _ index: Int) throws(ValidationFailure) {
        try edit(place) { boards throws(ValidationFailure) in
            guard boards.indices.contains(index) else { throw ValidationFailure(field: "board", message: "That board is no longer in this option") }
            boards.remove(at: index)
        }
    }

    package func boards(at place: BoardPlace) -> [ProposedBoard]? {
        switch place {
        case .county: countyBoards
        case .partnership(let n): partnerships.indices.contains(n) ? partnerships[n].boards : nil
        }
    }

    private mutating func edit(_ place: BoardPlace, _ change: (inout [ProposedBoard]) throws(ValidationFailure) -> Void) throws(ValidationFailure) {
        switch place {
        case .county:
            try change(&countyBoards)
        case .partnership(let n):
            guard partnerships.indices.contains(n) else { throw ValidationFailure(field: "place", message: "That partnership is no longer in this option") }
            try change(&partnerships[n].boards)
        }
    }

    /// The structure with the chosen partnerships merged into one, named `name`, where the
    /// first of them was: one board seating each organisation as many times as the most any of
    /// theirs did, meeting as the first's did, with all their sub-groups kept beneath it.
    package func merging(_ chosen: Set<Int>, into name: String) -> Structure {
        let merging = partnerships.indices.filter(chosen.contains).map { partnerships[$0] }
        guard let first = merging.first, let at = partnerships.firstIndex(of: first) else { return self }
        var seats: [RecordID<Organisation>: Int] = [:]
        for p in merging {
            for s in p.boards.first?.seats ?? [] { seats[s.organisationID] = max(seats[s.organisationID] ?? 0, s.count) }
        }
        let board = ProposedBoard(
            name: name, frequency: first.boards.first?.frequency ?? .quarterly, hours: first.boards.first?.hours ?? 2,
            seats: seats.sorted { $0.key.rawValue < $1.key.rawValue }.map { .init(organisationID: $0.key, count: $0.value) })
        let merged = ProposedPartnership(
            name: name, districts: merging.flatMap(\.districts).sorted { $0.name < $1.name }, boards: [board] + merging.flatMap { $0.boards.dropFirst() })
        var result = self
        result.partnerships = partnerships.indices.compactMap { n in n == at ? merged : chosen.contains(n) ? nil : partnerships[n] }
        return result
    }

    /// Every partnership merged into one (see `merging`).
    package func mergedIntoOne(_ name: String) -> Structure { merging(Set(partnerships.indices), into: name) }
}
