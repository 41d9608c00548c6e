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
        /// CPU time of the copying threads.
        public var threadCPU: Double = 0
        /// Messages each thread copied.
        public var perThread: [Int] = []
        public var messagesPerSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }

        public var description: String {
            let rate = Int(messagesPerSecond.rounded())
            return "\(messages) messages in \(String(Int(seconds * 1000))) ms: \(rate) msg/s"
        }
    }

    /// - Parameters:
    ///   - config: connection settings shared by both clients (bootstrap servers, security).
    ///   - threads: copying threads, each with its own producer, fed by one group member whose
    ///     partitions are spread over them, as a query with that many stream threads runs.
    ///   - timeout: gives up if `count` messages have not arrived by then.
    ///   - producerProperties: producer-only settings (compression, batching) laid over the defaults.
    ///   - consumerProperties: consumer-only settings (prefetch), so the floor reads as queries do.
    public static func passThrough(
        config: KafkaConfig, from source: String, to sink: String, count: Int, threads: Int = 1,
        timeout: Duration = .seconds(120), producerProperties: [String: String] = [:],
        consumerProperties: [String: String] = [:], logger: Logger
    ) async throws -> Result {
        precondition(threads >= 1, "the floor needs a thread")
        let group = "eddy-raw-floor-\(UInt32.random(in: 0...UInt32.max))"
        let router = FloorRouter()
        let consumer = try KafkaConsumer(
            config: config.merging(consumerProperties).merging([
                "group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": "false",
            ]),
            logger: logger, onRebalance: { router.rebalanced($0) })
        // The first thread reads the consumer's own queue (which also serves the group's events).
        let queues = [nil] + (1..<threads).map { _ in consumer.makeQueue() }
        router.attach(consumer, queues: queues)
        var producers: [KafkaProducer] = []
        for _ in 0..<threads {
            producers.append(try KafkaProducer(
                config: config.merging(["linger.ms": "5", "batch.num.messages": "10000"]).merging(producerProperties),
                logger: logger, blockOnQueueFull: true))
        }
        try consumer.subscribe([source])

        let progress = FloorProgress(count: count)
        let clock = ContinuousClock()
        let (threadCPU, perThread) = try await withThrowingTaskGroup(of: (Int, Double, Int).self) { tasks in
            for (index, (queue, producer)) in zip(queues, producers).enumerated() {
                tasks.addTask {
                    let read: @Sendable (ConsumerBatch, Int) throws(KafkaError) -> Void = { batch, limit throws(KafkaError) in
                        if let queue {
                            try queue.consumeBlocking(into: batch, maxMessages: limit, timeout: .milliseconds(100))
                        } else {
                            try consumer.consumeBlocking(into: batch, maxMessages: limit, timeout: .milliseconds(100))
                        }
                    }
                    let (cpu, copied) = try await copy(
                        read: read, producer: producer, sink: sink, progress: progress, timeout: timeout)
                    return (index, cpu, copied)
                }
            }
            var total = 0.0
            var perThread = Array(repeating: 0, count: threads)
            for try await (index, seconds, copied) in tasks {
                total += seconds
                perThread[index] = copied
            }
            return (total, perThread)
        }
        for producer in producers {
            try await producer.flush(timeout: timeout)
            if let error = producer.takeFailedDeliveries().first?.error { throw error }
        }
        router.detach()
        try await consumer.close()
        let started = progress.started ?? clock.now
        return Result(messages: count, seconds: durationSeconds(clock.now - started), threadCPU: threadCPU, perThread: perThread)
    }

    /// One thread's loop on a thread of its own (it blocks in librdkafka); returns that thread's
    /// CPU seconds.
    private static func copy(
        read: @escaping @Sendable (ConsumerBatch, Int) throws(KafkaError) -> Void, producer: KafkaProducer,
        sink: String, progress: FloorProgress, timeout: Duration
    ) async throws -> (cpu: Double, copied: Int) {
        let thread = KafkaThread(name: "eddy-raw-floor")
        defer { thread.retire {} }
        return try await thread.run { () throws -> (cpu: Double, copied: Int) in
            let copied = try copyLoop(read: read, producer: producer, sink: sink, progress: progress, timeout: timeout)
            var ts = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
            return (Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9, copied)
        }
    }

    /// Copies until the threads together copied `progress.count` messages.
    private static func copyLoop(
        read: (ConsumerBatch, Int) throws(KafkaError) -> Void, producer: KafkaProducer, sink: String,
        progress: FloorProgress, timeout: Duration
    ) throws -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let batch = ConsumerBatch(capacity: 10_000)
        let outgoing = ProducerBatch(reservingBytes: 1 << 20, messages: 10_000)
        var copied = 0
        while case let remaining = progress.remaining, remaining > 0 {
            guard clock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "raw floor: only \(progress.count - remaining) of \(progress.count) messages arrived")
            }
            try read(batch, remaining)
            if batch.isEmpty { continue }
            progress.markStarted(clock.now)
            outgoing.removeAll()
            batch.forEach { message in
                outgoing.append(key: message.key, value: message.value, partition: message.partition)
            }
            let result = try producer.produceBatch(outgoing, topic: sink)
            if let rejected = result.rejected.first { throw rejected.error }
            progress.add(batch.count)
            copied += batch.count
        }
        return copied
    }

    private static func durationSeconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// Messages the threads copied so far, and when the first arrived.
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

/// Spreads the floor's partitions over its threads' queues at every assignment.
private final class FloorRouter: Sendable {
    private let state = Mutex<(consumer: KafkaConsumer?, queues: [ConsumerQueue?])>((nil, []))

    func attach(_ consumer: KafkaConsumer, queues: [ConsumerQueue?]) {
        state.withLock { $0 = (consumer, queues) }
    }

    /// Breaks the consumer → hook → router → consumer cycle.
    func detach() {
        state.withLock { $0 = (nil, []) }
    }

    func rebalanced(_ event: ConsumerEvent) {
        guard case .assigned(let partitions) = event else { return }
        state.withLock { state in
            guard let consumer = state.consumer else { return }
            let shares = PartitionSpread.spread(
                partitions, over: Array(repeating: Set(partitions.map(\.topic)), count: state.queues.count))
            for (share, queue) in zip(shares, state.queues) { consumer.route(share, to: queue) }
        }
    }
}
