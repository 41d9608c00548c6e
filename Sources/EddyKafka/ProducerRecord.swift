/// A Kafka record header. A nil value is a null header value.
public struct KafkaHeader: Sendable, Hashable {
    public var key: String
    public var value: [UInt8]?

    public init(_ key: String, _ value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}

/// An owned record to produce. A nil key or value is a Kafka null (a nil value is a tombstone).
public struct ProducerRecord: Sendable, Hashable {
    public var topic: String
    /// nil lets the configured partitioner choose.
    public var partition: Int32?
    public var key: [UInt8]?
    public var value: [UInt8]?
    /// Milliseconds since the epoch; nil means "now".
    public var timestamp: Int64?
    public var headers: [KafkaHeader]

    public init(
        topic: String, partition: Int32? = nil, key: [UInt8]? = nil, value: [UInt8]?,
        timestamp: Int64? = nil, headers: [KafkaHeader] = []
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.headers = headers
    }
}

/// The broker's answer for one produced message.
public struct DeliveryReport: Sendable, Hashable {
    /// The id `produce` returned for this message.
    public var id: UInt64
    public var topic: String
    public var partition: Int32
    /// The offset in the partition, or `KafkaOffset.invalid` if delivery failed.
    public var offset: Int64
    public var timestamp: Int64?
    public var error: KafkaError?

    public var succeeded: Bool { error == nil }
}
