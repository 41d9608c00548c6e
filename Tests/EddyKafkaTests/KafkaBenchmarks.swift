import EddyKafka
import Foundation
import Testing

/// Throughput figures against the mock cluster. Opt-in (`EDDY_KAFKA_BENCH=1`) and best run
/// with `-c release`; they print figures and assert nothing about speed.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EDDY_KAFKA_BENCH"] != nil))
struct KafkaBenchmarks {
    static let messages = Int(ProcessInfo.processInfo.environment["EDDY_KAFKA_BENCH_MESSAGES"] ?? "") ?? 500_000

    @Test func produceConsumeAndRawFloor() async throws {
        let cluster = try MockCluster()
        // Many partitions and zstd keep the data inside the mock's fixed retention.
        try cluster.createTopic("bench-in", partitions: 8)
        try cluster.createTopic("bench-out", partitions: 8)
        let producer = try KafkaProducer(
            config: cluster.clientConfig(["linger.ms": "20", "batch.num.messages": "10000", "compression.type": "zstd"]),
            logger: testLogger(), blockOnQueueFull: true)
        let payload = [UInt8](repeating: 0x61, count: 64)
        let clock = ContinuousClock()
        let produceStart = clock.now
        let batch = ProducerBatch(reservingBytes: 1 << 20, messages: 10_000)
        var produced = 0
        while produced < Self.messages {
            batch.removeAll()
            for _ in 0..<min(10_000, Self.messages - produced) { batch.append(key: nil, value: payload) }
            produced += try producer.produceBatch(batch, topic: "bench-in").accepted
        }
        try await producer.flush(timeout: .seconds(120))
        let produceTime = clock.now - produceStart
        #expect(produced == Self.messages)
        print("produce: \(Self.messages) messages in \(produceTime)")

        let floor = try await RawFloor.passThrough(
            config: cluster.clientConfig(["compression.type": "zstd"]), from: "bench-in", to: "bench-out",
            count: Self.messages, logger: testLogger())
        print("raw floor (consume + re-produce): \(floor)")
    }
}
