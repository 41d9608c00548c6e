import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// Joins re-key a side through a repartition topic when the join expression is not its key or
/// its key bytes could differ from the other side's (key format mismatch, Schema Registry keys).
@Suite struct JoinRepartitionTests {
    func engine(partitions: Int) throws -> (InMemoryBroker, Engine) {
        let broker = InMemoryBroker()
        broker.createTopic("clicks", partitions: partitions)
        broker.createTopic("users", partitions: partitions)
        let e = Engine(broker: broker, properties: ["ksql.service.id": "svc_"])
        try e.execute("CREATE STREAM CLICKS (ID INT KEY, USER_ID STRING, PAGE STRING) WITH (kafka_topic='clicks', value_format='JSON');")
        try e.execute("CREATE TABLE USERS (USER_ID STRING PRIMARY KEY, NAME STRING) WITH (kafka_topic='users', value_format='JSON');")
        return (broker, e)
    }

    func repartitionTopics(_ broker: InMemoryBroker) -> [String] {
        broker.topicNames.filter { $0.hasSuffix("-repartition") }.sorted()
    }

    @Test func streamTableJoinOnValueColumnRepartitionsTheStream() throws {
        let (broker, e) = try engine(partitions: 4)
        try e.execute("CREATE STREAM ENRICHED AS SELECT C.USER_ID, U.NAME, C.PAGE FROM CLICKS C JOIN USERS U ON C.USER_ID = U.USER_ID;")
        let queryID = try #require(e.queries.first?.id)
        let topic = "_confluent-ksql-svc_query_\(queryID)-Join-repartition"
        #expect(repartitionTopics(broker) == [topic])
        #expect(broker.topic(topic)?.partitions == 4)

        let users = ["ann", "bob", "cid", "dee", "eve"]
        for (i, u) in users.enumerated() {
            // The table's rows land where Kafka's partitioner puts their keys, as a producer would write them.
            broker.append(KafkaRecord(topic: "users", partition: Murmur2Partitioner.partition(for: Array(u.utf8), partitions: 4),
                                      timestamp: Int64(i), key: Array(u.utf8), value: Array(#"{"NAME":"\#(u.uppercased())"}"#.utf8)))
        }
        e.runUntilIdle()
        for i in 0..<20 {
            let u = users[i % users.count]
            broker.append(KafkaRecord(topic: "clicks", partition: Int32(i % 4), timestamp: Int64(100 + i), key: [0, 0, 0, UInt8(i)],
                                      value: Array(#"{"USER_ID":"\#(u)","PAGE":"p\#(i)"}"#.utf8)))
        }
        e.runUntilIdle()
        let rekeyed = broker.read(topic)
        #expect(rekeyed.count == 20)
        for r in rekeyed {
            let key = try #require(r.key)
            // Re-keyed clicks land in the partition of the user's row.
            #expect(r.partition == Murmur2Partitioner.partition(for: key, partitions: 4))
        }
        let out = broker.read("ENRICHED").map { String(decoding: $0.value ?? [], as: UTF8.self) }
        #expect(out.count == 20)
        #expect(out.first == #"{"NAME":"ANN","PAGE":"p0"}"#)
    }

    @Test func keyToKeyJoinWithMatchingFormatsNeedsNoRepartition() throws {
        let (broker, e) = try engine(partitions: 2)
        try e.execute("CREATE STREAM VIEWS (USER_ID STRING KEY, PAGE STRING) WITH (kafka_topic='views', value_format='JSON', partitions=2);")
        try e.execute("CREATE STREAM NAMED AS SELECT V.USER_ID, U.NAME FROM VIEWS V JOIN USERS U ON V.USER_ID = U.USER_ID;")
        #expect(repartitionTopics(broker).isEmpty)
    }

    @Test func keyFormatMismatchRepartitionsTheTable() throws {
        let (broker, e) = try engine(partitions: 2)
        try e.execute("CREATE STREAM VIEWS (USER_ID STRING KEY, PAGE STRING) WITH (kafka_topic='views', key_format='JSON', value_format='JSON', partitions=2);")
        try e.execute("CREATE STREAM NAMED AS SELECT V.USER_ID, U.NAME FROM VIEWS V JOIN USERS U ON V.USER_ID = U.USER_ID;")
        let queryID = try #require(e.queries.first?.id)
        #expect(repartitionTopics(broker) == ["_confluent-ksql-svc_query_\(queryID)-RightSourceKeyed-SelectKey-repartition"])
    }

    @Test func laterJoinRekeysTheJoinedRelationOnlyOffItsKey() throws {
        for (on, expected) in [("A.ID", [String]()), ("B.ID", []), ("A.X", ["Join-left-repartition"])] {
            let broker = InMemoryBroker()
            let e = Engine(broker: broker, properties: ["ksql.service.id": "svc_"])
            for name in ["A", "B", "C"] {
                try e.execute("CREATE STREAM \(name) (ID INT KEY, X INT) WITH (kafka_topic='\(name.lowercased())', value_format='JSON', partitions=2);")
            }
            try e.execute("CREATE STREAM OUT AS SELECT A.ID, A.X, C.X AS CX FROM A JOIN B WITHIN 1 SECOND ON A.ID = B.ID JOIN C WITHIN 1 SECOND ON \(on) = C.ID;")
            let queryID = try #require(e.queries.first?.id)
            let prefix = "_confluent-ksql-svc_query_\(queryID)-"
            let names = broker.topicNames.filter { $0.hasSuffix("-repartition") }.map { String($0.dropFirst(prefix.count)) }
            #expect(names == expected, "ON \(on)")
        }
    }
}
