import EddyCore
import EddyEngine
import EddyRuntime
import EddySQL
import Testing

/// With `ksql.query.push.v2.enabled`, a simple push query over a query's sink is a scalable push
/// query, which skips keyless records; other push queries still return them.
@Suite struct ScalablePushTests {
    func rows(_ select: String, properties: [String: String]) throws -> [[Value]] {
        let e = Engine(broker: InMemoryBroker(), properties: properties)
        e.broker.createTopic("events")
        try e.execute("CREATE STREAM RAW (K INT KEY, V INT) WITH (kafka_topic='events', value_format='JSON');")
        try e.execute("CREATE STREAM COPY AS SELECT * FROM RAW;")
        let keys: [[UInt8]?] = [nil, [0, 0, 0, 7], nil, [0, 0, 0, 8]]
        for (i, key) in keys.enumerated() {
            e.broker.append(KafkaRecord(topic: "events", timestamp: Int64(i), key: key, value: Array(#"{"V":\#(i)}"#.utf8)))
        }
        e.runUntilIdle()
        guard case .query(let q) = try SQLParser.parse(select, requireSemicolon: false)[0].statement else {
            Issue.record("not a query")
            return []
        }
        return try e.scan(q).1
    }

    let v2 = ["ksql.query.push.v2.enabled": "true"]

    @Test func scalablePushSkipsKeylessRows() throws {
        let out = try rows("SELECT K, V FROM COPY EMIT CHANGES;", properties: v2)
        #expect(out == [[.int(7), .int(1)], [.int(8), .int(3)]])
    }

    @Test func otherPushQueriesKeepKeylessRows() throws {
        // Push v2 off; a source no query writes; reading from earliest; ROWOFFSET selected.
        #expect(try rows("SELECT K, V FROM COPY EMIT CHANGES;", properties: [:]).count == 4)
        #expect(try rows("SELECT K, V FROM RAW EMIT CHANGES;", properties: v2).count == 4)
        #expect(try rows("SELECT K, V FROM COPY EMIT CHANGES;", properties: v2.merging(["auto.offset.reset": "earliest"]) { a, _ in a }).count == 4)
        #expect(try rows("SELECT K, V, ROWOFFSET FROM COPY EMIT CHANGES;", properties: v2).count == 4)
    }
}
