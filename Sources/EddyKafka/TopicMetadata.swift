import CRdKafka

public struct TopicMetadata: Sendable, Hashable {
    public var name: String
    public var partitions: [PartitionMetadata]
    /// Set when the broker reported this topic with an error (e.g. unknown topic).
    public var error: KafkaError?

    public var partitionCount: Int { partitions.count }
    /// The replication factor as seen in partition 0's replica list.
    public var replicationFactor: Int { partitions.first?.replicas.count ?? 0 }
    /// Kafka's own topics (`__consumer_offsets`, `__transaction_state`).
    public var isInternal: Bool { name.hasPrefix("__") }
}

public struct PartitionMetadata: Sendable, Hashable {
    public var id: Int32
    public var leader: Int32
    public var replicas: [Int32]
    public var inSyncReplicas: [Int32]
}

/// A topic to create.
public struct NewTopic: Sendable, Hashable {
    public var name: String
    public var partitions: Int32
    public var replicationFactor: Int16
    /// Topic-level configuration such as `cleanup.policy` or `retention.ms`.
    public var config: [String: String]

    public init(_ name: String, partitions: Int32, replicationFactor: Int16 = 1, config: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.config = config
    }
}

extension TopicMetadata {
    /// Copies the topics out of a `rd_kafka_metadata_t`.
    static func from(_ metadata: UnsafePointer<rd_kafka_metadata>) -> [TopicMetadata] {
        let md = metadata.pointee
        return (0..<Int(md.topic_cnt)).map { index in
            let topic = md.topics[index]
            let partitions = (0..<Int(topic.partition_cnt)).map { p in
                let partition = topic.partitions[p]
                return PartitionMetadata(
                    id: partition.id, leader: partition.leader,
                    replicas: Array(UnsafeBufferPointer(start: partition.replicas, count: Int(partition.replica_cnt))),
                    inSyncReplicas: Array(UnsafeBufferPointer(start: partition.isrs, count: Int(partition.isr_cnt))))
            }
            let error = topic.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(topic.err)
            return TopicMetadata(
                name: String(cString: topic.topic), partitions: partitions.sorted { $0.id < $1.id }, error: error)
        }
    }
}
