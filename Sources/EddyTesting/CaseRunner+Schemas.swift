import EddyCore
import EddyEngine
import EddyFormats
import EddySchemaRegistry
import EddySQL

extension CaseRunner {
    /// Registers the key and value schemas a case gives for its topics, before any statement runs,
    /// as ksqlDB's TestExecutor does. A schema's type follows the topic's format, or the format a
    /// statement declares for that topic.
    func registerTopicSchemas(_ c: ConformanceCase, engine: Engine) throws {
        guard let registry = engine.schemaRegistry as? InMemorySchemaRegistry else { return }
        try? registry.setCompatibilityLevel(.none, subject: nil)
        for topic in c.topics {
            for isKey in [true, false] {
                guard let schema = isKey ? topic.keySchema : topic.valueSchema, !schema.isNull else { continue }
                let format = (isKey ? topic.keyFormat : topic.valueFormat)
                    ?? Self.declaredFormat(topic: topic.name, isKey: isKey, statements: c.statements) ?? "AVRO"
                let type = Self.schemaType(format: format)
                let text: String
                if case .string(let s) = schema, type != RegisteredSchema.avro { text = s } else { text = schema.jsonText }
                let subject = topic.name + (isKey ? "-key" : "-value")
                do {
                    _ = try registry.register(subject: subject, schema: RegisteredSchema(schemaType: type, schema: text),
                                              id: isKey ? topic.keySchemaId : topic.valueSchemaId)
                } catch {
                    throw EddyError(.execution, "Failed to register the test schema for \(subject): \(error)")
                }
            }
        }
    }

    static func schemaType(format: String) -> String {
        switch format.uppercased() {
        case "PROTOBUF", "PROTOBUF_NOSR": RegisteredSchema.protobuf
        case "JSON_SR", "JSON": RegisteredSchema.json
        default: RegisteredSchema.avro
        }
    }

    /// KEY_FORMAT/VALUE_FORMAT (or FORMAT) of the first statement over `topic`.
    static func declaredFormat(topic: String, isKey: Bool, statements: [String]) -> String? {
        for s in statements {
            guard let parsed = try? SQLParser.parse(s, requireSemicolon: false) else { continue }
            for p in parsed {
                let props: Properties
                switch p.statement {
                case .createSource(let create): props = create.properties
                case .createAsSelect(let create): props = create.properties
                default: continue
                }
                let t = props.string("KAFKA_TOPIC") ?? ""
                guard t == topic else { continue }
                if let f = props.string(isKey ? "KEY_FORMAT" : "VALUE_FORMAT") ?? props.string("FORMAT") { return f }
            }
        }
        return nil
    }
}
