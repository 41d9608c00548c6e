#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging

/// The raw librdkafka floor for Kafka-to-Kafka throughput: consume `count` messages from one
/// topic and re-produce them, unchanged and to the same partition, to another, with no
/// decoding or processing. `eddy bench` compares query throughput against this figure.
public enum RawFloor {
    public struct Result: Sendable, CustomStringConvertible {
        public var messages: Int
        /// From the first consumed message (group join excluded) to the last delivery.
        public var seconds: Double
        /// CPU time of the copying thread.
        public var threadCPU: Double = 0
        public var messagesPerSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }

        public var description: String {
            let rate = Int(messagesPerSecond.rounded())
            return "\(messages) messages in \(String(Int(seconds * 1000))) ms: \(rate) msg/s"
        }
    }

    /// - Parameters:
    ///   - config: connection settings shared by both clients (bootstrap servers, security).
    ///   - timeout: gives up if `count` messages have not arrived by then.
    ///   - producerProperties: producer-only settings (compression, batching) laid over the defaults.
    public static func passThrough(
        config: KafkaConfig, from source: String, to sink: String, count: Int,
        timeout: Duration = .seconds(120), producerProperties: [String: String] = [:], logger: Logger
    ) async throws -> Result {
        let consumer = try KafkaConsumer(
            config: config.merging([
                "group.id": "eddy-raw-floor-\(UInt32.random(in: 0...UInt32.max))",
                "auto.offset.reset": "earliest", "enable.auto.commit": "false",
            ]),
            logger: logger)
        let producer = try KafkaProducer(
            config: config.merging(["linger.ms": "5", "batch.num.messages": "10000"]).merging(producerProperties),
            logger: logger, blockOnQueueFull: true)
        try consumer.subscribe([source])

        // The loop blocks in librdkafka, so it gets a thread of its own.
        let thread = KafkaThread(name: "eddy-raw-floor")
        defer { thread.retire {} }
        let clock = ContinuousClock()
        let (started, threadCPU) = try await thread.run { () throws -> (ContinuousClock.Instant, Double) in
            let started = try copyLoop(consumer: consumer, producer: producer, sink: sink, count: count, timeout: timeout)
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return (started, Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9)
        }
        try await producer.flush(timeout: timeout)
        let failed = producer.takeFailedDeliveries()
        if let error = failed.first?.error { throw error }
        try await consumer.close()
        return Result(messages: count, seconds: durationSeconds(clock.now - started), threadCPU: threadCPU)
    }

    /// Returns the instant the first message arrived.
    private static func copyLoop(
        consumer: KafkaConsumer, producer: KafkaProducer, sink: String, count: Int, timeout: Duration
    ) throws -> ContinuousClock.Instant {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var started: ContinuousClock.Instant?
        let batch = ConsumerBatch(capacity: 10_000)
        let outgoing = ProducerBatch(reservingBytes: 1 << 20, messages: 10_000)
        var copied = 0
        while copied < count {
            guard clock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "raw floor: only \(copied) of \(count) messages arrived")
            }
            try consumer.consumeBlocking(into: batch, maxMessages: count - copied, timeout: .milliseconds(100))
            if batch.isEmpty { continue }
            if started == nil { started = clock.now }
            outgoing.removeAll()
            batch.forEach { message in
                outgoing.append(key: message.key, value: message.value, partition: message.partition)
            }
            let result = try producer.produceBatch(outgoing, topic: sink)
            if let rejected = result.rejected.first { throw rejected.error }
            copied += batch.count
        }
        return started ?? clock.now
    }

    private static func durationSeconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
