import EddyCore

/// PROTOBUF_NOSR: protobuf messages with no registry and no framing; the schema is the one ksqlDB
/// derives from the columns, so reader and writer must declare the same columns.
public struct ProtobufNoSRFormat: Format {
    public static let name = "PROTOBUF_NOSR"
    public var name: String { Self.name }
    public var supportedFeatures: Set<SerdeFeature> { [.wrapSingles, .unwrapSingles] }
    public var supportedProperties: Set<String> { ProtobufProperties.withoutRegistry }

    public init() {}

    public func supportsKeyType(_ type: SQLType) -> Bool { true }

    public func validate(columns: [Column], isKey: Bool, features: SerdeFeatures) throws {
        try ProtobufValidation.validate(columns: columns, features: features)
    }

    /// The generated schema and its root message for these columns.
    public static func schema(columns: [Column], info: FormatInfo, unwrapped: Bool, fullName: String? = nil) throws -> (ProtoSchema, Int) {
        var generator = ProtoSchemaGenerator(info: info)
        let (text, root) = try generator.text(columns: columns, fullName: fullName, unwrapped: unwrapped)
        let schema = try ProtoSchema.parse(text)
        guard let message = schema.message(named: root) else { throw EddyError(.internal, "generated schema lacks \(root)") }
        return (schema, message)
    }

    public func makeSerializer(columns: [Column], context: SerdeContext) throws -> any RowSerializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        let unwrapped = context.features.unwrapSingles && columns.count == 1
        let (schema, message) = try Self.schema(columns: columns, info: context.info, unwrapped: unwrapped)
        return ProtobufRowSerializer(schema: schema, message: message, columns: columns, unwrapped: unwrapped,
                                     context: context, framing: nil)
    }

    public func makeDeserializer(columns: [Column], context: SerdeContext) throws -> any RowDeserializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        let unwrapped = context.features.unwrapSingles && columns.count == 1
        let (schema, message) = try Self.schema(columns: columns, info: context.info, unwrapped: unwrapped)
        return ProtobufRowDeserializer(columns: columns, unwrapped: unwrapped, context: context,
                                       source: .fixed(schema, message: message))
    }
}

enum ProtobufValidation {
    static func validate(columns: [Column], features: SerdeFeatures) throws {
        for c in columns where c.type.hasNonStringMapKey {
            throw EddyErrorFactory.execution(
                "PROTOBUF format only supports MAP types with STRING keys. See https://github.com/confluentinc/ksql/issues/6177.")
        }
        if features.unwrapSingles && columns.count != 1 {
            throw EddyErrorFactory.execution("Unwrapping only valid for single columns")
        }
    }
}
