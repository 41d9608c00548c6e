import EddyCore
import EddyFormats
@testable import EddyEngine
import EddyRuntime
import EddySQL
import Testing

/// A stream record without a value re-keyed by PARTITION BY: an expression over value or pseudo
/// columns has nothing to read and gives a NULL key; one over key columns still evaluates.
@Suite struct TombstonePartitionTests {
    func engine(_ partitionBy: String) throws -> Engine {
        let e = Engine()
        e.broker.createTopic("people", partitions: 1)
        try e.execute("CREATE STREAM PEOPLE (ID INT KEY, NAME STRING) WITH (kafka_topic='people', value_format='JSON', key_format='JSON');")
        try e.execute("CREATE STREAM P AS SELECT * FROM PEOPLE PARTITION BY \(partitionBy);")
        e.broker.append(KafkaRecord(topic: "people", timestamp: 5, key: Array("7".utf8), value: nil))
        e.runUntilIdle()
        return e
    }

    func keys(_ e: Engine) -> [String?] {
        e.broker.read("P").map { $0.key.map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func valueExpressionGivesNullKey() throws {
        let e = try engine("(NAME IS NULL)")
        #expect(keys(e) == [nil])
        #expect(e.broker.read("P").first?.value == nil)
    }

    @Test func keyExpressionStillEvaluates() throws {
        let e = try engine("(ID + 1)")
        #expect(keys(e) == ["8"])
    }
}

/// A push query over a table shows a delete as a row whose key columns keep their value.
@Suite struct PushTombstoneKeyTests {
    @Test func tombstoneRowKeepsTheKeyColumns() throws {
        let e = Engine()
        e.broker.createTopic("t", partitions: 1)
        try e.execute("CREATE TABLE T (K INT PRIMARY KEY, V INT) WITH (kafka_topic='t', value_format='JSON');")
        e.broker.append(KafkaRecord(topic: "t", timestamp: 1, key: [0, 0, 0, 10], value: Array(#"{"V":1}"#.utf8)))
        e.broker.append(KafkaRecord(topic: "t", timestamp: 2, key: [0, 0, 0, 10], value: nil))
        e.runUntilIdle()
        let parsed = try #require(SQLParser.parse("SELECT V, K, K + 1 AS K1 FROM T EMIT CHANGES;").first)
        guard case .query(let q) = parsed.statement else { Issue.record("not a query"); return }
        let (_, rows) = try e.scan(q)
        #expect(rows == [[.int(1), .int(10), .int(11)], [.null, .int(10), .null]])
    }
}

/// A plain projection of a windowed stream passes a record without a value on, as an unwindowed
/// stream's does, keeping its windowed key.
@Suite struct WindowedStreamTombstoneTests {
    @Test func tombstonePassesThrough() throws {
        let e = Engine()
        e.broker.createTopic("w", partitions: 1)
        try e.execute("CREATE STREAM W (K INT KEY, V INT) WITH (kafka_topic='w', value_format='JSON', window_type='Session');")
        try e.execute("CREATE STREAM C AS SELECT * FROM W;")
        var key: [UInt8] = [0, 0, 0, 7]
        WindowedKeyCodec.append(start: 0, end: 10, session: true, to: &key)
        e.broker.append(KafkaRecord(topic: "w", timestamp: 10, key: key, value: Array(#"{"V":1}"#.utf8)))
        e.broker.append(KafkaRecord(topic: "w", timestamp: 10, key: key, value: nil))
        e.runUntilIdle()
        let out = e.broker.read("C")
        #expect(out.count == 2)
        #expect(out.last?.value == nil)
        #expect(out.last?.key == key)
    }
}
