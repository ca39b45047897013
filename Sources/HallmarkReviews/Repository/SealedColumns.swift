import Foundation
import HallmarkDomain
import HallmarkKit
import HallmarkStore
import SQLKit

/// Reads and writes a case table's sealed columns: sealed for their column on the way in,
/// opened on the way out (nil once removed). The audit log is given `redacted` instead, which
/// names a sealed field without its value.
struct SealedColumns: Sendable {
    let keys: CaseKeys
    let table: String

    func seal(_ value: String?, _ column: String) -> String? { value.map { keys.seal($0, for: "\(table).\(column)") } }

    func open(_ row: any SQLRow, _ column: String) throws -> String? {
        guard let sealed = try row.column(column, String?.self) else { return nil }
        return try keys.open(sealed, for: "\(table).\(column)")
    }

    static let redacted = "[sealed]"
}
