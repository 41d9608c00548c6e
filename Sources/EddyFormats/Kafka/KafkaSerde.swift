import EddyCore

/// Reads and writes the single column of a KAFKA-format key or value.
struct KafkaSerde: RowSerializer, RowDeserializer {
    let type: SQLType
    let context: SerdeContext

    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool {
        output.removeAll(keepingCapacity: true)
        guard values.count == 1 else {
            throw EddyErrorFactory.serialization(
                context, "Column count mismatch on serialization. topic: \(context.topic), expected: 1, got: \(values.count)")
        }
        switch (type, values[values.startIndex]) {
        case (_, .null):
            return false
        case (.int, .int(let v)):
            appendBigEndian(UInt32(bitPattern: v), to: &output)
        case (.bigint, .bigint(let v)):
            appendBigEndian(UInt64(bitPattern: v), to: &output)
        case (.double, .double(let v)):
            appendBigEndian(v.bitPattern, to: &output)
        case (.string, .string(let s)):
            output.append(contentsOf: s.utf8)
        case (.bytes, .bytes(let b)):
            output.append(contentsOf: b)
        case (_, let v):
            throw EddyErrorFactory.serialization(
                context, "value does not match expected type. expected: \(type), but got: \(ValueKind.name(of: v))")
        }
        return true
    }

    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool {
        guard let bytes else { return false }
        switch type {
        case .int:
            try checkSize(bytes, 4, "IntegerDeserializer")
            row.append(.int(Int32(bitPattern: readBigEndian(bytes, as: UInt32.self))))
        case .bigint:
            try checkSize(bytes, 8, "LongDeserializer")
            row.append(.bigint(Int64(bitPattern: readBigEndian(bytes, as: UInt64.self))))
        case .double:
            try checkSize(bytes, 8, "DoubleDeserializer")
            row.append(.double(Double(bitPattern: readBigEndian(bytes, as: UInt64.self))))
        case .string:
            row.append(.string(String(decoding: bytes, as: UTF8.self)))
        case .bytes:
            row.append(.bytes(Array(bytes)))
        default:
            throw EddyErrorFactory.deserialization(context, "The 'KAFKA' format does not support type '\(type.base.rawValue)'")
        }
        return true
    }

    private func checkSize(_ bytes: UnsafeRawBufferPointer, _ size: Int, _ deserializer: String) throws {
        if bytes.count != size {
            throw EddyErrorFactory.deserialization(
                context, "Size of data received by \(deserializer) is not \(size)")
        }
    }
}

@inline(__always)
func appendBigEndian<T: FixedWidthInteger>(_ value: T, to output: inout [UInt8]) {
    var v = value.bigEndian
    withUnsafeBytes(of: &v) { output.append(contentsOf: $0) }
}

@inline(__always)
func readBigEndian<T: FixedWidthInteger>(_ bytes: UnsafeRawBufferPointer, as: T.Type) -> T {
    var v: T = 0
    for b in bytes.prefix(MemoryLayout<T>.size) { v = (v << 8) | T(b) }
    return v
}

/// Names of runtime value kinds for error messages.
enum ValueKind {
    static func name(of value: Value) -> String {
        switch value {
        case .null: "NULL"
        case .bool: "BOOLEAN"
        case .int: "INTEGER"
        case .bigint: "BIGINT"
        case .double: "DOUBLE"
        case .decimal: "DECIMAL"
        case .string: "STRING"
        case .bytes: "BYTES"
        case .date: "DATE"
        case .time: "TIME"
        case .timestamp: "TIMESTAMP"
        case .array: "ARRAY"
        case .map: "MAP"
        case .struct: "STRUCT"
        }
    }
}
