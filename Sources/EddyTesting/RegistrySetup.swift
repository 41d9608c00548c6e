import EddyCore
import EddyFormats
import EddySchemaRegistry

/// Registers a case's declared topic schemas before its statements run, as ksqlDB's TestExecutor
/// does: `keySchema`/`valueSchema` under `<topic>-key`/`-value`, after their references (each
/// registered under its own name as subject, version 1).
enum RegistrySetup {
    /// Returns the ids the file declares mapped to the ids the registry assigned.
    static func register(_ topics: [ConformanceCase.TopicSpec], in registry: any SchemaRegistryClient) throws -> [Int: Int] {
        var aliases: [Int: Int] = [:]
        for t in topics {
            if let id = try register(t.keySchema, format: t.keyFormat, references: t.raw?["keySchemaReferences"],
                                     subject: SchemaSubjects.subject(topic: t.name, isKey: true), registry),
               let declared = t.raw?["keySchemaId"]?.numberValue?.int64 {
                aliases[Int(declared)] = id
            }
            if let id = try register(t.valueSchema, format: t.valueFormat, references: t.raw?["valueSchemaReferences"],
                                     subject: SchemaSubjects.subject(topic: t.name, isKey: false), registry),
               let declared = t.raw?["valueSchemaId"]?.numberValue?.int64 {
                aliases[Int(declared)] = id
            }
        }
        return aliases
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
                                 _ registry: any SchemaRegistryClient) throws -> Int? {
        guard let schema, !schema.isNull, let type = schemaType(format) else { return nil }
        var refs: [SchemaReference] = []
        for r in references?.arrayValue ?? [] {
            guard let name = r["name"]?.stringValue, let s = r["schema"] else { continue }
            let refType = schemaType(r["format"]?.stringValue) ?? type
            _ = try registry.register(subject: name, schema: RegisteredSchema(schemaType: refType, schema: text(s)))
            refs.append(SchemaReference(name: name, subject: name, version: 1))
        }
        return try registry.register(subject: subject, schema: RegisteredSchema(schemaType: type, schema: text(schema), references: refs))
    }
}
