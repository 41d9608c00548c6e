import EddyCore

/// The NONE format: a key or value that carries no data. Only valid with no columns; records are
/// written as Kafka nulls and any bytes read are ignored.
public struct NoneFormat: Format {
    public static let name = "NONE"
    public var name: String { Self.name }

    public init() {}

    public func supportsKeyType(_ type: SQLType) -> Bool { false }

    public func validate(columns: [Column], isKey: Bool, features: SerdeFeatures) throws {
        guard columns.isEmpty else {
            throw EddyErrorFactory.execution(
                "The 'NONE' format can only be used when no columns are defined. Got: \(FormatMessages.columnList(columns))")
        }
    }

    public func makeSerializer(columns: [Column], context: SerdeContext) throws -> any RowSerializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        return VoidSerde()
    }

    public func makeDeserializer(columns: [Column], context: SerdeContext) throws -> any RowDeserializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        return VoidSerde()
    }
}

/// The serde for zero columns: writes Kafka null, reads nothing. A non-null input still counts as a
/// present record, so a keyless stream's values are never mistaken for tombstones.
struct VoidSerde: RowSerializer, RowDeserializer {
    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool {
        output.removeAll(keepingCapacity: true)
        return false
    }

    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool {
        bytes != nil
    }
}
