import CRdKafka
import Logging

/// A librdkafka consumer, normally a member of a consumer group (`group.id`).
///
/// Messages are drained in batches into a reusable `ConsumerBatch`. Every blocking call
/// (consume, synchronous commit, seek, committed, close) runs on the consumer's own thread,
/// one at a time; rebalance callbacks therefore fire on that thread during `consume`.
/// Rebalances are reported through `events` and, synchronously, through `onRebalance`.
///
/// Offsets committed are the next offsets to read: the last processed offset plus one.
public final class KafkaConsumer: Sendable {
    let client: RDKafkaClient
    private let state: ConsumerState
    let queue: UnownedHandle
    private let worker: KafkaThread
    public let config: KafkaConfig

    /// Rebalances, async commit results and client errors. Single consumer; bounded buffer.
    public var events: AsyncStream<ConsumerEvent> { state.events }

    /// - Parameters:
    ///   - onRebalance: runs on the consumer's thread before librdkafka applies an assignment
    ///     change, e.g. to commit the offsets of partitions being revoked.
    ///   - afterRebalance: runs on the same thread once the change is applied (revoked partitions
    ///     no longer fetch; messages of theirs still queued are discarded when read).
    ///   - onError: client-level errors, also sent to `events`.
    ///   - earliestTopics: subscribed topics whose partitions without a committed offset start
    ///     at the beginning regardless of `auto.offset.reset` (internal repartition topics).
    public init(
        config: KafkaConfig, logger: Logger,
        onRebalance: (@Sendable (ConsumerEvent) -> Void)? = nil,
        afterRebalance: (@Sendable (ConsumerEvent) -> Void)? = nil,
        onError: (@Sendable (KafkaError) -> Void)? = nil,
        earliestTopics: Set<String> = []
    ) throws(KafkaError) {
        let state = ConsumerState(
            onRebalance: onRebalance, afterRebalance: afterRebalance, onError: onError, earliestTopics: earliestTopics)
        let context = ClientContext(logger: logger, onError: { state.error($0) })
        context.onRebalance = { state.rebalance($0, $1, $2) }
        context.onCommit = { state.committed($0, $1) }
        var config = config
        if config.groupID == nil {
            // librdkafka's consumer API (even assign) needs a group; a private one commits nothing shared.
            config.groupID = "eddy-anonymous-\(UInt64.random(in: 0...UInt64.max))"
        }
        let client = try RDKafkaClient(kind: .consumer, config: config, context: context)
        // Everything (errors, rebalances, commits) then arrives on the queue `consume` serves.
        try client.withHandle { (rk) throws(KafkaError) in try KafkaError.check(rd_kafka_poll_set_consumer(rk)) }
        self.client = client
        self.state = state
        self.config = config
        queue = UnownedHandle(raw: client.withHandle { rd_kafka_queue_get_consumer($0) })
        worker = KafkaThread(name: "eddy-consumer")
    }

    deinit {
        state.finish()
        // Destroying an open consumer leaves the group, which blocks; do it on the worker.
        worker.retire { [client, queue] in
            rd_kafka_queue_destroy(queue.raw)
            withExtendedLifetime(client) {}
        }
    }

    public var name: String { client.name }

    // MARK: Membership

    public func subscribe(_ topics: [String]) throws(KafkaError) {
        let list = PartitionList(topics.map { TopicPartition($0, -1) })
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(rd_kafka_subscribe(rk, list.pointer), "subscribe")
        }
    }

    public func unsubscribe() throws(KafkaError) {
        try client.withHandle { (rk) throws(KafkaError) in try KafkaError.check(rd_kafka_unsubscribe(rk), "unsubscribe") }
    }

    /// Takes partitions directly, without group management. Offsets may be logical
    /// (`KafkaOffset.beginning`, `.end`, `.stored`).
    public func assign(_ partitions: [TopicPartitionOffset]) throws(KafkaError) {
        let list = PartitionList(partitions)
        try client.withHandle { (rk) throws(KafkaError) in try KafkaError.check(rd_kafka_assign(rk, list.pointer), "assign") }
    }

    public func assignment() throws(KafkaError) -> [TopicPartition] {
        try client.withHandle { (rk) throws(KafkaError) in
            var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
            try KafkaError.check(rd_kafka_assignment(rk, &list), "assignment")
            defer { if let list { rd_kafka_topic_partition_list_destroy(list) } }
            return PartitionList.partitions(of: list)
        }
    }

    // MARK: Consuming

    /// Fills `batch` with up to `maxMessages` messages, waiting at most `timeout` for the first.
    /// An empty batch means the timeout passed.
    public func consume(
        into batch: ConsumerBatch, maxMessages: Int = .max, timeout: Duration = .milliseconds(100)
    ) async throws {
        let queue = self.queue
        let ms = timeout.milliseconds
        try await worker.run { [self] in
            try withExtendedLifetime(self) { try batch.fill(from: queue.raw, limit: maxMessages, timeoutMs: ms) }
        }
    }

    /// The blocking form of `consume`, for callers that run their own dedicated thread. Never
    /// call it from a Swift task, and never concurrently with other blocking calls.
    public func consumeBlocking(into batch: ConsumerBatch, maxMessages: Int = .max, timeout: Duration) throws(KafkaError) {
        try batch.fill(from: queue.raw, limit: maxMessages, timeoutMs: timeout.milliseconds)
    }

    /// Makes a `consume` blocked waiting for messages return now (with what it has, possibly
    /// nothing); one that is not blocked returns at once the next time it would wait. Safe from
    /// any thread: a loop asked to stop need not wait out its consume timeout.
    public func wakeup() {
        rd_kafka_queue_yield(queue.raw)
    }

    /// Leaves the group (revoking partitions through the rebalance path) and stops fetching.
    public func close() async throws {
        try await runBlocking { rk in try KafkaError.check(rd_kafka_consumer_close(rk), "close") }
        state.finish()
    }

    /// Runs a blocking librdkafka call on the consumer's thread.
    func runBlocking<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        let handle = client.unownedHandle
        return try await worker.run { [self] in
            try withExtendedLifetime(self) { try body(handle.raw) }
        }
    }
}
