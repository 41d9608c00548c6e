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
    /// SplitMix64: a seeded generator, so a failure reproduces.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Input {
        var value: String
        var timestamp: Int64
    }

    /// Batches of keyless JSON rows: times mostly advance, some jump back (out of order, some
    /// late beyond the grace period), and one W in twelve is NULL.
    static func inputs(seed: UInt64, batches: Int, perBatch: Int) -> [[Input]] {
        var rng = Seeded(state: seed)
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
    ]

    @Test(arguments: 0..<queries.count, [1, 3])
    func combinedEqualsUncombined(query: Int, partitions: Int) throws {
        for seed in [UInt64(1), 7, 42] {
            let inputs = Self.inputs(seed: seed &+ UInt64(query * 100 + partitions), batches: 4, perBatch: 150)
            let reference = try Self.run(Self.queries[query], inputs: inputs, partitions: partitions, combiner: false)
            let combined = try Self.run(Self.queries[query], inputs: inputs, partitions: partitions, combiner: true)
            #expect(reference.repartitionRecords >= 500)
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
            // Late: window [10000, 20000) closed at stream time 30000 - grace 2000.
            Input(value: #"{"W":1,"D":0,"V":5,"S":"a"}"#, timestamp: 15_000),
            Input(value: #"{"W":1,"D":0,"V":7,"S":"a"}"#, timestamp: 29_000),
        ]]
        let combined = try Self.run(Self.queries[0], inputs: inputs, partitions: 1, combiner: true)
        let reference = try Self.run(Self.queries[0], inputs: inputs, partitions: 1, combiner: false)
        #expect(combined.log == reference.log)
        #expect(combined.log.contains { $0.hasPrefix("Skipping record for expired window") && $0.contains("streamTime=31000") })
        #expect(combined.log.contains("Group-by key was null; the record is skipped"))
        #expect(combined.store == reference.store)
        // [20000, 30000) and [30000, 40000); [10000, 20000) never opened.
        #expect(combined.store.count == 2)
    }
}
