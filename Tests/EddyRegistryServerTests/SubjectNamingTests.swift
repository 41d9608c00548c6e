import EddyCore
import EddyEngine
import EddyFormats
import EddySchemaRegistry
import Testing

/// Subject naming strategies chosen per source (WITH) or per server, through the in-memory
/// registry: registration at CREATE/CSAS, the serializers' first record, and inference.
@Suite struct SubjectNamingTests {
    static func engine(_ properties: [String: String] = [:]) -> (Engine, InMemorySchemaRegistry) {
        let registry = InMemorySchemaRegistry.withFormatSupport()
        let engine = Engine(formats: .withSchemaRegistry(registry), properties: properties, schemaRegistry: registry)
        return (engine, registry)
    }

    static let orderSchema = #"{"type":"record","name":"Order","namespace":"com.acme","fields":[{"name":"id","type":"long"}]}"#

    @Test func topicNameStaysTheDefaultAndLeavesNoProperty() throws {
        let (engine, registry) = Self.engine()
        try engine.execute("""
            CREATE STREAM S (ID BIGINT KEY, V STRING) WITH (KAFKA_TOPIC='s', FORMAT='AVRO', PARTITIONS=1);
            CREATE STREAM T AS SELECT * FROM S;
            INSERT INTO T (ID, V) VALUES (1, 'x');
            """)
        #expect(try registry.subjects().sorted() == ["T-key", "T-value", "s-key", "s-value"])
        let sink = try #require(engine.catalog.source("T"))
        #expect(sink.valueFormat.properties[FormatInfo.subjectNameStrategyProperty] == nil)
        #expect(sink.keyFormat.properties[FormatInfo.subjectNameStrategyProperty] == nil)
    }

    @Test func recordNameFilesSchemasUnderTheirFullName() throws {
        let (engine, registry) = Self.engine()
        try engine.execute("""
            CREATE STREAM S (ID BIGINT KEY, V STRING) WITH (KAFKA_TOPIC='s', KEY_FORMAT='KAFKA', VALUE_FORMAT='AVRO',
                PARTITIONS=1, VALUE_SCHEMA_FULL_NAME='com.acme.Thing', VALUE_SUBJECT_NAME_STRATEGY='RecordNameStrategy');
            INSERT INTO S (ID, V) VALUES (1, 'x');
            """)
        #expect(try registry.subjects() == ["com.acme.Thing"])
        let record = try #require(engine.broker.read("s").first?.value)
        // The record's schema id is the one registered under the record-name subject.
        let id = Int(record[1]) << 24 | Int(record[2]) << 16 | Int(record[3]) << 8 | Int(record[4])
        #expect(try registry.latest(subject: "com.acme.Thing").id == id)
        let described = try engine.execute("DESCRIBE S EXTENDED;")
        guard case .listing(_, _, let rows) = described.last else { Issue.record("no listing"); return }
        #expect(rows.contains(["Value subject name strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"]))
        #expect(!rows.contains { $0.first == "Key subject name strategy" })
    }

    @Test func topicRecordNameAcceptsClassNamesInAnyCase() throws {
        let (engine, registry) = Self.engine()
        try engine.execute("""
            CREATE STREAM S (ID BIGINT KEY, V STRING) WITH (KAFKA_TOPIC='s', FORMAT='AVRO', PARTITIONS=1,
                KEY_SUBJECT_NAME_STRATEGY='io.confluent.kafka.serializers.subject.topicrecordnamestrategy',
                VALUE_SUBJECT_NAME_STRATEGY='TOPICRECORDNAMESTRATEGY');
            CREATE STREAM T WITH (VALUE_SUBJECT_NAME_STRATEGY='TopicNameStrategy') AS SELECT * FROM S;
            """)
        let subjects = try registry.subjects().sorted()
        #expect(subjects == [
            "T-key", "T-value",
            // A single primitive key is a bare "long": Confluent names such a schema by its type.
            "s-io.confluent.ksql.avro_schemas.KsqlDataSourceSchema", "s-long",
        ])
    }

    @Test func serverDefaultAppliesToNewSourcesOnly() throws {
        let (engine, registry) = Self.engine(["ksql.schema.registry.value.subject.name.strategy": "RecordNameStrategy"])
        try engine.execute("""
            CREATE STREAM S (ID BIGINT KEY, V STRING) WITH (KAFKA_TOPIC='s', KEY_FORMAT='KAFKA', VALUE_FORMAT='JSON', PARTITIONS=1);
            CREATE STREAM T WITH (VALUE_FORMAT='AVRO', VALUE_SCHEMA_FULL_NAME='com.acme.T') AS SELECT * FROM S;
            """)
        #expect(try registry.subjects() == ["com.acme.T"])
        #expect(engine.catalog.source("S")?.valueFormat.properties.isEmpty == true)
        // The choice is stored with the source: changing the server default does not move it.
        engine.properties["ksql.schema.registry.value.subject.name.strategy"] = nil
        try engine.execute("INSERT INTO T (ID, V) VALUES (1, 'x');")
        #expect(try registry.subjects() == ["com.acme.T"])
    }

    @Test func inferenceReadsTheRecordNameSubject() throws {
        let (engine, registry) = Self.engine()
        _ = try registry.register(subject: "com.acme.Order", schema: RegisteredSchema(schema: Self.orderSchema))
        engine.broker.createTopic("orders", partitions: 1)
        try engine.execute("""
            CREATE STREAM O WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='AVRO',
                VALUE_SUBJECT_NAME_STRATEGY='RecordNameStrategy', VALUE_SCHEMA_FULL_NAME='com.acme.Order');
            """)
        #expect(engine.catalog.source("O")?.schema.description == "`ID` BIGINT")

        _ = try registry.register(subject: "orders2-com.acme.Order", schema: RegisteredSchema(schema: Self.orderSchema))
        engine.broker.createTopic("orders2", partitions: 1)
        try engine.execute("""
            CREATE STREAM O2 WITH (KAFKA_TOPIC='orders2', VALUE_FORMAT='AVRO',
                VALUE_SUBJECT_NAME_STRATEGY='TopicRecordNameStrategy', VALUE_SCHEMA_FULL_NAME='com.acme.Order');
            """)
        #expect(engine.catalog.source("O2")?.schema.description == "`ID` BIGINT")
    }

    @Test func inferenceWithARecordStrategyNeedsAFullNameOrAnID() throws {
        let (engine, registry) = Self.engine()
        let id = try registry.register(subject: "com.acme.Order", schema: RegisteredSchema(schema: Self.orderSchema))
        engine.broker.createTopic("orders", partitions: 1)
        let error = #expect(throws: EddyError.self) {
            try engine.execute("CREATE STREAM O WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='AVRO', VALUE_SUBJECT_NAME_STRATEGY='RecordNameStrategy');")
        }
        #expect(error?.message.contains("set VALUE_SCHEMA_FULL_NAME, or VALUE_SCHEMA_ID") == true)
        try engine.execute("""
            CREATE STREAM O WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='AVRO', VALUE_SUBJECT_NAME_STRATEGY='RecordNameStrategy',
                VALUE_SCHEMA_ID=\(id));
            """)
        #expect(engine.catalog.source("O")?.schema.description == "`id` BIGINT")
    }

    @Test func unknownStrategyIsReportedAtItsValue() throws {
        let (engine, _) = Self.engine()
        let error = #expect(throws: EddyError.self) {
            try engine.execute("CREATE STREAM S (V STRING)\n  WITH (KAFKA_TOPIC='s', VALUE_FORMAT='AVRO', PARTITIONS=1, VALUE_SUBJECT_NAME_STRATEGY='Nope');")
        }
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 89)
        #expect(error?.message.hasPrefix("Line: 2, Col: 89: Invalid value Nope for configuration VALUE_SUBJECT_NAME_STRATEGY") == true)

        let (configured, _) = Self.engine(["ksql.schema.registry.key.subject.name.strategy": "Bad"])
        let configError = #expect(throws: EddyError.self) {
            try configured.execute("CREATE STREAM S (K INT KEY, V STRING) WITH (KAFKA_TOPIC='s', FORMAT='AVRO', PARTITIONS=1);")
        }
        #expect(configError?.message.hasPrefix("Invalid value Bad for configuration ksql.schema.registry.key.subject.name.strategy") == true)
    }

    @Test func formatsWithoutARegistryRejectTheProperty() throws {
        let (engine, _) = Self.engine()
        let error = #expect(throws: EddyError.self) {
            try engine.execute("CREATE STREAM S (V STRING) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1, VALUE_SUBJECT_NAME_STRATEGY='RecordNameStrategy');")
        }
        #expect(error?.message.contains("VALUE_SUBJECT_NAME_STRATEGY is only valid with a Schema Registry format") == true)
    }

    @Test func protobufAndJSONSchemaUseTheirRecordNames() throws {
        let (engine, registry) = Self.engine()
        try engine.execute("""
            CREATE STREAM P (V STRING) WITH (KAFKA_TOPIC='p', VALUE_FORMAT='PROTOBUF', PARTITIONS=1,
                VALUE_SUBJECT_NAME_STRATEGY='RecordNameStrategy');
            CREATE STREAM J (V STRING) WITH (KAFKA_TOPIC='j', VALUE_FORMAT='JSON_SR', PARTITIONS=1,
                VALUE_SUBJECT_NAME_STRATEGY='TopicRecordNameStrategy');
            INSERT INTO P (V) VALUES ('x');
            INSERT INTO J (V) VALUES ('y');
            """)
        let subjects = try registry.subjects().sorted()
        // ksqlDB's generated protobuf message is ConnectDefault1; an untitled JSON schema is "JsonSchema".
        #expect(subjects == ["ConnectDefault1", "j-JsonSchema"])
    }
}
