import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// The GROUP BY combiner (`AggregateCombiner`) must not change results: with the record cache on,
/// a combined run and a run with `eddy.aggregate.combiner.enabled=false` end with the same store
/// contents, the same last output per key (value and time) and the same processing-log
/// messages, over random inputs with out-of-order and late records, NULL group keys, several
/// batches and several partitions.
@Suite struct CombinerTests {
    struct Input {
        var value: String
        var timestamp: Int64
    }

    /// Batches of keyless JSON rows: times mostly advance, some jump back (out of order, some
    /// late beyond the grace period), and one W in twelve is NULL.
    static func inputs(seed: UInt64, batches: Int, perBatch: Int) -> [[Input]] {
        var rng = SplitMix64(state: seed)
        var time: Int64 = 1_000
        return (0..<batches).map { _ in
            (0..<perBatch).map { _ in
                time += Int64.random(in: 0...700, using: &rng)
                var t = time
                if Int.random(in: 0..<5, using: &rng) == 0 { t -= Int64.random(in: 0...15_000, using: &rng) }
                let w = Int.random(in: 0..<12, using: &rng) == 0 ? "null" : String(Int.random(in: 0..<4, using: &rng))
                let d = Int.random(in: 0..<3, using: &rng)
                let v = Int64.random(in: -1_000...1_000, using: &rng)
                return Input(value: #"{"W":\#(w),"D":\#(d),"V":\#(v),"S":"s\#(d)"}"#, timestamp: max(0, t))
            }
        }
    }

    struct Outcome: Equatable {
        var store: [StoreKey: StoredRow]
        var lastOutputs: [[UInt8]: String]
        var log: [String]
        var repartitionRecords: Int
        var inputRecords: Int
        var usedCombiner: Bool
    }

    static func run(_ query: String, inputs: [[Input]], partitions: Int, combiner: Bool, maxEntries: Int? = nil) throws -> Outcome {
        var properties = ["ksql.persistence.default.format.value": "JSON", "cache.max.bytes.buffering": "10000000",
                          "eddy.aggregate.combiner.enabled": String(combiner)]
        if let maxEntries { properties["eddy.aggregate.combiner.max.entries"] = String(maxEntries) }
        let e = Engine(broker: InMemoryBroker(), properties: properties)
        e.broker.createTopic("orders", partitions: partitions)
        try e.execute("CREATE STREAM ORDERS (W INT, D INT, V BIGINT, S STRING) WITH (kafka_topic='orders', value_format='JSON');")
        try e.execute(query)
        var n = 0
        for batch in inputs {
            for input in batch {
                e.broker.append(KafkaRecord(topic: "orders", partition: Int32(n % partitions), timestamp: input.timestamp,
                                            key: nil, value: Array(input.value.utf8)))
                n += 1
            }
            e.runUntilIdle()
        }
        let q = e.queries[0]
        let aggregate = q.stores.first { $0.name.hasSuffix("Aggregate-Materialize") }!
        let streamTime = q.runner.streamTimes.values.max() ?? 0
        // Windows past retention are deleted every 1000 updates, at points that differ between
        // the two paths; windows still open for records are never deleted, so compare those.
        let store = Dictionary(uniqueKeysWithValues: aggregate.all().filter { k, _ in
            (k.window?.end ?? .max) > streamTime - 2_000
        })
        var last: [[UInt8]: String] = [:]
        for r in e.broker.read("OUT") {
            last[r.key ?? []] = "\(r.value.map { String(decoding: $0, as: UTF8.self) } ?? "null")@\(r.timestamp)"
        }
        let repartition = q.repartitionTopics.first { $0.name.hasSuffix("Aggregate-GroupBy-repartition") }!
        return Outcome(store: store, lastOutputs: last, log: e.processingLog.recent.map(\.message).sorted(),
                       repartitionRecords: e.broker.read(repartition.name).count, inputRecords: n,
                       usedCombiner: e.broker.read(repartition.name).count < n)
    }

    static let queries = [
        """
        CREATE TABLE OUT AS SELECT W, COUNT(*) AS N, SUM(V) AS SV, MIN(V) AS MINV, MAX(S) AS MAXS,
          COLLECT_LIST(D) AS DS, COLLECT_SET(S) AS SS, AVG(V) AS AV
          FROM ORDERS WINDOW TUMBLING (SIZE 10 SECONDS, GRACE PERIOD 2 SECONDS) GROUP BY W;
        """,
        """
        CREATE TABLE OUT WITH (KEY_FORMAT='JSON') AS SELECT W, D, COUNT(V) AS N, SUM(D) AS SD
          FROM ORDERS WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 3 SECONDS, GRACE PERIOD 1 SECOND)
          WHERE V > -800 GROUP BY W, D HAVING COUNT(V) > 1;
        """,
        """
        CREATE TABLE OUT AS SELECT D, COUNT(*) AS N, MAX(V) AS MAXV, COLLECT_LIST(W) AS WS
          FROM ORDERS WHERE V < 900 GROUP BY D;
        """,
        // One STRING column: the combiner's group lookup without its integer table.
        """
        CREATE TABLE OUT AS SELECT S, COUNT(*) AS N, SUM(V) AS SV
          FROM ORDERS WINDOW TUMBLING (SIZE 10 SECONDS, GRACE PERIOD 2 SECONDS) GROUP BY S;
        """,
        // One computed BIGINT column (not a plain slot), negative values among them.
        """
        CREATE TABLE OUT AS SELECT V / 100 AS B, COUNT(*) AS N, MIN(D) AS MIND FROM ORDERS GROUP BY V / 100;
        """,
    ]

    @Test(arguments: 0..<queries.count, [1, 3])
    func combinedEqualsUncombined(query: Int, partitions: Int) throws {
        for seed in [UInt64(1), 7, 42] {
            let inputs = Self.inputs(seed: seed &+ UInt64(query * 100 + partitions), batches: 4, perBatch: 150)
            let reference = try Self.run(Self.queries[query], inputs: inputs, partitions: partitions, combiner: false)
            let combined = try Self.run(Self.queries[query], inputs: inputs, partitions: partitions, combiner: true)
            // NULL group keys (one row in twelve) and filtered rows never reach the topic.
            #expect(reference.repartitionRecords >= 450)
            #expect(!reference.store.isEmpty)
            // Hopping windows write a partial per group and window, so with 150 rows per batch
            // and 12 groups they save little; tumbling and unwindowed ones save most.
            if query != 1 { #expect(combined.repartitionRecords < reference.repartitionRecords / 3) }
            var others = [combined]
            // Early flushes (a bound of 3 partials) mean more merges downstream, so retention
            // runs (every 1000 updates) at other points. With several partitions the one store
            // is expired by whichever partition's time is current, which can delete a window a
            // lagging partition still accepts, in either path: compare only one partition.
            if partitions == 1 {
                others.append(try Self.run(Self.queries[query], inputs: inputs, partitions: partitions, combiner: true, maxEntries: 3))
            }
            for other in others {
                #expect(other.store == reference.store)
                #expect(other.lastOutputs == reference.lastOutputs)
                #expect(other.log == reference.log)
            }
        }
    }

    @Test func lateAndNullRecordsAreLoggedAsWithoutCombiner() throws {
        let inputs: [[Input]] = [[
            Input(value: #"{"W":1,"D":0,"V":1,"S":"a"}"#, timestamp: 30_000),
            Input(value: #"{"W":null,"D":0,"V":1,"S":"a"}"#, timestamp: 31_000),
            // Late: window [10000, 20000) closed at stream time 30000 - grace 2000 (the NULL-key
            // row is dropped before the repartition topic, so it does not advance stream time).
            Input(value: #"{"W":1,"D":0,"V":5,"S":"a"}"#, timestamp: 15_000),
            Input(value: #"{"W":1,"D":0,"V":7,"S":"a"}"#, timestamp: 29_000),
        ]]
        let combined = try Self.run(Self.queries[0], inputs: inputs, partitions: 1, combiner: true)
        let reference = try Self.run(Self.queries[0], inputs: inputs, partitions: 1, combiner: false)
        #expect(combined.log == reference.log)
        #expect(combined.log.contains { $0.hasPrefix("Skipping record for expired window") && $0.contains("streamTime=30000") })
        #expect(combined.log.contains("Group-by column with index 0 resolved to null. The source row will be excluded from the table."))
        #expect(combined.store == reference.store)
        // [20000, 30000) and [30000, 40000); [10000, 20000) never opened.
        #expect(combined.store.count == 2)
    }

    /// Which queries get a combiner: with the record cache on, a stream GROUP BY that re-keys,
    /// EMIT CHANGES, no SESSION window, only exact aggregates. Observed through the repartition
    /// topic: one record per row without a combiner, one per group and window with it.
    @Test(arguments: [
        ("SELECT W, COUNT(*) AS N FROM ORDERS WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY W", "10000000", true),
        ("SELECT W, COUNT(*) AS N, SUM(V) AS S, MAX(S) AS M FROM ORDERS GROUP BY W", "10000000", true),
        ("SELECT W, COUNT(*) AS N FROM ORDERS WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY W", "0", false),
        ("SELECT W, SUM(CAST(V AS DOUBLE)) AS S FROM ORDERS GROUP BY W", "10000000", false),
        ("SELECT W, LATEST_BY_OFFSET(V) AS L FROM ORDERS GROUP BY W", "10000000", false),
        ("SELECT W, COUNT(*) AS N FROM ORDERS WINDOW SESSION (10 SECONDS) GROUP BY W", "10000000", false),
        ("SELECT W, COUNT(*) AS N FROM ORDERS WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY W EMIT FINAL", "10000000", false),
        ("SELECT W, COUNT(*) AS N FROM ORDERS_T GROUP BY W", "10000000", false),
    ])
    func combinerIsUsedOnlyWhereExact(select: String, cache: String, combined: Bool) throws {
        let e = Engine(broker: InMemoryBroker(), properties: ["ksql.persistence.default.format.value": "JSON",
                                                              "cache.max.bytes.buffering": cache])
        e.broker.createTopic("orders")
        try e.execute("CREATE STREAM ORDERS (W INT, V BIGINT, S STRING) WITH (kafka_topic='orders', value_format='JSON');")
        try e.execute("CREATE TABLE ORDERS_T (ID INT PRIMARY KEY, W INT, V BIGINT, S STRING) WITH (kafka_topic='orders', value_format='JSON');")
        try e.execute("CREATE TABLE OUT AS \(select);")
        for i in 0..<40 {
            e.broker.append(KafkaRecord(topic: "orders", timestamp: Int64(i * 100), key: [0, 0, 0, UInt8(i)],
                                        value: Array(#"{"W":\#(i % 2),"V":\#(i),"S":"s"}"#.utf8)))
        }
        e.runUntilIdle()
        let topic = e.queries[0].repartitionTopics.first { $0.name.hasSuffix("Aggregate-GroupBy-repartition") }!
        let written = e.broker.read(topic.name).count
        if combined {
            // Two groups, one window: two partials (plus at most a time mark per partition).
            #expect(written <= 3)
        } else {
            #expect(written == 40)
        }
        // EMIT FINAL's only window is still open.
        if !select.hasSuffix("EMIT FINAL") { #expect(!e.broker.read("OUT").isEmpty) }
    }

    /// A restart between batches (stores from changelogs, stream time from the checkpoint)
    /// gives the outputs of an uninterrupted run, and of a run without the combiner; the late
    /// record after the cut is still dropped (the combiner starts from the restored time).
    @Test func restartBetweenBatchesKeepsResults() throws {
        let ddl = ["CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING) WITH (kafka_topic='clicks', value_format='JSON');",
                   "CREATE TABLE PER_PAGE AS SELECT PAGE, COUNT(*) AS N FROM CLICKS WINDOW TUMBLING (SIZE 5 SECONDS, GRACE PERIOD 2 SECONDS) GROUP BY PAGE;"]
        let times: [Int64] = [0, 1000, 2500, 6000, 9000, 1000, 9500, 12000, 3000, 14000, 14500, 20000]
        func start(_ broker: InMemoryBroker, combiner: Bool) throws -> Engine {
            let e = Engine(broker: broker, properties: ["ksql.persistence.default.format.value": "JSON",
                                                        "cache.max.bytes.buffering": "10000000",
                                                        "eddy.aggregate.combiner.enabled": String(combiner)])
            if broker.topic("clicks") == nil { broker.createTopic("clicks") }
            for statement in ddl { try e.execute(statement) }
            return e
        }
        func feed(_ e: Engine, _ range: Range<Int>) {
            for i in range {
                e.broker.append(KafkaRecord(topic: "clicks", timestamp: times[i], key: Array("u\(i % 3)".utf8),
                                            value: Array(#"{"PAGE":"p\#(i % 2)"}"#.utf8)))
                if i % 3 == 2 || i == range.upperBound - 1 { e.runUntilIdle() }
            }
        }
        func last(_ broker: InMemoryBroker) -> [[UInt8]: String] {
            var out: [[UInt8]: String] = [:]
            for r in broker.read("PER_PAGE") { out[r.key ?? []] = "\(r.value.map { String(decoding: $0, as: UTF8.self) } ?? "null")@\(r.timestamp)" }
            return out
        }
        let plain = InMemoryBroker()
        feed(try start(plain, combiner: false), 0..<times.count)
        let reference = InMemoryBroker()
        feed(try start(reference, combiner: true), 0..<times.count)
        #expect(last(reference) == last(plain))
        #expect(!last(plain).isEmpty)
        for cut in [3, 6, 9] {
            let broker = InMemoryBroker()
            feed(try start(broker, combiner: true), 0..<cut)
            feed(try start(broker, combiner: true), cut..<times.count)
            #expect(last(broker) == last(plain), "restart after \(cut) inputs")
        }
    }
}
