#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization

/// The raw librdkafka floor for Kafka-to-Kafka throughput: consume `count` messages from one
/// topic and re-produce them, unchanged and to the same partition, to another, with no
/// decoding or processing. `eddy bench` compares query throughput against this figure.
public enum RawFloor {
    public struct Result: Sendable, CustomStringConvertible {
        public var messages: Int
        /// From the first consumed message (group join excluded) to the last delivery.
        public var seconds: Double
        /// CPU time of the copying threads (one per member).
        public var threadCPU: Double = 0
        public var messagesPerSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }

        public var description: String {
            let rate = Int(messagesPerSecond.rounded())
            return "\(messages) messages in \(String(Int(seconds * 1000))) ms: \(rate) msg/s"
        }
    }

    /// - Parameters:
    ///   - config: connection settings shared by both clients (bootstrap servers, security).
    ///   - members: consumers in one group, each with its own producer and thread, as a query
    ///     with that many stream threads runs; the group spreads the partitions over them.
    ///   - timeout: gives up if `count` messages have not arrived by then.
    ///   - producerProperties: producer-only settings (compression, batching) laid over the defaults.
    ///   - consumerProperties: consumer-only settings (prefetch), so the floor reads as queries do.
    public static func passThrough(
        config: KafkaConfig, from source: String, to sink: String, count: Int, members: Int = 1,
        timeout: Duration = .seconds(120), producerProperties: [String: String] = [:],
        consumerProperties: [String: String] = [:], logger: Logger
    ) async throws -> Result {
        precondition(members >= 1, "the floor needs a consumer")
        let group = "eddy-raw-floor-\(UInt32.random(in: 0...UInt32.max))"
        // All members exist and subscribe before any copies, so they join the group together.
        var pairs: [(KafkaConsumer, KafkaProducer)] = []
        for _ in 0..<members {
            let consumer = try KafkaConsumer(
                config: config.merging(consumerProperties).merging([
                    "group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": "false",
                ]),
                logger: logger)
            let producer = try KafkaProducer(
                config: config.merging(["linger.ms": "5", "batch.num.messages": "10000"]).merging(producerProperties),
                logger: logger, blockOnQueueFull: true)
            pairs.append((consumer, producer))
        }
        for (consumer, _) in pairs { try consumer.subscribe([source]) }

        let progress = FloorProgress(count: count)
        let clock = ContinuousClock()
        let threadCPU = try await withThrowingTaskGroup(of: Double.self) { tasks in
            for (consumer, producer) in pairs {
                tasks.addTask {
                    try await copy(consumer: consumer, producer: producer, sink: sink, progress: progress, timeout: timeout)
                }
            }
            var total = 0.0
            for try await seconds in tasks { total += seconds }
            return total
        }
        for (consumer, producer) in pairs {
            try await producer.flush(timeout: timeout)
            if let error = producer.takeFailedDeliveries().first?.error { throw error }
            try await consumer.close()
        }
        let started = progress.started ?? clock.now
        return Result(messages: count, seconds: durationSeconds(clock.now - started), threadCPU: threadCPU)
    }

    /// One member's loop on a thread of its own (it blocks in librdkafka); returns that thread's
    /// CPU seconds.
    private static func copy(
        consumer: KafkaConsumer, producer: KafkaProducer, sink: String, progress: FloorProgress, timeout: Duration
    ) async throws -> Double {
        let thread = KafkaThread(name: "eddy-raw-floor")
        defer { thread.retire {} }
        return try await thread.run { () throws -> Double in
            try copyLoop(consumer: consumer, producer: producer, sink: sink, progress: progress, timeout: timeout)
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        }
    }

    /// Copies until the members together copied `progress.count` messages.
    private static func copyLoop(
        consumer: KafkaConsumer, producer: KafkaProducer, sink: String, progress: FloorProgress, timeout: Duration
    ) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let batch = ConsumerBatch(capacity: 10_000)
        let outgoing = ProducerBatch(reservingBytes: 1 << 20, messages: 10_000)
        while case let remaining = progress.remaining, remaining > 0 {
            guard clock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "raw floor: only \(progress.count - remaining) of \(progress.count) messages arrived")
            }
            try consumer.consumeBlocking(into: batch, maxMessages: remaining, timeout: .milliseconds(100))
            if batch.isEmpty { continue }
            progress.markStarted(clock.now)
            outgoing.removeAll()
            batch.forEach { message in
                outgoing.append(key: message.key, value: message.value, partition: message.partition)
            }
            let result = try producer.produceBatch(outgoing, topic: sink)
            if let rejected = result.rejected.first { throw rejected.error }
            progress.add(batch.count)
        }
    }

    private static func durationSeconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Messages the members copied so far, and when the first arrived.
private final class FloorProgress: Sendable {
    let count: Int
    private let copied = Atomic<Int>(0)
    private let firstArrival = Mutex<ContinuousClock.Instant?>(nil)

    init(count: Int) { self.count = count }

    var remaining: Int { count - copied.load(ordering: .relaxed) }
    var started: ContinuousClock.Instant? { firstArrival.withLock { $0 } }

    func add(_ messages: Int) { copied.add(messages, ordering: .relaxed) }

    func markStarted(_ now: ContinuousClock.Instant) {
        firstArrival.withLock { if $0 == nil { $0 = now } }
    }
}
