import EddyCore
import EddyEngine
import EddyFormats
import EddyRuntime

/// `eddy bench`'s queries (b) and (c) over the same TPC-C order rows, but on the in-memory broker:
/// no librdkafka, no broker thread, so it isolates the per-record engine work and runs under
/// callgrind. Not a test: it measures, it does not check.
public enum InMemoryBenchmark {
    public enum Query: String, Sendable, CaseIterable {
        case csas, count
    }

    public struct Result: Sendable, CustomStringConvertible {
        public var query: Query
        public var records: Int
        public var outputs: Int
        public var seconds: Double
        public var recordsPerSecond: Double { Double(records) / max(seconds, 1e-9) }
        public var description: String {
            let rate = Int(recordsPerSecond)
            return "\(query.rawValue): \(records) records, \(outputs) outputs in \(Int(seconds * 1000)) ms = \(rate) records/s"
        }
    }

    /// Produces `records` JSON orders (1 ms apart) into the in-memory broker, then times the query.
    /// - Parameter cacheBytes: `cache.max.bytes.buffering`; the Kafka runtime's default (10 MB)
    ///   coalesces table updates as `eddy bench` does, 0 outputs every update.
    public static func run(_ query: Query, records: Int, cacheBytes: Int = 0) throws -> Result {
        let engine = Engine(properties: ["auto.offset.reset": "earliest", "cache.max.bytes.buffering": String(cacheBytes)])
        let topic = "bench_orders"
        engine.broker.createTopic(topic)
        var orders = TPCCOrders()
        var encoder = try OrderEncoder(formats: .builtIn, keyFormat: "KAFKA", valueFormat: "JSON", topic: topic,
                                       keyColumns: [Column("o_id", .int)])
        let base: Int64 = 1_700_000_000_000
        for index in 0..<records {
            let row = orders.next(at: base + Int64(index))
            try encoder.encode((key: [row.value[0]], value: row.value)) { key, value in
                engine.broker.append(KafkaRecord(topic: topic, timestamp: base + Int64(index),
                                                 key: key.map { Array($0) }, value: value.map { Array($0) }))
            }
        }
        try engine.execute("""
            CREATE STREAM bench_orders (o_id INT, o_d_id INT, o_w_id INT, o_c_id INT, o_entry_d STRING,
                o_carrier_id INT, o_ol_cnt INT, o_all_local INT) WITH (kafka_topic='\(topic)', value_format='JSON');
            """)
        let sink: String
        switch query {
        case .csas:
            sink = "BENCH_LOCAL"
            try engine.execute("""
                CREATE STREAM bench_local AS SELECT o_w_id, o_d_id, o_id, o_c_id, o_ol_cnt
                    FROM bench_orders WHERE o_all_local = 1;
                """)
        case .count:
            sink = "BENCH_COUNTS"
            try engine.execute("""
                CREATE TABLE bench_counts AS SELECT o_w_id, COUNT(*) AS orders
                    FROM bench_orders WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY o_w_id;
                """)
        }
        let clock = ContinuousClock()
        let start = clock.now
        engine.runUntilIdle()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(query: query, records: records, outputs: engine.broker.endOffset(sink), seconds: seconds)
    }
}
