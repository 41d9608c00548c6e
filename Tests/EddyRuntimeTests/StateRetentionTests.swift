import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// State stays bounded: window stores drop windows past their retention and join buffers drop
/// records past WITHIN + GRACE, both in memory and (for restores) in the changelog.
@Suite struct StateRetentionTests {
    func engine(_ ddl: [String]) throws -> Engine {
        let e = Engine(broker: InMemoryBroker(), properties: ["ksql.persistence.default.format.value": "JSON"])
        for t in ["left", "right"] { e.broker.createTopic(t) }
        for statement in ddl { try e.execute(statement) }
        return e
    }

    func send(_ e: Engine, _ topic: String, _ key: String, _ time: Int64) {
        e.broker.append(KafkaRecord(topic: topic, timestamp: time, key: Array(key.utf8), value: Array(#"{"V":1}"#.utf8)))
    }

    /// Live entries of a store after replaying its changelog into an empty store.
    func restoredCount(_ e: Engine, _ store: StateStore) throws -> Int {
        let fresh = InMemoryStore(name: store.name)
        try BrokerChangelog(broker: e.broker, serviceID: "default_").restore(fresh)
        return fresh.count
    }

    @Test func streamStreamJoinBuffersExpire() throws {
        let e = try engine([
            "CREATE STREAM L (ID STRING KEY, V INT) WITH (kafka_topic='left', value_format='JSON');",
            "CREATE STREAM R (ID STRING KEY, V INT) WITH (kafka_topic='right', value_format='JSON');",
            "CREATE STREAM J AS SELECT L.ID, L.V AS LV, R.V AS RV FROM L JOIN R WITHIN 1 SECOND GRACE PERIOD 1 SECOND ON L.ID = R.ID;"])
        let n = 3000
        for i in 0..<n {
            send(e, i % 2 == 0 ? "left" : "right", "k\(i % 7)", Int64(i * 100))
        }
        e.runUntilIdle()
        let buffers = e.queries[0].stores.filter { $0.name.hasSuffix("-store") && !$0.name.contains("OUTERSHARED") }
        #expect(buffers.count == 2)
        let live = buffers.reduce(0) { $0 + $1.count }
        // Without expiry every record would still be buffered.
        #expect(live > 0)
        #expect(live < 1100, "buffered \(live) of \(n)")
        let restored = try buffers.reduce(0) { $0 + (try restoredCount(e, $1)) }
        #expect(restored == live)
        #expect(!e.broker.read("J").isEmpty)
    }

    @Test func windowStoreDropsWindowsPastRetention() throws {
        let e = try engine([
            "CREATE STREAM L (ID STRING KEY, V INT) WITH (kafka_topic='left', value_format='JSON');",
            "CREATE TABLE C AS SELECT ID, COUNT(*) AS N FROM L WINDOW TUMBLING (SIZE 1 SECOND, RETENTION 10 SECONDS, GRACE PERIOD 0 SECONDS) GROUP BY ID;"])
        for i in 0..<3000 { send(e, "left", "k\(i % 3)", Int64(i * 100)) }
        e.runUntilIdle()
        let store = try #require(e.queries[0].stores.first { $0.name.hasSuffix("Aggregate-Materialize") })
        // 300 seconds of 1-second windows for 3 keys; retention keeps about 10 seconds of them,
        // plus what accumulates between expiry passes (every 1000 records = 100 seconds).
        #expect(store.count > 0)
        #expect(store.count <= 3 * (10 + 100 + 2), "\(store.count) windows kept")
    }

    @Test func emitFinalForgetsEmittedWindowsPastRetention() throws {
        let e = try engine([
            "CREATE STREAM L (ID STRING KEY, V INT) WITH (kafka_topic='left', value_format='JSON');",
            "CREATE TABLE C AS SELECT ID, COUNT(*) AS N FROM L WINDOW TUMBLING (SIZE 1 SECOND, GRACE PERIOD 0 SECONDS) GROUP BY ID EMIT FINAL;"])
        for i in 0..<500 { send(e, "left", "k", Int64(i * 100)) }
        e.runUntilIdle()
        let emitted = try #require(e.queries[0].stores.first { $0.name.hasSuffix("Suppress-emitted") })
        #expect(emitted.count <= 2, "\(emitted.count) emitted windows remembered")
        #expect(try restoredCount(e, emitted) == emitted.count)
        #expect(e.broker.read("C").count == 49)
    }
}
