import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// Topics the engine creates carry ksqlDB's cleanup policies: compacted for tables, deleted by
/// time for streams, both for windowed tables (with the window's retention).
@Suite struct SinkTopicConfigTests {
    static func engine() throws -> Engine {
        let engine = Engine()
        try engine.execute("""
            CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING) WITH (KAFKA_TOPIC='clicks', VALUE_FORMAT='JSON', PARTITIONS=2);
            """)
        return engine
    }

    @Test func ctasSinkIsCompactedAndCsasSinkIsNot() throws {
        let engine = try Self.engine()
        try engine.execute("""
            CREATE TABLE PER_USER AS SELECT USER, COUNT(*) AS N FROM CLICKS GROUP BY USER;
            CREATE STREAM COPY AS SELECT * FROM CLICKS;
            CREATE STREAM JOINED AS SELECT C.USER, C.PAGE, P.N FROM CLICKS C JOIN PER_USER P ON C.USER = P.USER;
            """)
        #expect(engine.broker.topicConfig("PER_USER") == ["cleanup.policy": "compact"])
        #expect(engine.broker.topicConfig("COPY") == ["cleanup.policy": "delete"])
        #expect(engine.broker.topicConfig("JOINED") == ["cleanup.policy": "delete"])
        #expect(engine.broker.topicConfig("clicks") == ["cleanup.policy": "delete"])
    }

    @Test func windowedCtasAlsoDeletesAfterItsRetention() throws {
        let engine = try Self.engine()
        try engine.execute("""
            CREATE TABLE W AS SELECT USER, COUNT(*) AS N FROM CLICKS
                WINDOW TUMBLING (SIZE 10 SECONDS, RETENTION 2 HOURS) GROUP BY USER;
            CREATE TABLE W2 AS SELECT USER, COUNT(*) AS N FROM CLICKS WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY USER;
            """)
        #expect(engine.broker.topicConfig("W") == ["cleanup.policy": "compact,delete", "retention.ms": "7200000"])
        #expect(engine.broker.topicConfig("W2") == ["cleanup.policy": "compact,delete"])
    }

    @Test func createTableWithPartitionsMakesACompactedTopic() throws {
        let engine = Engine()
        try engine.execute("CREATE TABLE T (ID INT PRIMARY KEY, V STRING) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON', PARTITIONS=1);")
        #expect(engine.broker.topicConfig("t") == ["cleanup.policy": "compact"])
    }

    /// Existing topics are used as they are: nothing is created, so no config is asked for.
    @Test func existingTopicsAreLeftAlone() throws {
        let engine = try Self.engine()
        engine.broker.createTopic("PER_USER", partitions: 2)
        try engine.execute("CREATE TABLE PER_USER AS SELECT USER, COUNT(*) AS N FROM CLICKS GROUP BY USER;")
        #expect(engine.broker.topicConfig("PER_USER").isEmpty)
    }
}
