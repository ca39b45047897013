import HallmarkDomain

/// The partnerships and the districts each covers, as stored at one change count. Nearly every
/// signed-in page begins by finding its partnership, the crime pages by its districts, and both
/// change rarely: a server reads them once a count (see `Store.register`) rather than on every
/// request.
package struct RegisterAsStored: Sendable {
    /// In the register's order: by name, then by id.
    package let partnerships: [Partnership]
    private let byID: [RecordID<Partnership>: Partnership]
    private let districtsByPartnership: [RecordID<Partnership>: [District]]

    /// `districts` in each partnership's order (by name).
    package init(partnerships: [Partnership], districts: [(partnership: RecordID<Partnership>, district: District)]) {
        self.partnerships = partnerships
        byID = Dictionary(partnerships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        districtsByPartnership = Dictionary(grouping: districts, by: \.partnership).mapValues { $0.map(\.district) }
    }

    package func partnership(_ id: RecordID<Partnership>) -> Partnership? { byID[id] }

    package func districts(of id: RecordID<Partnership>) -> [District] { districtsByPartnership[id] ?? [] }

    /// In the register's order.
    package func children(of id: RecordID<Partnership>) -> [Partnership] { partnerships.filter { $0.parentID == id } }
}
