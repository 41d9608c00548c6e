import EddyCore
import EddyFormats
import EddySchemaRegistry

/// Registers a case's declared topic schemas before its statements run, as ksqlDB's TestExecutor
/// does: `keySchema`/`valueSchema` under `<topic>-key`/`-value`, after their references (each
/// registered under its own name as subject, version 1).
enum RegistrySetup {
    static func register(_ topics: [ConformanceCase.TopicSpec], in registry: any SchemaRegistryClient) throws {
        for t in topics {
            try register(t.keySchema, format: t.keyFormat, references: t.raw?["keySchemaReferences"],
                         subject: SchemaSubjects.subject(topic: t.name, isKey: true), registry)
            try register(t.valueSchema, format: t.valueFormat, references: t.raw?["valueSchemaReferences"],
                         subject: SchemaSubjects.subject(topic: t.name, isKey: false), registry)
        }
    }

    static func schemaType(_ format: String?) -> String? {
        switch format?.uppercased() {
        case "PROTOBUF": RegisteredSchema.protobuf
        case "JSON_SR", "JSON": RegisteredSchema.json
        case "AVRO": RegisteredSchema.avro
        default: nil
        }
    }

    private static func text(_ schema: JSONValue) -> String { schema.stringValue ?? schema.jsonText }

    private static func register(_ schema: JSONValue?, format: String?, references: JSONValue?, subject: String,
                                 _ registry: any SchemaRegistryClient) throws {
        guard let schema, !schema.isNull, let type = schemaType(format) else { return }
        var refs: [SchemaReference] = []
        for r in references?.arrayValue ?? [] {
            guard let name = r["name"]?.stringValue, let s = r["schema"] else { continue }
            let refType = schemaType(r["format"]?.stringValue) ?? type
            _ = try registry.register(subject: name, schema: RegisteredSchema(schemaType: refType, schema: text(s)))
            refs.append(SchemaReference(name: name, subject: name, version: 1))
        }
        _ = try registry.register(subject: subject, schema: RegisteredSchema(schemaType: type, schema: text(schema), references: refs))
    }
}
