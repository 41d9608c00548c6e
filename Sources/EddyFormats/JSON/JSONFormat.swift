import EddyCore

/// The JSON format: an object with one field per column, or a bare value for a single unwrapped
/// column (always the case for single-column keys). Reading coerces as ksqlDB's JSON deserializer does.
public struct JSONFormat: Format {
    public static let name = "JSON"
    public var name: String { Self.name }
    public var supportedFeatures: Set<SerdeFeature> { [.wrapSingles, .unwrapSingles] }

    public init() {}

    public func supportsKeyType(_ type: SQLType) -> Bool { true }

    public func validate(columns: [Column], isKey: Bool, features: SerdeFeatures) throws {
        for column in columns where column.type.hasNonStringMapKey {
            throw EddyErrorFactory.execution("JSON only supports MAP types with STRING keys")
        }
        if features.unwrapSingles && columns.count != 1 {
            throw EddyErrorFactory.execution("Unwrapping only valid for single columns")
        }
    }


    public func makeSerializer(columns: [Column], context: SerdeContext) throws -> any RowSerializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        return JSONRowSerializer(columns: columns, unwrapped: context.features.unwrapSingles, context: context)
    }

    public func makeDeserializer(columns: [Column], context: SerdeContext) throws -> any RowDeserializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        return JSONRowDeserializer(columns: columns, unwrapped: context.features.unwrapSingles, context: context)
    }
}
