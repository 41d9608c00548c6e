import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// `cache.max.bytes.buffering`: with a cache, an aggregation emits only the latest row per key
/// at each commit; without one (the default, as in ksqlDB's tests) it emits every update.
@Suite struct RecordCacheTests {
    func run(cache: String?, batches: [[(String, Int64)]]) throws -> [String] {
        var properties = ["ksql.persistence.default.format.value": "JSON"]
        if let cache { properties["ksql.streams.cache.max.bytes.buffering"] = cache }
        let e = Engine(broker: InMemoryBroker(), properties: properties)
        e.broker.createTopic("clicks")
        try e.execute("CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING) WITH (kafka_topic='clicks', value_format='JSON');")
        try e.execute("CREATE TABLE COUNTS AS SELECT USER, COUNT(*) AS N FROM CLICKS GROUP BY USER;")
        for batch in batches {
            for (user, time) in batch {
                e.broker.append(KafkaRecord(topic: "clicks", timestamp: time, key: Array(user.utf8), value: Array(#"{"PAGE":"p"}"#.utf8)))
            }
            e.runUntilIdle()
        }
        return e.broker.read("COUNTS").map { r in
            "\(String(decoding: r.key ?? [], as: UTF8.self))=\(r.value.map { String(decoding: $0, as: UTF8.self) } ?? "null")"
        }
    }

    static let batches: [[(String, Int64)]] = [
        [("a", 1), ("b", 2), ("a", 3), ("a", 4)],
        [("b", 5), ("b", 6), ("c", 7)],
    ]

    @Test func withoutCacheEveryUpdateIsEmitted() throws {
        let out = try run(cache: nil, batches: Self.batches)
        #expect(out.count == 7)
        #expect(try run(cache: "0", batches: Self.batches) == out)
    }

    @Test func cacheCoalescesUpdatesPerKeyUntilCommit() throws {
        let out = try run(cache: "10000000", batches: Self.batches)
        // One row per key per commit, in the order of each key's last update.
        #expect(out == [#"b={"N":1}"#, #"a={"N":3}"#, #"b={"N":3}"#, #"c={"N":1}"#])
    }

    @Test func fullCacheFlushesEarly() throws {
        // Too small for even one row: every update goes straight out, as without a cache.
        #expect(try run(cache: "1", batches: Self.batches) == (try run(cache: nil, batches: Self.batches)))
    }
}
