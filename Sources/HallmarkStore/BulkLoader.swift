import Foundation
import Logging
import NIOCore
import PostgresKit
import SQLiteKit

/// A value for a bulk load: the two kinds the LSOA table holds.
package enum BulkValue: Sendable {
    case integer(Int64)
    case text(String)
}

/// Loads many rows fast, inside the caller's transaction: PostgreSQL's `COPY … FROM STDIN`, and
/// on SQLite multi-row INSERTs of up to 30,000 values each, bound, never spliced into the SQL.
package enum BulkLoader: @unchecked Sendable {
    case sqlite(SQLiteConnection)
    case postgres(PostgresConnection, Logger)

    package func insert(into table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        switch self {
        case .sqlite(let connection):
            let perStatement = max(1, 30_000 / columns.count)
            let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
            var start = 0
            while start < rows.count {
                let batch = rows[start..<min(start + perStatement, rows.count)]
                let sql =
                    "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES "
                    + Array(repeating: placeholders, count: batch.count).joined(separator: ",")
                var binds: [SQLiteData] = []
                binds.reserveCapacity(batch.count * columns.count)
                for row in batch {
                    for value in row {
                        switch value {
                        case .integer(let i): binds.append(.integer(Int(i)))
                        case .text(let t): binds.append(.text(t))
                        }
                    }
                }
                _ = try await connection.query(sql, binds)
                start += perStatement
            }
        case .postgres(let connection, let logger):
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var buffer = ByteBuffer()
                for row in rows {
                    for (i, value) in row.enumerated() {
                        if i > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                        switch value {
                        case .integer(let n): buffer.writeString(String(n))
                        case .text(let t): Self.writeCopyText(t, to: &buffer)
                        }
                    }
                    buffer.writeInteger(UInt8(ascii: "\n"))
                    if buffer.readableBytes > 1 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        }
    }

    /// COPY's text format: backslash, tab, newline and carriage return are escaped.
    private static func writeCopyText(_ text: String, to buffer: inout ByteBuffer) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeString("\\t")
            case UInt8(ascii: "\n"): buffer.writeString("\\n")
            case UInt8(ascii: "\r"): buffer.writeString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
