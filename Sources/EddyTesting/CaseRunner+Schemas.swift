import EddyCore
import EddyEngine
import EddyFormats
import EddyFunctions
import EddySchemaRegistry
import EddySQL
import Foundation

extension CaseRunner {
    /// Registers the key and value schemas a case gives for its topics, before any statement runs,
    /// as ksqlDB's TestExecutor does. A schema's type follows the topic's format, or the format a
    /// statement declares for that topic.
    func registerTopicSchemas(_ c: ConformanceCase, engine: Engine) throws {
        guard let registry = engine.schemaRegistry as? InMemorySchemaRegistry else { return }
        try? registry.setCompatibilityLevel(.none, subject: nil)
        var references: [String: [SchemaReference]] = [:]
        for topic in c.topics {
            for isKey in [true, false] {
                let refs = try RegistrySetup.registerReferences(topic.raw?[isKey ? "keySchemaReferences" : "valueSchemaReferences"],
                                                                format: isKey ? topic.keyFormat : topic.valueFormat, in: registry)
                if !refs.isEmpty { references[topic.name + (isKey ? "-key" : "-value")] = refs }
            }
        }
        func testSchema(_ topic: ConformanceCase.TopicSpec, isKey: Bool, statements: [String]) -> RegisteredSchema? {
            guard var s = self.testSchema(topic, isKey: isKey, statements: statements) else { return nil }
            s.references = references[topic.name + (isKey ? "-key" : "-value")] ?? []
            return s
        }
        // Schemas with fixed ids first (ksqlDB's maybeRegisterTopicSchemas) ...
        for topic in c.topics {
            for isKey in [true, false] {
                guard let id = isKey ? topic.keySchemaId : topic.valueSchemaId,
                      let schema = testSchema(topic, isKey: isKey, statements: c.statements) else { continue }
                try register(registry, topic.name, isKey, schema, id: id)
            }
        }
        // ... then every topic's schema, from the case or from its CREATE statement, in the order
        // ksqlDB's test framework walks them: a Java HashMap of topic names. Ids depend on it.
        var order: [String] = []
        var schemas: [String: (key: RegisteredSchema?, value: RegisteredSchema?)] = [:]
        for topic in c.topics where schemas[topic.name] == nil {
            order.append(topic.name)
            schemas[topic.name] = (testSchema(topic, isKey: true, statements: c.statements),
                                   testSchema(topic, isKey: false, statements: c.statements))
        }
        for (topic, key, value) in statementSchemas(c) {
            if let existing = schemas[topic] {
                schemas[topic] = (existing.key ?? key, existing.value ?? value)
            } else {
                order.append(topic)
                schemas[topic] = (key, value)
            }
        }
        for topic in JavaStringHashMap.order(order) {
            let entry = schemas[topic]!
            if let key = entry.key { try register(registry, topic, true, key, id: nil) }
            if let value = entry.value { try register(registry, topic, false, value, id: nil) }
        }
    }

    private func register(_ registry: InMemorySchemaRegistry, _ topic: String, _ isKey: Bool,
                          _ schema: RegisteredSchema, id: Int?) throws {
        let subject = topic + (isKey ? "-key" : "-value")
        do { _ = try registry.register(subject: subject, schema: schema, id: id) } catch {
            throw EddyError(.execution, "Failed to register the test schema for \(subject): \(error)")
        }
    }

    private func testSchema(_ topic: ConformanceCase.TopicSpec, isKey: Bool, statements: [String]) -> RegisteredSchema? {
        guard let schema = isKey ? topic.keySchema : topic.valueSchema, !schema.isNull else { return nil }
        let format = (isKey ? topic.keyFormat : topic.valueFormat)
            ?? Self.declaredFormat(topic: topic.name, isKey: isKey, statements: statements) ?? "AVRO"
        let type = Self.schemaType(format: format)
        if case .string(let s) = schema, type != RegisteredSchema.avro { return RegisteredSchema(schemaType: type, schema: s) }
        return RegisteredSchema(schemaType: type, schema: schema.jsonText)
    }

    /// The schemas the case's CREATE statements would register, found by running just those
    /// statements on a scratch engine with its own registry.
    private func statementSchemas(_ c: ConformanceCase) -> [(String, RegisteredSchema?, RegisteredSchema?)] {
        let scratchRegistry = InMemorySchemaRegistry.withFormatSupport()
        let scratch = Engine(functions: functions, properties: c.properties, schemaRegistry: scratchRegistry)
        var topics: [String] = []
        for s in c.statements {
            guard let parsed = try? SQLParser.parse(s, requireSemicolon: false) else { continue }
            for p in parsed {
                switch p.statement {
                case .createSource(let create):
                    guard !create.elements.isEmpty, let topic = create.properties.string("KAFKA_TOPIC") else { continue }
                    if scratch.broker.topic(topic) == nil { scratch.broker.createTopic(topic, partitions: 1) }
                    if (try? scratch.execute(p)) != nil, !topics.contains(topic) { topics.append(topic) }
                case .createType:
                    _ = try? scratch.execute(p)
                default:
                    continue
                }
            }
        }
        return topics.map { t in
            (t, try? scratchRegistry.latest(subject: t + "-key").schema, try? scratchRegistry.latest(subject: t + "-value").schema)
        }
    }

    /// Compares the schemas registered for output topics with `post.topics` (AVRO and JSON schemas
    /// as JSON, ignoring member order; PROTOBUF as text).
    func verifyPostTopicSchemas(_ c: ConformanceCase, engine: Engine) throws {
        for post in c.postTopicSchemas {
            for (isKey, expected) in [(true, post.keySchema), (false, post.valueSchema)] {
                guard let expected, !expected.isNull else { continue }
                let subject = post.topic + (isKey ? "-key" : "-value")
                guard let actual = try engine.schemaRegistry.latestIfPresent(subject: subject) else {
                    throw ComparisonFailure(message: "post: no schema registered for \(subject)")
                }
                let same: Bool
                if case .string(let text) = expected, actual.schema.schemaType == RegisteredSchema.protobuf {
                    same = text.trimmingCharacters(in: .whitespacesAndNewlines)
                        == actual.schema.schema.trimmingCharacters(in: .whitespacesAndNewlines)
                } else if let parsed = try? JSONValue.parse(actual.schema.schema) {
                    same = Self.jsonEqual(parsed, expected)
                        || actual.schema.schemaType == RegisteredSchema.avro
                        && Self.jsonEqual(AvroSchemaNamespaces.explicit(parsed), AvroSchemaNamespaces.explicit(expected))
                } else {
                    same = false
                }
                if !same {
                    throw ComparisonFailure(message: "post: schema for \(subject) is \(actual.schema.schema), expected \(expected.jsonText)")
                }
            }
        }
    }

    static func jsonEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { k, v in y[k].map { jsonEqual(v, $0) } ?? false }
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { jsonEqual($0, $1) }
        case (.number(let x), .number(let y)):
            return x.double == y.double
        default:
            return a == b
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

/// The iteration order of a `java.util.HashMap<String, …>` filled in `insertion` order from its
/// default capacity (16, doubled past three quarters full).
enum JavaStringHashMap {
    static func order(_ insertion: [String]) -> [String] {
        var capacity = 16
        while Double(insertion.count) > Double(capacity) * 0.75 { capacity *= 2 }
        let order = JavaHashMapOrder.order(of: insertion.map { Value.string($0) }, tableSize: capacity)
        return order.map { $0.map { insertion[$0] } } ?? insertion
    }
}
