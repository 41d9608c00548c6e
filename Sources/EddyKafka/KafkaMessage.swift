import CRdKafka

/// A consumed message, borrowed from librdkafka's buffer. Valid only inside the closure that
/// receives it (`ConsumerBatch.forEach`, `withMessage`); use `copy()` to keep it.
public struct KafkaMessageView {
    let message: UnsafeMutablePointer<rd_kafka_message_t>

    public var partition: Int32 { message.pointee.partition }
    public var offset: Int64 { message.pointee.offset }

    /// Identifies the message's topic without allocating (librdkafka's topic handle address, the
    /// same for every message of a topic while the consumer lives): a key for caching `topic`.
    public var topicID: UInt { UInt(bitPattern: message.pointee.rkt) }

    /// Allocates a String; consumers that know their topic should avoid it on hot paths.
    public var topic: String { String(cString: rd_kafka_topic_name(message.pointee.rkt)) }

    /// Milliseconds since the epoch (create or log-append time), nil if the broker sent none.
    public var timestamp: Int64? {
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let value = rd_kafka_message_timestamp(message, &type)
        return type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : value
    }

    /// The key bytes; nil for a null key.
    public var key: UnsafeRawBufferPointer? {
        let m = message.pointee
        guard let pointer = m.key else { return nil }
        return UnsafeRawBufferPointer(start: pointer, count: m.key_len)
    }

    /// The value bytes; nil for a null value (a tombstone).
    public var value: UnsafeRawBufferPointer? {
        let m = message.pointee
        guard let pointer = m.payload else { return nil }
        return UnsafeRawBufferPointer(start: pointer, count: m.len)
    }

    /// The headers, copied.
    public var headers: [KafkaHeader] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [] }
        var result: [KafkaHeader] = []
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
            result.append(KafkaHeader(name.map { String(cString: $0) } ?? "", bytes))
            index += 1
        }
        return result
    }

    /// An owned copy that can outlive the batch and cross threads.
    public func copy() -> KafkaMessage {
        KafkaMessage(
            topic: topic, partition: partition, offset: offset, timestamp: timestamp,
            key: key.map { Array($0) }, value: value.map { Array($0) }, headers: headers)
    }
}

/// An owned consumed message.
public struct KafkaMessage: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var timestamp: Int64?
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [KafkaHeader]

    public init(
        topic: String, partition: Int32, offset: Int64, timestamp: Int64?, key: [UInt8]?, value: [UInt8]?,
        headers: [KafkaHeader] = []
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
        self.headers = headers
    }
}
