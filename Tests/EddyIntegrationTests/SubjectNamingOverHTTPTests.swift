import EddyKafka
import EddyKafkaRuntime
import EddySchemaRegistry
import Testing

/// Record-name subject strategies on the mock cluster with the embedded registry over HTTP:
/// INSERT VALUES and a CSAS register under the chosen subjects, and a CREATE without columns
/// infers its columns from a record-name subject.
@Suite struct SubjectNamingOverHTTPTests {
    @Test func recordNameStrategiesEndToEnd() async throws {
        let kafka = try KafkaFixture()
        let (_, registry) = try await kafka.startRegistry()
        defer { registry.stop() }

        let session = try await kafka.startSession("""
            SET 'auto.offset.reset' = 'earliest';
            CREATE STREAM clicks (page STRING KEY, ms INT) WITH (kafka_topic='clicks', key_format='KAFKA',
                value_format='AVRO', partitions=1, value_schema_full_name='com.acme.Click',
                value_subject_name_strategy='RecordNameStrategy');
            INSERT INTO clicks (page, ms) VALUES ('a', 1);
            INSERT INTO clicks (page, ms) VALUES ('b', 2);
            CREATE STREAM inferred WITH (kafka_topic='clicks', key_format='KAFKA', value_format='AVRO',
                value_schema_full_name='com.acme.Click', value_subject_name_strategy='RecordNameStrategy');
            CREATE STREAM doubled WITH (value_schema_full_name='com.acme.Doubled',
                value_subject_name_strategy='io.confluent.kafka.serializers.subject.TopicRecordNameStrategy')
                AS SELECT ms * 2 AS twice FROM inferred;
            DESCRIBE inferred;
            """, schemaRegistry: registry.client)
        let runner = try #require(session.runtime.runners["CSAS_DOUBLED_0"])
        #expect(try await kafka.eventually { runner.stats.produced >= 2 })
        try await kafka.stop(session)

        let subjects = try registry.registry.subjects().sorted()
        #expect(subjects == ["DOUBLED-com.acme.Doubled", "com.acme.Click"])
        #expect(kafka.output.all.joined(separator: "\n").contains("MS"))
        let out = try await kafka.readAll("DOUBLED", expecting: 2, deadline: .seconds(2))
        #expect(out.count == 2)
        let id = try registry.registry.latest(subject: "DOUBLED-com.acme.Doubled").id
        for message in out {
            let bytes = try #require(message.value)
            #expect(bytes.count > 5 && bytes[0] == 0)
            #expect(Int(bytes[1]) << 24 | Int(bytes[2]) << 16 | Int(bytes[3]) << 8 | Int(bytes[4]) == id)
        }
    }
}
