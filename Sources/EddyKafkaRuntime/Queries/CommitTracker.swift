import EddyKafka

/// The offsets a query may commit: per source partition, the next offset after the last record
/// whose outputs were produced. A value type driven by the query's thread; tested without Kafka.
///
/// At-least-once: `pending` is committed only after the producers flushed, so a crash can repeat
/// the records since the last commit but never skip one.
///
/// Topics are numbered in the order the query names them, so the per-record update hashes no
/// strings.
public struct CommitTracker: Sendable {
    public let topics: [String]
    private var next: [[Int32: Int64]]
    private var committed: [[Int32: Int64]]

    public init(topics: [String]) {
        self.topics = topics
        next = Array(repeating: [:], count: topics.count)
        committed = Array(repeating: [:], count: topics.count)
    }

    public init(topic: String) { self.init(topics: [topic]) }

    public func index(of topic: String) -> Int? { topics.firstIndex(of: topic) }

    /// Records that `offset` was processed and its outputs queued.
    public mutating func processed(topic index: Int = 0, partition: Int32, offset: Int64) {
        next[index][partition] = offset + 1
    }

    /// Offsets that moved since the last commit, by topic then partition.
    public func pending(only partitions: Set<TopicPartition>? = nil) -> [TopicPartitionOffset] {
        var result: [TopicPartitionOffset] = []
        for (index, topic) in topics.enumerated() {
            for partition in next[index].keys.sorted() {
                let offset = next[index][partition]!
                guard committed[index][partition] != offset,
                      partitions?.contains(TopicPartition(topic, partition)) ?? true else { continue }
                result.append(TopicPartitionOffset(topic, partition, offset: offset))
            }
        }
        return result
    }

    public var hasPending: Bool { !pending().isEmpty }

    public mutating func markCommitted(_ offsets: [TopicPartitionOffset]) {
        for offset in offsets {
            guard let index = index(of: offset.topic) else { continue }
            committed[index][offset.partition] = offset.offset
        }
    }

    /// Drops partitions this member no longer owns (revoked or lost in a rebalance).
    public mutating func forget(_ partitions: [TopicPartition]) {
        for tp in partitions {
            guard let index = index(of: tp.topic) else { continue }
            next[index][tp.partition] = nil
            committed[index][tp.partition] = nil
        }
    }
}
