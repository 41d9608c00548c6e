/// A Kafka record as the runtime sees it: raw key and value bytes plus metadata.
/// `nil` key or value bytes are Kafka nulls (a null value is a tombstone for tables).
public struct KafkaRecord: Sendable, Hashable {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var timestamp: Int64
    public var key: [UInt8]?
    public var value: [UInt8]?
    public var headers: [RecordHeader]

    public init(topic: String, partition: Int32 = 0, offset: Int64 = 0, timestamp: Int64,
                key: [UInt8]?, value: [UInt8]?, headers: [RecordHeader] = []) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
        self.headers = headers
    }
}

public struct RecordHeader: Sendable, Hashable {
    public var key: String
    public var value: [UInt8]?

    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}
