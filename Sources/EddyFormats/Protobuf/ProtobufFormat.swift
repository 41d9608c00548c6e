import EddyCore
import EddySchemaRegistry

/// PROTOBUF: protobuf messages in the Confluent wire format, with schemas in the registry. Writers
/// use the schema named by `schemaId`, else the one derived from the columns (registered under
/// `<topic>-key`/`-value` on first use, as Confluent's serializer auto-registers); readers decode
/// with the writer's schema found by the id in each record.
public struct ProtobufFormat: SchemaRegistryFormat {
    public static let name = "PROTOBUF"
    public var name: String { Self.name }
    public var supportedFeatures: Set<SerdeFeature> { [.schemaInference, .wrapSingles] }
    public var supportedProperties: Set<String> { ProtobufProperties.withRegistry }
    public let registry: any SchemaRegistryClient

    public init(registry: any SchemaRegistryClient) { self.registry = registry }

    public func supportsKeyType(_ type: SQLType) -> Bool { true }

    public func validate(columns: [Column], isKey: Bool, features: SerdeFeatures) throws {
        try ProtobufValidation.validate(columns: columns, features: features)
    }

    public func schemaToRegister(columns: [Column], info: FormatInfo, features: SerdeFeatures, isKey: Bool) throws -> RegisteredSchema {
        var generator = ProtoSchemaGenerator(info: info)
        let (text, _) = try generator.text(columns: columns, fullName: info.fullSchemaName, unwrapped: false)
        return RegisteredSchema(schemaType: RegisteredSchema.protobuf, schema: text)
    }

    public func inferColumns(from schema: RegisteredSchema, info: FormatInfo, isKey: Bool, keepFieldNames: Bool) throws -> InferredColumns {
        let parsed: ProtoSchema
        do {
            parsed = try ProtobufRegistrySchemas.parse(schema, registry: registry)
        } catch let e as ProtoSchemaError {
            throw EddyError(.execution, "Failed to parse the PROTOBUF schema: \(e.message)")
        }
        let message = try ProtobufRegistrySchemas.message(in: parsed, fullName: info.fullSchemaName)
        var inferred = try ProtoSchemaTranslator.columns(parsed, message: message, keepNames: keepFieldNames)
        if inferred.unwrapped { inferred.names = [isKey ? "ROWKEY" : "ROWVAL"] }
        return inferred
    }

    public func makeSerializer(columns: [Column], context: SerdeContext) throws -> any RowSerializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        let info = context.info
        let registry = self.registry
        if let id = info.schemaId {
            let schema = try ProtobufRegistrySchemas.load(registry, id: id)
            let message = try ProtobufRegistrySchemas.message(in: schema, fullName: info.fullSchemaName)
            let prefix = ConfluentProtobufFraming.prefix(schemaID: id, path: schema.indexPath(of: message))
            return ProtobufRowSerializer(schema: schema, message: message, columns: columns, unwrapped: false,
                                         context: context, framing: { prefix })
        }
        var generator = ProtoSchemaGenerator(info: info)
        let (text, root) = try generator.text(columns: columns, fullName: info.fullSchemaName, unwrapped: false)
        let schema = try ProtoSchema.parse(text)
        guard let message = schema.message(named: root) else { throw EddyError(.internal, "generated schema lacks \(root)") }
        let subject = SchemaSubjects.subject(topic: context.topic, isKey: context.isKey, info: info,
                                             recordName: schema.messages[message].fullName)
        let registered = RegisteredSchema(schemaType: RegisteredSchema.protobuf, schema: text)
        let path = schema.indexPath(of: message)
        return ProtobufRowSerializer(schema: schema, message: message, columns: columns, unwrapped: false, context: context,
                                     framing: { ConfluentProtobufFraming.prefix(schemaID: try registry.register(subject: subject, schema: registered), path: path) })
    }

    public func makeDeserializer(columns: [Column], context: SerdeContext) throws -> any RowDeserializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        return ProtobufRowDeserializer(columns: columns, unwrapped: false, context: context,
                                       source: .registry(registry, fullName: context.info.fullSchemaName))
    }
}
