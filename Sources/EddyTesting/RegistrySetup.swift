import EddyCore
import EddyFormats
import EddySchemaRegistry

/// Helpers for the schemas a case declares for its topics (see CaseRunner+Schemas).
enum RegistrySetup {
    /// Registers a topic's schema references (each under its own name as subject, version 1) and
    /// returns them for the schema that imports them.
    static func registerReferences(_ references: JSONValue?, format: String?,
                                   in registry: any SchemaRegistryClient) throws -> [SchemaReference] {
        var refs: [SchemaReference] = []
        for r in references?.arrayValue ?? [] {
            guard let name = r["name"]?.stringValue, let s = r["schema"] else { continue }
            let refType = schemaType(r["format"]?.stringValue) ?? schemaType(format) ?? RegisteredSchema.avro
            _ = try registry.register(subject: name, schema: RegisteredSchema(schemaType: refType, schema: text(s)))
            refs.append(SchemaReference(name: name, subject: name, version: 1))
        }
        return refs
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
}
