import EddyCore
import EddyEngine
import EddyRuntime
import EddySQL
import Testing

/// Statements ksqlDB refuses, and the message it gives, that Eddy once ran or worded differently.
@Suite struct StatementRejectionTests {
    func engine() throws -> Engine {
        let broker = InMemoryBroker()
        broker.createTopic("people", partitions: 1)
        broker.createTopic("counts", partitions: 1)
        let e = Engine(broker: broker)
        try e.execute("CREATE STREAM PEOPLE (ID INT KEY, NAME STRING, AGE INT) WITH (kafka_topic='people', value_format='JSON');")
        return e
    }

    func message(_ e: Engine, _ sql: String) -> String? { e.rejection(sql) }

    @Test func dropNamesTheStatementsKind() throws {
        let e = try engine()
        #expect(message(e, "DROP STREAM NOBODY;")?.hasPrefix("Stream NOBODY does not exist.") == true)
        #expect(message(e, "DROP TABLE NOBODY;")?.hasPrefix("Table NOBODY does not exist.") == true)
    }

    @Test func formatWithoutInferenceNeedsColumns() throws {
        let e = try engine()
        #expect(message(e, "CREATE STREAM BARE WITH (kafka_topic='people', value_format='DELIMITED');") == "No columns supplied.")
    }

    @Test func formatConfigsAreCheckedBeforeTheMissingColumns() throws {
        let e = try engine()
        let m = message(e, "CREATE STREAM BARE WITH (kafka_topic='people', value_format='JSON', value_delimiter=';');")
        #expect(m?.contains("JSON does not support the following configs: [delimiter]") == true)
    }

    @Test func keyColumnProjectedTwiceIsRejected() throws {
        let e = try engine()
        let m = message(e, "CREATE STREAM COPY AS SELECT ID, ID AS OTHER_ID, NAME FROM PEOPLE;")
        #expect(m?.hasPrefix("The projection contains a key column (`ID`) more than once, aliased as: ID and OTHER_ID.") == true)
        #expect(message(e, "CREATE STREAM COPY2 AS SELECT ID, NAME FROM PEOPLE;") == nil)
    }

    @Test func emptyPartitionByIsRejected() throws {
        let e = try engine()
        let m = message(e, "CREATE STREAM P AS SELECT ID, NAME FROM PEOPLE PARTITION BY ();")
        #expect(m?.contains("PARTITION BY requires at least one expression") == true)
    }

    @Test func structConstructorNeedsDistinctFieldNames() throws {
        let e = try engine()
        let m = message(e, "CREATE STREAM S AS SELECT ID, STRUCT(A := NAME, A := AGE) AS X FROM PEOPLE;")
        #expect(m?.hasPrefix("Duplicate field names found in STRUCT") == true)
        #expect(message(e, "CREATE STREAM S2 AS SELECT ID, STRUCT(A := NAME, B := AGE) AS X FROM PEOPLE;") == nil)
    }

    @Test func sourceStreamsCannotBeReplaced() throws {
        let e = try engine()
        let m = message(e, "CREATE OR REPLACE SOURCE STREAM FRESH (ID INT KEY, NAME STRING) WITH (kafka_topic='people', value_format='JSON');")
        #expect(m == "Cannot add stream 'FRESH': CREATE OR REPLACE is not supported on source streams.")
    }

    @Test func windowedTablesFeedNoPersistentQuery() throws {
        let e = try engine()
        try e.execute("CREATE TABLE WCOUNTS (ID INT PRIMARY KEY, N BIGINT) WITH (kafka_topic='counts', value_format='JSON', window_type='Tumbling', window_size='10 seconds');")
        #expect(message(e, "CREATE TABLE COPY AS SELECT * FROM WCOUNTS;") == "KSQL does not support persistent queries on windowed tables.")
    }
}

extension StatementRejectionTests {
    @Test func unaggregatedColumnWithoutGroupByIsNamed() throws {
        let e = try engine()
        let m = message(e, "CREATE TABLE T AS SELECT NAME, COUNT(*) FROM PEOPLE;")
        #expect(m?.hasPrefix("Non-aggregate SELECT expression(s) not part of GROUP BY: NAME") == true)
        let only = message(e, "CREATE TABLE T2 AS SELECT COUNT(*) FROM PEOPLE;")
        #expect(only?.contains("does not support aggregate function") == true)
    }
}

extension StatementRejectionTests {
    @Test func insertIntoAnUnknownSourcePointsAtItsName() throws {
        let e = try engine()
        do {
            try e.execute("INSERT INTO NOWHERE SELECT * FROM PEOPLE;")
            Issue.record("expected failure")
        } catch let error as EddyError {
            #expect(error.message == "Source `NOWHERE` does not exist.")
            #expect(error.location?.column == 13)
        }
    }

    @Test func insertIntoAStreamWithHeaderColumnsIsRejected() throws {
        let e = try engine()
        try e.execute("CREATE STREAM TAGGED (ID INT KEY, H BYTES HEADER('h'), NAME STRING, AGE INT) WITH (kafka_topic='tagged', value_format='JSON', partitions=1);")
        #expect(message(e, "INSERT INTO TAGGED SELECT ID, CAST(NULL AS BYTES) AS H, NAME, AGE FROM PEOPLE;")
                == "Cannot insert into TAGGED because it has header columns")
    }
}

extension StatementRejectionTests {
    @Test func explicitColumnsMustMatchTheValues() throws {
        let e = try engine()
        #expect(message(e, "INSERT INTO PEOPLE (ID, NAME) VALUES (1);")
                == "Failed to prepare statement: Expected number columns and values to match: 2, 1")
    }
}

/// ksql.output.topic.name.prefix names the default sink topic; an explicit KAFKA_TOPIC wins.
@Suite struct SinkTopicPrefixTests {
    @Test func defaultSinkTopicTakesThePrefix() throws {
        let broker = InMemoryBroker()
        broker.createTopic("people", partitions: 1)
        let e = Engine(broker: broker, properties: ["ksql.output.topic.name.prefix": "team-"])
        try e.execute("CREATE STREAM PEOPLE (ID INT KEY, NAME STRING) WITH (kafka_topic='people', value_format='JSON');")
        try e.execute("CREATE STREAM COPY AS SELECT * FROM PEOPLE;")
        try e.execute("CREATE STREAM NAMED WITH (kafka_topic='exact') AS SELECT * FROM PEOPLE;")
        #expect(e.catalog.source("COPY")?.topic == "team-COPY")
        #expect(e.catalog.source("NAMED")?.topic == "exact")
    }
}
