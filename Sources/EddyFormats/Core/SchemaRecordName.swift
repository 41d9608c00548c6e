import EddyCore
import EddySchemaRegistry

/// The "record name" the RecordName and TopicRecordName strategies file a schema under, as
/// Confluent's `ParsedSchema.name()` gives it: an Avro schema's full name, a protobuf schema's
/// chosen (or first) message, a JSON schema's `title` (or `JsonSchema`).
public enum SchemaRecordName {
    /// Confluent's name for a JSON schema without a title.
    public static let defaultJSONSchemaName = "JsonSchema"

    /// Nil when the schema does not parse; callers report that through their own checks.
    public static func of(_ schema: RegisteredSchema, info: FormatInfo) -> String? {
        switch schema.schemaType {
        case RegisteredSchema.protobuf:
            guard let parsed = try? ProtoSchema.parse(schema.schema) else { return info.fullSchemaName }
            if let wanted = info.fullSchemaName, let i = parsed.message(named: wanted) { return parsed.messages[i].fullName }
            return parsed.rootMessage.map { parsed.messages[$0].fullName }
        case RegisteredSchema.json:
            guard let parsed = try? JSONValue.parse(schema.schema) else { return nil }
            return parsed["title"]?.stringValue ?? defaultJSONSchemaName
        default:
            guard let parsed = try? AvroSchema.parse(schema.schema) else { return nil }
            return parsed.fullName ?? parsed.typeName
        }
    }
}
