import EddyCore
import EddySchemaRegistry

/// A format whose schemas live in a Schema Registry (AVRO, PROTOBUF, JSON_SR). The engine uses it
/// to infer columns for CREATE without a column list and to register the schemas of new sources.
public protocol SchemaInferringFormat: Format {
    var registry: any SchemaRegistryClient { get }
    /// The registry's schema type: "AVRO", "PROTOBUF" or "JSON".
    var schemaType: String { get }

    /// Columns for a registered key or value schema. `unwrapped` gives one ROWKEY/ROWVAL column;
    /// `originalNames` keeps field names as written (schemas chosen by id) instead of upper-casing.
    func inferColumns(from schema: RegisteredSchema, isKey: Bool, unwrapped: Bool,
                      originalNames: Bool) throws -> [(name: String, type: SQLType)]

    /// The schema ksqlDB would register for these key or value columns.
    func schemaToRegister(columns: [Column], info: FormatInfo, features: SerdeFeatures, isKey: Bool) throws -> RegisteredSchema
}

extension AvroFormat: SchemaInferringFormat {
    public var schemaType: String { RegisteredSchema.avro }

    public func inferColumns(from schema: RegisteredSchema, isKey: Bool, unwrapped: Bool,
                             originalNames: Bool) throws -> [(name: String, type: SQLType)] {
        let parsed: AvroSchema
        do { parsed = try AvroSchema.parse(schema.schema) } catch {
            throw EddyErrorFactory.execution("\(error)")
        }
        return try AvroTypeInference.columns(of: parsed, isKey: isKey, unwrapped: unwrapped, originalNames: originalNames)
    }

    public func schemaToRegister(columns: [Column], info: FormatInfo, features: SerdeFeatures, isKey: Bool) throws -> RegisteredSchema {
        let context = SerdeContext(info: info, features: features, isKey: isKey)
        return try generatedSchema(columns: columns, context: context).registered
    }
}
