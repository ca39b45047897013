import HallmarkDomain
import SQLKit

/// Reading register records out of rows. Enum columns hold the raw values defined in the
/// domain; a value the domain does not know means the database was changed by hand.
extension SQLRow {
    package func column<T: Decodable>(_ name: String, _ type: T.Type = T.self) throws -> T {
        try decode(column: name, as: T.self)
    }

    package func choice<T: RawRepresentable>(_ name: String, _ type: T.Type = T.self) throws -> T where T.RawValue == String {
        let raw = try decode(column: name, as: String.self)
        guard let value = T(rawValue: raw) else { throw StoreError.conflict("Unknown value \(raw) in column \(name)") }
        return value
    }

    package func date(_ name: String) throws -> CalendarDate? {
        try decode(column: name, as: String?.self).flatMap(CalendarDate.init)
    }

    package func partnership() throws -> Partnership {
        Partnership(
            id: try column("id"), kind: try choice("kind"), name: try column("name"),
            onsCode: try column("ons_code", String?.self).flatMap { GSSCode($0) },
            parentID: try column("parent_id"),
            subGroupType: try column("sub_group_type", String?.self).flatMap(SubGroupType.init(rawValue:)),
            purpose: try column("purpose"), endedOn: try date("ended_on"), endedBecause: try column("ended_because"))
    }

    package func organisation() throws -> Organisation {
        Organisation(id: try column("id"), name: try column("name"), type: try choice("type"))
    }

    package func person() throws -> Person {
        Person(
            id: try column("id"), name: try column("name"), jobTitle: try column("job_title"),
            email: try column("email"), partnershipID: try column("partnership_id"))
    }

    package func membership() throws -> Membership {
        Membership(
            id: try column("id"), partnershipID: try column("partnership_id"), personID: try column("person_id"),
            organisationID: try column("organisation_id"), nominatedByID: try column("nominated_by_id"),
            vote: try choice("vote"), office: try choice("office"), deputyForPersonID: try column("deputy_for_person_id"),
            startDate: try date("start_date")!, endDate: try date("end_date"))
    }
}

package func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

import Foundation
