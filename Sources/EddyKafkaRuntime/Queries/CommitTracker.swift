import EddyKafka

/// The offsets a query may commit: per partition, the next offset after the last record whose
/// outputs were produced. A value type driven by the query's thread; tested without Kafka.
///
/// At-least-once: `pending` is committed only after the sink producer flushed, so a crash can
/// repeat the records since the last commit but never skip one.
public struct CommitTracker: Sendable {
    public let topic: String
    private var next: [Int32: Int64] = [:]
    private var committed: [Int32: Int64] = [:]

    public init(topic: String) {
        self.topic = topic
    }

    /// Records that `offset` of `partition` was processed and its outputs queued.
    public mutating func processed(partition: Int32, offset: Int64) {
        next[partition] = offset + 1
    }

    /// Offsets that moved since the last commit, sorted by partition.
    public func pending(only partitions: Set<Int32>? = nil) -> [TopicPartitionOffset] {
        next.keys.sorted().compactMap { partition in
            guard partitions?.contains(partition) ?? true, let offset = next[partition],
                  committed[partition] != offset else { return nil }
            return TopicPartitionOffset(topic, partition, offset: offset)
        }
    }

    public var hasPending: Bool { !pending().isEmpty }

    public mutating func markCommitted(_ offsets: [TopicPartitionOffset]) {
        for offset in offsets where offset.topic == topic { committed[offset.partition] = offset.offset }
    }

    /// Drops partitions this member no longer owns (revoked or lost in a rebalance).
    public mutating func forget(_ partitions: [TopicPartition]) {
        for tp in partitions where tp.topic == topic {
            next[tp.partition] = nil
            committed[tp.partition] = nil
        }
    }
}
