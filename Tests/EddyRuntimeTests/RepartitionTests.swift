import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// A GROUP BY that re-keys goes through a real `-repartition` topic on the broker, partitioned
/// like Kafka's default partitioner, and still yields the same aggregate.
@Suite struct RepartitionTests {
    @Test func murmur2MatchesKafka() {
        // Kafka's UtilsTest values for `Utils.murmur2`.
        let expected: [(String, Int32)] = [
            ("21", -973_932_308), ("foobar", -790_332_482), ("a-little-bit-long-string", -985_981_536),
            ("a-little-bit-longer-string", -1_486_304_829), ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971),
            ("abc", 479_470_107), ("1", -1_993_445_489), ("12345", -1_188_365_604),
        ]
        for (text, hash) in expected {
            #expect(Murmur2Partitioner.hash(Array(text.utf8)) == hash, "\(text)")
        }
    }

    static let regions = ["north", "south", "east", "west", "centre", "islands"]

    func run(partitions: Int) throws -> (InMemoryBroker, Engine) {
        let broker = InMemoryBroker()
        broker.createTopic("orders", partitions: partitions)
        let e = Engine(broker: broker, properties: [:])
        try e.execute("CREATE STREAM ORDERS (ID INT KEY, REGION STRING, AMOUNT INT) WITH (kafka_topic='orders', value_format='JSON');")
        try e.execute("CREATE TABLE BY_REGION AS SELECT REGION, COUNT(*) AS N, SUM(AMOUNT) AS TOTAL FROM ORDERS GROUP BY REGION;")
        for i in 0..<60 {
            let region = Self.regions[(i * 7) % Self.regions.count]
            broker.append(KafkaRecord(topic: "orders", partition: Int32(i % partitions), timestamp: Int64(i),
                                      key: [0, 0, 0, UInt8(i)], value: Array(#"{"REGION":"\#(region)","AMOUNT":\#(i)}"#.utf8)))
        }
        e.runUntilIdle()
        return (broker, e)
    }

    /// Latest value per key of the output table.
    func table(_ broker: InMemoryBroker) -> [String: String] {
        var out: [String: String] = [:]
        for r in broker.read("BY_REGION") { out[String(decoding: r.key ?? [], as: UTF8.self)] = String(decoding: r.value ?? [], as: UTF8.self) }
        return out
    }

    @Test func groupByNonKeyColumnGoesThroughRepartitionTopic() throws {
        let (broker, e) = try run(partitions: 4)
        let queryID = try #require(e.queries.first?.id)
        let topic = "_confluent-ksql-default_query_\(queryID)-Aggregate-GroupBy-repartition"
        #expect(broker.topic(topic)?.partitions == 4)
        let records = broker.read(topic)
        #expect(records.count == 60)
        var partitionOf: [String: Int32] = [:]
        for r in records {
            let key = try #require(r.key)
            // The key is the new key in the query's key format (KAFKA: the UTF-8 string).
            #expect(Self.regions.contains(String(decoding: key, as: UTF8.self)))
            #expect(r.partition == Murmur2Partitioner.partition(for: key, partitions: 4))
            if let p = partitionOf[String(decoding: key, as: UTF8.self)] { #expect(p == r.partition) }
            partitionOf[String(decoding: key, as: UTF8.self)] = r.partition
        }
        #expect(Set(partitionOf.values).count > 1, "six keys over four partitions use more than one")

        var expected: [String: (Int, Int)] = [:]
        for i in 0..<60 { expected[Self.regions[(i * 7) % Self.regions.count], default: (0, 0)] = { ($0.0 + 1, $0.1 + i) }(expected[Self.regions[(i * 7) % Self.regions.count], default: (0, 0)]) }
        let result = table(broker)
        #expect(result.count == Self.regions.count)
        for (region, (n, total)) in expected {
            #expect(result[region] == #"{"N":\#(n),"TOTAL":\#(total)}"#)
        }
        // One partition gives the same aggregate.
        let (single, _) = try run(partitions: 1)
        #expect(table(single) == result)
    }

    @Test func groupByTheKeyNeedsNoRepartition() throws {
        let broker = InMemoryBroker()
        broker.createTopic("orders", partitions: 2)
        let e = Engine(broker: broker, properties: [:])
        try e.execute("CREATE STREAM ORDERS (ID INT KEY, REGION STRING) WITH (kafka_topic='orders', value_format='JSON');")
        try e.execute("CREATE TABLE BY_ID AS SELECT ID, COUNT(*) AS N FROM ORDERS GROUP BY ID;")
        #expect(!broker.topicNames.contains { $0.hasSuffix("-repartition") })
    }

    @Test func tableGroupByMovesRowsBetweenKeys() throws {
        let broker = InMemoryBroker()
        broker.createTopic("users", partitions: 3)
        let e = Engine(broker: broker, properties: [:])
        try e.execute("CREATE TABLE USERS (ID STRING PRIMARY KEY, CITY STRING) WITH (kafka_topic='users', value_format='JSON');")
        try e.execute("CREATE TABLE PER_CITY AS SELECT CITY, COUNT(*) AS N FROM USERS GROUP BY CITY;")
        func put(_ id: String, _ city: String?, partition: Int32) {
            broker.append(KafkaRecord(topic: "users", partition: partition, timestamp: 1, key: Array(id.utf8),
                                      value: city.map { Array(#"{"CITY":"\#($0)"}"#.utf8) }))
            e.runUntilIdle()
        }
        put("a", "paris", partition: 0)
        put("b", "paris", partition: 1)
        put("a", "rome", partition: 0)
        put("b", nil, partition: 1)
        var latest: [String: String] = [:]
        for r in broker.read("PER_CITY") { latest[String(decoding: r.key ?? [], as: UTF8.self)] = r.value.map { String(decoding: $0, as: UTF8.self) } ?? "null" }
        #expect(latest == ["paris": #"{"N":0}"#, "rome": #"{"N":1}"#])
        let repartition = broker.topicNames.filter { $0.hasSuffix("-Aggregate-GroupBy-repartition") }
        #expect(repartition.count == 1)
        // The move of "a" from paris to rome is a retraction under one key and an addition under the other.
        #expect(broker.read(repartition[0]).count == 5)
    }
}
