import EddyCore
import EddyRuntime

/// Windowed COUNT throughput from the in-memory source, to compare later with the Kafka path.
/// Not a test: it measures, it does not check.
public enum WindowedCountBenchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public var records: Int
        public var outputs: Int
        public var seconds: Double
        public var recordsPerSecond: Double { Double(records) / max(seconds, 1e-9) }
        public var description: String {
            "windowed COUNT: \(records) records, \(outputs) outputs in \(String(format: "%.3f", seconds)) s = \(Int(recordsPerSecond)) records/s"
        }
    }

    /// `records` JSON records over `keys` keys, 10 ms apart, counted in 1-second tumbling windows.
    public static func run(records: Int = 200_000, keys: Int = 1000, changelog: Bool = true) throws -> Result {
        let engine = Engine(properties: ["eddy.state.changelog.enabled": changelog ? "true" : "false"])
        engine.broker.createTopic("bench_in")
        try engine.execute("CREATE STREAM BENCH_IN (K STRING KEY, V INT) WITH (kafka_topic='bench_in', value_format='JSON');")
        try engine.execute("CREATE TABLE BENCH_OUT AS SELECT K, COUNT(*) AS N FROM BENCH_IN WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY K;")
        let keyBytes = (0..<keys).map { Array("key-\($0)".utf8) }
        for i in 0..<records {
            engine.broker.append(KafkaRecord(topic: "bench_in", timestamp: Int64(i) * 10, key: keyBytes[i % keys],
                                             value: Array("{\"V\":\(i)}".utf8)))
        }
        let clock = ContinuousClock()
        let start = clock.now
        engine.runUntilIdle()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(records: records, outputs: engine.broker.endOffset("BENCH_OUT"), seconds: seconds)
    }
}
