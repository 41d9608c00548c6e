import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// Stream time is kept per source partition (per task, as Kafka Streams does): a partition that
/// runs ahead does not close windows for one that lags, and a restart resumes every partition's time.
@Suite struct PartitionStreamTimeTests {
    static let ddl = [
        "CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING) WITH (kafka_topic='clicks', value_format='JSON');",
        "CREATE TABLE COUNTS AS SELECT USER, COUNT(*) AS N FROM CLICKS WINDOW TUMBLING (SIZE 5 SECONDS, GRACE PERIOD 1 SECOND) GROUP BY USER;",
    ]

    func start(_ broker: InMemoryBroker) throws -> Engine {
        let e = Engine(broker: broker, properties: ["ksql.persistence.default.format.value": "JSON"])
        if broker.topic("clicks") == nil { broker.createTopic("clicks", partitions: 2) }
        for s in Self.ddl { try e.execute(s) }
        return e
    }

    func send(_ e: Engine, user: String, partition: Int32, time: Int64) {
        e.broker.append(KafkaRecord(topic: "clicks", partition: partition, timestamp: time,
                                    key: Array(user.utf8), value: Array(#"{"PAGE":"p"}"#.utf8)))
        e.runUntilIdle()
    }

    func counts(_ broker: InMemoryBroker) -> [String] {
        broker.read("COUNTS").map { String(decoding: $0.value ?? [], as: UTF8.self) }
    }

    @Test func laggingPartitionKeepsItsWindowsOpen() throws {
        let broker = InMemoryBroker()
        var e = try start(broker)
        send(e, user: "a", partition: 0, time: 100_000)
        // Partition 1 has only seen time 1000, so window [0, 5000) is still open there.
        send(e, user: "b", partition: 1, time: 1000)
        #expect(counts(broker) == [#"{"N":1}"#, #"{"N":1}"#])
        // On partition 0 the same window closed long ago: the record is dropped.
        send(e, user: "a", partition: 0, time: 1000)
        #expect(counts(broker).count == 2)

        // After a restart each partition resumes its own stream time.
        e = try start(broker)
        send(e, user: "b", partition: 1, time: 2000)
        send(e, user: "a", partition: 0, time: 2000)
        #expect(counts(broker) == [#"{"N":1}"#, #"{"N":1}"#, #"{"N":2}"#])
    }
}
