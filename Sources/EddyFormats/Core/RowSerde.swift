import EddyCore

/// Everything a serde needs besides its columns. `topic` and `isKey` only shape error messages
/// ("Failed to deserialize key from topic: t. …").
public struct SerdeContext: Hashable, Sendable {
    public var info: FormatInfo
    public var features: SerdeFeatures
    public var isKey: Bool
    public var topic: String

    public init(info: FormatInfo, features: SerdeFeatures = .none, isKey: Bool = false, topic: String = "?") {
        self.info = info
        self.features = features
        self.isKey = isKey
        self.topic = topic
    }

    /// "key" or "value", as ksqlDB words its deserialization errors.
    public var target: String { isKey ? "key" : "value" }
}

/// Turns one row's key or value columns into Kafka bytes.
///
/// A serializer is built once per query task and reused for every record; it keeps scratch space
/// between calls, so give each task its own copy.
public protocol RowSerializer: Sendable {
    /// Writes the encoding of `values` (one per column, in column order) into `output`, replacing its
    /// contents but keeping its capacity. Returns false when the record must be a Kafka null instead
    /// (the NONE format, or a single unwrapped column holding NULL).
    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool
}

/// Turns Kafka bytes back into one value per column.
public protocol RowDeserializer: Sendable {
    /// Appends one value per column to `row`, in column order. `bytes == nil` is a Kafka null: nothing
    /// is appended and the result is false (a tombstone for a table's value).
    /// Throws `EddyError(.execution, …)` with ksqlDB's wording on malformed input; never traps.
    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool

    /// Declares which columns the caller reads (`reading[i]` for column i). The others may come back
    /// NULL, but a record must still fail exactly as it would if they were read (ksqlDB
    /// deserializes the whole row before projecting), so a format may skip building them but not
    /// validating them. The default reads everything.
    mutating func prune(reading: [Bool])

    /// Writes the `count` columns (this deserializer's width) to `row[base ..< base + count]`,
    /// NULL where absent, and returns false for a Kafka null (the slots all NULL). Values before
    /// `base` are kept; values after the slots are kept or cut off (the caller pads the row
    /// again), and the row is lengthened with NULLs if it is too short. After a throw the slots
    /// hold any values. A caller that keeps one row for every record overwrites it in place
    /// instead of emptying and refilling it; formats that can write the slots directly do so,
    /// the default goes through `deserialize(_:into:)`.
    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, overwriting row: inout [Value], at base: Int, count: Int) throws -> Bool
}

extension RowSerializer {
    public mutating func serialize(_ values: [Value], into output: inout [UInt8]) throws -> Bool {
        try serialize(values[...], into: &output)
    }

    /// Convenience for tests and cold paths: nil means a Kafka null.
    public mutating func serialize(_ values: [Value]?) throws -> [UInt8]? {
        guard let values else { return nil }
        var out: [UInt8] = []
        return try serialize(values[...], into: &out) ? out : nil
    }
}

extension RowDeserializer {
    public mutating func prune(reading: [Bool]) {}

    public mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, overwriting row: inout [Value], at base: Int, count: Int) throws -> Bool {
        try overwriteByAppending(bytes, row: &row, at: base, count: count)
    }

    /// The overwrite contract met through `deserialize(_:into:)`: cut the row at `base`, append,
    /// then fit it to `base + count`. The default, and the fallback of formats with their own.
    public mutating func overwriteByAppending(_ bytes: UnsafeRawBufferPointer?, row: inout [Value], at base: Int, count: Int) throws -> Bool {
        if count == 0 {
            // Nothing to write (a source without key columns): an empty array never allocates.
            var none: [Value] = []
            return try deserialize(bytes, into: &none)
        }
        // One `removeLast` at a time: `removeSubrange` destroys through the generic value witness.
        while row.count > base { row.removeLast() }
        let hasValue = try deserialize(bytes, into: &row)
        if row.count > base + count { row.removeSubrange((base + count)...) }
        while row.count < base + count { row.append(.null) }
        return hasValue
    }

    public mutating func deserialize(_ bytes: [UInt8]?, into row: inout [Value]) throws -> Bool {
        guard let bytes else { return try deserialize(nil as UnsafeRawBufferPointer?, into: &row) }
        return try bytes.withUnsafeBytes { try deserialize($0, into: &row) }
    }

    public mutating func deserialize(_ bytes: ArraySlice<UInt8>, into row: inout [Value]) throws -> Bool {
        try bytes.withUnsafeBytes { try deserialize($0, into: &row) }
    }

    /// Convenience for tests and cold paths: nil in or out means a Kafka null.
    public mutating func deserialize(_ bytes: [UInt8]?) throws -> [Value]? {
        var row: [Value] = []
        return try deserialize(bytes, into: &row) ? row : nil
    }
}
