import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// Behaviour the per-record optimizations must keep: the record cache as the Kafka runner drives
/// it (held back until the batch ends), repartition records that carry only the columns the
/// aggregate reads, and stream time while records alternate between partitions.
@Suite struct HotPathTests {
    func record(_ user: String, _ page: String, region: String = "r", time: Int64) -> KafkaRecord {
        KafkaRecord(topic: "clicks", timestamp: time, key: Array(user.utf8),
                    value: Array(#"{"PAGE":"\#(page)","REGION":"\#(region)","AMOUNT":\#(time)}"#.utf8))
    }

    func engine(_ query: String) throws -> Engine {
        let e = Engine(broker: InMemoryBroker(), properties: ["ksql.persistence.default.format.value": "JSON"])
        e.broker.createTopic("clicks")
        try e.execute("CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING, REGION STRING, AMOUNT INT) WITH (kafka_topic='clicks', value_format='JSON');")
        try e.execute(query)
        return e
    }

    func text(_ r: KafkaRecord) -> String {
        "\(String(decoding: r.key ?? [], as: UTF8.self))=\(r.value.map { String(decoding: $0, as: UTF8.self) } ?? "null")"
    }

    @Test func recordCacheHoldsTableUpdatesUntilTheBatchEnds() throws {
        let e = try engine("CREATE TABLE COUNTS AS SELECT USER, COUNT(*) AS N FROM CLICKS GROUP BY USER;")
        let query = try #require(e.queries.first)
        #expect(query.useRecordCache(maxBytes: 10_000_000))
        var out: [KafkaRecord] = []
        for (i, user) in ["a", "b", "a", "a"].enumerated() {
            query.runner.process(record(user, "p", time: Int64(i))) { out.append($0) }
        }
        #expect(out.isEmpty)
        query.runner.endBatch { out.append($0) }
        #expect(out.map(text) == [#"b={"N":1}"#, #"a={"N":3}"#])
        out.removeAll()
        query.runner.endBatch { out.append($0) }
        #expect(out.isEmpty)
    }

    @Test func streamSinksHaveNoRecordCache() throws {
        let e = try engine("CREATE STREAM PAGES AS SELECT USER, PAGE FROM CLICKS;")
        #expect(e.queries.first?.useRecordCache(maxBytes: 10_000_000) == false)
    }

    @Test func repartitionRecordsCarryOnlyTheColumnsTheAggregateReads() throws {
        let e = try engine("CREATE TABLE BY_REGION AS SELECT REGION, SUM(AMOUNT) AS TOTAL FROM CLICKS GROUP BY REGION;")
        for (i, user) in ["a", "b", "c"].enumerated() {
            e.broker.append(record(user, "a-long-page-name-nobody-reads", region: i == 1 ? "north" : "south", time: Int64(i + 1)))
        }
        e.runUntilIdle()
        let queryID = try #require(e.queries.first?.id)
        let topic = "_confluent-ksql-default_query_\(queryID)-Aggregate-GroupBy-repartition"
        let values = e.broker.read(topic).compactMap(\.value)
        #expect(values.count == 3)
        // The unread PAGE text never reaches the topic; REGION does.
        for v in values {
            let bytes = String(decoding: v, as: UTF8.self)
            #expect(!bytes.contains("a-long-page-name"))
            #expect(bytes.contains("north") || bytes.contains("south"))
        }
        let latest = Dictionary(e.broker.read("BY_REGION").map { (String(decoding: $0.key ?? [], as: UTF8.self), text($0)) },
                                uniquingKeysWith: { _, b in b })
        #expect(latest["south"] == #"south={"TOTAL":4}"#)
        #expect(latest["north"] == #"north={"TOTAL":2}"#)
    }

    @Test func streamTimeIsKeptPerPartitionWhileRecordsAlternate() {
        let context = TaskContext(queryID: "q", log: ProcessingLog(limit: 10))
        context.restoreStreamTime(50, partition: 7)
        context.observe(10, partition: 0)
        context.observe(100, partition: 1 << 20)
        context.observe(5, partition: 0)
        #expect(context.streamTime == 10)
        context.observe(90, partition: 1 << 20)
        #expect(context.streamTime == 100)
        context.observe(40, partition: 7)
        #expect(context.streamTime == 50)
        #expect(context.streamTimes == [0: 10, 1 << 20: 100, 7: 50])
    }
}
