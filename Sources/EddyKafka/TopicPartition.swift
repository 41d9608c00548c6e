import CRdKafka

public struct TopicPartition: Hashable, Sendable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(_ topic: String, _ partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    public var description: String { "\(topic)-\(partition)" }
}

/// A partition with an offset: a position, a commit or a seek target. Logical offsets use the
/// constants in `KafkaOffset`.
public struct TopicPartitionOffset: Hashable, Sendable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    /// Set by librdkafka when this partition failed in a multi-partition request.
    public var error: KafkaError?

    public init(_ topic: String, _ partition: Int32, offset: Int64, error: KafkaError? = nil) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.error = error
    }

    public var topicPartition: TopicPartition { TopicPartition(topic, partition) }

    public var description: String { "\(topic)-\(partition)@\(offset)" }
}

/// librdkafka's logical offsets.
public enum KafkaOffset {
    public static let beginning: Int64 = eddy_rd_kafka_offset_beginning()
    public static let end: Int64 = eddy_rd_kafka_offset_end()
    public static let stored: Int64 = eddy_rd_kafka_offset_stored()
    public static let invalid: Int64 = eddy_rd_kafka_offset_invalid()
}

/// An owned `rd_kafka_topic_partition_list_t`, destroyed in `deinit`.
final class PartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(capacity: Int) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(capacity, 1)))
    }

    convenience init(_ partitions: [TopicPartition]) {
        self.init(capacity: partitions.count)
        for tp in partitions { rd_kafka_topic_partition_list_add(pointer, tp.topic, tp.partition) }
    }

    convenience init(_ offsets: [TopicPartitionOffset]) {
        self.init(capacity: offsets.count)
        for tpo in offsets {
            rd_kafka_topic_partition_list_add(pointer, tpo.topic, tpo.partition).pointee.offset = tpo.offset
        }
    }

    deinit { rd_kafka_topic_partition_list_destroy(pointer) }

    var offsets: [TopicPartitionOffset] { Self.offsets(of: pointer) }

    static func offsets(of list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [TopicPartitionOffset] {
        guard let list, let elements = list.pointee.elems else { return [] }
        return (0..<Int(list.pointee.cnt)).map { index in
            let element = elements[index]
            let error = element.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(element.err)
            return TopicPartitionOffset(
                String(cString: element.topic), element.partition, offset: element.offset, error: error)
        }
    }

    static func partitions(of list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [TopicPartition] {
        offsets(of: list).map(\.topicPartition)
    }
}
