import CRdKafka
#if canImport(Glibc)
import Glibc
#endif

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
    /// Committed-offset metadata: stored with a commit, returned by `committed` (Kafka Streams
    /// keeps a partition's stream time there).
    public var metadata: [UInt8]?

    public init(_ topic: String, _ partition: Int32, offset: Int64, error: KafkaError? = nil, metadata: [UInt8]? = nil) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.error = error
        self.metadata = metadata
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
            let element = rd_kafka_topic_partition_list_add(pointer, tpo.topic, tpo.partition)!
            element.pointee.offset = tpo.offset
            if let metadata = tpo.metadata, !metadata.isEmpty {
                // The list owns it: librdkafka frees an element's metadata with free().
                let copy = malloc(metadata.count)!
                metadata.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: metadata.count) }
                element.pointee.metadata = copy
                element.pointee.metadata_size = metadata.count
            }
        }
    }

    deinit { rd_kafka_topic_partition_list_destroy(pointer) }

    var offsets: [TopicPartitionOffset] { Self.offsets(of: pointer) }

    static func offsets(of list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [TopicPartitionOffset] {
        guard let list, let elements = list.pointee.elems else { return [] }
        return (0..<Int(list.pointee.cnt)).map { index in
            let element = elements[index]
            let error = element.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(element.err)
            var metadata: [UInt8]?
            if let bytes = element.metadata, element.metadata_size > 0 {
                metadata = Array(UnsafeRawBufferPointer(start: bytes, count: element.metadata_size))
            }
            return TopicPartitionOffset(
                String(cString: element.topic), element.partition, offset: element.offset, error: error,
                metadata: metadata)
        }
    }

    static func partitions(of list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [TopicPartition] {
        offsets(of: list).map(\.topicPartition)
    }
}
