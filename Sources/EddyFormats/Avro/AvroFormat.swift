import EddyCore
import EddySchemaRegistry

/// The AVRO format: Avro binary in Confluent's wire format, with schemas in a Schema Registry.
///
/// Writers use the schema ksqlDB would generate from the columns (registered under the topic's
/// subject on first use), or the registered schema named by `VALUE_SCHEMA_ID`/`KEY_SCHEMA_ID`.
/// Readers resolve each record's writer schema by its id against the column types.
public struct AvroFormat: Format {
    public static let name = "AVRO"
    public var name: String { Self.name }
    public var supportedFeatures: Set<SerdeFeature> { [.schemaInference, .wrapSingles, .unwrapSingles] }
    public var supportedProperties: Set<String> {
        [FormatInfo.fullSchemaNameProperty, FormatInfo.schemaIdProperty, FormatInfo.subjectNameStrategyProperty]
    }

    public let registry: any SchemaRegistryClient
    public let subjectNaming: SubjectNameStrategy
    /// The binary layer the serdes use (`eddy.avro.codec`).
    public let codec: AvroCodec

    public init(registry: any SchemaRegistryClient, subjectNaming: SubjectNameStrategy = .topicName,
                codec: AvroCodec = .default) {
        self.registry = registry
        self.subjectNaming = subjectNaming
        self.codec = codec
    }

    public func supportsKeyType(_ type: SQLType) -> Bool { true }

    public func validate(columns: [Column], isKey: Bool, features: SerdeFeatures) throws {
        if features.unwrapSingles && columns.count != 1 {
            throw EddyErrorFactory.execution("Unwrapping only valid for single columns")
        }
        _ = try AvroSchemaGenerator.schema(columns: columns, unwrapped: features.unwrapSingles,
                                           fullName: AvroSchemaGenerator.defaultValueSchemaFullName)
    }

    /// The schema full name a serde uses: the format's `fullSchemaName` property or ksqlDB's default.
    public static func fullSchemaName(_ info: FormatInfo) -> String {
        info.fullSchemaName?.trimmingCharacters(in: " ") ?? AvroSchemaGenerator.defaultValueSchemaFullName
    }

    /// The schema ksqlDB generates and registers for these columns.
    public func generatedSchema(columns: [Column], context: SerdeContext) throws -> AvroGeneratedSchema {
        let json = try AvroSchemaGenerator.schema(columns: columns, unwrapped: context.features.unwrapSingles,
                                                  fullName: Self.fullSchemaName(context.info))
        return AvroGeneratedSchema(json: json, schema: try AvroSchema.parse(json))
    }

    /// The subject a key or value schema of `topic` is registered under.
    public func subject(topic: String, isKey: Bool, schema: AvroSchema?) -> String {
        subjectNaming.subject(topic: topic, isKey: isKey, recordName: schema?.fullName)
    }

    /// The subject under the source's own strategy (its `subjectNameStrategy` property), else the format's.
    public func subject(topic: String, isKey: Bool, schema: AvroSchema?, info: FormatInfo) -> String {
        guard info.properties[FormatInfo.subjectNameStrategyProperty] != nil else {
            return subject(topic: topic, isKey: isKey, schema: schema)
        }
        return info.subjectNameStrategy.subject(topic: topic, isKey: isKey, recordName: schema.map { $0.fullName ?? $0.typeName })
    }

    public func makeSerializer(columns: [Column], context: SerdeContext) throws -> any RowSerializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        return try AvroRowSerializer(format: self, columns: columns, context: context)
    }

    public func makeDeserializer(columns: [Column], context: SerdeContext) throws -> any RowDeserializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        return AvroRowDeserializer(registry: registry, columns: columns, context: context, codec: codec)
    }
}

/// A generated schema as JSON (for registration) and parsed (for encoding).
public struct AvroGeneratedSchema: Sendable {
    public var json: JSONValue
    public var schema: AvroSchema
    public var registered: RegisteredSchema { RegisteredSchema(schemaType: RegisteredSchema.avro, schema: json.jsonText) }
}
