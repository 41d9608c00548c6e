import EddyCore
import EddySchemaRegistry

extension AvroFormat: SchemaRegistryFormat {
    public func inferColumns(from schema: RegisteredSchema, info: FormatInfo, isKey: Bool,
                             keepFieldNames: Bool) throws -> InferredColumns {
        let parsed: AvroSchema
        do { parsed = try AvroSchema.parse(schema.schema) } catch {
            throw EddyErrorFactory.execution("\(error)")
        }
        let anonymous: Bool = if case .record = parsed.nonNull { false } else { true }
        let columns = try AvroTypeInference.columns(of: parsed, isKey: isKey, unwrapped: anonymous, originalNames: keepFieldNames)
        return InferredColumns(names: columns.map(\.name), types: columns.map(\.type), unwrapped: anonymous)
    }

    public func schemaToRegister(columns: [Column], info: FormatInfo, features: SerdeFeatures, isKey: Bool) throws -> RegisteredSchema {
        try generatedSchema(columns: columns, context: SerdeContext(info: info, features: features, isKey: isKey)).registered
    }
}
