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
    /// Next offset per topic, indexed by partition (-1: nothing processed): partitions are small
    /// dense numbers, so the per-record update is an array store instead of a hash.
    private var next: [[Int64]]
    private var committed: [[Int64]]

    public init(topics: [String]) {
        self.topics = topics
        next = Array(repeating: [], count: topics.count)
        committed = Array(repeating: [], count: topics.count)
    }

    public init(topic: String) { self.init(topics: [topic]) }

    public func index(of topic: String) -> Int? { topics.firstIndex(of: topic) }

    /// Records that `offset` was processed and its outputs queued.
    public mutating func processed(topic index: Int = 0, partition: Int32, offset: Int64) {
        guard partition >= 0 else { return }
        let p = Int(partition)
        if p >= next[index].count { Self.grow(&next[index], to: p) }
        next[index][p] = offset + 1
    }

    /// `processed` for every message of a consumed batch from one topic, called once the whole
    /// batch was processed and its outputs queued.
    public mutating func processed(all batch: ConsumerBatch, topic index: Int = 0) {
        processed(topic: index) { visit in batch.forEach { visit($0.partition, $0.offset) } }
    }

    /// `processed` for each (partition, offset) that `records` visits, in order. The offsets array
    /// is taken out of `next` for the loop, so its stores need no uniqueness check of the outer array.
    public mutating func processed(topic index: Int = 0, _ records: ((_ partition: Int32, _ offset: Int64) -> Void) -> Void) {
        var offsets: [Int64] = []
        swap(&offsets, &next[index])
        defer { swap(&offsets, &next[index]) }
        records { partition, offset in
            let p = Int(partition)
            guard p >= 0 else { return }
            if p >= offsets.count { Self.grow(&offsets, to: p) }
            offsets[p] = offset + 1
        }
    }

    private static func grow(_ offsets: inout [Int64], to partition: Int) {
        offsets.append(contentsOf: repeatElement(-1, count: partition + 1 - offsets.count))
    }

    /// Offsets that moved since the last commit, by topic then partition.
    public func pending(only partitions: Set<TopicPartition>? = nil) -> [TopicPartitionOffset] {
        var result: [TopicPartitionOffset] = []
        for (index, topic) in topics.enumerated() {
            for (p, offset) in next[index].enumerated() where offset >= 0 {
                let partition = Int32(p)
                let last = p < committed[index].count ? committed[index][p] : -1
                guard last != offset, partitions?.contains(TopicPartition(topic, partition)) ?? true else { continue }
                result.append(TopicPartitionOffset(topic, partition, offset: offset))
            }
        }
        return result
    }

    public var hasPending: Bool { !pending().isEmpty }

    public mutating func markCommitted(_ offsets: [TopicPartitionOffset]) {
        for offset in offsets {
            guard let index = index(of: offset.topic), offset.partition >= 0 else { continue }
            let p = Int(offset.partition)
            if p >= committed[index].count { Self.grow(&committed[index], to: p) }
            committed[index][p] = offset.offset
        }
    }

    /// Drops partitions this member no longer owns (revoked or lost in a rebalance).
    public mutating func forget(_ partitions: [TopicPartition]) {
        for tp in partitions {
            guard let index = index(of: tp.topic), tp.partition >= 0 else { continue }
            let p = Int(tp.partition)
            if p < next[index].count { next[index][p] = -1 }
            if p < committed[index].count { committed[index][p] = -1 }
        }
    }
}
