import CRdKafka

/// A queue of one consumer that a thread other than the consuming one reads: the messages of
/// the partitions routed to it (`KafkaConsumer.route`) arrive here instead of on the
/// consumer's own queue. One group member can so feed several threads, each draining its own
/// partitions in batches, while rebalances, errors and commit results stay on the consumer's
/// queue.
///
/// It keeps the consumer's client alive: the queue must be released before the client is.
public final class ConsumerQueue: Sendable {
    private let client: RDKafkaClient
    let queue: UnownedHandle

    init(client: RDKafkaClient) {
        self.client = client
        queue = UnownedHandle(raw: client.withHandle { rd_kafka_queue_new($0) })
    }

    deinit {
        rd_kafka_queue_destroy(queue.raw)
    }

    /// Fills `batch` as `KafkaConsumer.consumeBlocking` does, from this queue. Blocks: call it
    /// from the thread that owns the queue, never from a Swift task.
    public func consumeBlocking(into batch: ConsumerBatch, maxMessages: Int = .max, timeout: Duration) throws(KafkaError) {
        try batch.fill(from: queue.raw, limit: maxMessages, timeoutMs: timeout.milliseconds)
    }

    /// Makes a wait in `consumeBlocking` return now; safe from any thread.
    public func wakeup() {
        rd_kafka_queue_yield(queue.raw)
    }
}

extension KafkaConsumer {
    /// A new queue for `route`.
    public func makeQueue() -> ConsumerQueue {
        ConsumerQueue(client: client)
    }

    /// Sends the fetched messages of `partitions` to `queue`, or back to the consumer's own queue
    /// when nil. Call it from the rebalance hook before the assignment is applied (librdkafka then
    /// keeps the route when it starts fetching), or later for partitions already assigned.
    ///
    /// librdkafka drops a partition's route when the partition is revoked, and messages of a
    /// revoked partition still waiting in a queue are discarded when read (its version barrier),
    /// so a route is set again on every assignment.
    public func route(_ partitions: [TopicPartition], to queue: ConsumerQueue?) {
        client.withHandle { rk in
            for partition in partitions {
                guard let source = rd_kafka_queue_get_partition(rk, partition.topic, partition.partition) else { continue }
                rd_kafka_queue_forward(source, queue?.queue.raw ?? self.queue.raw)
                rd_kafka_queue_destroy(source)
            }
        }
    }
}

/// How one group member's partitions are shared by the threads reading them.
public enum PartitionSpread {
    /// Deals `partitions`, in topic and partition order, to the readers whose topics include
    /// theirs, in turn: with one topic each thread gets every N-th partition; a topic only the
    /// first reader reads (a query's repartition topic) all goes to it. Partitions no reader
    /// reads go to the first.
    public static func spread(_ partitions: [TopicPartition], over readers: [Set<String>]) -> [[TopicPartition]] {
        precondition(!readers.isEmpty, "nobody to read the partitions")
        var shares = Array(repeating: [TopicPartition](), count: readers.count)
        var turn: [String: Int] = [:]
        let ordered = partitions.sorted { ($0.topic, $0.partition) < ($1.topic, $1.partition) }
        for partition in ordered {
            let candidates = readers.indices.filter { readers[$0].contains(partition.topic) }
            guard !candidates.isEmpty else {
                shares[0].append(partition)
                continue
            }
            let next = turn[partition.topic, default: 0]
            shares[candidates[next % candidates.count]].append(partition)
            turn[partition.topic] = next + 1
        }
        return shares
    }
}
