import EddyCore
import EddyEngine
import EddyFormats
import EddyRuntime
import Testing

/// End-to-end over the in-memory broker: statements in, records through the query, records out.
@Suite struct StatelessQueryTests {
    func engine() throws -> Engine {
        let e = Engine()
        e.broker.createTopic("orders", partitions: 1)
        try e.execute("CREATE STREAM ORDERS (ID BIGINT KEY, ITEM STRING, QTY INT, PRICE DOUBLE) WITH (kafka_topic='orders', value_format='JSON');")
        return e
    }

    func values(_ e: Engine, _ topic: String) -> [String] {
        e.broker.read(topic).map { String(decoding: $0.value ?? [], as: UTF8.self) }
    }

    @Test func filterAndProject() throws {
        let e = try engine()
        try e.execute("CREATE STREAM BIG AS SELECT ID, UCASE(ITEM) AS ITEM, QTY * PRICE AS TOTAL FROM ORDERS WHERE QTY > 1;")
        try e.execute("INSERT INTO ORDERS (ID, ITEM, QTY, PRICE) VALUES (1, 'apple', 1, 0.5);")
        try e.execute("INSERT INTO ORDERS (ID, ITEM, QTY, PRICE) VALUES (2, 'pear', 3, 1.5);")
        e.runUntilIdle()
        #expect(values(e, "BIG") == [#"{"ITEM":"PEAR","TOTAL":4.5}"#])
        // BIGINT key, KAFKA format: 8 bytes big-endian.
        #expect(e.broker.read("BIG").first?.key == [0, 0, 0, 0, 0, 0, 0, 2])
    }

    @Test func malformedRecordGoesToProcessingLogAndQueryContinues() throws {
        let e = try engine()
        try e.execute("CREATE STREAM COPY AS SELECT * FROM ORDERS;")
        e.broker.append(KafkaRecord(topic: "orders", timestamp: 1, key: [0, 0, 0, 0, 0, 0, 0, 1], value: Array("{not json".utf8)))
        try e.execute("INSERT INTO ORDERS (ID, ITEM, QTY, PRICE) VALUES (3, 'fig', 2, 2.0);")
        e.runUntilIdle()
        #expect(values(e, "COPY").count == 1)
        #expect(e.processingLog.recent.count == 1)
    }

    @Test func partitionByRekeys() throws {
        let e = try engine()
        try e.execute("CREATE STREAM BY_ITEM AS SELECT ITEM, ID, QTY FROM ORDERS PARTITION BY ITEM;")
        try e.execute("INSERT INTO ORDERS (ID, ITEM, QTY, PRICE) VALUES (4, 'kiwi', 2, 2.0);")
        e.runUntilIdle()
        #expect(e.broker.read("BY_ITEM").first?.key == Array("kiwi".utf8))
        #expect(values(e, "BY_ITEM") == [#"{"ID":4,"QTY":2}"#])
    }

    @Test func explodeZipsArrays() throws {
        let e = Engine()
        e.broker.createTopic("t")
        try e.execute("CREATE STREAM S (K STRING KEY, A ARRAY<INT>, B ARRAY<STRING>) WITH (kafka_topic='t', value_format='JSON');")
        try e.execute("CREATE STREAM X AS SELECT K, EXPLODE(A) AS A, EXPLODE(B) AS B FROM S;")
        e.broker.append(KafkaRecord(topic: "t", timestamp: 0, key: Array("k".utf8), value: Array(#"{"A":[1,2],"B":["x"]}"#.utf8)))
        e.runUntilIdle()
        #expect(values(e, "X") == [#"{"A":1,"B":"x"}"#, #"{"A":2,"B":null}"#])
    }

    @Test func missingKeyInProjectionIsRejected() throws {
        let e = try engine()
        #expect(throws: EddyError.self) { try e.execute("CREATE STREAM BAD AS SELECT ITEM FROM ORDERS;") }
        do {
            try e.execute("CREATE STREAM BAD AS SELECT ITEM FROM ORDERS;")
        } catch let error as EddyError {
            #expect(error.message.contains("must include the key column ID in its projection"))
        }
    }

    @Test func nullValuesPassThroughProjectionsButNotFilters() throws {
        let e = try engine()
        try e.execute("CREATE STREAM COPY AS SELECT * FROM ORDERS;")
        try e.execute("CREATE STREAM SOME AS SELECT * FROM ORDERS WHERE QTY > 0;")
        e.broker.append(KafkaRecord(topic: "orders", timestamp: 7, key: [0, 0, 0, 0, 0, 0, 0, 9], value: nil))
        e.runUntilIdle()
        let copied = e.broker.read("COPY")
        #expect(copied.count == 1)
        #expect(copied.first?.value == nil)
        #expect(copied.first?.key == [0, 0, 0, 0, 0, 0, 0, 9])
        #expect(e.broker.read("SOME").isEmpty)
    }

    @Test func timestampFormatUsesTheJavaPattern() throws {
        let e = Engine()
        e.broker.createTopic("events", partitions: 1)
        try e.execute("CREATE STREAM EVENTS (ID INT KEY, TS STRING) WITH (kafka_topic='events', value_format='JSON', timestamp='TS', timestamp_format='yy-MM-dd HH:mm:ssX');")
        try e.execute("CREATE STREAM OUT AS SELECT * FROM EVENTS;")
        e.broker.append(KafkaRecord(topic: "events", timestamp: 0, key: [0, 0, 0, 1], value: Array(#"{"TS":"10-04-19 12:00:17Z"}"#.utf8)))
        e.broker.append(KafkaRecord(topic: "events", timestamp: 0, key: [0, 0, 0, 2], value: Array(#"{"TS":"garbage"}"#.utf8)))
        e.runUntilIdle()
        #expect(e.broker.read("OUT").map(\.timestamp) == [1_271_678_417_000])
        #expect(e.processingLog.recent.contains { $0.message.contains("Failed to extract timestamp") })
    }
}

@Suite struct AlterSourceTests {
    @Test func addsValueColumnsToDeclaredSources() throws {
        let e = Engine()
        e.broker.createTopic("t", partitions: 1)
        try e.execute("CREATE STREAM S (K INT KEY, A INT) WITH (kafka_topic='t', value_format='JSON');")
        try e.execute("ALTER STREAM S ADD COLUMN B STRING, ADD COLUMN C DOUBLE;")
        #expect(e.catalog.source("S")?.schema.columns.map(\.name) == ["K", "A", "B", "C"])
        #expect(throws: EddyError.self) { try e.execute("ALTER STREAM S ADD COLUMN A INT;") }
        try e.execute("CREATE STREAM D AS SELECT * FROM S;")
        #expect(throws: EddyError.self) { try e.execute("ALTER STREAM D ADD COLUMN Z INT;") }
        try e.execute("CREATE SOURCE STREAM R (K INT KEY, A INT) WITH (kafka_topic='t', value_format='JSON');")
        do {
            try e.execute("ALTER STREAM R ADD COLUMN B INT;")
            Issue.record("ALTER on a source stream must fail")
        } catch let error as EddyError {
            #expect(error.message.contains("ALTER operations are not supported on source streams"))
        }
    }
}
