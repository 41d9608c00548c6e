/// A consumed record whose key and value bytes are borrowed from the transport's buffer (for
/// Kafka, librdkafka's message) for the duration of one `process` call, so decoding reads them
/// in place instead of from a per-record copy. Whoever needs the bytes later copies them
/// (`copy()`).
public struct RecordView {
    public var topic: String
    public var partition: Int32
    public var offset: Int64
    public var timestamp: Int64
    public var key: UnsafeRawBufferPointer?
    public var value: UnsafeRawBufferPointer?
    public var headers: [RecordHeader]

    public init(topic: String, partition: Int32, offset: Int64, timestamp: Int64,
                key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, headers: [RecordHeader] = []) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
        self.headers = headers
    }

    /// An owned record with copies of the bytes.
    public func copy() -> KafkaRecord {
        KafkaRecord(topic: topic, partition: partition, offset: offset, timestamp: timestamp,
                    key: key.map { [UInt8]($0) }, value: value.map { [UInt8]($0) }, headers: headers)
    }
}

extension KafkaRecord {
    /// Lends this record's bytes as a view for the duration of `body`.
    public func withView<R>(_ body: (RecordView) throws -> R) rethrows -> R {
        try withOptionalBytes(key) { key in
            try withOptionalBytes(value) { value in
                try body(RecordView(topic: topic, partition: partition, offset: offset, timestamp: timestamp,
                                    key: key, value: value, headers: headers))
            }
        }
    }
}

/// `bytes.withUnsafeBytes`, passing nil through.
public func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
    guard let bytes else { return try body(nil) }
    return try bytes.withUnsafeBytes { try body($0) }
}
