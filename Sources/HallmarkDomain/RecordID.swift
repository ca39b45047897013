/// A record's id, typed by the kind of record it names, so that a person's id cannot be passed
/// where a partnership's is wanted. Stored, sent and written as the plain number.
public struct RecordID<Record>: Hashable, Comparable, Sendable, Codable, LosslessStringConvertible, ExpressibleByIntegerLiteral {
    public let rawValue: Int64

    public init(_ rawValue: Int64) { self.rawValue = rawValue }

    /// A written number is no record's in particular, so it may stand for any kind's id.
    public init(integerLiteral value: Int64) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue.description }

    /// The id a form or path gives as text: a whole number above zero.
    public init?(_ description: String) {
        guard let raw = Int64(description), raw > 0 else { return nil }
        rawValue = raw
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Anything that names a database row by its number: a typed record id, or a plain one where a
/// record has no type of its own yet (imports, jobs, versions). The audit log takes either.
public protocol RowNumber: Sendable {
    var rowNumber: Int64 { get }
}

extension Int64: RowNumber {
    public var rowNumber: Int64 { self }
}

extension RecordID: RowNumber {
    public var rowNumber: Int64 { rawValue }
}
